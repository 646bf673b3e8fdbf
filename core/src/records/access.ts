import type { Kysely } from 'kysely';
import type { TenantVariables } from '../http/env.ts';
import type { BureauPlugin } from '../plugins/define-plugin.ts';
import { grants } from '../tenancy/permissions.ts';
import { type DeclaredEntity, declaredEntity } from './declarations.ts';

/** Who is asking, inside one tenant: what records and audit reads are judged against. */
export interface Caller {
  db: Kysely<any>;
  tenantId: string;
  grants: readonly string[];
  /** Modules a provider's engagement covers; null: every enabled module. */
  moduleScope: readonly string[] | null;
  plugins: readonly BureauPlugin<string, any>[];
}

export const callerOf = (v: TenantVariables): Caller => ({
  db: v.db,
  tenantId: v.tenant.id,
  grants: v.grants,
  moduleScope: v.moduleScope,
  plugins: v.runtime.plugins,
});

/** Installed modules enabled for the caller's tenant. */
export async function enabledModules(caller: Caller): Promise<Set<string>> {
  const rows = await caller.db
    .selectFrom('core.tenant_modules')
    .select('module_id')
    .where('tenant_id', '=', caller.tenantId)
    .where('enabled', '=', true)
    .execute();
  const installed = new Set(caller.plugins.map((p) => p.id));
  return new Set(rows.map((r) => r.module_id as string).filter((id) => installed.has(id)));
}

/** Enabled modules the caller may use: within a provider's engagement, every enabled one otherwise. */
export function usableModules(caller: Caller, enabled: Set<string>): Set<string> {
  const scope = caller.moduleScope;
  return scope ? new Set([...enabled].filter((id) => scope.includes(id))) : enabled;
}

export interface EntityAccess {
  declared: DeclaredEntity | null;
  /** An installed plugin declares the entity type and its module is enabled for the tenant. */
  enabled: boolean;
  /** The caller sees the entity's attachments: enabled, within scope and holding `read`. */
  read: boolean;
  /** …and may attach and delete files (`attach`). */
  attach: boolean;
  /** …and may read files marked sensitive (`sensitive`). */
  sensitive: boolean;
}

/** What the caller may do with attachments of `entityType`. */
export async function entityAccess(caller: Caller, entityType: string): Promise<EntityAccess> {
  const declared = declaredEntity(caller.plugins, entityType);
  const none = { declared, enabled: false, read: false, attach: false, sensitive: false };
  if (!declared) return none;
  const enabled = await enabledModules(caller);
  if (!enabled.has(declared.plugin.id)) return none;
  const usable = usableModules(caller, enabled).has(declared.plugin.id);
  const read = usable && grants(caller.grants, declared.entity.read);
  return {
    declared,
    enabled: true,
    read,
    attach: read && grants(caller.grants, declared.entity.attach),
    sensitive: read && grants(caller.grants, declared.entity.sensitive),
  };
}
