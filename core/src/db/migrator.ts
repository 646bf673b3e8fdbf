import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
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
 * Runs one package's pending migrations into its own schema, with its own migration table
 * (`<schema>.migrations`), then grants the request role access to the schema's tables.
 */
export async function migrate(db: Kysely<any>, set: MigrationSet): Promise<string[]> {
  await sql`create schema if not exists ${sql.id(set.schema)}`.execute(db);
  const provider: MigrationProvider = { getMigrations: async () => set.migrations };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableSchema: set.schema,
    migrationTableName: 'migrations',
    migrationLockTableName: 'migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(set.owner, failed?.migrationName, error);
  }
  await grantSchemaToAppRole(db, set.schema);
  // The migration bookkeeping tables are not for the request role.
  await sql`revoke all on ${sql.id(set.schema, 'migrations')}, ${sql.id(set.schema, 'migrations_lock')} from bureau_app`.execute(
    db,
  );
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
