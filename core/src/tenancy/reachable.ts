import type { SessionUser } from '../http/env.ts';
import { enabledModulesOf } from '../plugins/enabled-modules.ts';
import type { Runtime } from '../runtime.ts';
import { roleGrants } from './access.ts';

export interface ReachableTenant {
  id: string;
  slug: string;
  name: string;
  kind: 'company' | 'provider';
  role: string | null;
  permissions: string[];
  modules: string[];
  via: { provider: { id: string; slug: string; name: string } } | null;
}

/** Lists further tenants a user reaches indirectly (e.g. provider staff reaching clients). */
export type TenantLister = (runtime: Runtime, user: SessionUser) => Promise<ReachableTenant[]>;

/** Tenants the user is a member of. */
export const directTenants: TenantLister = async (runtime, user) => {
  const rows = await runtime.db
    .selectFrom('core.memberships as m')
    .innerJoin('core.tenants as t', 't.id', 'm.tenant_id')
    .select(['t.id', 't.slug', 't.name', 't.kind', 'm.role'])
    .where('m.user_id', '=', user.id)
    .orderBy('t.name')
    .execute();
  const modules = await enabledModulesOf(
    runtime.db,
    rows.map((r) => r.id),
  );
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      role: r.role,
      permissions: await roleGrants(runtime, runtime.db, r.id, r.role),
      modules: modules.get(r.id) ?? [],
      via: null,
    })),
  );
};

export async function listReachableTenants(runtime: Runtime, user: SessionUser): Promise<ReachableTenant[]> {
  const lists = await Promise.all(runtime.tenantListers.map((list) => list(runtime, user)));
  const byId = new Map<string, ReachableTenant>();
  for (const t of lists.flat()) if (!byId.has(t.id)) byId.set(t.id, t);
  return [...byId.values()];
}
