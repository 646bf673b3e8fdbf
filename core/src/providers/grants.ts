import { grants, isSubset } from '../tenancy/permissions.ts';

/**
 * Grant patterns (`*`, `hr.*`, `hr.payroll.read`) form prefix sets: two patterns that share a
 * permission are nested, so a set of patterns can be reduced and intersected exactly.
 */

/** Drops patterns another pattern of the list already covers, and duplicates; sorted for stable output. */
export function reduceGrants(patterns: readonly string[]): string[] {
  const unique = [...new Set(patterns)];
  return unique.filter((p) => !unique.some((q) => q !== p && isSubset([p], [q]))).sort();
}

/** The union of several grant lists, reduced. */
export function unionGrants(...lists: readonly (readonly string[])[]): string[] {
  return reduceGrants(lists.flat());
}

/**
 * The permissions both lists grant, as patterns: each pattern of one list that lies inside the
 * other list. Exact because overlapping patterns are always nested.
 */
export function intersectGrants(a: readonly string[], b: readonly string[]): string[] {
  return reduceGrants([...a.filter((p) => isSubset([p], b)), ...b.filter((p) => isSubset([p], a))]);
}

/** True when the grants allow anything of a module (`*`, `<module>.*` or some `<module>.x`). */
export function touchesModule(patterns: readonly string[], moduleId: string): boolean {
  const prefix = `${moduleId}.`;
  return patterns.some((p) => p === '*' || p.startsWith(prefix));
}

export { grants, isSubset };
