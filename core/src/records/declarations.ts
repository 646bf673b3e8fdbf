import type { BureauPlugin, LocalizedText } from '../plugins/define-plugin.ts';
import type { RecordClass } from './classes.ts';

/**
 * What a plugin declares about one of its entity types (`<module>.<entity>`): who may see and attach
 * its files, and whether it holds special-category or payroll data. An attachment is never more
 * visible than the entity it belongs to; neither is the entity's audit trail.
 */
export interface EntityRecords {
  /** Shown in records pages (retention schedule, holds, exports). */
  label: LocalizedText;
  /** Reads the entity's attachments and its audit entries. One of the plugin's own permissions. */
  read: string;
  /** Attaches files to the entity and deletes them (with `read`). */
  attach: string;
  /** Reads (lists, downloads) attachments marked sensitive, in addition to `read`. */
  sensitive: string;
  /**
   * Special-category or payroll data (health, birth numbers, salaries, diagnoses, result values):
   * audit entries of this entity type keep ids and the names of changed fields, never values. Core
   * enforces it in `ctx.audit`, whatever the plugin passes.
   */
  specialCategory?: boolean;
}

/** A plugin's `records` declaration (issue 23; record classes of issue 18 join it). */
export interface PluginRecords {
  /**
   * Reads this module's audit entries that are not of a declared entity type (e.g. settings, and the
   * generic rows of its routes). Entries of a declared entity type need that type's `read` as well.
   */
  auditRead: string;
  /** Every entity type of the module holds special-category or payroll data (see EntityRecords). */
  specialCategory?: boolean;
  /** Entity types that carry attachments, by `<module>.<entity>`. */
  entities: Record<string, EntityRecords>;
  /**
   * Kinds of records the module keeps, by `<module>.<class>`: retention (statutes, trigger), what
   * disposal does, and the hooks that list and dispose of them (issue 18, docs/plugins.md).
   */
  classes?: Record<string, RecordClass>;
}

type AnyPlugin = BureauPlugin<string, any>;

/** The module id an entity type or audit entity type belongs to: `accounting.invoice` → `accounting`. */
export const moduleOf = (entityType: string): string => entityType.split('.')[0] ?? entityType;

export interface DeclaredEntity {
  plugin: AnyPlugin;
  entityType: string;
  entity: EntityRecords;
}

/** The installed plugin that declares `entityType`, with its declaration; null when none does. */
export function declaredEntity(plugins: readonly AnyPlugin[], entityType: string): DeclaredEntity | null {
  const plugin = plugins.find((p) => p.id === moduleOf(entityType));
  const entity = plugin?.records?.entities[entityType];
  return plugin && entity ? { plugin, entityType, entity } : null;
}

/** Every entity type declared by the installed plugins. */
export function declaredEntities(plugins: readonly AnyPlugin[]): DeclaredEntity[] {
  return plugins.flatMap((plugin) =>
    Object.entries(plugin.records?.entities ?? {}).map(([entityType, entity]) => ({ plugin, entityType, entity })),
  );
}

/**
 * The permissions that read a module's audit entries: its declared `auditRead`, or, for a plugin that
 * declares no `records`, every permission it declares (only a caller with the whole module sees them).
 */
export function auditReadPermissions(plugin: AnyPlugin): string[] {
  return plugin.records ? [plugin.records.auditRead] : Object.keys(plugin.permissions ?? {});
}

/** Whether audit details of `entityType` must keep ids and changed field names only. */
export function isSpecialCategory(plugins: readonly AnyPlugin[], entityType: string): boolean {
  const plugin = plugins.find((p) => p.id === moduleOf(entityType));
  if (!plugin?.records) return false;
  return plugin.records.specialCategory === true || plugin.records.entities[entityType]?.specialCategory === true;
}

const ENTITY_SUFFIX = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

/** Boot checks of a plugin's `records` declaration; each problem is one line of PluginRegistryError. */
export function recordsProblems(plugin: AnyPlugin): string[] {
  const r = plugin.records;
  if (!r) return [];
  const problems: string[] = [];
  const own = (perm: unknown, where: string) => {
    if (typeof perm !== 'string' || !(perm in (plugin.permissions ?? {}))) {
      problems.push(
        `plugin "${plugin.id}" names permission "${String(perm)}" in ${where}, which it does not declare in \`permissions\``,
      );
    }
  };
  own(r.auditRead, 'records.auditRead');
  for (const [type, e] of Object.entries(r.entities ?? {})) {
    const prefix = `${plugin.id}.`;
    if (!type.startsWith(prefix) || !ENTITY_SUFFIX.test(type.slice(prefix.length)) || type.length > 80) {
      problems.push(
        `plugin "${plugin.id}" declares entity type "${type}", which must be "${prefix}<entity>" in lowercase (at most 80 characters)`,
      );
    }
    if (!e?.label?.en || !e?.label?.cs)
      problems.push(`plugin "${plugin.id}" entity type "${type}" needs a label (en, cs)`);
    own(e?.read, `records.entities["${type}"].read`);
    own(e?.attach, `records.entities["${type}"].attach`);
    own(e?.sensitive, `records.entities["${type}"].sensitive`);
  }
  return problems;
}
