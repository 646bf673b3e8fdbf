import type { Kysely } from 'kysely';
import { switchTenant } from '../db/with-tenant.ts';
import { intersectGrants } from './grants.ts';

/** A provider team that works in a client tenant, as the client sees it. */
export interface ProviderTeam {
  id: string;
  name: string;
  provider: { id: string; slug: string; name: string };
  engagementId: string;
  /** The team's grants in the client, capped by what the client allowed. */
  grants: string[];
  /** Its people who are still members of the provider. */
  userIds: string[];
}

/**
 * The provider teams working in the transaction's tenant through an active engagement that covers
 * `moduleId`. The engagement is the client's row; the teams and their people are the provider's rows,
 * read with the transaction pointed at the provider for the moment (`switchTenant`, row level security
 * still on), the way the client's list of providers reads them.
 */
export async function clientProviderTeams(
  db: Kysely<any>,
  tenantId: string,
  moduleId: string,
): Promise<ProviderTeam[]> {
  const engagements = await db
    .selectFrom('core.engagements')
    .select(['id', 'provider_tenant_id', 'modules', 'grants'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .execute();
  const out: ProviderTeam[] = [];
  for (const e of engagements) {
    if (!(e.modules as string[]).includes(moduleId)) continue;
    const provider = await db
      .selectFrom('core.tenants')
      .select(['id', 'slug', 'name'])
      .where('id', '=', e.provider_tenant_id)
      .where('kind', '=', 'provider')
      .executeTakeFirst();
    if (!provider) continue;
    const rows = await switchTenant(db, tenantId, provider.id, () =>
      db
        .selectFrom('core.engagement_teams as et')
        .innerJoin('core.provider_teams as t', (j) =>
          j.onRef('t.tenant_id', '=', 'et.tenant_id').onRef('t.id', '=', 'et.team_id'),
        )
        .innerJoin('core.provider_clients as pc', (j) =>
          j.onRef('pc.tenant_id', '=', 'et.tenant_id').onRef('pc.id', '=', 'et.engagement_id'),
        )
        .leftJoin('core.provider_team_members as tm', (j) =>
          j.onRef('tm.tenant_id', '=', 't.tenant_id').onRef('tm.team_id', '=', 't.id'),
        )
        .leftJoin('core.memberships as m', (j) =>
          j.onRef('m.tenant_id', '=', 'tm.tenant_id').onRef('m.user_id', '=', 'tm.user_id'),
        )
        .select(['t.id', 't.name', 'et.grants', 'm.user_id'])
        .where('et.tenant_id', '=', provider.id)
        .where('et.engagement_id', '=', e.id)
        .where('pc.status', '=', 'active')
        .orderBy('t.name')
        .execute(),
    );
    for (const r of rows) {
      let team = out.find((x) => x.id === r.id && x.engagementId === e.id);
      if (!team) {
        team = {
          id: r.id,
          name: r.name,
          provider,
          engagementId: e.id,
          grants: intersectGrants(r.grants as string[], e.grants as string[]),
          userIds: [],
        };
        out.push(team);
      }
      if (r.user_id) team.userIds.push(r.user_id);
    }
  }
  return out;
}
