import { type PluginContext, z } from '@bureau/core';
import { type Patient, toPatient } from '../routes/patients.ts';
import { loadTests, type Test } from './catalogue.ts';
import { fixed, iso, ymd } from './decimal.ts';

export const ResultView = z
  .object({
    id: z.string(),
    specimenId: z.string(),
    orderId: z.string(),
    test: z.string(),
    version: z.number(),
    status: z.string(),
    value: z.string().nullable(),
    valueText: z.string().nullable(),
    unit: z.string(),
    flag: z.enum(['H', 'L', 'HH', 'LL']).nullable(),
    refLow: z.string().nullable(),
    refHigh: z.string().nullable(),
    deltaPercent: z.number().nullable(),
    comment: z.string().nullable(),
    amendReason: z.string().nullable(),
    worksheetId: z.string().nullable(),
    enteredBy: z.string().nullable(),
    enteredAt: z.string(),
    callbackTo: z.string().nullable(),
    callbackAt: z.string().nullable(),
    releasedBy: z.string().nullable(),
    releasedByLabel: z.string().nullable(),
    releasedAt: z.string().nullable(),
    releaseRule: z.string().nullable(),
  })
  .openapi('MedicalResult');
export type ResultView = z.infer<typeof ResultView>;

export const SpecimenView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    barcode: z.string(),
    specimenType: z.string(),
    container: z.string().nullable(),
    status: z.string(),
    collectedAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    storageLocation: z.string().nullable(),
    disposalDate: z.string().nullable(),
    parentId: z.string().nullable(),
    tests: z.array(z.string()),
  })
  .openapi('MedicalSpecimen');
export type SpecimenView = z.infer<typeof SpecimenView>;

export const OrderView = z
  .object({
    id: z.string(),
    number: z.string(),
    priority: z.enum(['routine', 'urgent', 'stat']),
    clinicalNote: z.string().nullable(),
    clinician: z.string().nullable(),
    clinicPartyId: z.string().nullable(),
    clinicName: z.string().nullable(),
    /** What the clinic was told: e-mailed, or "call" when its party has no address. */
    clinicNotices: z.array(
      z.object({
        kind: z.enum(['rejected', 'critical']),
        channel: z.enum(['email', 'call']),
        sentTo: z.string().nullable(),
        at: z.string(),
        barcode: z.string(),
        test: z.string().nullable(),
      }),
    ),
    orderedAt: z.string(),
    source: z.string(),
    patient: z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      birthDate: z.string(),
      sex: z.enum(['male', 'female', 'other', 'unknown']),
      birthNumber: z.string().nullable(),
      insurer: z.string().nullable(),
    }),
    specimens: z.array(SpecimenView),
    results: z.array(ResultView),
  })
  .openapi('MedicalOrder');
export type OrderView = z.infer<typeof OrderView>;

export function toResult(r: Record<string, any>, test: Pick<Test, 'code' | 'unit' | 'decimals'>): ResultView {
  return {
    id: r.id,
    specimenId: r.specimen_id,
    orderId: r.order_id,
    test: test.code,
    version: r.version,
    status: r.status,
    value: fixed(r.value, test.decimals),
    valueText: r.value_text ?? null,
    unit: test.unit,
    flag: r.flag ?? null,
    refLow: fixed(r.ref_low, test.decimals),
    refHigh: fixed(r.ref_high, test.decimals),
    deltaPercent: r.delta_percent == null ? null : Number(r.delta_percent),
    comment: r.comment ?? null,
    amendReason: r.amend_reason ?? null,
    worksheetId: r.worksheet_id ?? null,
    enteredBy: r.entered_by ?? null,
    enteredAt: iso(r.entered_at) as string,
    callbackTo: r.callback_to ?? null,
    callbackAt: iso(r.callback_at),
    releasedBy: r.released_by ?? null,
    releasedByLabel: r.released_by_label ?? null,
    releasedAt: iso(r.released_at),
    releaseRule: r.release_rule ?? null,
  };
}

export function toSpecimen(s: Record<string, any>, tests: string[]): SpecimenView {
  return {
    id: s.id,
    orderId: s.order_id,
    barcode: s.barcode,
    specimenType: s.specimen_type,
    container: s.container ?? null,
    status: s.status,
    collectedAt: iso(s.collected_at),
    receivedAt: iso(s.received_at),
    rejectionReason: s.rejection_reason ?? null,
    storageLocation: s.storage_location ?? null,
    disposalDate: s.disposal_date ? ymd(s.disposal_date) : null,
    parentId: s.parent_id ?? null,
    tests,
  };
}

export interface OrderBundle {
  order: OrderView;
  patient: Patient;
  tests: Test[];
}

/**
 * An order with its patient, specimens and every version of its results (oldest first), or null.
 * Audits the read of the patient and of each result (special-category data).
 */
export async function orderDetail(ctx: PluginContext, id: string): Promise<OrderBundle | null> {
  const { db, tenant } = ctx;
  const o = await db
    .selectFrom('medical.orders')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!o) return null;
  const p = await db
    .selectFrom('medical.patients')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', o.patient_id)
    .executeTakeFirstOrThrow();
  const specimens = await db
    .selectFrom('medical.specimens')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('order_id', '=', id)
    .orderBy('barcode')
    .execute();
  const orderTests = await db
    .selectFrom('medical.order_tests as ot')
    .innerJoin('medical.tests as t', (j) =>
      j.onRef('t.tenant_id', '=', 'ot.tenant_id').onRef('t.id', '=', 'ot.test_id'),
    )
    .select(['ot.specimen_id', 't.code'])
    .where('ot.tenant_id', '=', tenant.id)
    .where('ot.order_id', '=', id)
    .execute();
  const results = await db
    .selectFrom('medical.results')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('order_id', '=', id)
    .orderBy('entered_at')
    .orderBy('version')
    .execute();
  const notices = await db
    .selectFrom('medical.clinic_notices')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('order_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const codes = [...new Set(orderTests.map((t) => t.code))];
  const tests = await loadTests(ctx, codes);
  const byId = new Map(tests.map((t) => [t.id, t]));
  const patient = toPatient(p);
  await ctx.auditRead('medical.patient', patient.id);
  for (const r of results) await ctx.auditRead('medical.result', r.id);
  return {
    patient,
    tests,
    order: {
      id: o.id,
      number: o.number,
      priority: o.priority,
      clinicalNote: o.clinical_note ?? null,
      clinician: o.clinician ?? null,
      clinicPartyId: o.clinic_party_id ?? null,
      clinicName: o.clinic_name ?? null,
      clinicNotices: notices.map((n) => {
        const result = results.find((r) => r.id === n.result_id);
        return {
          kind: n.kind,
          channel: n.channel,
          sentTo: n.sent_to ?? null,
          at: iso(n.created_at) as string,
          barcode: specimens.find((s) => s.id === n.specimen_id)?.barcode ?? '',
          test: result ? (byId.get(result.test_id)?.code ?? null) : null,
        };
      }),
      orderedAt: iso(o.ordered_at) as string,
      source: o.source,
      patient,
      specimens: specimens.map((s) =>
        toSpecimen(
          s,
          orderTests.filter((t) => t.specimen_id === s.id).map((t) => t.code),
        ),
      ),
      results: results.map((r) => toResult(r, byId.get(r.test_id) as Test)),
    },
  };
}
