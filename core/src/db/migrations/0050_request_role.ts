import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The request role's reach (issue 11, item 10; docs/security.md):
 * - `core.users`: the request role sees only the people of the tenant its transaction is in (the
 *   membership lookup is itself under the tenant policy), not every account;
 * - the tenant a transaction is in can no longer be changed by the request role itself: it may not
 *   call `set_config` (so neither `bureau.tenant_id` nor `role` can be set from a query), and the
 *   one legitimate switch (with-tenant.ts `switchTenant`, the two sides of an engagement) goes
 *   through `core.switch_tenant`, which asks for the transaction's own key: a random secret the
 *   application holds in memory, whose SHA-256 the entry stored in `bureau.switch_key` while still
 *   the owner.
 * Revoking `set_config` from PUBLIC needs the owner of pg_catalog (a superuser, as PGlite and the
 * usual installation are); without it the migration keeps going and docs/security.md says so.
 */
export const requestRole: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table core.users enable row level security`.execute(db);
    await sql`create policy tenant_people on core.users for select to bureau_app
      using (exists (select 1 from core.memberships m where m.user_id = users.id))`.execute(db);

    await sql`create function core.switch_tenant(target uuid, key text) returns void
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
    await sql`revoke all on function core.switch_tenant(uuid, text) from public`.execute(db);
    await sql`grant execute on function core.switch_tenant(uuid, text) to bureau_app`.execute(db);

    await sql`
      do $$
      begin
        if (select rolsuper from pg_roles where rolname = current_user) then
          revoke execute on function pg_catalog.set_config(text, text, boolean) from public;
        else
          raise notice 'set_config stays executable by every role: run this migration as a superuser to narrow it';
        end if;
      end $$`.execute(db);
  },
};
