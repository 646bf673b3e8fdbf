import type { Kysely } from 'kysely';
import { chainedRowOf, chainHash, GENESIS_HASH } from './chain.ts';

export type BrokenReason =
  /** The row's stored hash is not sha256(prev_hash + row): the row was changed. */
  | 'hash_mismatch'
  /** The row's prev_hash is not the previous row's hash: a row before it was changed, removed or inserted. */
  | 'prev_hash_mismatch'
  /** A sequence number is missing: a row was deleted. */
  | 'sequence_gap'
  /** The chain head does not match the last row: rows at the end were deleted. */
  | 'head_mismatch';

export interface ChainVerification {
  ok: boolean;
  /** Rows checked (up to and including the broken one). */
  checked: number;
  /** The last row's hash when the chain is intact. */
  head: { seq: string; hash: string } | null;
  /** The first broken link. */
  broken: { id: string | null; seq: string; reason: BrokenReason } | null;
}

const PAGE = 1000;

/**
 * Recomputes a tenant's audit chain from its first row, in sequence order, and reports the first
 * broken link. Runs in the caller's (tenant) transaction.
 */
export async function verifyChain(db: Kysely<any>, tenantId: string): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  let last: { seq: string; hash: string } | null = null;
  for (;;) {
    const rows = await db
      .selectFrom('core.audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>=', expected.toString())
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      checked++;
      const seq = String(r.seq);
      const broken = (reason: BrokenReason) => ({ ok: false, checked, head: null, broken: { id: r.id, seq, reason } });
      if (BigInt(seq) !== expected) return broken('sequence_gap');
      if (r.prev_hash !== prevHash) return broken('prev_hash_mismatch');
      if (chainHash(r.prev_hash, chainedRowOf(r)) !== r.hash) return broken('hash_mismatch');
      prevHash = r.hash;
      expected++;
      last = { seq, hash: r.hash };
    }
    if (rows.length < PAGE) break;
  }
  const head = await db
    .selectFrom('core.audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const headSeq = head ? String(head.seq) : '0';
  const lastSeq = last?.seq ?? '0';
  if (headSeq !== lastSeq || (head && head.hash !== (last?.hash ?? GENESIS_HASH))) {
    return { ok: false, checked, head: null, broken: { id: null, seq: headSeq, reason: 'head_mismatch' } };
  }
  return { ok: true, checked, head: last, broken: null };
}
