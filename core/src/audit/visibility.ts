import { type Expression, type SqlBool, sql } from 'kysely';
import { type Caller, enabledModules, usableModules } from '../records/access.ts';
import { auditReadPermissions, declaredEntities } from '../records/declarations.ts';
import { grants } from '../tenancy/permissions.ts';

/** Which audit entries of modules a caller may read. */
export interface AuditVisibility {
  /** Installed modules whose entries the caller reads: enabled, within scope, holding `auditRead`. */
  visibleModules: string[];
  /** Installed modules whose entries are withheld. */
  hiddenModules: string[];
  /** Declared entity types of visible modules whose `read` permission the caller lacks. */
  hiddenEntityTypes: string[];
}

export async function auditVisibility(caller: Caller): Promise<AuditVisibility> {
  const usable = usableModules(caller, await enabledModules(caller));
  const visible = caller.plugins.filter(
    (p) => usable.has(p.id) && auditReadPermissions(p).every((perm) => grants(caller.grants, perm)),
  );
  const visibleIds = new Set(visible.map((p) => p.id));
  return {
    visibleModules: [...visibleIds],
    hiddenModules: caller.plugins.map((p) => p.id).filter((id) => !visibleIds.has(id)),
    hiddenEntityTypes: declaredEntities(visible)
      .filter((d) => !grants(caller.grants, d.entity.read))
      .map((d) => d.entityType),
  };
}

/**
 * The SQL condition on core.audit_log rows the caller may read. Core's entries (entity types without
 * a dot: `role`, `membership`, `module`…) stay readable; an entry whose entity type is a plugin id (the
 * generic row of a plugin route) needs that module; an entry of `<module>.<entity>` needs the module
 * and, for a declared entity type, its read permission. Entries of a module no longer installed are
 * withheld.
 */
export function visibleAuditRows(v: AuditVisibility): Expression<SqlBool> {
  const arr = (xs: string[]) => sql`cast(${JSON.stringify(xs)} as jsonb)`;
  return sql<SqlBool>`(
    (strpos(entity_type, '.') = 0 and not (${arr(v.hiddenModules)} ? entity_type))
    or ((${arr(v.visibleModules)} ? split_part(entity_type, '.', 1)) and not (${arr(v.hiddenEntityTypes)} ? entity_type))
  )`;
}
