import type { PluginContext } from '@bureau/core';

/** What a payroll bureau sees per client in the provider console. */
export async function summary(ctx: PluginContext): Promise<Record<string, number | string | null>> {
  const row = await ctx.db
    .selectFrom('hr.employees')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { employees: Number(row.n) };
}
