import { formatMoney, newId, type PluginContext, problem } from '@bureau/core';
import { payrollYear } from '../data/payroll-cz.ts';
import { balance } from '../leave/service.ts';
import { m } from '../messages.ts';
import { ymd, ymdOrNull } from '../services/dates.ts';
import { calculatePayslip, type PayComponent, type Payslip, sickPayRate, unpaidLeave } from './calculate.ts';
import { childClaims, coverage, daysBetween, workdays } from './month.ts';

type Row = Record<string, any>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
/** Overtime supplement: at least 25 % of average earnings (zákoník práce § 114 odst. 1). */
const OVERTIME_FACTOR = 1.25;

export async function loadRun(ctx: PluginContext, id: string): Promise<Row> {
  const run = await ctx.db
    .selectFrom('hr.pay_runs')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!run) throw problem(404, m.run_not_found);
  return run;
}

/** Contracts running in the month, with their employee (one payslip each). */
async function contractsIn(ctx: PluginContext, period: string) {
  const { first, last } = coverage(period, '0001-01-01', null)!.month;
  return ctx.db
    .selectFrom('hr.contracts as c')
    .innerJoin('hr.employees as e', (j) =>
      j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.employee_id'),
    )
    .select([
      'c.id as contract_id',
      'c.type',
      'c.start_date',
      'c.end_date',
      'c.weekly_hours',
      'c.salary_type',
      'c.monthly_salary_minor',
      'c.hourly_rate_minor',
      'e.id as employee_id',
      'e.number',
      'e.first_name',
      'e.last_name',
      'e.birth_number',
      'e.iban',
      'e.health_insurer',
      'e.tax_declaration',
    ])
    .where('c.tenant_id', '=', ctx.tenant.id)
    .where('c.start_date', '<=', last)
    .where((eb) => eb.or([eb('c.end_date', 'is', null), eb('c.end_date', '>=', first)]))
    .orderBy('e.last_name')
    .orderBy('e.first_name')
    .orderBy('c.start_date')
    .execute();
}

/** The contract's pay and hours in force on a day (the latest change from that day or before). */
async function termsOn(ctx: PluginContext, c: Row, day: string) {
  const change = await ctx.db
    .selectFrom('hr.contract_changes')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('contract_id', '=', c.contract_id)
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    weeklyHours: num(change?.weekly_hours ?? c.weekly_hours),
    monthly: num(change?.monthly_salary_minor ?? c.monthly_salary_minor),
    hourly: num(change?.hourly_rate_minor ?? c.hourly_rate_minor),
  };
}

/**
 * Average hourly earnings (zákoník práce § 351 ff.): gross without sick pay over worked hours of the
 * previous calendar quarter's payslips; without any, the contract's own rate.
 */
async function averageHourly(ctx: PluginContext, employeeId: string, period: string, fallback: number) {
  const [y, mo] = period.split('-').map(Number) as [number, number];
  const q = Math.floor((mo - 1) / 3);
  const [py, pq] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const periods = [1, 2, 3].map((i) => `${py}-${String(pq * 3 + i).padStart(2, '0')}`);
  const slips = await ctx.db
    .selectFrom('hr.payslips as p')
    .innerJoin('hr.pay_runs as r', (j) => j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.run_id'))
    .select(['p.components', 'p.worked_hours'])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.employee_id', '=', employeeId)
    .where('r.period', 'in', periods)
    .where('r.status', 'in', ['approved', 'paid'])
    .execute();
  const hours = slips.reduce((s, p) => s + num(p.worked_hours), 0);
  if (hours <= 0) return fallback;
  const earned = slips.reduce(
    (s, p) =>
      s + (p.components as PayComponent[]).filter((c) => c.kind !== 'sick_pay').reduce((a, c) => a + c.amount, 0),
    0,
  );
  return Math.round(earned / hours);
}

/**
 * Compensation for holiday not taken (zákoník práce § 222 odst. 2): in the month the employee's last
 * contract ends, the year's holiday left (the entitlement less the approved holiday, the month's
 * own hours counted for an agreement) is paid at average earnings. Null in any other month, or
 * when another contract of the employee goes on.
 */
async function holidayCompensation(
  ctx: PluginContext,
  c: Row,
  coveredTo: string,
  period: string,
  monthHours: number,
  avg: number,
): Promise<PayComponent | null> {
  const end = ymdOrNull(c.end_date);
  if (!end || end > coveredTo) return null;
  const goesOn = await ctx.db
    .selectFrom('hr.contracts')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('employee_id', '=', c.employee_id)
    .where('id', '!=', c.contract_id)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', end)]))
    .executeTakeFirst();
  if (goesOn) return null;
  const pending = new Map(c.type === 'hpp' ? [] : [[c.contract_id as string, monthHours]]);
  const b = await balance(ctx, c.employee_id, Number(period.slice(0, 4)), pending);
  const hours = Math.round((b.entitlementHours - b.approvedHours) * 100) / 100;
  return hours > 0 ? { kind: 'holiday_compensation', amount: Math.round(hours * avg), hours, rate: avg } : null;
}

export interface MissingInput {
  employeeId: string;
  name: string;
  field: string;
}

/** Calculates every payslip of a run (replacing earlier ones); refuses with the employees whose inputs are missing. */
export async function calculateRun(ctx: PluginContext, runId: string): Promise<{ payslips: number }> {
  const t = ctx.tenant.id;
  const run = await loadRun(ctx, runId);
  const period = run.period as string;
  const year = payrollYear(Number(period.slice(0, 4)));
  const contracts = await contractsIn(ctx, period);
  const inputs = new Map(
    (
      await ctx.db
        .selectFrom('hr.pay_inputs')
        .selectAll()
        .where('tenant_id', '=', t)
        .where('run_id', '=', runId)
        .execute()
    ).map((i) => [i.employee_id as string, i]),
  );
  const missing: MissingInput[] = [];
  for (const c of contracts)
    if (c.salary_type === 'hourly' && inputs.get(c.employee_id)?.hours == null)
      missing.push({ employeeId: c.employee_id, name: `${c.first_name} ${c.last_name}`, field: 'hours' });
  if (missing.length)
    throw problem(409, m.missing_inputs, { names: missing.map((x) => x.name) }, { extra: { missing } });

  await ctx.db.deleteFrom('hr.payslips').where('tenant_id', '=', t).where('run_id', '=', runId).execute();
  for (const c of contracts) {
    const cover = coverage(period, ymd(c.start_date), ymdOrNull(c.end_date))!;
    const terms = await termsOn(ctx, c, cover.from);
    const input = inputs.get(c.employee_id) ?? {};
    const monthDays = workdays(cover.month.first, cover.month.last);
    const coveredDays = workdays(cover.from, cover.to);
    const dailyHours = terms.weeklyHours / 5;
    const hourlyEquivalent =
      c.salary_type === 'monthly'
        ? monthDays && dailyHours
          ? terms.monthly / (monthDays * dailyHours)
          : 0
        : terms.hourly;
    const fallbackAverage =
      c.salary_type === 'monthly' && terms.weeklyHours
        ? Math.round((terms.monthly * 12) / (52 * terms.weeklyHours))
        : terms.hourly;
    const avg =
      input.average_hourly_minor != null
        ? num(input.average_hourly_minor)
        : await averageHourly(ctx, c.employee_id, period, fallbackAverage);
    const holidayHours = num(input.holiday_hours);
    const sickHours = num(input.sick_hours);
    const sickPayHours = Math.min(num(input.sick_pay_hours), sickHours || num(input.sick_pay_hours));
    const overtimeHours = num(input.overtime_hours);
    const components: PayComponent[] = [];
    let worked: number;
    if (c.salary_type === 'monthly') {
      const absent = holidayHours + sickHours;
      const salary = Math.max(
        0,
        Math.round((terms.monthly * coveredDays) / (monthDays || 1) - absent * hourlyEquivalent),
      );
      components.push({ kind: 'salary', amount: salary });
      const unpaid = unpaidLeave(terms.monthly, num(input.unpaid_hours), monthDays * dailyHours, salary);
      if (unpaid) components.push(unpaid);
      worked = Math.max(0, coveredDays * dailyHours - absent - num(input.unpaid_hours));
    } else {
      const hours = num(input.hours);
      components.push({ kind: 'hours', amount: Math.round(hours * terms.hourly), hours, rate: terms.hourly });
      worked = hours;
    }
    if (overtimeHours) {
      const rate = Math.round(hourlyEquivalent * OVERTIME_FACTOR);
      components.push({ kind: 'overtime', amount: Math.round(overtimeHours * rate), hours: overtimeHours, rate });
      worked += overtimeHours;
    }
    if (holidayHours)
      components.push({ kind: 'holiday', amount: Math.round(holidayHours * avg), hours: holidayHours, rate: avg });
    if (sickPayHours) {
      const rate = sickPayRate(year, avg);
      components.push({ kind: 'sick_pay', amount: Math.round(sickPayHours * rate), hours: sickPayHours, rate });
    }
    const compensation = await holidayCompensation(ctx, c, cover.to, period, worked + holidayHours, avg);
    if (compensation) components.push(compensation);
    if (num(input.bonus_minor)) components.push({ kind: 'bonus', amount: num(input.bonus_minor) });

    const before = await ctx.db
      .selectFrom('hr.payslips as p')
      .innerJoin('hr.pay_runs as r', (j) => j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.run_id'))
      .select((eb) => eb.fn.sum<string>('p.social_base_minor').as('s'))
      .where('p.tenant_id', '=', t)
      .where('p.employee_id', '=', c.employee_id)
      .where('r.period', '>=', `${period.slice(0, 4)}-01`)
      .where('r.period', '<', period)
      .where('r.status', 'in', ['calculated', 'approved', 'paid'])
      .executeTakeFirst();
    const children = await ctx.db
      .selectFrom('hr.children')
      .select(['birth_date', 'disabled', 'student_until'])
      .where('tenant_id', '=', t)
      .where('employee_id', '=', c.employee_id)
      .execute();
    const sickDays = num(input.sick_days);
    const slip = calculatePayslip(year, {
      contract: c.type,
      taxDeclaration: c.tax_declaration,
      children: c.tax_declaration
        ? childClaims(
            period,
            children.map((x) => ({
              birth_date: ymd(x.birth_date),
              disabled: x.disabled,
              student_until: ymdOrNull(x.student_until),
            })),
          )
        : [],
      components,
      socialBaseBefore: num(before?.s),
      minimumHealthShare: Math.max(0, daysBetween(cover.from, cover.to) - sickDays) / cover.month.days,
    });
    await ctx.db
      .insertInto('hr.payslips')
      .values({
        tenant_id: t,
        id: newId(),
        run_id: runId,
        employee_id: c.employee_id,
        contract_id: c.contract_id,
        contract_type: c.type,
        employee_number: c.number,
        employee_name: `${c.first_name} ${c.last_name}`,
        birth_number: c.birth_number,
        iban: c.iban,
        health_insurer: c.health_insurer,
        worked_hours: String(worked),
        components: JSON.stringify(components),
        figures: JSON.stringify(slip),
        gross_minor: String(slip.gross),
        social_base_minor: String(slip.socialBase),
        net_minor: String(slip.net),
        created_at: ctx.now(),
      })
      .execute();
  }
  return { payslips: contracts.length };
}

const MONEY_FIELDS = [
  'gross',
  'socialEmployee',
  'healthEmployee',
  'taxAdvance',
  'taxBonus',
  'withholdingTax',
  'net',
  'socialEmployer',
  'healthEmployer',
  'employerCost',
  'taxBase',
  'taxpayerCredit',
  'childCredit',
  'healthMinimumTopUp',
] as const;

export interface PayslipView {
  id: string;
  employeeId: string;
  employeeNumber: string;
  employeeName: string;
  contractType: string;
  healthInsurer: string | null;
  workedHours: string;
  components: { kind: string; amount: string; hours: string | null; rate: string | null }[];
  gross: string;
  net: string;
  [k: string]: unknown;
}

export function toPayslipView(r: Row): PayslipView {
  const f = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Payslip;
  const comps = (typeof r.components === 'string' ? JSON.parse(r.components) : r.components) as PayComponent[];
  return {
    id: r.id,
    employeeId: r.employee_id,
    employeeNumber: r.employee_number,
    employeeName: r.employee_name,
    contractType: r.contract_type,
    healthInsurer: r.health_insurer ?? null,
    workedHours: String(Number(r.worked_hours)),
    insured: f.insured,
    ...Object.fromEntries(MONEY_FIELDS.map((k) => [k, formatMoney(f[k])])),
    gross: formatMoney(f.gross),
    net: formatMoney(f.net),
    components: comps.map((c) => ({
      kind: c.kind,
      amount: formatMoney(c.amount),
      hours: c.hours === undefined ? null : String(c.hours),
      rate: c.rate === undefined ? null : formatMoney(c.rate),
    })),
  };
}

export async function payslipsOf(ctx: PluginContext, runId: string) {
  return ctx.db
    .selectFrom('hr.payslips')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('run_id', '=', runId)
    .orderBy('employee_name')
    .orderBy('id')
    .execute();
}
