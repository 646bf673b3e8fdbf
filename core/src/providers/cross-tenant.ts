import { switchTenant } from '../db/with-tenant.ts';
import { pluginContext } from '../plugins/context.ts';
import type { AuditEntry } from '../plugins/define-plugin.ts';
import type { Op } from './op.ts';

/**
 * Runs `fn` with the open tenant transaction pointed at another tenant, then points it back.
 * The transaction keeps the request role, so row level security still applies: while switched it
 * admits the other tenant's rows only. This is how an engagement's two sides (client and provider)
 * change together, atomically: explicit, rare and audited on both sides (DESIGN §3).
 */
export function inTenant<T>(op: Op, otherTenantId: string, fn: () => Promise<T>): Promise<T> {
  return switchTenant(op.db, op.tenant.id, otherTenantId, fn);
}

/** Writes an audit row under another tenant (the counterpart of an engagement), naming the actor. */
export async function auditIn(op: Op, tenantId: string, entry: AuditEntry): Promise<void> {
  const tenant = await op.db
    .selectFrom('core.tenants')
    .select(['id', 'slug', 'name', 'kind', 'status', 'country', 'locale', 'currency'])
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const ctx = pluginContext({
    runtime: op.runtime,
    tenant: tenant as never,
    db: op.db,
    actor: op.actor,
    requestId: op.requestId,
    ip: op.ip,
  });
  await inTenant(op, tenantId, () => ctx.audit(entry));
}
