/**
 * What an installation holds, read from the PostgreSQL catalogue rather than from a list in code:
 * other modules add schemas and tables all the time, and a backup must carry every one of them.
 *
 * Bureau's schemas are `core`, every schema with its own `migrations` table (one per plugin,
 * DESIGN §3) and `pgboss` (the job queue, so events waiting for delivery survive a restore).
 */

/** Runs one statement and returns its rows; the same catalogue code serves pg clients and PGlite. */
export type Query = (text: string, params?: unknown[]) => Promise<Record<string, any>[]>;

export const JOB_SCHEMA = 'pgboss';

export async function bureauSchemas(q: Query): Promise<string[]> {
  const rows = await q(`
    select n.nspname as name from pg_namespace n
     where n.nspname = '${JOB_SCHEMA}'
        or exists (select 1 from pg_class c
                    where c.relnamespace = n.oid and c.relname = 'migrations' and c.relkind in ('r', 'p'))
     order by 1`);
  return rows.map((r) => r.name as string);
}

/** Base tables (partitioned parents, not their partitions) of `schemas`, as `schema.table`. */
export async function tablesOf(q: Query, schemas: string[]): Promise<string[]> {
  if (!schemas.length) return [];
  const rows = await q(
    `select n.nspname || '.' || c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any($1::text[])
      order by 1`,
    [schemas],
  );
  return rows.map((r) => r.name as string);
}

/** `"schema"."table"` for a `schema.table` name read from the catalogue (names never contain dots). */
export function quoteTable(name: string): string {
  const dot = name.indexOf('.');
  return `${quoteIdent(name.slice(0, dot))}.${quoteIdent(name.slice(dot + 1))}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Row count of every table, in one statement per 100 tables. */
export async function rowCounts(q: Query, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < tables.length; i += 100) {
    const part = tables.slice(i, i + 100);
    const text = part.map((t, j) => `select ${j} as i, count(*)::text as n from ${quoteTable(t)}`).join(' union all ');
    for (const r of await q(text)) counts[part[Number(r.i)] as string] = Number(r.n);
  }
  return counts;
}

/**
 * Applied migrations of every migrated package: `{ core: ['0001_…', …], accounting: […] }`. The owner
 * of a schema's migrations is the schema's name (core, or the plugin id).
 */
export async function appliedMigrations(q: Query, schemas: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const owners = await q(
    `select n.nspname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relname = 'migrations' and c.relkind in ('r', 'p') and n.nspname = any($1::text[])
      order by 1`,
    [schemas],
  );
  for (const { name } of owners) {
    const rows = await q(`select name from ${quoteIdent(name)}.migrations order by name`);
    out[name] = rows.map((r) => r.name as string);
  }
  return out;
}

export interface InstallationState {
  schemas: string[];
  tables: Record<string, number>;
  migrations: Record<string, string[]>;
}

/** Schemas, row count per table and applied migrations, read in the caller's snapshot. */
export async function installationState(q: Query): Promise<InstallationState> {
  const schemas = await bureauSchemas(q);
  const tables = await rowCounts(q, await tablesOf(q, schemas));
  return { schemas, tables, migrations: await appliedMigrations(q, schemas) };
}
