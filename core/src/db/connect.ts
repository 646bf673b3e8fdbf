import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { guardDialect, inTenantTransaction } from './tenant-guard.ts';

/** A connected database: Kysely plus the underlying driver, so jobs can share it. */
export interface Database {
  db: Kysely<any>;
  kind: 'pglite' | 'postgres';
  /** Present in embedded mode; pg-boss and tests reach the same in-process instance. */
  pglite?: PGlite;
  /** Present on a real server. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… connects to a real server; otherwise PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in-memory. */
  dataDir?: string | undefined;
  /** Pool size for a real server. */
  poolSize?: number;
  /** An in-memory PGlite starts from this data directory dump (test templates) instead of an empty cluster. */
  loadDataDir?: Blob;
}

// bigint (int8) arrives as a string from both drivers; keep it that way (money is never a JS number).
// numeric stays a string too. Dates (`date`, oid 1082) stay ISO strings, not shifted Date objects.
pg.types.setTypeParser(1082, (v) => v);

/**
 * Inside a tenant transaction every statement goes by the extended query protocol, which carries
 * exactly one statement: an injection cannot append `; reset role` or `; set bureau.tenant_id = …`
 * (issue 11, item 10). node-postgres would send a statement without parameters as a simple query,
 * where `;` starts the next one. PGlite's `query` is always the extended protocol.
 */
function singleStatementsInTenantTransactions(client: pg.PoolClient): void {
  const query = client.query as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = function (this: pg.PoolClient, ...args: unknown[]) {
    const [text, values] = args;
    if (
      typeof text === 'string' &&
      args.length <= 2 &&
      (values === undefined || Array.isArray(values)) &&
      inTenantTransaction()
    ) {
      return query.call(this, { text, values, queryMode: 'extended' });
    }
    return query.apply(this, args);
  };
}

export async function connect(options: ConnectOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => {});
    // A checked-out client whose server goes away emits 'error' too; the query fails and the request answers 503.
    pool.on('connect', (client) => {
      client.on('error', () => {});
      singleStatementsInTenantTransactions(client);
    });
    const db = new Kysely<any>({ dialect: guardDialect(new PostgresDialect({ pool }), { fuseBegin: true }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    // Same shapes as node-postgres: int8 and numeric as strings, dates as ISO strings.
    parsers: { 20: (v: string) => v, 1700: (v: string) => v, 1082: (v: string) => v },
  });
  const db = new Kysely<any>({ dialect: guardDialect(new PGliteDialect({ pglite })) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
