import { badRequest, dateText, type FieldError, fieldError, newId, type PluginContext, problem } from '@bureau/core';
import { z } from 'zod';
import { m } from '../messages.ts';
import { ymd, ymdOrNull } from '../services/dates.ts';
import { defaultEntitlement, leaveDays } from './days.ts';

export const LEAVE_KINDS = ['holiday', 'sick', 'other'] as const;
export const LeaveInput = z.object({
  employeeId: z.uuid(),
  kind: z.enum(LEAVE_KINDS),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  note: z.string().trim().max(500).optional(),
});
export type LeaveInput = z.infer<typeof LeaveInput>;

export interface Balance {
  year: number;
  entitlement: number;
  approved: number;
  requested: number;
  remaining: number;
}

/** Holiday balance in working days: the year's entitlement less approved (and pending) holiday. */
export async function balance(ctx: PluginContext, employeeId: string, year: number): Promise<Balance> {
  const t = ctx.tenant.id;
  const own = await ctx.db
    .selectFrom('hr.leave_entitlements')
    .select('days')
    .where('tenant_id', '=', t)
    .where('employee_id', '=', employeeId)
    .where('year', '=', year)
    .executeTakeFirst();
  let entitlement = own ? Number(own.days) : 0;
  if (!own) {
    const e = await ctx.db
      .selectFrom('hr.employees')
      .select(['start_date', 'end_date'])
      .where('tenant_id', '=', t)
      .where('id', '=', employeeId)
      .executeTakeFirst();
    const hpp = await ctx.db
      .selectFrom('hr.contracts')
      .select('id')
      .where('tenant_id', '=', t)
      .where('employee_id', '=', employeeId)
      .where('type', '=', 'hpp')
      .executeTakeFirst();
    // Holiday belongs to employment contracts; agreements (DPP, DPČ) have none unless set.
    if (e && hpp) entitlement = defaultEntitlement(year, ymd(e.start_date), ymdOrNull(e.end_date));
  }
  const rows = await ctx.db
    .selectFrom('hr.leave_requests')
    .select(['status', 'days'])
    .where('tenant_id', '=', t)
    .where('employee_id', '=', employeeId)
    .where('kind', '=', 'holiday')
    .where('status', 'in', ['requested', 'approved'])
    .where('start_date', '>=', `${year}-01-01`)
    .where('start_date', '<=', `${year}-12-31`)
    .execute();
  const sum = (s: string) => rows.filter((r) => r.status === s).reduce((a, r) => a + Number(r.days), 0);
  const approved = sum('approved');
  const requested = sum('requested');
  return { year, entitlement, approved, requested, remaining: entitlement - approved - requested };
}

/** Checks dates, employment, overlaps and the balance; writes the request (requested). */
export async function requestLeave(ctx: PluginContext, input: LeaveInput): Promise<string> {
  const t = ctx.tenant.id;
  const errors: FieldError[] = [];
  if (input.endDate < input.startDate) errors.push(fieldError('endDate', m.end_before_start));
  if (input.startDate.slice(0, 4) !== input.endDate.slice(0, 4)) errors.push(fieldError('endDate', m.leave_one_year));
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);
  const employee = await ctx.db
    .selectFrom('hr.employees')
    .select(['id', 'start_date', 'end_date', 'first_name', 'last_name'])
    .where('tenant_id', '=', t)
    .where('id', '=', input.employeeId)
    .executeTakeFirst();
  if (!employee) throw problem(404, m.employee_not_found);
  const start = ymd(employee.start_date);
  const end = ymdOrNull(employee.end_date);
  if (input.startDate < start || (end && input.endDate > end))
    throw problem(409, m.leave_outside_employment, { from: start, to: end ?? '…' });
  const days = leaveDays(input.startDate, input.endDate);
  if (days === 0) throw problem(400, m.leave_no_working_day);
  const overlap = await ctx.db
    .selectFrom('hr.leave_requests')
    .select(['start_date', 'end_date'])
    .where('tenant_id', '=', t)
    .where('employee_id', '=', input.employeeId)
    .where('status', 'in', ['requested', 'approved'])
    .where('start_date', '<=', input.endDate)
    .where('end_date', '>=', input.startDate)
    .executeTakeFirst();
  if (overlap) throw problem(409, m.leave_overlaps, { from: ymd(overlap.start_date), to: ymd(overlap.end_date) });
  if (input.kind === 'holiday') {
    const b = await balance(ctx, input.employeeId, Number(input.startDate.slice(0, 4)));
    if (days > b.remaining) throw problem(409, m.leave_exceeds_balance, { remaining: b.remaining, days });
  }
  const id = newId();
  await ctx.db
    .insertInto('hr.leave_requests')
    .values({
      tenant_id: t,
      id,
      employee_id: input.employeeId,
      kind: input.kind,
      start_date: input.startDate,
      end_date: input.endDate,
      days: String(days),
      status: 'requested',
      note: input.note ?? null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.audit({ action: 'hr.leave.requested', entityType: 'hr.leave', entityId: id, after: { ...input, days } });
  // Whoever may approve it hears of it (inbox, e-mail per their settings); the kind stays out (sick leave is masked).
  await ctx.notify({
    to: { permission: 'hr.leave.approve' },
    category: 'hr.leave_waiting',
    title: m.leave_waiting,
    body: m.leave_waiting_body,
    params: {
      employee: `${employee.first_name} ${employee.last_name}`,
      from: dateText(input.startDate),
      to: dateText(input.endDate),
      days,
    },
    link: `/hr/leave/${id}`,
  });
  return id;
}
