import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { APP_ROLE } from '../roles.ts';

/**
 * A narrow directory for providers engaging a client by e-mail or IČO (issue 20, item 8). The request
 * role cannot read other tenants' memberships or profiles (row level security), so this function,
 * run as its owner, answers one question: which company tenants have an owner or administrator with
 * this e-mail, or this IČO. It returns ids only; the caller then proceeds like an invitation by
 * address (the client's admins are told and decide). The IČO is read from the company profile when
 * that table exists, else from billing's buyer details.
 */
export const directory: Migration = {
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
          if to_regclass('core.company_profiles') is not null then
            return query execute
              'select p.tenant_id from core.company_profiles p join core.tenants t on t.id = p.tenant_id
               where p.ico = $1 and t.kind = ''company'''
              using value;
          else
            return query
              select p.tenant_id from core.billing_profiles p join core.tenants t on t.id = p.tenant_id
              where p.ico = value and t.kind = 'company';
          end if;
        end if;
      end $$`.execute(db);
    await sql`revoke all on function core.directory_lookup(text, text) from public`.execute(db);
    await sql`grant execute on function core.directory_lookup(text, text) to ${sql.raw(APP_ROLE)}`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`drop function if exists core.directory_lookup(text, text)`.execute(db);
  },
};
