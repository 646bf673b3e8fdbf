import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { APP_ROLE } from '../roles.ts';

/**
 * The directory lookup by IČO (0070) looks in both places a firm's IČO may be: the company profile
 * (Settings → Company) and billing's buyer details (filled in before the profile existed).
 */
export const directoryProfiles: Migration = {
  async up(db: Kysely<any>) {
    await sql`
      create or replace function core.directory_lookup(by text, value text)
      returns table (tenant_id uuid)
      language plpgsql stable security definer
      set search_path = pg_catalog, core
      as $$
      begin
        if by = 'email' then
          return query
            select distinct m.tenant_id from core.memberships m
            join core.users u on u.id = m.user_id
            join core.tenants t on t.id = m.tenant_id
            where lower(u.email) = lower(value) and m.role in ('owner', 'admin') and t.kind = 'company';
        elsif by = 'ico' then
          return query
            select p.tenant_id from core.company_profiles p join core.tenants t on t.id = p.tenant_id
            where p.ico = value and t.kind = 'company'
            union
            select b.tenant_id from core.billing_profiles b join core.tenants t on t.id = b.tenant_id
            where b.ico = value and t.kind = 'company';
        end if;
      end $$`.execute(db);
    await sql`revoke all on function core.directory_lookup(text, text) from public`.execute(db);
    await sql`grant execute on function core.directory_lookup(text, text) to ${sql.raw(APP_ROLE)}`.execute(db);
  },
  async down() {},
};
