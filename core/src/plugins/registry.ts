import { classProblems } from '../records/classes.ts';
import { recordsProblems } from '../records/declarations.ts';
import { installedSchedules, scheduleProblems } from '../schedules/registry.ts';
import { CORE_PERMISSIONS } from '../tenancy/permissions.ts';
import { workflowEventTypes, workflowProblems } from '../workflows/registry.ts';
import type { BureauPlugin } from './define-plugin.ts';

type AnyPlugin = BureauPlugin<string, any>;

/** A plugin id: a URL segment, a Postgres schema and a permission prefix. */
export const PLUGIN_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_ID_LENGTH = 40;

/**
 * Ids a plugin may not take: Postgres schemas core or Postgres itself use, core's permission
 * prefixes, and the segments core serves under `/api/t/:tenant/` (a plugin is mounted beside them).
 */
export const RESERVED_PLUGIN_IDS: ReadonlySet<string> = new Set([
  // schemas
  'core',
  'public',
  'information_schema',
  'pgboss',
  'pg-boss',
  // permission prefixes
  'tenant',
  'platform',
  'operator',
  // core's tenant routes
  'members',
  'invitations',
  'roles',
  'tokens',
  'modules',
  'audit',
  'records',
  'attachments',
  'events',
  'dead-letters',
  'schedules',
  'notifications',
  'workflows',
  'billing',
  'providers',
  'clients',
  'settings',
  // entity types of core's own audit entries (an audit entry whose type is a plugin id belongs to that module)
  'record',
  'retention',
  'record-class',
  'legal-hold',
  'disposal',
  'subject-request',
  'archive-export',
  'privacy',
  'module',
  'membership',
  'invitation',
  'role',
  'team',
  'engagement',
  'event',
]);

/** Boot refuses an invalid plugin list with this error; its message names every cause, one per line. */
export class PluginRegistryError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid plugin configuration: ${problems[0]}`
        : `Invalid plugin configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'PluginRegistryError';
    this.problems = problems;
  }
}

export interface RegistryOptions {
  /** Event types core itself emits, which plugin handlers may listen to. */
  coreEvents?: readonly string[];
}

/**
 * Checks the installed plugin list and returns it in dependency order (a plugin after every plugin
 * it requires; otherwise in the order given). Throws one PluginRegistryError naming every cause:
 * invalid or duplicate ids, a required plugin not installed, a dependency cycle, permissions or events
 * not prefixed with the plugin id, a handler for an event type nobody declares (unless it is an event of
 * a plugin named in `integrates` that is not installed).
 */
export function checkPlugins<P extends AnyPlugin>(plugins: readonly P[], options: RegistryOptions = {}): P[] {
  const problems: string[] = [];
  const byId = new Map<string, P>();

  for (const p of plugins) {
    const id = (p as { id?: unknown })?.id;
    if (typeof id !== 'string') {
      problems.push('a plugin has no id (is it the default export of definePlugin?)');
      continue;
    }
    if (!PLUGIN_ID.test(id) || id.length > MAX_ID_LENGTH || id.startsWith('pg')) {
      problems.push(
        `plugin id "${id}" is invalid: use 1–${MAX_ID_LENGTH} lowercase letters, digits and single dashes, starting with a letter (not "pg")`,
      );
    } else if (RESERVED_PLUGIN_IDS.has(id)) {
      problems.push(`plugin id "${id}" is reserved by core`);
    }
    if (byId.has(id)) problems.push(`plugin id "${id}" is installed twice`);
    else byId.set(id, p);
  }

  const declaredEvents = new Set<string>([...(options.coreEvents ?? []), ...workflowEventTypes([...byId.values()])]);
  for (const p of byId.values()) {
    const prefix = `${p.id}.`;
    for (const key of Object.keys(p.permissions ?? {})) {
      if (!key.startsWith(prefix) || key.length === prefix.length) {
        problems.push(`plugin "${p.id}" declares permission "${key}", which must start with "${prefix}"`);
      }
    }
    for (const key of p.memberPermissions ?? []) {
      if (!(key in (p.permissions ?? {}))) {
        problems.push(`plugin "${p.id}" gives members permission "${key}", which it does not declare`);
      }
    }
    for (const type of Object.keys(p.events ?? {})) {
      if (!type.startsWith(prefix) || type.length === prefix.length) {
        problems.push(`plugin "${p.id}" declares event "${type}", which must start with "${prefix}"`);
      }
      declaredEvents.add(type);
    }
    for (const key of Object.keys(p.notifications ?? {})) {
      if (!key.startsWith(prefix) || key.length === prefix.length) {
        problems.push(`plugin "${p.id}" declares notification category "${key}", which must start with "${prefix}"`);
      }
    }
    problems.push(...recordsProblems(p), ...classProblems(p));
    for (const req of p.requires ?? []) {
      if (req === p.id) problems.push(`plugin "${p.id}" requires itself`);
      else if (!byId.has(req)) problems.push(`plugin "${p.id}" requires "${req}", which is not installed`);
    }
  }

  for (const p of byId.values()) {
    for (const type of Object.keys(p.on ?? {})) {
      const from = type.slice(0, type.indexOf('.'));
      const optional = (p.integrates ?? []).includes(from) && !byId.has(from);
      if (!declaredEvents.has(type) && !optional) {
        problems.push(`plugin "${p.id}" handles event "${type}", which no installed plugin declares in its \`events\``);
      }
    }
  }

  problems.push(...workflowProblems([...byId.values()], Object.keys(CORE_PERMISSIONS)));
  // Cron expressions read the same in any zone; a schedule's own timeZone is checked too.
  problems.push(...scheduleProblems(installedSchedules([...byId.values()], [], 'UTC')));

  const { order, cycle } = dependencyOrder([...byId.values()]);
  if (cycle) problems.push(`plugins depend on each other in a cycle: ${cycle.join(' → ')}`);

  if (problems.length) throw new PluginRegistryError(problems);
  return order;
}

/** Depth-first topological order, stable in the given order; reports the first cycle found. */
function dependencyOrder<P extends AnyPlugin>(plugins: P[]): { order: P[]; cycle: string[] | null } {
  const byId = new Map(plugins.map((p) => [p.id, p]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: P[] = [];
  const stack: string[] = [];
  let cycle: string[] | null = null;

  const visit = (p: P) => {
    if (cycle) return;
    const s = state.get(p.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      cycle = [...stack.slice(stack.indexOf(p.id)), p.id];
      return;
    }
    state.set(p.id, 'visiting');
    stack.push(p.id);
    for (const req of p.requires ?? []) {
      const dep = byId.get(req);
      if (dep && dep !== p) visit(dep);
    }
    stack.pop();
    state.set(p.id, 'done');
    order.push(p);
  };
  for (const p of plugins) visit(p);
  return { order, cycle };
}

/** Installed plugins that list `id` in their `requires`. */
export function requiredBy(plugins: readonly AnyPlugin[], id: string): string[] {
  return plugins.filter((p) => (p.requires ?? []).includes(id)).map((p) => p.id);
}
