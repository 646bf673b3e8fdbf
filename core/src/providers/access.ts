import { type Kysely, sql } from 'kysely';
import { enabledModulesOf } from '../plugins/enabled-modules.ts';
import type { AccessResolver } from '../runtime.ts';
import type { ReachableTenant, TenantLister } from '../tenancy/reachable.ts';
import { intersectGrants, unionGrants } from './grants.ts';

/** How one provider staff member reaches one client. */
export interface Reach {
  engagementId: string;
  clientId: string;
  provider: { id: string; slug: string; name: string };
  /** The team's grants inside the client, capped by what the client allowed. */
  grants: string[];
  /** Modules the engagement covers (the client's copy). */
  modules: string[];
}

interface ClientRow {
  id: string;
  tenant_id: string;
  provider_tenant_id: string;
  modules: string[];
  grants: string[];
  created_at: Date | string;
}

interface TeamRow {
  provider_id: string;
  engagement_id: string;
  grants: string[];
}

/**
 * Combines the client's rows (authoritative: status, modules, grants) with the provider's team rows
 * for one user. A user reaching a client through several engagements works through the oldest.
 * Grants are the union of the user's teams' grants, intersected with the client's grants again here
 * (they are kept within them on every write; this is the second wall).
 */
function combine(
  clients: ClientRow[],
  teams: TeamRow[],
  providers: Map<string, { id: string; slug: string; name: string }>,
): Map<string, Reach> {
  const ordered = [...clients].sort(
    (a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || (a.id < b.id ? -1 : 1),
  );
  const out = new Map<string, Reach>();
  for (const e of ordered) {
    if (out.has(e.tenant_id)) continue;
    const mine = teams.filter((t) => t.engagement_id === e.id && t.provider_id === e.provider_tenant_id);
    const provider = providers.get(e.provider_tenant_id);
    if (!mine.length || !provider) continue;
    out.set(e.tenant_id, {
      engagementId: e.id,
      clientId: e.tenant_id,
      provider,
      grants: intersectGrants(unionGrants(...mine.map((t) => t.grants)), e.grants),
      modules: [...e.modules].sort(),
    });
  }
  return out;
}

/** The user's team rows in active engagements of the given providers (provider-side tables). */
async function teamRows(db: Kysely<any>, userId: string, providerIds: string[], engagementIds?: string[]) {
  if (!providerIds.length) return [];
  let q = db
    .selectFrom('core.engagement_teams as et')
    .innerJoin('core.provider_team_members as tm', (j) =>
      j.onRef('tm.tenant_id', '=', 'et.tenant_id').onRef('tm.team_id', '=', 'et.team_id'),
    )
    .innerJoin('core.memberships as m', (j) =>
      j.onRef('m.tenant_id', '=', 'tm.tenant_id').onRef('m.user_id', '=', 'tm.user_id'),
    )
    .innerJoin('core.provider_clients as pc', (j) =>
      j.onRef('pc.tenant_id', '=', 'et.tenant_id').onRef('pc.id', '=', 'et.engagement_id'),
    )
    .innerJoin('core.tenants as p', 'p.id', 'et.tenant_id')
    .select([
      'et.tenant_id as provider_id',
      'et.engagement_id',
      'et.grants',
      'pc.client_tenant_id',
      'p.slug as provider_slug',
      'p.name as provider_name',
    ])
    .where('et.tenant_id', 'in', providerIds)
    .where('tm.user_id', '=', userId)
    .where('pc.status', '=', 'active')
    .where('p.kind', '=', 'provider');
  if (engagementIds) q = q.where('et.engagement_id', 'in', engagementIds);
  return q.execute();
}

function providersOf(rows: { provider_id: string; provider_slug: string; provider_name: string }[]) {
  return new Map(rows.map((r) => [r.provider_id, { id: r.provider_id, slug: r.provider_slug, name: r.provider_name }]));
}

/**
 * How a user reaches a client tenant through a provider, or null: an ACTIVE engagement (on both
 * sides) between the client and a provider tenant the user is a member of, and a team of that
 * provider the user belongs to that works in the engagement. Read on every request (no caching),
 * with the privileged handle: this is explicit cross-tenant work.
 */
export async function providerReach(db: Kysely<any>, clientId: string, userId: string): Promise<Reach | null> {
  const clients = (await db
    .selectFrom('core.engagements')
    .select(['id', 'tenant_id', 'provider_tenant_id', 'modules', 'grants', 'created_at'])
    .where('tenant_id', '=', clientId)
    .where('status', '=', 'active')
    .execute()) as ClientRow[];
  if (!clients.length) return null;
  const providerIds = [...new Set(clients.map((c) => c.provider_tenant_id))];
  const teams = await teamRows(
    db,
    userId,
    providerIds,
    clients.map((c) => c.id),
  );
  if (!teams.length) return null;
  return combine(clients, teams, providersOf(teams)).get(clientId) ?? null;
}

/**
 * Every provider staff member who works in the transaction's tenant, with their reach there (the same
 * rule as `providerReach`: the oldest active engagement, the union of their teams' grants capped by
 * the client's). Runs inside the tenant's transaction through `core.engaged_staff()`.
 */
export async function engagedStaff(trx: Kysely<any>): Promise<Map<string, Reach>> {
  const { rows } = await sql<{
    user_id: string;
    engagement_id: string;
    provider_id: string;
    provider_slug: string;
    provider_name: string;
    engagement_created_at: Date | string;
    modules: string[];
    engagement_grants: string[];
    team_grants: string[];
  }>`select * from core.engaged_staff()`.execute(trx);
  const out = new Map<string, Reach>();
  for (const userId of new Set(rows.map((r) => r.user_id))) {
    const mine = rows.filter((r) => r.user_id === userId);
    const clients = mine.map((r) => ({
      id: r.engagement_id,
      tenant_id: 'client',
      provider_tenant_id: r.provider_id,
      modules: r.modules,
      grants: r.engagement_grants,
      created_at: r.engagement_created_at,
    }));
    const teams = mine.map((r) => ({
      provider_id: r.provider_id,
      engagement_id: r.engagement_id,
      grants: r.team_grants,
    }));
    const providers = new Map(
      mine.map((r) => [r.provider_id, { id: r.provider_id, slug: r.provider_slug, name: r.provider_name }]),
    );
    const reach = combine(clients, teams, providers).get('client');
    if (reach) out.set(userId, reach);
  }
  return out;
}

/** The access path for provider staff (registered after direct membership in createBureau). */
export const providerAccess: AccessResolver = async ({ runtime, tenant, user }) => {
  const reach = await providerReach(runtime.db, tenant.id, user.id);
  if (!reach) return null;
  return {
    actor: {
      kind: 'user',
      userId: user.id,
      tokenId: null,
      providerTenantId: reach.provider.id,
      engagementId: reach.engagementId,
      label: `${user.email} via ${reach.provider.slug}`,
    },
    role: null,
    grants: reach.grants,
    modules: reach.modules,
  };
};

/** Every client a user reaches through the providers they are a member of. */
export async function reachableClients(db: Kysely<any>, userId: string, onlyProvider?: string): Promise<Reach[]> {
  let pq = db
    .selectFrom('core.memberships as m')
    .innerJoin('core.tenants as t', 't.id', 'm.tenant_id')
    .select('t.id')
    .where('m.user_id', '=', userId)
    .where('t.kind', '=', 'provider');
  if (onlyProvider) pq = pq.where('t.id', '=', onlyProvider);
  const providerIds = (await pq.execute()).map((r) => r.id);
  const teams = await teamRows(db, userId, providerIds);
  if (!teams.length) return [];
  const clients = (await db
    .selectFrom('core.engagements')
    .select(['id', 'tenant_id', 'provider_tenant_id', 'modules', 'grants', 'created_at'])
    .where('tenant_id', 'in', [...new Set(teams.map((t) => t.client_tenant_id))])
    .where('id', 'in', [...new Set(teams.map((t) => t.engagement_id))])
    .where('status', '=', 'active')
    .execute()) as ClientRow[];
  return [...combine(clients, teams, providersOf(teams)).values()];
}

/** /api/me: client tenants reached through providers, marked with `via`. */
export const providerClientTenants: TenantLister = async (runtime, user) => {
  const reach = await reachableClients(runtime.db, user.id);
  if (!reach.length) return [];
  const ids = reach.map((r) => r.clientId);
  const tenants = await runtime.db
    .selectFrom('core.tenants')
    .select(['id', 'slug', 'name', 'kind'])
    .where('id', 'in', ids)
    .execute();
  const enabled = await enabledModulesOf(runtime.db, ids);
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const out: ReachableTenant[] = [];
  for (const r of reach) {
    const t = byId.get(r.clientId);
    if (!t) continue;
    const on = enabled.get(r.clientId) ?? [];
    out.push({
      id: t.id,
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      role: null,
      permissions: r.grants,
      modules: on.filter((m) => r.modules.includes(m)),
      via: { provider: r.provider },
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
};
