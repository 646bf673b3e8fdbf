import { type Kysely, sql } from 'kysely';

/**
 * Row counts and a change stamp (newest row version) of tenant tables, read through the privileged handle
 * (outside any tenant transaction). Used to show that a rejected request wrote nothing and that a
 * replayed request did not touch another tenant.
 */
export interface TableState {
  rows: number;
  hash: string;
}

export type DbState = Map<string, TableState>;

/** Every base table with a tenant_id column, as `schema.table`, read from the catalogue. */
export async function tenantTables(db: Kysely<any>): Promise<string[]> {
  const res = await sql<{ name: string }>`
    select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p')
       and n.nspname not in ('pg_catalog', 'information_schema', 'pgboss')
       and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
     order by 1`.execute(db);
  return res.rows.map((r) => r.name);
}

/**
 * One query over all `tables`: per table, the row count and the newest row version (max xmin). With
 * `tenantId`, only that tenant's rows. Tables in `ignore` (e.g. token usage stamps) are left out.
 */
export async function dbState(db: Kysely<any>, tables: string[], tenantId?: string): Promise<DbState> {
  if (!tables.length) return new Map();
  const where = tenantId ? sql` where t.tenant_id = ${tenantId}` : sql``;
  const parts = tables.map(
    (name) =>
      // xmin changes with every insert and update; with the count, every committed change shows.
      sql`select ${name}::text as name, count(*)::text as rows,
                 coalesce(max(t.xmin::text::bigint), 0)::text as hash
            from ${sql.raw(name)} t${where}`,
  );
  const res = await sql<{ name: string; rows: string; hash: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return new Map(res.rows.map((r) => [r.name, { rows: Number(r.rows), hash: r.hash }]));
}

/** Tables whose count or checksum differ, described for an assertion message. */
export function stateDiff(before: DbState, after: DbState): string[] {
  const out: string[] = [];
  for (const [name, b] of before) {
    const a = after.get(name);
    if (!a) out.push(`${name}: gone`);
    else if (a.rows !== b.rows) out.push(`${name}: ${b.rows} → ${a.rows} rows`);
    else if (a.hash !== b.hash) out.push(`${name}: rows changed`);
  }
  for (const name of after.keys()) if (!before.has(name)) out.push(`${name}: new table`);
  return out;
}

/** Every uuid value (any uuid column) in the rows of `tenantIds` across all tenant tables. */
export async function tenantUuids(db: Kysely<any>, tenantIds: string[]): Promise<Set<string>> {
  const cols = await sql<{ tbl: string; col: string }>`
    select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as tbl, quote_ident(a.attname) as col
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relkind in ('r', 'p') and a.atttypid = 'uuid'::regtype
       and n.nspname not in ('pg_catalog', 'information_schema', 'pgboss')
       and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)`.execute(
    db,
  );
  const out = new Set<string>();
  if (!cols.rows.length || !tenantIds.length) return out;
  const parts = cols.rows.map(
    (r) =>
      sql`select ${sql.raw(r.col)}::text as v from ${sql.raw(r.tbl)} where tenant_id in (${sql.join(tenantIds)}) and ${sql.raw(r.col)} is not null`,
  );
  // A few hundred columns at most; one statement per batch of 50 keeps the SQL small.
  for (let i = 0; i < parts.length; i += 50) {
    const res = await sql<{ v: string }>`${sql.join(parts.slice(i, i + 50), sql` union `)}`.execute(db);
    for (const r of res.rows) out.add(r.v.toLowerCase());
  }
  return out;
}

/**
 * The next transaction id the server will assign. Unchanged between two reads means no transaction
 * wrote anything in between (read-only transactions get no id): a cheap first check before a checksum.
 */
export async function nextXid(db: Kysely<any>): Promise<string> {
  const res = await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(db);
  return res.rows[0]?.x ?? '';
}
