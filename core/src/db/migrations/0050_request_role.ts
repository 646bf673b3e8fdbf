import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { APP_ROLE } from '../roles.ts';

/**
 * The request role's reach (issue 11, item 10; docs/security.md §9):
 * - `core.users`: the request role sees only the people of the tenant its transaction is in (the
 *   membership lookup is itself under the tenant policy), not every account;
 * - the one legitimate switch of an open tenant transaction to another tenant (with-tenant.ts
 *   `switchTenant`, the two sides of an engagement) goes through `core.switch_tenant`, which asks for
 *   the transaction's own key: a random secret the application holds in memory, whose SHA-256 the
 *   entry stored in `bureau.switch_key` while still the owner.
 * The request role may not call `set_config` at all, and its grants on `core.tenants` and on the
 * SECURITY DEFINER functions are set at every boot (bureau.ts restrictCoreGrants), because a
 * restore (`--no-privileges`) does not carry grants and `set_config` lives in pg_catalog.
 */
export const requestRole: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table core.users enable row level security`.execute(db);
    await sql`drop policy if exists tenant_people on core.users`.execute(db);
    await sql`create policy tenant_people on core.users for select to ${sql.raw(APP_ROLE)}
      using (exists (select 1 from core.memberships m where m.user_id = users.id))`.execute(db);

    await sql`create or replace function core.switch_tenant(target uuid, key text) returns void
      language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare
        expected text := current_setting('bureau.switch_key', true);
      begin
        if target is null or coalesce(expected, '') = '' or key is null
           or encode(sha256(convert_to(key, 'UTF8')), 'hex') <> expected then
          raise exception 'tenant switch refused' using errcode = '42501';
        end if;
        perform set_config('bureau.tenant_id', target::text, true);
      end $$`.execute(db);
  },
};
