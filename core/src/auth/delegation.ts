import type { Kysely } from 'kysely';
import { Problem } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import { roleGrants } from '../tenancy/access.ts';
import { isSubset } from '../tenancy/permissions.ts';
import { sm } from './messages.ts';

/**
 * Delegation (issue 11, items 3 and 4): nobody grants what they do not hold. A role given to a
 * person (by invitation or role change), a role's permission set, and a token's permissions must lie
 * within the caller's own grants; nobody changes or removes a person who holds more than they do.
 */
export function requireWithinOwn(requested: readonly string[], own: readonly string[]): void {
  if (!isSubset(requested, own)) throw new Problem(403, 'beyond_own_grants', sm.beyond_own_grants);
}

/** Refuses giving (or touching a holder of) a role whose permissions exceed the caller's grants. */
export async function requireRoleWithinOwn(
  runtime: Runtime,
  db: Kysely<any>,
  tenantId: string,
  role: string,
  own: readonly string[],
): Promise<void> {
  requireWithinOwn(await roleGrants(runtime, db, tenantId, role), own);
}
