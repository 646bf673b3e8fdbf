import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { NewerSchemaError } from '../ops/errors.ts';
import { grantSchemaToAppRole } from './roles.ts';

export type Migrations = Record<string, Migration>;

export interface MigrationSet {
  /** Owner of the migrations: `core` or a plugin id. */
  owner: string;
  /** Postgres schema the owner's tables live in. */
  schema: string;
  migrations: Migrations;
}

export class MigrationError extends Error {
  readonly owner: string;
  readonly migration: string | undefined;
  constructor(owner: string, migration: string | undefined, cause: unknown) {
    const of = owner === 'core' ? 'core' : `plugin "${owner}"`;
    super(
      `Migration "${migration ?? '(unknown)'}" of ${of} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'MigrationError';
    this.owner = owner;
    this.migration = migration;
  }
}

/**
 * The installation's advisory lock (one 64-bit key per database): held by an upgrade for its whole
 * transaction and by a restore for its whole run. A second instance that starts meanwhile waits for
 * it and then finds nothing left to migrate; running instances that see it held answer 503
 * (maintenance, ops/maintenance.ts).
 */
export const INSTALLATION_LOCK = 4779879298869395457n; // 0x4255524541550001, "BUREAU" + 1

/** Waits for the installation lock, held until the caller's transaction ends. */
export async function lockInstallation(trx: Kysely<any>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${INSTALLATION_LOCK.toString()}::bigint)`.execute(trx);
}

/**
 * Refuses a database that a newer build migrated: any applied migration of core or of an installed
 * plugin that this build does not know. A plugin whose schema exists but is no longer installed is
 * left alone (uninstalling a module keeps its data).
 */
export async function refuseNewerSchema(db: Kysely<any>, sets: MigrationSet[]): Promise<void> {
  for (const set of sets) {
    const exists = await db.executeQuery<{ ok: boolean }>(
      CompiledQuery.raw(`select to_regclass($1) is not null as ok`, [`"${set.schema}".migrations`]),
    );
    if (!exists.rows[0]?.ok) continue;
    const applied = await db.executeQuery<{ name: string }>(
      CompiledQuery.raw(`select name from "${set.schema}".migrations order by name`),
    );
    const unknown = applied.rows.map((r) => r.name).filter((n) => !(n in set.migrations));
    if (unknown.length) {
      throw new NewerSchemaError(newerMessage('this database', set.owner, unknown, Object.keys(set.migrations)));
    }
  }
}

/** "<what> is at migration core/0061_x, this build knows up to core/0059_y" */
export function newerMessage(what: string, owner: string, unknown: string[], known: string[]): string {
  const newest = [...unknown].sort().at(-1);
  const last = [...known].sort().at(-1);
  return `${what} is at migration ${owner}/${newest}, this build knows up to ${last ? `${owner}/${last}` : `no migration of ${owner}`}`;
}

/**
 * Runs one package's pending migrations into its own schema, with its own migration table
 * (`<schema>.migrations`, the shape Kysely's migrator made, so older databases carry on), then grants
 * the request role access to the schema's tables. Given a transaction (migrateAll passes one, under
 * the installation lock), everything happens in it: a failing migration leaves the database as it
 * was before the upgrade began.
 *
 * Pending migrations run in name order, also when an older name arrives after a newer one was applied:
 * core areas and modules get migration number ranges and are merged in any order, so a database
 * migrated at an intermediate build must still upgrade.
 */
export async function migrate(db: Kysely<any>, set: MigrationSet): Promise<string[]> {
  const table = sql.id(set.schema, 'migrations');
  await sql`create schema if not exists ${sql.id(set.schema)}`.execute(db);
  await sql`create table if not exists ${table} (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(
    db,
  );
  const done = new Set((await sql<{ name: string }>`select name from ${table}`.execute(db)).rows.map((r) => r.name));
  const applied: string[] = [];
  for (const name of Object.keys(set.migrations).sort()) {
    if (done.has(name)) continue;
    try {
      await (set.migrations[name] as Migration).up(db);
    } catch (err) {
      throw new MigrationError(set.owner, name, err);
    }
    await sql`insert into ${table} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(db);
    applied.push(name);
  }
  await grantSchemaToAppRole(db, set.schema);
  // The migration bookkeeping is not for the request role (migrations_lock: left by older builds).
  await sql`revoke all on ${table} from bureau_app`.execute(db);
  await sql`do $$ begin
      if to_regclass(${sql.lit(`${set.schema}.migrations_lock`)}) is not null then
        execute format('revoke all on %I.migrations_lock from bureau_app', ${sql.lit(set.schema)}::text);
      end if;
    end $$`.execute(db);
  return applied;
}
