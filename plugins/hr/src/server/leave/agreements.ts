import type { PluginContext } from '@bureau/core';
import { ymd, ymdOrNull } from '../services/dates.ts';
import type { AgreementYear } from './hours.ts';

const DAY_MS = 86_400_000;
const daysIncl = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/**
 * The employee's agreements (DPP, DPČ) in `year`: each with its days within the year and the hours
 * worked under it by the year's calculated payslips (worked hours plus holiday taken, which counts as
 * work for holiday, zákoník práce § 216 odst. 2).
 */
export async function agreementYears(
  ctx: PluginContext,
  employeeId: string,
  year: number,
  /** Hours of a payslip being calculated now, per contract (not yet among the calculated ones). */
  pending: ReadonlyMap<string, number> = new Map(),
): Promise<AgreementYear[]> {
  const t = ctx.tenant.id;
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const contracts = await ctx.db
    .selectFrom('hr.contracts')
    .select(['id', 'start_date', 'end_date'])
    .where('tenant_id', '=', t)
    .where('employee_id', '=', employeeId)
    .where('type', 'in', ['dpp', 'dpc'])
    .where('start_date', '<=', last)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', first)]))
    .execute();
  if (!contracts.length) return [];
  const slips = await ctx.db
    .selectFrom('hr.payslips as p')
    .innerJoin('hr.pay_runs as r', (j) => j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.run_id'))
    .select(['p.contract_id', 'p.worked_hours', 'p.components'])
    .where('p.tenant_id', '=', t)
    .where('p.employee_id', '=', employeeId)
    .where('r.period', '>=', `${year}-01`)
    .where('r.period', '<=', `${year}-12`)
    .where('r.status', 'in', ['calculated', 'approved', 'paid'])
    .execute();
  return contracts.map((c) => {
    const start = ymd(c.start_date);
    const end = ymdOrNull(c.end_date) ?? last;
    const workedHours = slips
      .filter((s) => s.contract_id === c.id)
      .reduce((sum, s) => {
        const components = (typeof s.components === 'string' ? JSON.parse(s.components) : s.components) as {
          kind: string;
          hours?: number;
        }[];
        const holiday = components.filter((x) => x.kind === 'holiday').reduce((h, x) => h + (x.hours ?? 0), 0);
        return sum + Number(s.worked_hours) + holiday;
      }, 0);
    return {
      days: daysIncl(start < first ? first : start, end > last ? last : end),
      workedHours: workedHours + (pending.get(c.id) ?? 0),
    };
  });
}
