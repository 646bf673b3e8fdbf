import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { APP_ROLE } from '../db/roles.ts';
import { Problem } from '../http/problem.ts';
import { cm } from '../i18n/core-messages.ts';
import type { RequestGuard, Runtime } from '../runtime.ts';
import { afterModuleChange, beforeModuleEnable, beforeSeatAdded, moduleInfo } from './entitlements.ts';
import { ensureSubscription } from './subscriptions.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes a suspended or canceled tenant may still make: paying attention to billing itself, and
 * taking its data set with it (the archive export is what a firm gets when it leaves, issue 18 item 6).
 */
const EXEMPT = [/^\/billing\/reactivate$/, /^\/billing\/profile$/, /^\/records\/exports$/];

/**
 * Suspended and canceled tenants are read-only: every write answers 402 `subscription_suspended`
 * (or `subscription_canceled`); reads and exports keep working. Creates the trial subscription on
 * a tenant's first request.
 */
export const subscriptionGuard: RequestGuard = async (c) => {
  const { db, runtime, tenant } = c.var;
  // The session's statement read the status already (tenancy/resolve.ts); else read it, or start the trial.
  const known = c.var.resolved?.tenant?.id === tenant.id ? c.var.resolved.subscription : null;
  const sub = known ?? (await ensureSubscription(db, runtime, tenant));
  if (READS.has(c.req.method)) return;
  if (sub.status !== 'suspended' && sub.status !== 'canceled') return;
  const rest = c.req.path.slice(`/api/t/${tenant.slug}`.length);
  if (EXEMPT.some((re) => re.test(rest))) return;
  const suspended = sub.status === 'suspended';
  throw new Problem(
    402,
    suspended ? 'subscription_suspended' : 'subscription_canceled',
    suspended ? cm.subscription_suspended : cm.subscription_canceled,
    { extra: { status: sub.status, retentionUntil: sub.retentionUntil, billing: `/api/t/${tenant.slug}/billing` } },
  );
};

/** Registers billing's hooks and request guard on a runtime (called once by createBureau). */
export function installBilling(runtime: Runtime) {
  runtime.hooks.beforeModuleEnable.push(beforeModuleEnable);
  runtime.hooks.afterModuleChange.push(afterModuleChange);
  runtime.hooks.beforeSeatAdded.push(beforeSeatAdded);
  runtime.hooks.moduleInfo.push(moduleInfo);
  runtime.requestGuards.push(subscriptionGuard);
  runtime.hooks.tenantCreated.push(async (db, tenant) => {
    await ensureSubscription(db, runtime, tenant);
  });
}

/**
 * Platform-only billing tables stay out of the request role's reach (migrateAll grants it the whole
 * core schema): bank statements, the numbering counters; the catalogue is read-only to it.
 */
export async function restrictBillingGrants(db: Kysely<any>) {
  const r = sql.raw(APP_ROLE);
  await sql`revoke all on core.billing_bank_transactions, core.billing_counters from ${r}`.execute(db);
  await sql`revoke insert, update, delete on core.billing_plans, core.billing_plan_prices, core.billing_addon_prices from ${r}`.execute(
    db,
  );
}
