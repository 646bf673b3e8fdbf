import type { Kysely } from 'kysely';
import { newId } from '../lib/ids.ts';

export interface OutgoingEvent {
  tenantId: string;
  type: string;
  payload: unknown;
  occurredAt: Date;
}

/** Writes an event to the outbox in the caller's transaction; the dispatcher delivers it after commit. */
export async function writeEvent(db: Kysely<any>, event: OutgoingEvent): Promise<void> {
  await db
    .insertInto('core.outbox')
    .values({
      tenant_id: event.tenantId,
      id: newId(),
      type: event.type,
      payload: JSON.stringify(event.payload ?? null),
      occurred_at: event.occurredAt,
    })
    .execute();
}
