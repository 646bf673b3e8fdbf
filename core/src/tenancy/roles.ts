import type { Kysely } from 'kysely';
import { badRequest, fieldError } from '../http/problem.ts';
import type { LocalizedText } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import { tm } from './messages.ts';
import { BUILTIN_ROLES, CORE_PERMISSIONS } from './permissions.ts';

export async function roleExists(db: Kysely<any>, tenantId: string, role: string): Promise<boolean> {
  if ((BUILTIN_ROLES as readonly string[]).includes(role)) return true;
  const row = await db
    .selectFrom('core.roles')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', role)
    .executeTakeFirst();
  return !!row;
}

export interface PermissionInfo {
  key: string;
  label: LocalizedText;
  /** `core` or the plugin id that defines it. */
  module: string;
}

/** Every permission of core and the installed plugins, for the role editor. */
export function permissionCatalogue(runtime: Pick<Runtime, 'plugins'>): PermissionInfo[] {
  const core = Object.entries(CORE_PERMISSIONS).map(([key, label]) => ({ key, label, module: 'core' }));
  const plugins = runtime.plugins.flatMap((p) =>
    Object.entries(p.permissions).map(([key, label]) => ({ key, label, module: p.id })),
  );
  return [...core, ...plugins];
}

/** A grant pattern is valid when it is `*`, a known permission, or `<area>.*` for a known area. */
export function isKnownGrant(runtime: Pick<Runtime, 'plugins'>, pattern: string): boolean {
  if (pattern === '*') return true;
  const keys = permissionCatalogue(runtime).map((p) => p.key);
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return keys.some((k) => k.startsWith(prefix));
  }
  return keys.includes(pattern);
}

/** 400 naming the permissions nobody declares. */
export function unknownPermissions(unknown: string[], path = 'permissions') {
  const params = { permissions: unknown, count: unknown.length };
  return badRequest('invalid_input', tm.unknown_permissions, [fieldError(path, tm.unknown_permissions, params)]);
}
