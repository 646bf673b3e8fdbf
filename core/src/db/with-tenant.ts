import { type Kysely, sql, type Transaction } from 'kysely';
import { APP_ROLE } from './roles.ts';
import { markTenantTransaction } from './tenant-guard.ts';

/**
 * Runs `fn` in one transaction as the request role with `bureau.tenant_id` set for this
 * transaction only, so row level security admits only this tenant's rows. Both the role and the
 * setting end with the transaction.
 */
export async function withTenant<T>(
  db: Kysely<any>,
  tenantId: string,
  fn: (trx: Transaction<any>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((trx) =>
    markTenantTransaction(async () => {
      await enterTenant(trx, tenantId);
      return fn(trx);
    }),
  );
}

/** Switches an open transaction to the request role and tenant. */
export async function enterTenant(trx: Kysely<any>, tenantId: string): Promise<void> {
  // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
  await sql`select set_config('bureau.tenant_id', ${tenantId}, true), set_config('role', ${APP_ROLE}, true)`.execute(
    trx,
  );
}
