import { badRequest, dateText, type FieldError, fieldError, newId, type PluginContext, problem } from '@bureau/core';
import { z } from 'zod';
import { HOLIDAY_CZ } from '../data/holiday-cz.ts';
import { m } from '../messages.ts';
import { ymd, ymdOrNull } from '../services/dates.ts';
import { agreementYears } from './agreements.ts';
import { agreementHolidayEntitlement, type Entitlement, holidayEntitlement, leaveHours } from './hours.ts';
import { dailyHours, scheduleOf } from './schedule.ts';

export const LEAVE_KINDS = ['holiday', 'sick', 'other', 'unpaid'] as const;
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
  /** Hours of a working day (the weekly time / 5): the days below are the hours divided by it. */
  dailyHours: number;
  entitlementHours: number;
  approvedHours: number;
  requestedHours: number;
  remainingHours: number;
  entitlement: number;
  approved: number;
  requested: number;
  remaining: number;
  /**
   * `set` by HR, else computed: the whole `year`, a `pro_rata` part, earned under an `agreement`
   * (DPP, DPČ) only, or `none`.
   */
  basis: 'set' | Entitlement['basis'] | 'agreement';
  weeksWorked: number | null;
  weeks: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Holiday balance in hours (days derived at the day's hours): the year's entitlement (set by HR, else
 * computed from the employment contracts and the approved absence, zákoník práce § 212–§ 213) less
 * approved and pending holiday.
 */
export async function balance(
  ctx: PluginContext,
  employeeId: string,
  year: number,
  /** Agreement hours of a payslip being calculated now, per contract (agreements.ts). */
  pendingAgreementHours?: ReadonlyMap<string, number>,
): Promise<Balance> {
  const t = ctx.tenant.id;
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const own = await ctx.db
    .selectFrom('hr.leave_entitlements')
    .select(['hours', 'weeks'])
    .where('tenant_id', '=', t)
    .where('employee_id', '=', employeeId)
    .where('year', '=', year)
    .executeTakeFirst();
  const schedule = await scheduleOf(ctx, employeeId, first, last);
  const rows = await ctx.db
    .selectFrom('hr.leave_requests')
    .select(['status', 'kind', 'hours', 'start_date', 'end_date'])
    .where('tenant_id', '=', t)
    .where('employee_id', '=', employeeId)
    .where('status', 'in', ['requested', 'approved'])
    .where('start_date', '>=', first)
    .where('start_date', '<=', last)
    .execute();
  const weeks = own?.weeks == null ? HOLIDAY_CZ.weeks.value : Number(own.weeks);
  const computed = holidayEntitlement(
    year,
    schedule.employment,
    rows
      .filter((r) => r.status === 'approved')
      .map((r) => ({ kind: r.kind, startDate: ymd(r.start_date), endDate: ymd(r.end_date) })),
    weeks,
  );
  const agreements = (await agreementYears(ctx, employeeId, year, pendingAgreementHours)).map((a) =>
    agreementHolidayEntitlement(year, a, weeks),
  );
  const agreementHours = agreements.reduce((s, a) => s + a.hours, 0);
  const byAgreement = computed.basis === 'none' && agreementHours > 0;
  const computedBasis = byAgreement ? 'agreement' : computed.basis;
  const computedWeeks = byAgreement ? agreements.reduce((s, a) => s + a.weeksWorked, 0) : computed.weeksWorked;
  const entitlementHours = own?.hours == null ? computed.hours + agreementHours : Number(own.hours);
  const sum = (s: string) =>
    rows.filter((r) => r.kind === 'holiday' && r.status === s).reduce((a, r) => a + Number(r.hours), 0);
  const approvedHours = round2(sum('approved'));
  const requestedHours = round2(sum('requested'));
  const remainingHours = round2(entitlementHours - approvedHours - requestedHours);
  const daily = dailyHours(schedule, last < ymd(ctx.now()) ? last : ymd(ctx.now()));
  const d = (h: number) => round2(h / daily);
  return {
    year,
    dailyHours: round2(daily),
    entitlementHours,
    approvedHours,
    requestedHours,
    remainingHours,
    entitlement: d(entitlementHours),
    approved: d(approvedHours),
    requested: d(requestedHours),
    remaining: d(remainingHours),
    basis: own?.hours == null ? computedBasis : 'set',
    weeksWorked: own?.hours == null ? computedWeeks : null,
    weeks,
  };
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
  const schedule = await scheduleOf(ctx, input.employeeId, input.startDate, input.endDate);
  const { hours, days } = leaveHours(schedule.all, input.startDate, input.endDate);
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
    if (hours > b.remainingHours + 1e-9)
      throw problem(409, m.leave_exceeds_balance, { remaining: b.remainingHours, hours });
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
      hours: String(hours),
      status: 'requested',
      note: input.note ?? null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.audit({
    action: 'hr.leave.requested',
    entityType: 'hr.leave',
    entityId: id,
    after: { ...input, days, hours },
  });
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
