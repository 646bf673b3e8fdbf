import { formatMoney, type PluginContext } from '@bureau/core';
import { loadRunPayments, paymentsTotal } from '../payroll/payments.ts';
import { addMonths, pragueDate } from './dates.ts';

/**
 * What a payroll bureau sees per client in the provider console: active employees, the status of the
 * run for last month (the month whose wages are processed and paid this month; `none` before it is
 * opened), and the payments of approved runs not yet paid — their sum and the earliest payday.
 */
export async function summary(ctx: PluginContext): Promise<Record<string, unknown>> {
  const t = ctx.tenant.id;
  const row = await ctx.db
    .selectFrom('hr.employees')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', t)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  const period = addMonths(`${pragueDate(ctx.now()).slice(0, 7)}-01`, -1).slice(0, 7);
  const run = await ctx.db
    .selectFrom('hr.pay_runs')
    .select('status')
    .where('tenant_id', '=', t)
    .where('period', '=', period)
    .executeTakeFirst();
  const approved = await ctx.db
    .selectFrom('hr.pay_runs')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('status', '=', 'approved')
    .orderBy('period')
    .execute();
  let due = 0;
  let dueOn: string | null = null;
  for (const r of approved) {
    const payments = await loadRunPayments(ctx, r);
    due += paymentsTotal(payments);
    dueOn ??= payments.payDate;
  }
  return {
    employees: Number(row.n),
    payRunPeriod: period,
    payRunStatus: run?.status ?? 'none',
    paymentsDue: { amount: formatMoney(due), currency: 'CZK', count: approved.length },
    paymentsDueOn: dueOn,
  };
}
