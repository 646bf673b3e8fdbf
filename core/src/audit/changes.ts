/** Top-level keys whose values differ (both sides objects), or `[]`/`['value']` for scalars. */
export function changedFields(before: unknown, after: unknown): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  }
  if (isObj(before) && after == null) return Object.keys(before).sort();
  if (isObj(after) && before == null) return Object.keys(after).sort();
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : ['value'];
}
