import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { APP_ROLE } from '../roles.ts';

/**
 * Provider staff who work in the current tenant through an active engagement, with what each team
 * grants them there (issue 12: a notification to everyone holding a permission reaches them too). The
 * provider's team tables are the provider tenant's rows, out of the client's row level security, so
 * this reads them as its owner, only for the tenant the transaction is in.
 */
export const engagedStaff: Migration = {
  async up(db: Kysely<any>) {
    await sql`
      create or replace function core.engaged_staff()
      returns table (
        user_id uuid, engagement_id uuid, provider_id uuid, provider_slug text, provider_name text,
        engagement_created_at timestamptz, modules text[], engagement_grants text[], team_grants text[]
      )
      language sql stable security definer
      set search_path = pg_catalog, core
      as $$
        select tm.user_id, e.id, e.provider_tenant_id, p.slug, p.name, e.created_at, e.modules, e.grants, et.grants
        from core.engagements e
        join core.provider_clients pc on pc.tenant_id = e.provider_tenant_id and pc.id = e.id
        join core.engagement_teams et on et.tenant_id = e.provider_tenant_id and et.engagement_id = e.id
        join core.provider_team_members tm on tm.tenant_id = et.tenant_id and tm.team_id = et.team_id
        join core.memberships m on m.tenant_id = tm.tenant_id and m.user_id = tm.user_id
        join core.tenants p on p.id = e.provider_tenant_id
        where e.tenant_id = nullif(current_setting('bureau.tenant_id', true), '')::uuid
          and e.status = 'active' and pc.status = 'active' and p.kind = 'provider'
      $$`.execute(db);
    await sql`revoke all on function core.engaged_staff() from public`.execute(db);
    await sql`grant execute on function core.engaged_staff() to ${sql.raw(APP_ROLE)}`.execute(db);
  },
  async down() {},
};
