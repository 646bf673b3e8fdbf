import autocannon from 'autocannon';
import pg from 'pg';
import { HttpClient, signupOver } from '../tests/support/server-process.ts';

/** Shared pieces of `pnpm bench` and `pnpm soak`. */

export interface LoadFigures {
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections = 50,
): Promise<LoadFigures> {
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return {
    requestsPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : Number.NaN;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number) : Number.NaN;
};

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

/** An owner with a tenant and `members` more members (invited and accepted), all through the API. */
export async function tenantWithMembers(
  origin: string,
  slug: string,
  members: number,
): Promise<{ http: HttpClient; tenantId: string; slug: string }> {
  const http = new HttpClient(origin);
  const { tenantId } = await signupOver(http, { email: `owner@${slug}.bench`, slug });
  for (let i = 0; i < members; i++) {
    const inv = await http.send('POST', `/api/t/${slug}/invitations`, {
      email: `m${i}@${slug}.bench`,
      role: 'member',
      confirm: true,
    });
    if (inv.status !== 201) throw new Error(`invite: ${inv.status} ${inv.text}`);
    const token = new URL(inv.json.link).searchParams.get('token');
    const guest = new HttpClient(origin);
    const acc = await guest.send('POST', `/api/invitations/${token}/accept`, {
      name: `Member ${i}`,
      password: 'correct horse battery',
    });
    if (acc.status !== 200) throw new Error(`accept: ${acc.status} ${acc.text}`);
  }
  return { http, tenantId, slug };
}

/**
 * Copies every row of the template tenant (core.tenants and every table with tenant_id) into
 * `count` new tenants, in SQL: the same per-tenant data, new tenant ids and slugs. Runs as the
 * superuser with triggers and foreign-key checks off (session_replication_role = replica).
 * Returns the tables it could not copy (e.g. a globally unique column), with the reason.
 */
export async function cloneTenant(
  url: string,
  templateId: string,
  count: number,
  prefix: string,
): Promise<{ ids: string[]; skipped: string[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const skipped: string[] = [];
  try {
    await c.query('begin');
    await c.query('set local session_replication_role = replica');
    await c.query(`create temp table bench_map on commit drop as
      select gen_random_uuid() as id, n from generate_series(1, ${count}) n`);
    const cols = async (schema: string, table: string) =>
      (
        await c.query<{ name: string }>(
          `select quote_ident(attname) as name from pg_attribute
            where attrelid = ($1 || '.' || $2)::regclass and attnum > 0 and not attisdropped and attgenerated = ''
            order by attnum`,
          [schema, table],
        )
      ).rows.map((r) => r.name);
    const tcols = await cols('core', 'tenants');
    const pick = tcols.map((col) =>
      col === 'id'
        ? 'm.id'
        : col === 'slug'
          ? `'${prefix}-' || m.n`
          : col === 'name'
            ? `'${prefix} ' || m.n`
            : `t.${col}`,
    );
    await c.query(
      `insert into core.tenants (${tcols.join(', ')}) select ${pick.join(', ')} from core.tenants t, bench_map m where t.id = $1`,
      [templateId],
    );
    const tables = await c.query<{ schema: string; table: string }>(
      `select n.nspname as schema, c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema', 'pgboss')
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`,
    );
    for (const { schema, table } of tables.rows) {
      const tc = await cols(schema, table);
      const sel = tc.map((col) => (col === 'tenant_id' ? 'm.id' : `x.${col}`));
      await c.query('savepoint s');
      try {
        await c.query(
          `insert into ${schema}.${table} (${tc.join(', ')}) select ${sel.join(', ')} from ${schema}.${table} x, bench_map m where x.tenant_id = $1`,
          [templateId],
        );
        await c.query('release savepoint s');
      } catch (err) {
        await c.query('rollback to savepoint s');
        skipped.push(`${schema}.${table}: ${(err as Error).message}`);
      }
    }
    const ids = (await c.query<{ id: string }>('select id from bench_map order by n')).rows.map((r) => r.id);
    await c.query('commit');
    await c.query('analyze');
    return { ids, skipped };
  } finally {
    await c.end();
  }
}
