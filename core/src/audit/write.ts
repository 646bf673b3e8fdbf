import type { Kysely } from 'kysely';
import type { Actor } from '../http/env.ts';
import { newId } from '../lib/ids.ts';

export interface AuditRecord {
  tenantId: string;
  actor: Actor | null;
  requestId: string | null;
  ip: string | null;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row in the caller's tenant transaction. */
export async function writeAudit(db: Kysely<any>, record: AuditRecord): Promise<void> {
  await db
    .insertInto('core.audit_log')
    .values({
      tenant_id: record.tenantId,
      id: newId(),
      at: record.at,
      actor_kind: record.actor?.kind ?? 'system',
      actor_user_id: record.actor?.userId ?? null,
      actor_token_id: record.actor?.tokenId ?? null,
      actor_provider_id: record.actor?.providerTenantId ?? null,
      actor_label: record.actor?.label ?? 'system',
      action: record.action,
      entity_type: record.entityType,
      entity_id: record.entityId,
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
      request_id: record.requestId,
      ip: record.ip,
    })
    .execute();
}
