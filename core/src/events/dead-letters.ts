import { withTenant } from '../db/with-tenant.ts';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';
import type { EventJob } from './delivery.ts';

/** An event whose delivery failed after every retry; an admin may retry it. */
export interface DeadLetter {
  id: string;
  eventId: string;
  type: string;
  payload: unknown;
  occurredAt: string;
  /** Why the last attempt failed (handler errors, or a timeout). */
  error: string;
  /** Delivery attempts made before it was dead-lettered. */
  attempts: number;
  failedAt: string;
  /** open: waiting for an admin; retried: sent again; resolved: delivered after a retry. */
  status: 'open' | 'retried' | 'resolved';
  /** How many times an admin retried it. */
  retries: number;
  retriedAt: string | null;
  resolvedAt: string | null;
}

/**
 * Records a dead-lettered event in its tenant's list (one row per event: a second failure after a
 * retry reopens the same row).
 */
export async function recordDeadLetter(
  runtime: Runtime,
  job: EventJob,
  failure: { error: string; attempts: number },
): Promise<void> {
  await withTenant(runtime.db, job.tenantId, async (trx) => {
    const event = await trx
      .selectFrom('core.outbox')
      .select(['type'])
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.eventId)
      .executeTakeFirst();
    if (!event) return;
    const now = runtime.clock.now();
    await trx
      .insertInto('core.event_dead_letters')
      .values({
        tenant_id: job.tenantId,
        id: newId(),
        event_id: job.eventId,
        event_type: event.type,
        error: failure.error.slice(0, 4000),
        attempts: failure.attempts,
        failed_at: now,
        status: 'open',
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'event_id']).doUpdateSet({
          error: failure.error.slice(0, 4000),
          attempts: failure.attempts,
          failed_at: now,
          status: 'open',
          resolved_at: null,
        }),
      )
      .execute();
  });
}

/** Marks a retried dead letter resolved once its event was delivered. */
export async function resolveDeadLetter(runtime: Runtime, job: EventJob): Promise<void> {
  await withTenant(runtime.db, job.tenantId, (trx) =>
    trx
      .updateTable('core.event_dead_letters')
      .set({ status: 'resolved', resolved_at: runtime.clock.now() })
      .where('tenant_id', '=', job.tenantId)
      .where('event_id', '=', job.eventId)
      .where('status', '=', 'retried')
      .execute(),
  );
}
