import type { Kysely } from 'kysely';
import { Problem } from '../http/problem.ts';
import { isUuid } from '../lib/ids.ts';
import { engagedStaff } from '../providers/access.ts';
import type { Runtime } from '../runtime.ts';
import { roleGrants } from '../tenancy/access.ts';
import { grants } from '../tenancy/permissions.ts';
import { permissionCatalogue } from '../tenancy/roles.ts';
import type { NotificationInput } from './define.ts';
import { nm } from './messages.ts';

/**
 * The members of the tenant a notification goes to: the given user ids, each of which must be a
 * member (400 `recipient_not_in_tenant` otherwise, naming none of them), or every member whose role
 * grants the permission (400 `unknown_permission` for a permission nobody declares, 409
 * `no_recipients` when nobody holds it). With a permission, provider staff who work in the tenant
 * through an active engagement are recipients too when their reach grants it and the engagement covers
 * the permission's module (a lab provider's staff hear of a client's critical value). User ids name
 * members only.
 */
export async function resolveRecipients(
  runtime: Runtime,
  db: Kysely<any>,
  tenantId: string,
  to: NotificationInput['to'],
): Promise<string[]> {
  const members = await db
    .selectFrom('core.memberships')
    .select(['user_id', 'role'])
    .where('tenant_id', '=', tenantId)
    .execute();
  if (Array.isArray(to)) {
    const ids = [...new Set(to as readonly string[])];
    const known = new Set(members.map((m) => m.user_id as string));
    const outside = ids.filter((id) => !isUuid(id) || !known.has(id.toLowerCase()));
    if (outside.length)
      throw new Problem(400, 'recipient_not_in_tenant', nm.recipient_not_in_tenant, {
        params: { count: outside.length },
      });
    return ids.map((id) => id.toLowerCase());
  }
  const { permission } = to as { permission: string };
  if (!permissionCatalogue(runtime).some((p) => p.key === permission))
    throw new Problem(400, 'unknown_permission', nm.unknown_permission, { params: { permission } });
  const byRole = new Map<string, string[]>();
  const holders: string[] = [];
  for (const m of members) {
    let g = byRole.get(m.role);
    if (!g) {
      g = await roleGrants(runtime, db, tenantId, m.role);
      byRole.set(m.role, g);
    }
    if (grants(g, permission)) holders.push(m.user_id);
  }
  const module = runtime.plugins.find((p) => permission.startsWith(`${p.id}.`))?.id;
  for (const [userId, reach] of await engagedStaff(db)) {
    if (holders.includes(userId) || !grants(reach.grants, permission)) continue;
    if (module && !reach.modules.includes(module)) continue;
    holders.push(userId);
  }
  if (!holders.length)
    throw new Problem(409, 'no_recipients', nm.no_recipients, { params: { permission }, extra: { permission } });
  return holders;
}
