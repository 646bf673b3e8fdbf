import { changedFields } from './changes.ts';

/** Marks audit details that were reduced to ids and field names (special-category or payroll data). */
export const REDACTED = '$redacted';

const ID_KEY = /^(id|.+Id|.+_id|.+Ids|.+_ids)$/;
const ID_VALUE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

const isId = (v: unknown): boolean =>
  (typeof v === 'string' && ID_VALUE.test(v)) || (typeof v === 'number' && Number.isInteger(v));

/** The id-like fields of an object (`id`, `employeeId`, `result_id`, `lineIds`), nothing else. */
function idsOf(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!ID_KEY.test(k)) continue;
    if (isId(v)) out[k] = v;
    else if (Array.isArray(v) && v.length <= 100 && v.every(isId)) out[k] = v;
  }
  return out;
}

/**
 * Audit details of special-category or payroll data: no values at all, only the names of the fields
 * that changed and the ids the entry points at. Stored as `before: null, after: { $redacted: true,
 * changed, ids }`; GET /audit reports `changed` as the entry's changes.
 */
export function redactDetails(before: unknown, after: unknown): { before: null; after: Record<string, unknown> } {
  return {
    before: null,
    after: {
      [REDACTED]: true,
      changed: changedFields(before, after),
      ids: { ...idsOf(before), ...idsOf(after) },
    },
  };
}

/** The changed fields recorded in redacted details, or null when `after` is not redacted. */
export function redactedChanges(after: unknown): string[] | null {
  if (!after || typeof after !== 'object' || (after as Record<string, unknown>)[REDACTED] !== true) return null;
  const changed = (after as Record<string, unknown>).changed;
  return Array.isArray(changed) ? changed.filter((x): x is string => typeof x === 'string') : [];
}
