import { type Kysely, sql } from 'kysely';

/** The role every request transaction switches to: no login, no RLS bypass, owns nothing. */
export const APP_ROLE = 'bureau_app';

/**
 * Creates the request role once per cluster (roles are cluster-wide, so several databases on one
 * server share it) and lets the connecting user switch to it.
 */
export async function ensureAppRole(db: Kysely<any>): Promise<void> {
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = ${sql.lit(APP_ROLE)}) then
        create role ${sql.raw(APP_ROLE)} nologin nobypassrls;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`.execute(db);
  // A non-superuser owner must be a member to SET ROLE; tolerated failure keeps the caller's transaction usable.
  await sql`
    do $$
    begin
      if not (select rolsuper from pg_roles where rolname = current_user) then
        execute format('grant %I to %I', ${sql.lit(APP_ROLE)}, current_user);
      end if;
    exception when others then null;
    end $$`.execute(db);
}

/** Grants the request role plain DML on every table of a schema, now and for tables created later. */
export async function grantSchemaToAppRole(db: Kysely<any>, schema: string): Promise<void> {
  const s = sql.id(schema);
  const r = sql.raw(APP_ROLE);
  await sql`grant usage on schema ${s} to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`.execute(db);
  await sql`grant usage, select on all sequences in schema ${s} to ${r}`.execute(db);
}
