import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { APP_ROLE } from './roles.ts';
import { markTenantTransaction, withEntryOnBegin } from './tenant-guard.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key of the current tenant transaction: random, held only here, in memory. The entry stores
 * its SHA-256 in `bureau.switch_key`; `core.switch_tenant` (migration 0050) repoints the transaction
 * only when shown the key itself, so a statement of the request role cannot switch tenants by itself.
 */
const switchKeys = new AsyncLocalStorage<string>();
const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Runs `fn` in one transaction as the request role with `bureau.tenant_id` set for this
 * transaction only, so row level security admits only this tenant's rows. Both the role and the
 * setting end with the transaction. On PostgreSQL the entry travels with BEGIN (one round trip).
 */
export function withTenant<T>(
  db: Kysely<any>,
  tenantId: string,
  fn: (trx: Transaction<any>) => Promise<T>,
): Promise<T> {
  const key = randomBytes(24).toString('base64url');
  const keyHash = sha256Hex(key);
  return switchKeys.run(key, () =>
    withEntryOnBegin(tenantEntrySql(tenantId, keyHash), (entered) =>
      db.transaction().execute((trx) =>
        markTenantTransaction(async () => {
          // A driver that did not run the entry with BEGIN (not wrapped by guardDialect): a statement of its own.
          if (!entered()) await enterTenant(trx, tenantId, keyHash);
          return fn(trx);
        }),
      ),
    ),
  );
}

/**
 * Runs `fn` with an open tenant transaction of `current` pointed at `other`, then points it back.
 * The request role stays, so row level security admits only `other`'s rows meanwhile. This is how the
 * two sides of a cross-tenant relation (an engagement, a paying provider) change in one transaction:
 * explicit, rare and audited (DESIGN §3).
 */
export async function switchTenant<T>(
  db: Kysely<any>,
  current: string,
  other: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (other === current) return fn();
  const key = switchKeys.getStore();
  // Inside withTenant the request role shows the transaction's key; a privileged transaction sets it itself.
  const point = (id: string) =>
    key
      ? sql`select core.switch_tenant(${id}::uuid, ${key})`.execute(db)
      : sql`select set_config('bureau.tenant_id', ${id}, true)`.execute(db);
  await point(other);
  try {
    const result = await fn();
    await point(current);
    return result;
  } catch (err) {
    // After a failed statement the transaction is lost anyway; try to point it back regardless.
    await point(current).catch(() => {});
    throw err;
  }
}

/**
 * The tenant entry as literal SQL (it travels with BEGIN in a simple-protocol message, which takes
 * no parameters): the id is checked to be a UUID, the key hash to be hex, the role is a constant. The
 * role comes last: setting the others needs the owner.
 */
export function tenantEntrySql(tenantId: string, keyHash: string): string {
  if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${JSON.stringify(tenantId)}`);
  if (!/^[0-9a-f]{64}$/.test(keyHash)) throw new Error('not a key hash');
  return `select set_config('bureau.tenant_id', '${tenantId}', true), set_config('bureau.switch_key', '${keyHash}', true), set_config('role', '${APP_ROLE}', true)`;
}

/** Switches an open transaction to the request role and tenant (one round trip). */
export async function enterTenant(trx: Kysely<any>, tenantId: string, keyHash: string): Promise<void> {
  await sql`select set_config('bureau.tenant_id', ${tenantId}, true), set_config('bureau.switch_key', ${keyHash}, true),
    set_config('role', ${APP_ROLE}, true)`.execute(trx);
}
