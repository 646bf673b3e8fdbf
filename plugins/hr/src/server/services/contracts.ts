import { newId, type PluginContext, parseMoney, problem } from '@bureau/core';
import type { z } from 'zod';
import type { ContractChangeInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { ymd, ymdOrNull } from './dates.ts';

/** Records a raise or a change of hours effective from the 1st of a month inside the contract; returns the employee id. */
export async function addContractChange(
  ctx: PluginContext,
  contractId: string,
  input: z.infer<typeof ContractChangeInput>,
): Promise<string> {
  const t = ctx.tenant.id;
  const contract = await ctx.db
    .selectFrom('hr.contracts')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', contractId)
    .executeTakeFirst();
  if (!contract) throw problem(404, m.contract_not_found);
  if (input.weeklyHours === undefined && input.monthlySalary === undefined && input.hourlyRate === undefined)
    throw problem(400, m.change_empty);
  if (!input.effectiveFrom.endsWith('-01')) throw problem(400, m.change_not_first_of_month);
  const from = ymd(contract.start_date);
  const to = ymdOrNull(contract.end_date);
  if (input.effectiveFrom <= from || (to && input.effectiveFrom > to))
    throw problem(409, m.change_outside_contract, { from, to: to ?? '…' });
  const exists = await ctx.db
    .selectFrom('hr.contract_changes')
    .select('id')
    .where('tenant_id', '=', t)
    .where('contract_id', '=', contractId)
    .where('effective_from', '=', input.effectiveFrom)
    .executeTakeFirst();
  if (exists) throw problem(409, m.change_exists, { date: input.effectiveFrom });
  const money = (v: string | number | undefined) => (v === undefined ? null : String(parseMoney(String(v))));
  await ctx.db
    .insertInto('hr.contract_changes')
    .values({
      tenant_id: t,
      id: newId(),
      contract_id: contractId,
      effective_from: input.effectiveFrom,
      weekly_hours: input.weeklyHours === undefined ? null : String(input.weeklyHours),
      monthly_salary_minor: money(input.monthlySalary),
      hourly_rate_minor: money(input.hourlyRate),
      created_at: ctx.now(),
    })
    .execute();
  await ctx.audit({
    action: 'hr.contract.changed',
    entityType: 'hr.employee',
    entityId: contract.employee_id,
    after: { contractId, ...input },
  });
  return contract.employee_id;
}
