import { type Kysely, sql } from 'kysely';

/** The role every request transaction switches to: no login, no RLS bypass, owns nothing. */
export const APP_ROLE = 'bureau_app';

/**
 * Creates the request role unless the cluster has it (roles are cluster-wide, so several databases on
 * one server share it). Plain SQL: a restore runs it before loading a dump whose policies name the
 * role (ops/load.ts), boot runs it before migrating.
 */
export const CREATE_APP_ROLE_SQL = `
do $bureau_role$
begin
  if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
    create role ${APP_ROLE} nologin nobypassrls;
  end if;
exception when duplicate_object or unique_violation then null;
end $bureau_role$;`;

/** Creates the request role once per cluster and lets the connecting user switch to it. */
export async function ensureAppRole(db: Kysely<any>): Promise<void> {
  await sql.raw(CREATE_APP_ROLE_SQL).execute(db);
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

/** Core's functions that run as their owner and that the request role calls. */
export const CORE_REQUEST_FUNCTIONS = [
  'core.switch_tenant(uuid, text)',
  'core.directory_lookup(text, text)',
  'core.engaged_staff()',
];

/**
 * The privileges of functions that run as their owner (SECURITY DEFINER) in Bureau's schemas, set
 * the same way at every boot whatever the database went through (a restore drops every grant): PUBLIC
 * never; the request role only those named in `requestFunctions` (core's CORE_REQUEST_FUNCTIONS and
 * each plugin's `requestFunctions`). Closed unless declared: a function meant for triggers or jobs
 * never becomes callable by a request by accident.
 */
export async function restrictDefinerFunctions(
  db: Kysely<any>,
  schemas: readonly string[],
  requestFunctions: readonly string[],
): Promise<void> {
  const named = requestFunctions.length
    ? sql`array[${sql.join(requestFunctions.map((f) => sql`to_regprocedure(${sql.lit(f)})::oid`))}]`
    : sql`array[]::oid[]`;
  await sql`
    do $$
    declare f record;
    begin
      for f in
        select p.oid::regprocedure as sig, p.oid = any(${named}) as for_requests
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname = any(array[${sql.join(schemas.map((s) => sql.lit(s)))}]::text[])
      loop
        execute format('revoke all on function %s from public', f.sig);
        if f.for_requests then
          execute format('grant execute on function %s to %I', f.sig, ${sql.lit(APP_ROLE)});
        else
          execute format('revoke all on function %s from %I', f.sig, ${sql.lit(APP_ROLE)});
        end if;
      end loop;
    end $$`.execute(db);
}

/**
 * Takes `set_config` away from PUBLIC in this database, so a statement of the request role can set
 * neither `role` nor `bureau.tenant_id` (issue 11, item 10). Only the owner of pg_catalog (a
 * superuser, as PGlite and the usual installation are) may; otherwise this says so and carries on
 * (docs/security.md §9). Returns whether set_config is narrowed.
 */
export async function revokeSetConfig(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ narrowed: boolean }>`
    select not has_function_privilege('public', 'pg_catalog.set_config(text, text, boolean)', 'execute') as narrowed,
      (select rolsuper from pg_roles where rolname = current_user) as superuser`.execute(db);
  const row = rows[0] as { narrowed: boolean; superuser?: boolean } | undefined;
  if (row?.narrowed) return true;
  if (!row?.superuser) return false;
  await sql`revoke execute on function pg_catalog.set_config(text, text, boolean) from public`.execute(db);
  return true;
}
