import { createHash } from 'node:crypto';

/** prev_hash of a tenant's first audit row. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Makes a value safe for jsonb and stable across a database round trip: what JSON.stringify keeps
 * (Dates become ISO strings, undefined is dropped, bigint becomes a string), strings made well-formed
 * and free of NUL, which jsonb refuses. The hash is computed over this normalised form, so the row
 * read back from the database hashes to the same value.
 */
export function normalizeJson(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? null : clean(JSON.parse(text));
}

function clean(v: unknown): unknown {
  if (typeof v === 'string') return cleanText(v);
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [cleanText(k), clean(x)]));
  return v;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string Postgres accepts in text and jsonb: lone surrogates and NUL become U+FFFD. */
export function cleanText(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** The fields of an audit row that the chain covers, as stored. */
export interface ChainedRow {
  tenantId: string;
  seq: string;
  id: string;
  at: Date;
  actorKind: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorProviderId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/** sha256(prev_hash + canonical JSON of the row), hex. */
export function chainHash(prevHash: string, row: ChainedRow): string {
  const body = canonicalJson({ v: 1, ...row, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Maps a core.audit_log row (snake_case, as selected) to the hashed fields. */
export function chainedRowOf(r: Record<string, any>): ChainedRow {
  return {
    tenantId: r.tenant_id,
    seq: String(r.seq),
    id: r.id,
    at: r.at instanceof Date ? r.at : new Date(r.at),
    actorKind: r.actor_kind,
    actorUserId: r.actor_user_id ?? null,
    actorTokenId: r.actor_token_id ?? null,
    actorProviderId: r.actor_provider_id ?? null,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id ?? null,
    ip: r.ip ?? null,
  };
}
