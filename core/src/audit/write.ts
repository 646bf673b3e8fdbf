import { type Kysely, sql } from 'kysely';
import type { Actor } from '../http/env.ts';
import { newId } from '../lib/ids.ts';
import { type ChainedRow, chainHash, cleanText, GENESIS_HASH, normalizeJson } from './chain.ts';

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

/** Transactions whose code audited a change through ctx.audit: the request fallback skips them. */
const audited = new WeakSet<object>();

/** True when this transaction audited a change through ctx.audit. */
export function hasAuditedChange(db: Kysely<any>): boolean {
  return audited.has(db);
}

const text = cleanText;
const textOrNull = (s: string | null | undefined) => (s == null ? null : cleanText(s));

/**
 * Appends one audit row in the caller's tenant transaction, chained to the tenant's previous row:
 * the tenant's chain head (core.audit_heads) is locked for the rest of the transaction, so
 * concurrent writers of one tenant queue up and the sequence has no gaps or forks.
 * `kind` says who wrote it: `change` is the request's own row (ctx.audit; the generic fallback row is
 * then not needed), `read` a read of a sensitive record (ctx.auditRead), `other` anything else, e.g. a
 * side effect such as a subscription change written by core on the way (does not stand in for the
 * request's own row).
 */
export async function writeAudit(
  db: Kysely<any>,
  record: AuditRecord,
  options: { kind?: 'change' | 'read' | 'other' } = {},
): Promise<void> {
  // One statement creates the head on first use and otherwise locks it (ON CONFLICT DO UPDATE takes
  // the row lock) and returns it.
  const head = await sql<{ seq: string; hash: string }>`
    insert into core.audit_heads (tenant_id, seq, hash) values (${record.tenantId}, 0, ${GENESIS_HASH})
    on conflict (tenant_id) do update set tenant_id = excluded.tenant_id
    returning seq::text as seq, hash`.execute(db);
  const prev = head.rows[0] as { seq: string; hash: string };
  const seq = (BigInt(prev.seq) + 1n).toString();
  const row: ChainedRow = {
    tenantId: record.tenantId,
    seq,
    id: newId(),
    // Whole milliseconds: what timestamptz gives back is what was hashed.
    at: new Date(record.at.getTime()),
    actorKind: record.actor?.kind ?? 'system',
    actorUserId: record.actor?.userId ?? null,
    actorTokenId: record.actor?.tokenId ?? null,
    actorProviderId: record.actor?.providerTenantId ?? null,
    actorLabel: text(record.actor?.label ?? 'system'),
    action: text(record.action),
    entityType: text(record.entityType),
    entityId: textOrNull(record.entityId),
    before: normalizeJson(record.before),
    after: normalizeJson(record.after),
    requestId: textOrNull(record.requestId),
    ip: textOrNull(record.ip),
  };
  const hash = chainHash(prev.hash, row);
  await db
    .insertInto('core.audit_log')
    .values({
      tenant_id: row.tenantId,
      id: row.id,
      seq: row.seq,
      at: row.at,
      actor_kind: row.actorKind,
      actor_user_id: row.actorUserId,
      actor_token_id: row.actorTokenId,
      actor_provider_id: row.actorProviderId,
      actor_label: row.actorLabel,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      request_id: row.requestId,
      ip: row.ip,
      prev_hash: prev.hash,
      hash,
    })
    .execute();
  await db
    .updateTable('core.audit_heads')
    .set({ seq: row.seq, hash })
    .where('tenant_id', '=', record.tenantId)
    .execute();
  if (options.kind === 'change') audited.add(db);
}
