import { newId, notFound, type PluginContext, z } from '@bureau/core';
import { m } from '../messages.ts';
import { specimenWorkflow } from '../workflows.ts';
import { loadPanels, loadTests, type Test, unknownTests } from './catalogue.ts';
import { resolveClinic } from './clinics.ts';

export const Priority = z.enum(['routine', 'urgent', 'stat']);

export const OrderInput = z
  .object({
    patientId: z.uuid(),
    tests: z.array(z.string().trim().min(1).max(32)).min(1).max(100),
    priority: Priority.optional(),
    clinicalNote: z.string().trim().max(1000).optional(),
    clinician: z.string().trim().min(1).max(120).optional(),
    clinicPartyId: z.uuid().optional(),
    clinicName: z.string().trim().min(1).max(200).optional(),
    collectedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .openapi('MedicalOrderInput');
export type OrderInput = z.infer<typeof OrderInput>;

export const CreatedSpecimen = z.object({
  id: z.string(),
  barcode: z.string(),
  specimenType: z.string(),
  container: z.string().nullable(),
  tests: z.array(z.string()),
});
export const CreatedOrder = z
  .object({ id: z.string(), number: z.string(), specimens: z.array(CreatedSpecimen) })
  .openapi('MedicalCreatedOrder');
export type CreatedOrder = z.infer<typeof CreatedOrder>;

/** Takes the next number of a tenant's sequence (orders, specimens); the row lock serialises callers. */
async function nextSeq(ctx: PluginContext, column: 'order_seq' | 'specimen_seq'): Promise<number> {
  await ctx.db
    .insertInto('medical.settings')
    .values({ tenant_id: ctx.tenant.id })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  const row = await ctx.db
    .updateTable('medical.settings')
    .set((eb) => ({ [column]: eb(column, '+', 1) }))
    .where('tenant_id', '=', ctx.tenant.id)
    .returning(column)
    .executeTakeFirstOrThrow();
  return Number(row[column]);
}

/** Ordered codes with panels expanded to their tests, in order, without repeats. */
async function expandTests(ctx: PluginContext, codes: readonly string[]): Promise<Test[]> {
  const panels = await loadPanels(ctx);
  const wanted: string[] = [];
  for (const code of codes) {
    const panel = panels.find((p) => p.code === code);
    for (const c of panel ? panel.tests : [code]) if (!wanted.includes(c)) wanted.push(c);
  }
  const tests = await loadTests(ctx, wanted);
  const missing = wanted.filter((c) => !tests.some((t) => t.code === c && t.active));
  if (missing.length) throw unknownTests(missing);
  return wanted.map((c) => tests.find((t) => t.code === c) as Test);
}

/**
 * Places an order: checks the patient and the tests (panels expand), then makes one specimen per
 * specimen type and container, each with a barcode (`L` + year + six digits, unique in the tenant)
 * for its label. All or nothing.
 */
export async function createOrder(
  ctx: PluginContext,
  input: OrderInput,
  extra: { source?: 'manual' | 'fhir'; externalId?: string } = {},
): Promise<CreatedOrder> {
  const { db, tenant } = ctx;
  const patient = await db
    .selectFrom('medical.patients')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', input.patientId)
    .executeTakeFirst();
  if (!patient) throw notFound(m.patient_not_found);
  const tests = await expandTests(ctx, input.tests);
  const clinic = await resolveClinic(ctx, input);

  const now = ctx.now();
  const year = now.getUTCFullYear();
  const id = newId();
  const number = `${year}-${String(await nextSeq(ctx, 'order_seq')).padStart(6, '0')}`;
  await db
    .insertInto('medical.orders')
    .values({
      tenant_id: tenant.id,
      id,
      number,
      patient_id: input.patientId,
      clinic_party_id: clinic?.partyId ?? null,
      clinic_name: clinic?.name ?? null,
      clinician: input.clinician ?? null,
      priority: input.priority ?? 'routine',
      clinical_note: input.clinicalNote ?? null,
      source: extra.source ?? 'manual',
      external_id: extra.externalId ?? null,
      ordered_at: now,
      ordered_by: ctx.actor?.userId ?? null,
    })
    .execute();

  const groups = new Map<string, Test[]>();
  for (const t of tests) {
    const key = `${t.specimenType}\u0000${t.container ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const specimens: CreatedOrder['specimens'] = [];
  const collectedAt = input.collectedAt ? new Date(input.collectedAt) : now;
  for (const group of groups.values()) {
    const first = group[0] as Test;
    const specimenId = newId();
    const barcode = `L${String(year).slice(2)}${String(await nextSeq(ctx, 'specimen_seq')).padStart(6, '0')}`;
    await db
      .insertInto('medical.specimens')
      .values({
        tenant_id: tenant.id,
        id: specimenId,
        order_id: id,
        barcode,
        specimen_type: first.specimenType,
        container: first.container,
        status: specimenWorkflow.initial,
        collected_at: collectedAt,
        created_at: now,
      })
      .execute();
    await ctx.workflow(specimenWorkflow).start(specimenId);
    await db
      .insertInto('medical.custody')
      .values({
        tenant_id: tenant.id,
        id: newId(),
        specimen_id: specimenId,
        action: 'collect',
        at: collectedAt,
        actor_id: ctx.actor?.userId ?? null,
        actor_label: ctx.actor?.label ?? null,
        location: clinic?.name ?? null,
      })
      .execute();
    await db
      .insertInto('medical.order_tests')
      .values(group.map((t) => ({ tenant_id: tenant.id, order_id: id, test_id: t.id, specimen_id: specimenId })))
      .execute();
    specimens.push({
      id: specimenId,
      barcode,
      specimenType: first.specimenType,
      container: first.container,
      tests: group.map((t) => t.code),
    });
  }
  await ctx.audit({
    action: 'medical.order_created',
    entityType: 'medical.order',
    entityId: id,
    after: {
      number,
      tests: tests.map((t) => t.code),
      priority: input.priority ?? 'routine',
      specimens: specimens.length,
    },
  });
  return { id, number, specimens };
}
