import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';
import { cleanFilename } from './filename.ts';
import { addPeriod, retentionRule } from './retention.ts';
import { sniffContentType } from './sniff.ts';
import { recordStorage } from './storage.ts';

export interface AttachmentInput {
  entityType: string;
  entityId: string;
  filename: string;
  bytes: Uint8Array;
  retentionClass?: string;
  sensitive?: boolean;
}

/**
 * Stores a file as an attachment of an entity: the bytes in record storage, the row in core.records
 * (in the caller's tenant transaction), the content type sniffed from the bytes and the retention
 * rule of its class applied. The stored file is deleted again when the insert fails; a transaction
 * rolled back later leaves it unreferenced.
 */
export async function storeAttachment(
  runtime: Runtime,
  db: Kysely<any>,
  tenantId: string,
  createdBy: string,
  input: AttachmentInput,
) {
  const id = newId();
  const now = runtime.clock.now();
  const retentionClass = input.retentionClass ?? 'default';
  const rule = await retentionRule(db, tenantId, retentionClass);
  const retainUntil = rule ? addPeriod(now, rule) : null;
  const row = {
    tenant_id: tenantId,
    id,
    entity_type: input.entityType,
    entity_id: input.entityId,
    filename: cleanFilename(input.filename),
    content_type: await sniffContentType(input.bytes),
    size: input.bytes.length,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    storage_key: `${tenantId}/${id}`,
    retention_class: retentionClass,
    retain_until: retainUntil,
    sensitive: input.sensitive ?? false,
    created_at: now,
    created_by: createdBy,
  };
  const storage = recordStorage(runtime);
  await storage.put(row.storage_key, input.bytes);
  try {
    await db.insertInto('core.records').values(row).execute();
  } catch (err) {
    await storage.delete(row.storage_key).catch(() => {});
    throw err;
  }
  return { row, retainUntil };
}
