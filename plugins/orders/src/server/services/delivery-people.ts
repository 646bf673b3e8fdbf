import { grants, type PluginContext, z } from '@bureau/core';
import { DELIVER } from './delivery.ts';

export const Driver = z.object({ userId: z.string(), name: z.string() }).openapi('OrdersDriver');
export type Driver = z.infer<typeof Driver>;

/**
 * The members a run can be planned for: those whose role holds `orders.deliver` (owner and admin
 * hold everything), by name; the dispatch page offers only these.
 */
export async function listDrivers(ctx: PluginContext): Promise<Driver[]> {
  const rows = await ctx.db
    .selectFrom('core.memberships as ms')
    .innerJoin('core.users as u', 'u.id', 'ms.user_id')
    .leftJoin('core.roles as r', (j) => j.onRef('r.tenant_id', '=', 'ms.tenant_id').onRef('r.key', '=', 'ms.role'))
    .select(['u.id', 'u.name', 'u.email', 'ms.role', 'r.permissions'])
    .where('ms.tenant_id', '=', ctx.tenant.id)
    .execute();
  return rows
    .filter(
      (r) => r.role === 'owner' || r.role === 'admin' || grants((r.permissions as string[] | null) ?? [], DELIVER),
    )
    .map((r) => ({ userId: r.id as string, name: (r.name as string) || (r.email as string) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'cs'));
}

/** A member's display name (their e-mail when they have none), for the run sheet. */
export async function memberName(ctx: PluginContext, userId: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('core.memberships as ms')
    .innerJoin('core.users as u', 'u.id', 'ms.user_id')
    .select(['u.name', 'u.email'])
    .where('ms.tenant_id', '=', ctx.tenant.id)
    .where('ms.user_id', '=', userId)
    .executeTakeFirst();
  return row ? (row.name as string) || (row.email as string) : '';
}
