import { type Kysely, sql } from 'kysely';

export interface GuardViolation {
  table: string;
  rule: 'rls_enabled' | 'rls_forced' | 'tenant_policy' | 'primary_key' | 'unique_key' | 'foreign_key';
  detail: string;
}

/**
 * Reads the catalogue and checks every table with a `tenant_id` column against DESIGN §3: row level
 * security enabled and forced with the tenant policy; primary key, unique constraints and foreign
 * keys to other tenant tables include tenant_id (Citus-ready). New tables are covered automatically.
 */
/** How Postgres prints the policy expression enableTenantRls creates, read back from a scratch table. */
async function canonicalTenantExpression(db: Kysely<any>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await sql`create temporary table bureau_guard_probe (tenant_id uuid) on commit drop`.execute(trx);
    await sql`create policy tenant_isolation on bureau_guard_probe
      using (tenant_id = (select current_setting('bureau.tenant_id', true)::uuid))`.execute(trx);
    const r = await sql<{ qual: string }>`
      select pg_get_expr(p.polqual, p.polrelid) as qual from pg_policy p
      where p.polrelid = 'bureau_guard_probe'::regclass`.execute(trx);
    return r.rows[0]?.qual as string;
  });
}

export async function tenantTableViolations(db: Kysely<any>) {
  const tables = (
    await sql<{ schema: string; name: string; oid: number; rls: boolean; forced: boolean }>`
      select n.nspname as schema, c.relname as name, c.oid::int as oid,
             c.relrowsecurity as rls, c.relforcerowsecurity as forced
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
      order by 1, 2`.execute(db)
  ).rows;
  const tenantTableOids = new Set(tables.map((t) => t.oid));
  const tenantExpr = await canonicalTenantExpression(db);
  const violations: GuardViolation[] = [];
  for (const t of tables) {
    const table = `${t.schema}.${t.name}`;
    if (!t.rls) violations.push({ table, rule: 'rls_enabled', detail: 'row level security is not enabled' });
    if (!t.forced) violations.push({ table, rule: 'rls_forced', detail: 'row level security is not forced' });
    const policies = (
      await sql<{ qual: string | null; check: string | null; cmd: string }>`
        select pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as check,
               p.polcmd::text as cmd
        from pg_policy p where p.polrelid = ${t.oid}`.execute(db)
    ).rows;
    const exact = (e: string | null) => e === tenantExpr;
    if (policies.length !== 1 || !policies.every((p) => p.cmd === '*' && exact(p.qual) && exact(p.check))) {
      violations.push({
        table,
        rule: 'tenant_policy',
        detail: `expected exactly the tenant policy (${tenantExpr}); found ${JSON.stringify(policies)}`,
      });
    }
    const constraints = (
      await sql<{ name: string; type: string; columns: string[]; ref: number | null }>`
        select con.conname as name, con.contype::text as type, con.confrelid::int as ref,
               array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as columns
        from pg_constraint con where con.conrelid = ${t.oid} and con.contype in ('p', 'u', 'f')`.execute(db)
    ).rows;
    const unique = (
      await sql<{ name: string; def: string }>`
        select i.relname as name, pg_get_indexdef(x.indexrelid) as def
        from pg_index x join pg_class i on i.oid = x.indexrelid
        where x.indrelid = ${t.oid} and x.indisunique and not x.indisprimary
          and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(db)
    ).rows;
    const pk = constraints.find((c) => c.type === 'p');
    if (!pk?.columns.includes('tenant_id')) {
      violations.push({
        table,
        rule: 'primary_key',
        detail: `primary key ${pk?.columns.join(', ') ?? '(none)'} lacks tenant_id`,
      });
    }
    for (const c of constraints.filter((c) => c.type === 'u' && !c.columns.includes('tenant_id'))) {
      violations.push({ table, rule: 'unique_key', detail: `${c.name} (${c.columns.join(', ')}) lacks tenant_id` });
    }
    for (const u of unique.filter((u) => !/\btenant_id\b/.test(u.def))) {
      violations.push({ table, rule: 'unique_key', detail: `${u.name} lacks tenant_id` });
    }
    for (const c of constraints.filter((c) => c.type === 'f' && c.ref !== null && tenantTableOids.has(c.ref))) {
      if (!c.columns.includes('tenant_id')) {
        violations.push({ table, rule: 'foreign_key', detail: `${c.name} (${c.columns.join(', ')}) lacks tenant_id` });
      }
    }
  }
  return { tables: tables.map((t) => `${t.schema}.${t.name}`), violations };
}
