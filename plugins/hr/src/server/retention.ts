import type { ClassRecord, DataSubject, PersonalDataItem, PluginContext, PluginPersonalData } from '@bureau/core';
import { anonymiseCandidates, candidateRecords } from './recruiting/retention.ts';
import { ymd, ymdOrNull } from './services/dates.ts';

const NONE = ['00000000-0000-0000-0000-000000000000'];

/**
 * Personnel files: one per employee, counted from the end of employment (null while employed).
 * Anonymised ones (no birth number, name replaced) are not listed again.
 */
export async function personnelRecords(
  ctx: PluginContext,
  query: { triggeredBy?: string; ids?: readonly string[] },
): Promise<(ClassRecord & { row: Record<string, any> })[]> {
  let q = ctx.db
    .selectFrom('hr.employees')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('first_name', '<>', ANONYMOUS);
  if (query.ids) q = q.where('id', 'in', query.ids.length ? [...query.ids] : NONE);
  const rows = await q.orderBy('number').orderBy('id').execute();
  return rows
    .map((r) => ({
      id: r.id as string,
      label: `${r.number} ${r.last_name} ${r.first_name}`,
      triggerDate: r.status === 'left' ? ymdOrNull(r.end_date) : null,
      entityType: 'hr.employee',
      entityId: r.id as string,
      row: r,
    }))
    .filter((r) => !query.triggeredBy || (r.triggerDate !== null && r.triggerDate <= query.triggeredBy));
}

const ANONYMOUS = '—';

/**
 * Anonymises personnel files: the row stays (payslips and the payroll ledger keep their own copy of
 * the identity for the pension-insurance period), personal data and children go.
 */
export async function anonymiseEmployees(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  const t = ctx.tenant.id;
  await ctx.db
    .deleteFrom('hr.children')
    .where('tenant_id', '=', t)
    .where('employee_id', 'in', [...ids])
    .execute();
  await ctx.db
    .updateTable('hr.employees')
    .set({
      first_name: ANONYMOUS,
      last_name: ANONYMOUS,
      birth_date: null,
      birth_number: null,
      email: null,
      phone: null,
      street: null,
      city: null,
      postal_code: null,
      iban: null,
      health_insurer: null,
      note: null,
      manager_id: null,
    })
    .where('tenant_id', '=', t)
    .where('id', 'in', [...ids])
    .execute();
  await ctx.db
    .updateTable('hr.employees')
    .set({ manager_id: null })
    .where('tenant_id', '=', t)
    .where('manager_id', 'in', [...ids])
    .execute();
}

export const EMPLOYEE_FIELDS = [
  'first_name',
  'last_name',
  'birth_date',
  'birth_number',
  'email',
  'phone',
  'street',
  'city',
  'postal_code',
  'country',
  'iban',
  'health_insurer',
  'tax_declaration',
  'department',
  'position',
  'note',
];

/** Employees who are the person: the same birth number or e-mail, or the same name and birth date. */
async function matching(ctx: PluginContext, subject: DataSubject) {
  const bn = subject.birthNumber?.replace(/\s|\//g, '');
  const email = subject.email?.toLowerCase();
  const name = subject.name?.trim().toLowerCase();
  if (!bn && !email && !(name && subject.birthDate)) return [];
  const all = await personnelRecords(ctx, {});
  return all.filter(
    ({ row }) =>
      (bn && row.birth_number === bn) ||
      (email && String(row.email ?? '').toLowerCase() === email) ||
      (name &&
        subject.birthDate &&
        row.birth_date &&
        ymd(row.birth_date) === subject.birthDate &&
        [`${row.first_name} ${row.last_name}`, `${row.last_name} ${row.first_name}`].some(
          (n) => n.toLowerCase() === name,
        )),
  );
}

const CANDIDATE_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'source', 'note', 'consent_until'];

/** Applications of the person: the same e-mail, or (when no e-mail is given) the same full name. */
async function matchingCandidates(ctx: PluginContext, subject: DataSubject) {
  const email = subject.email?.toLowerCase();
  const name = subject.name?.trim().toLowerCase();
  if (!email && !name) return [];
  const all = await candidateRecords(ctx, {});
  return all.filter(({ row }) =>
    email
      ? String(row.email ?? '').toLowerCase() === email
      : [`${row.first_name} ${row.last_name}`, `${row.last_name} ${row.first_name}`].some(
          (n) => n.toLowerCase() === name,
        ),
  );
}

/** An employee's personal file: identity, children and contracts; erasure anonymises it. */
export const personalData: PluginPersonalData = {
  fields: {
    'hr.employee': EMPLOYEE_FIELDS,
    'hr.candidate': CANDIDATE_FIELDS,
  },
  async export(ctx, subject) {
    const found = await matching(ctx, subject);
    const items: PersonalDataItem[] = [];
    for (const p of found) {
      const t = ctx.tenant.id;
      const children = await ctx.db
        .selectFrom('hr.children')
        .select(['name', 'birth_date', 'disabled'])
        .where('tenant_id', '=', t)
        .where('employee_id', '=', p.id)
        .execute();
      const contracts = await ctx.db
        .selectFrom('hr.contracts')
        .select([
          'type',
          'start_date',
          'end_date',
          'weekly_hours',
          'salary_type',
          'monthly_salary_minor',
          'hourly_rate_minor',
        ])
        .where('tenant_id', '=', t)
        .where('employee_id', '=', p.id)
        .execute();
      items.push({
        recordClass: 'hr.personnel-files',
        id: p.id,
        label: p.label,
        triggerDate: p.triggerDate,
        entityType: 'hr.employee',
        entityId: p.id,
        data: {
          ...Object.fromEntries(
            EMPLOYEE_FIELDS.map((f) => [f, f === 'birth_date' ? ymdOrNull(p.row[f]) : (p.row[f] ?? null)]),
          ),
          children: children.map((c) => ({ name: c.name, birth_date: ymd(c.birth_date), disabled: c.disabled })),
          contracts: contracts.map((c) => ({
            ...c,
            start_date: ymd(c.start_date),
            end_date: ymdOrNull(c.end_date),
            weekly_hours: String(Number(c.weekly_hours)),
            monthly_salary_minor: c.monthly_salary_minor === null ? null : String(c.monthly_salary_minor),
            hourly_rate_minor: c.hourly_rate_minor === null ? null : String(c.hourly_rate_minor),
          })),
        },
      });
    }
    for (const c of await matchingCandidates(ctx, subject)) {
      items.push({
        recordClass: 'hr.candidates',
        id: c.id,
        label: c.label,
        triggerDate: c.triggerDate,
        entityType: 'hr.candidate',
        entityId: c.id,
        data: {
          ...Object.fromEntries(
            CANDIDATE_FIELDS.map((f) => [f, f === 'consent_until' ? ymdOrNull(c.row[f]) : (c.row[f] ?? null)]),
          ),
          status: c.row.status,
          applied: new Date(c.row.created_at).toISOString(),
          closed_on: ymdOrNull(c.row.closed_on),
        },
      });
    }
    return items;
  },
  async erase(ctx, items) {
    await anonymiseEmployees(
      ctx,
      items.filter((i) => i.recordClass === 'hr.personnel-files').map((i) => i.id),
    );
    await anonymiseCandidates(
      ctx,
      items.filter((i) => i.recordClass === 'hr.candidates').map((i) => i.id),
    );
  },
};
