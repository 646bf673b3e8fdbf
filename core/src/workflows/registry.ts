import type { BureauPlugin } from '../plugins/define-plugin.ts';
import { fromStates, type WorkflowDefinition } from './define-workflow.ts';

type AnyPlugin = BureauPlugin<string, any>;
type AnyWorkflow = WorkflowDefinition<string, string, any>;

/** An installed workflow: its definition, the plugin that declares it and its entity type. */
export interface BoundWorkflow {
  pluginId: string;
  /** The key under the plugin's `workflows` (e.g. `order`). */
  entity: string;
  /** `<plugin>.<entity>`, as in audit rows, status history and attachments. */
  entityType: string;
  definition: AnyWorkflow;
}

const ENTITY = /^[a-z][a-z0-9_]{0,39}$/;
const TRANSITION = /^[a-z][a-z0-9_-]{0,39}$/;
/** Segments a mounted workflow serves itself under `…/:id/`. */
const RESERVED_TRANSITIONS = new Set(['workflow', 'history', 'transitions']);
const TABLE = /^[a-z][a-z0-9_-]*\.[a-z_][a-z0-9_]*$/;
const COLUMN = /^[a-z_][a-z0-9_]*$/;

/** Every workflow of the installed plugins. */
export function boundWorkflows(plugins: readonly AnyPlugin[]): BoundWorkflow[] {
  return plugins.flatMap((p) =>
    Object.entries(p.workflows ?? {}).map(([entity, definition]) => ({
      pluginId: p.id,
      entity,
      entityType: `${p.id}.${entity}`,
      definition: definition as AnyWorkflow,
    })),
  );
}

/** The installed binding of a workflow definition, or undefined when no installed plugin declares it. */
export function bindingOf(plugins: readonly AnyPlugin[], definition: AnyWorkflow): BoundWorkflow | undefined {
  for (const p of plugins) {
    for (const [entity, d] of Object.entries(p.workflows ?? {})) {
      if (d === definition) return { pluginId: p.id, entity, entityType: `${p.id}.${entity}`, definition };
    }
  }
  return undefined;
}

/** Event types the installed workflows emit: `<plugin>.<entity>.<transition>`. */
export function workflowEventTypes(plugins: readonly AnyPlugin[]): string[] {
  return boundWorkflows(plugins).flatMap((w) =>
    Object.keys(w.definition.transitions).map((t) => `${w.entityType}.${t}`),
  );
}

/**
 * Problems with the installed workflows, one sentence each (boot refuses them with the plugin
 * registry's error): names, the table, states named by transitions, permissions nobody declares,
 * transitions out of a final state, one definition installed twice.
 */
export function workflowProblems(plugins: readonly AnyPlugin[], corePermissions: readonly string[]): string[] {
  const problems: string[] = [];
  const declared = new Set([...corePermissions, ...plugins.flatMap((p) => Object.keys(p.permissions ?? {}))]);
  const seen = new Map<AnyWorkflow, string>();
  for (const w of boundWorkflows(plugins)) {
    const name = `workflow "${w.entityType}"`;
    const d = w.definition;
    const where = `plugin "${w.pluginId}" declares ${name}`;
    if (!d || typeof d !== 'object' || !d.states || !d.transitions) {
      problems.push(`${where}, which is not a defineWorkflow({...}) object`);
      continue;
    }
    const twice = seen.get(d);
    if (twice) problems.push(`${name} is the same definition as "${twice}": declare each entity's workflow once`);
    seen.set(d, w.entityType);
    if (!ENTITY.test(w.entity)) problems.push(`${where}: the entity must be lowercase letters, digits and _`);
    if (!TABLE.test(d.table) || !d.table.startsWith(`${w.pluginId}.`)) {
      problems.push(
        `${where} on table "${d.table}", which must be a table of its own schema ("${w.pluginId}.<table>")`,
      );
    }
    if (d.statusColumn !== undefined && !COLUMN.test(d.statusColumn)) {
      problems.push(`${where} with status column "${d.statusColumn}", which is not a column name`);
    }
    const states = Object.keys(d.states);
    if (!states.length) problems.push(`${where} without states`);
    if (!states.includes(d.initial)) problems.push(`${where} with initial state "${d.initial}", which is not a state`);
    if (!declared.has(d.readPermission)) {
      problems.push(`${where} with read permission "${d.readPermission}", which no installed plugin declares`);
    }
    for (const [t, tr] of Object.entries(d.transitions)) {
      const tName = `transition "${t}" of ${name}`;
      if (!TRANSITION.test(t) || RESERVED_TRANSITIONS.has(t)) {
        problems.push(`${tName}: use lowercase letters, digits, - and _ (not ${[...RESERVED_TRANSITIONS].join(', ')})`);
      }
      for (const s of [...fromStates(tr), tr.to]) {
        if (!states.includes(s)) problems.push(`${tName} names state "${s}", which the workflow does not declare`);
      }
      for (const s of fromStates(tr)) {
        if (d.states[s]?.final) problems.push(`${tName} leaves the final state "${s}"`);
      }
      if (!fromStates(tr).length) problems.push(`${tName} has no \`from\` state`);
      if (!declared.has(tr.permission)) {
        problems.push(`${tName} needs permission "${tr.permission}", which no installed plugin declares`);
      }
    }
  }
  return problems;
}
