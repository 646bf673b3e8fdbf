import { bureauSchemas, JOB_SCHEMA, type Query, tablesOf } from '../ops/catalogue.ts';

/**
 * How each of Bureau's tables would be laid out on Citus (docs/scaling.md): distributed by the tenant
 * (sharded on `tenant_id`, all colocated, so one tenant's rows of every table live on one node) or a
 * reference table (a full copy on every node, for what spans tenants and is read far more than
 * written). A table with a `tenant_id` column is distributed by it; every other table must be named
 * here with the reason, or `tableDistribution` reports it as unclassified (and the catalogue test,
 * tests/plugins/distribution.test.ts, fails).
 */
export const DISTRIBUTED_BY: Readonly<Record<string, string>> = {
  // The tenant row itself: its id is the distribution value of everything else.
  'core.tenants': 'id',
};

export const REFERENCE_TABLES: Readonly<Record<string, string>> = {
  'core.users': 'accounts belong to people, who may be members of several tenants',
  'core.sessions': 'a session is a login of a user, looked up by its hash before any tenant is known',
  'core.password_resets': 'a reset belongs to a user, before any tenant is known',
  'core.email_verifications': 'a verification belongs to a user',
  'core.user_totp': "a second factor belongs to a user's login",
  'core.user_recovery_codes': "recovery codes belong to a user's login",
  'core.mail_jobs': 'account mails (sign-up, reset) are sent before or without a tenant',
  'core.schedule_ticks': 'the scheduler’s fan-out bookkeeping spans tenants',
  'core.platform_runs': 'platform jobs (backups, disposal proposals) belong to no tenant',
  'core.billing_plans': "the operator's plan catalogue, read by every tenant",
  'core.billing_plan_prices': "the operator's plan catalogue",
  'core.billing_addon_prices': "the operator's add-on catalogue",
  'core.billing_counters': "the operator's invoice number series (the operator issues every tenant's invoices)",
  'core.billing_bank_transactions': "the operator's bank statement lines, matched to any tenant's invoice",
};

export interface TableDistribution {
  distributed: { table: string; column: string }[];
  reference: { table: string; reason: string }[];
  /** Neither: a new table that needs a `tenant_id` or a place in REFERENCE_TABLES. */
  unclassified: string[];
}

/** Classifies every table of Bureau's schemas (the job queue's own schema stays on the coordinator). */
export async function tableDistribution(q: Query): Promise<TableDistribution> {
  const schemas = (await bureauSchemas(q)).filter((s) => s !== JOB_SCHEMA);
  const tables = await tablesOf(q, schemas);
  const withTenant = new Set(
    (
      await q(
        `select n.nspname || '.' || c.relname as name
           from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where a.attname = 'tenant_id' and not a.attisdropped and n.nspname = any($1::text[])`,
        [schemas],
      )
    ).map((r) => r.name as string),
  );
  const out: TableDistribution = { distributed: [], reference: [], unclassified: [] };
  for (const table of tables) {
    const byOther = DISTRIBUTED_BY[table];
    const reason = REFERENCE_TABLES[table] ?? (table.endsWith('.migrations') ? 'migration bookkeeping' : undefined);
    if (byOther) out.distributed.push({ table, column: byOther });
    else if (withTenant.has(table)) out.distributed.push({ table, column: 'tenant_id' });
    else if (reason) out.reference.push({ table, reason });
    else out.unclassified.push(table);
  }
  return out;
}
