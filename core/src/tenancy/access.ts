import type { Kysely } from 'kysely';
import type { SessionUser } from '../http/env.ts';
import type { Access, AccessResolver, Runtime } from '../runtime.ts';
import { BUILTIN_ROLES, type BuiltinRole, builtinGrants } from './permissions.ts';

/** Permissions the built-in member role gets from installed plugins. */
export function pluginMemberPermissions(runtime: Pick<Runtime, 'plugins'>): string[] {
  return runtime.plugins.flatMap((p) => p.memberPermissions ?? []);
}

/** Grants of a role key in a tenant: built-in, or a custom role's permission set. */
export async function roleGrants(runtime: Runtime, db: Kysely<any>, tenantId: string, role: string): Promise<string[]> {
  if ((BUILTIN_ROLES as readonly string[]).includes(role)) {
    return builtinGrants(role as BuiltinRole, pluginMemberPermissions(runtime));
  }
  const custom = await db
    .selectFrom('core.roles')
    .select('permissions')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', role)
    .executeTakeFirst();
  return custom?.permissions ?? [];
}

/** Direct membership: the user is a member of the tenant. */
export const membershipAccess: AccessResolver = async ({ runtime, tenant, user }) => {
  const m = await runtime.db
    .selectFrom('core.memberships')
    .select(['role'])
    .where('tenant_id', '=', tenant.id)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (!m) return null;
  return memberAccess(user, m.role, await roleGrants(runtime, runtime.db, tenant.id, m.role));
};

/**
 * The same access from a membership already read (tenancy/resolve.ts): `customPermissions` is the
 * custom role's permission set, null when no custom role has the key.
 */
export function membershipAccessOf(
  runtime: Pick<Runtime, 'plugins'>,
  user: SessionUser,
  role: string,
  customPermissions: string[] | null,
): Access {
  const grants = (BUILTIN_ROLES as readonly string[]).includes(role)
    ? builtinGrants(role as BuiltinRole, pluginMemberPermissions(runtime))
    : (customPermissions ?? []);
  return memberAccess(user, role, grants);
}

function memberAccess(user: SessionUser, role: string, grants: string[]): Access {
  return {
    actor: { kind: 'user', userId: user.id, tokenId: null, providerTenantId: null, label: user.email },
    role,
    grants,
    modules: null,
  };
}
