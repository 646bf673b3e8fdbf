import type { ClassRecord, DataSubject, PersonalDataItem, PluginContext, PluginPersonalData } from '@bureau/core';

const NONE = ['00000000-0000-0000-0000-000000000000'];
const day = (d: unknown) => (typeof d === 'string' ? d.slice(0, 10) : (d as Date).toISOString().slice(0, 10));

/** Lab orders (requisition, specimens, custody, results), counted from the day of the examination. */
export async function orderRecords(
  ctx: PluginContext,
  query: { triggeredBy?: string; ids?: readonly string[]; patientIds?: readonly string[] },
): Promise<(ClassRecord & { patientId: string })[]> {
  let q = ctx.db
    .selectFrom('medical.orders')
    .select(['id', 'number', 'patient_id', 'ordered_at'])
    .where('tenant_id', '=', ctx.tenant.id);
  if (query.ids) q = q.where('id', 'in', query.ids.length ? [...query.ids] : NONE);
  if (query.patientIds) q = q.where('patient_id', 'in', query.patientIds.length ? [...query.patientIds] : NONE);
  const rows = await q.orderBy('ordered_at').orderBy('id').execute();
  return rows
    .map((r) => ({
      id: r.id as string,
      label: r.number as string,
      triggerDate: day(new Date(r.ordered_at as string).toISOString()),
      entityType: 'medical.order',
      entityId: r.id as string,
      patientId: r.patient_id as string,
    }))
    .filter((r) => !query.triggeredBy || r.triggerDate <= (query.triggeredBy as string));
}

/**
 * Patients with no lab order left (their orders are disposed of first), counted from their last
 * order or, without one, from their registration.
 */
export async function patientRecords(
  ctx: PluginContext,
  query: { triggeredBy?: string; ids?: readonly string[]; withOrders?: boolean },
): Promise<(ClassRecord & { row: Record<string, unknown>; orders: number })[]> {
  let q = ctx.db
    .selectFrom('medical.patients as p')
    .leftJoin('medical.orders as o', (j) =>
      j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.patient_id', '=', 'p.id'),
    )
    .select((eb) => [
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.birth_date',
      'p.sex',
      'p.birth_number',
      'p.insurer',
      'p.created_at',
      eb.fn.max('o.ordered_at').as('last_order'),
      eb.fn.count('o.id').as('orders'),
    ])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .groupBy(['p.tenant_id', 'p.id']);
  if (query.ids) q = q.where('p.id', 'in', query.ids.length ? [...query.ids] : NONE);
  const rows = await q.orderBy('p.id').execute();
  return rows
    .map((r) => ({
      id: r.id as string,
      label: `${r.last_name} ${r.first_name}`,
      triggerDate: new Date((r.last_order ?? r.created_at) as string).toISOString().slice(0, 10),
      entityType: 'medical.patient',
      entityId: r.id as string,
      row: r,
      orders: Number(r.orders),
    }))
    .filter((r) => query.withOrders || r.orders === 0)
    .filter((r) => !query.triggeredBy || r.triggerDate <= (query.triggeredBy as string));
}

/** Deletes lab orders with everything recorded under them. */
export async function deleteOrders(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  const t = ctx.tenant.id;
  const orders = [...ids];
  const specimens = ctx.db
    .selectFrom('medical.specimens')
    .select('id')
    .where('tenant_id', '=', t)
    .where('order_id', 'in', orders);
  await ctx.db
    .deleteFrom('medical.clinic_notices')
    .where('tenant_id', '=', t)
    .where('order_id', 'in', orders)
    .execute();
  await ctx.db.deleteFrom('medical.results').where('tenant_id', '=', t).where('order_id', 'in', orders).execute();
  await ctx.db.deleteFrom('medical.order_tests').where('tenant_id', '=', t).where('order_id', 'in', orders).execute();
  await ctx.db.deleteFrom('medical.custody').where('tenant_id', '=', t).where('specimen_id', 'in', specimens).execute();
  // Aliquots first, then their parents.
  await ctx.db
    .deleteFrom('medical.specimens')
    .where('tenant_id', '=', t)
    .where('order_id', 'in', orders)
    .where('parent_id', 'is not', null)
    .execute();
  await ctx.db.deleteFrom('medical.specimens').where('tenant_id', '=', t).where('order_id', 'in', orders).execute();
  await ctx.db.deleteFrom('medical.orders').where('tenant_id', '=', t).where('id', 'in', orders).execute();
}

/** Deletes patients that have no lab order left (one with orders is kept). */
export async function deletePatients(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  await ctx.db
    .deleteFrom('medical.patients as p')
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.id', 'in', [...ids])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('medical.orders as o')
            .select('o.id')
            .whereRef('o.tenant_id', '=', 'p.tenant_id')
            .whereRef('o.patient_id', '=', 'p.id'),
        ),
      ),
    )
    .execute();
}

/** Patients who are the person: the same birth number, or the same name and date of birth. */
async function matchingPatients(ctx: PluginContext, subject: DataSubject) {
  const bn = subject.birthNumber?.replace(/\s|\//g, '');
  const name = subject.name?.trim().toLowerCase();
  if (!bn && !(name && subject.birthDate)) return [];
  const all = await patientRecords(ctx, { withOrders: true });
  return all.filter(
    (p) =>
      (bn && p.row.birth_number === bn) ||
      (name &&
        subject.birthDate &&
        day(p.row.birth_date) === subject.birthDate &&
        [`${p.row.first_name} ${p.row.last_name}`, `${p.row.last_name} ${p.row.first_name}`].some(
          (n) => n.toLowerCase() === name,
        )),
  );
}

const PATIENT_FIELDS = ['first_name', 'last_name', 'birth_date', 'sex', 'birth_number', 'insurer'];

/** A patient's identity and every lab order with its results. */
export const personalData: PluginPersonalData = {
  fields: {
    'medical.patient': PATIENT_FIELDS,
    'medical.order': ['clinician', 'clinical_note'],
    'medical.result': ['value', 'value_text', 'flag', 'comment'],
  },
  async export(ctx, subject) {
    const patients = await matchingPatients(ctx, subject);
    if (!patients.length) return [];
    const items: PersonalDataItem[] = patients.map((p) => ({
      recordClass: 'medical.patients',
      id: p.id,
      label: p.label,
      triggerDate: p.triggerDate,
      entityType: 'medical.patient',
      entityId: p.id,
      data: Object.fromEntries(PATIENT_FIELDS.map((f) => [f, f === 'birth_date' ? day(p.row[f]) : (p.row[f] ?? null)])),
    }));
    const orders = await orderRecords(ctx, { patientIds: patients.map((p) => p.id) });
    for (const o of orders) {
      const detail = await ctx.db
        .selectFrom('medical.orders')
        .select(['number', 'clinic_name', 'clinician', 'priority', 'clinical_note', 'ordered_at'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow();
      const results = await ctx.db
        .selectFrom('medical.results as r')
        .innerJoin('medical.tests as t', (j) =>
          j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.test_id'),
        )
        .select([
          't.code',
          't.name_en',
          't.name_cs',
          'r.status',
          'r.value',
          'r.value_text',
          'r.flag',
          'r.comment',
          'r.released_at',
          'r.version',
        ])
        .where('r.tenant_id', '=', ctx.tenant.id)
        .where('r.order_id', '=', o.id)
        .orderBy('t.code')
        .orderBy('r.version')
        .execute();
      items.push({
        recordClass: 'medical.lab-records',
        id: o.id,
        label: o.label,
        triggerDate: o.triggerDate,
        entityType: 'medical.order',
        entityId: o.id,
        data: { ...detail, ordered_at: new Date(detail.ordered_at as string).toISOString(), results },
      });
    }
    return items;
  },
  async erase(ctx, items) {
    await deleteOrders(
      ctx,
      items.filter((i) => i.recordClass === 'medical.lab-records').map((i) => i.id),
    );
    await deletePatients(
      ctx,
      items.filter((i) => i.recordClass === 'medical.patients').map((i) => i.id),
    );
  },
};
