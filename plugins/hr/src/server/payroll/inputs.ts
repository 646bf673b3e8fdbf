import { type PluginContext, parseMoney, problem } from '@bureau/core';
import type { z } from 'zod';
import { m } from '../messages.ts';
import type { PayInput } from '../routes/payroll.ts';
import { ymd, ymdOrNull } from '../services/dates.ts';
import { coverage } from './month.ts';
import { loadRun } from './run.ts';

/**
 * Sets an employee's inputs of a pay run (replacing them) while the run is draft or calculated: 409
 * `run_locked` after, 404 for an employee without a contract in the month. Audited. The pay-inputs
 * route and the fill from attendance both come through here.
 */
export async function setPayInput(
  ctx: PluginContext,
  runId: string,
  employeeId: string,
  input: z.infer<typeof PayInput>,
): Promise<void> {
  const run = await loadRun(ctx, runId);
  if (!['draft', 'calculated'].includes(run.status)) throw problem(409, m.run_locked, { status: run.status });
  const contracts = await ctx.db
    .selectFrom('hr.contracts')
    .select(['start_date', 'end_date'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('employee_id', '=', employeeId)
    .execute();
  if (!contracts.some((k) => coverage(run.period, ymd(k.start_date), ymdOrNull(k.end_date))))
    throw problem(404, m.employee_not_in_run, { period: run.period });
  const dec = (v: string | number | undefined) => (v === undefined ? null : String(v));
  const money = (v: string | number | undefined) => (v === undefined ? null : String(parseMoney(String(v))));
  const values = {
    hours: dec(input.hours),
    overtime_hours: dec(input.overtimeHours),
    holiday_hours: dec(input.holidayHours),
    sick_hours: dec(input.sickHours),
    sick_pay_hours: dec(input.sickPayHours),
    sick_days: input.sickDays ?? null,
    unpaid_hours: dec(input.unpaidHours),
    bonus_minor: money(input.bonus),
    average_hourly_minor: money(input.averageHourly),
  };
  await ctx.db
    .insertInto('hr.pay_inputs')
    .values({ tenant_id: ctx.tenant.id, run_id: runId, employee_id: employeeId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'run_id', 'employee_id']).doUpdateSet(values))
    .execute();
  await ctx.audit({
    action: 'hr.pay_input.set',
    entityType: 'hr.pay_run',
    entityId: runId,
    after: { employeeId, ...input },
  });
}
