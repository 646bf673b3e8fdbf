import { withTenant } from '../db/with-tenant.ts';
import { mailOutside, OUTSIDE_MAIL_EVENT } from '../mail/outside.ts';
import { mailNotifications } from '../notifications/mail.ts';
import { NOTIFICATION_MAIL_EVENT } from '../notifications/notify.ts';
import { pluginContext } from '../plugins/context.ts';
import type { BureauEvent } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import { findTenantById } from '../tenancy/tenants.ts';

/** What a pg-boss job carries: a pointer to the outbox row, never the payload itself. */
export interface EventJob {
  tenantId: string;
  eventId: string;
}

export interface HandlerFailure {
  plugin: string;
  message: string;
}

/** One or more handlers threw; the job fails and pg-boss retries it (handlers that succeeded are skipped then). */
export class DeliveryError extends Error {
  readonly failures: HandlerFailure[];
  constructor(event: BureauEvent, failures: HandlerFailure[]) {
    super(`${event.type} ${event.id}: ${failures.map((f) => `${f.plugin}: ${f.message}`).join('; ')}`);
    this.name = 'DeliveryError';
    this.failures = failures;
  }
}

export interface DeliveryResult {
  event: BureauEvent | null;
  /** Plugins whose handler ran and committed in this attempt. */
  handled: string[];
  /** Plugins skipped: already processed for this event id, or module not enabled for the tenant. */
  skipped: string[];
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Loads an outbox event in its tenant's transaction (null if gone). */
export async function loadEvent(runtime: Runtime, job: EventJob): Promise<BureauEvent | null> {
  const row = await withTenant(runtime.db, job.tenantId, (trx) =>
    trx
      .selectFrom('core.outbox')
      .select(['id', 'type', 'payload', 'occurred_at'])
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.eventId)
      .executeTakeFirst(),
  );
  if (!row) return null;
  return {
    id: row.id,
    type: row.type,
    tenantId: job.tenantId,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/**
 * Delivers one event to every installed plugin that handles its type and is enabled for the tenant.
 * Each handler runs in its own tenant transaction together with the insert of its processed-events
 * row (tenant, event id, plugin): a redelivered event finds the row and skips that handler, and a
 * handler that throws leaves no row, so it runs again on the retry. Throws DeliveryError when any
 * handler failed.
 */
export async function deliverEvent(runtime: Runtime, job: EventJob): Promise<DeliveryResult> {
  const event = await loadEvent(runtime, job);
  const tenant = event && (await findTenantById(runtime.db, job.tenantId));
  if (!event || !tenant) return { event: null, handled: [], skipped: [] };
  const handled: string[] = [];
  const skipped: string[] = [];
  const failures: HandlerFailure[] = [];
  // Core's own work after commit: notification e-mails (core/src/notifications/mail.ts).
  if (event.type === NOTIFICATION_MAIL_EVENT) {
    try {
      await mailNotifications(runtime, tenant, event);
      handled.push('core');
    } catch (err) {
      failures.push({ plugin: 'core', message: message(err) });
      runtime.log('error', 'notification mail failed', { event: event.id, tenant: tenant.id, error: message(err) });
    }
  }
  // A module's e-mail to an address outside the tenant (core/src/mail/outside.ts).
  if (event.type === OUTSIDE_MAIL_EVENT) {
    try {
      await mailOutside(runtime, tenant, event);
      handled.push('core');
    } catch (err) {
      failures.push({ plugin: 'core', message: message(err) });
      runtime.log('error', 'outside mail failed', { event: event.id, tenant: tenant.id, error: message(err) });
    }
  }
  for (const plugin of runtime.plugins) {
    const handler = plugin.on?.[event.type];
    if (!handler) continue;
    try {
      const ran = await withTenant(runtime.db, tenant.id, async (trx) => {
        const module = await trx
          .selectFrom('core.tenant_modules')
          .select('enabled')
          .where('tenant_id', '=', tenant.id)
          .where('module_id', '=', plugin.id)
          .executeTakeFirst();
        if (!module?.enabled) return false;
        // Claimed first: a concurrent duplicate delivery waits on this key until we commit, then skips.
        const claimed = await trx
          .insertInto('core.processed_events')
          .values({ tenant_id: tenant.id, event_id: event.id, handler: plugin.id, processed_at: runtime.clock.now() })
          .onConflict((oc) => oc.columns(['tenant_id', 'event_id', 'handler']).doNothing())
          .returning('event_id')
          .executeTakeFirst();
        if (!claimed) return false;
        const ctx = pluginContext({ runtime, tenant, db: trx, actor: null, requestId: null, ip: null });
        await handler(structuredClone(event), ctx);
        return true;
      });
      (ran ? handled : skipped).push(plugin.id);
    } catch (err) {
      failures.push({ plugin: plugin.id, message: message(err) });
      runtime.log('error', 'event handler failed', {
        event: event.id,
        type: event.type,
        tenant: tenant.id,
        plugin: plugin.id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    }
  }
  if (failures.length) throw new DeliveryError(event, failures);
  return { event, handled, skipped };
}
