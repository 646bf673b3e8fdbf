import type { Kysely } from 'kysely';
import { normalizeJson } from '../audit/chain.ts';
import { newId } from '../lib/ids.ts';

export interface OutgoingEvent {
  tenantId: string;
  type: string;
  payload: unknown;
  occurredAt: Date;
}

/**
 * Writes an event to the outbox in the caller's transaction and returns its id (stable across
 * redeliveries). It commits or rolls back with the change that caused it; the dispatcher hands it
 * to pg-boss after commit.
 */
export async function writeEvent(db: Kysely<any>, event: OutgoingEvent): Promise<string> {
  const id = newId();
  await db
    .insertInto('core.outbox')
    .values({
      tenant_id: event.tenantId,
      id,
      type: event.type,
      payload: JSON.stringify(normalizeJson(event.payload)),
      occurred_at: event.occurredAt,
    })
    .execute();
  return id;
}
