import { Problem } from '../http/problem.ts';
import type { BureauPlugin } from '../plugins/define-plugin.ts';
import { pm } from '../plugins/messages.ts';
import { moduleTitle } from '../plugins/titles.ts';
import type { WorkflowDefinition } from './define-workflow.ts';
import {
  type HistoryEntry,
  historyOf,
  recordStart,
  runTransition,
  type TransitionOptions,
  type TransitionResult,
  viewOf,
  type WorkflowCaller,
  type WorkflowView,
} from './engine.ts';
import { type BoundWorkflow, bindingOf } from './registry.ts';

export type { TransitionOptions, TransitionResult } from './engine.ts';

/** One workflow's records inside one tenant transaction (`ctx.workflow(orderWorkflow)`). */
export interface WorkflowHandle<S extends string = string, T extends string = string> {
  /** Runs a named transition (see `ctx.transition`). */
  transition(id: string, transition: NoInfer<T>, options?: TransitionOptions): Promise<TransitionResult<S>>;
  /** Records that the record was created in its current state: the first history entry. */
  start(id: string, note?: string | null): Promise<void>;
  /** The state, the transitions the caller may run now (with the guards' verdicts) and the history. */
  view(id: string): Promise<WorkflowView>;
  history(id: string): Promise<HistoryEntry[]>;
}

/** Finds where a definition is installed; a definition no installed plugin declares is a programming error. */
export function requireBinding(
  plugins: readonly BureauPlugin<string, any>[],
  definition: WorkflowDefinition<any, any, any>,
): BoundWorkflow {
  const w = bindingOf(plugins, definition);
  if (!w) {
    throw new Problem(
      500,
      'workflow_not_installed',
      `The workflow on ${definition?.table} is not declared by an installed plugin's \`workflows\``,
    );
  }
  return w;
}

/**
 * Binds a definition for a caller. A call into a module that is not enabled for the tenant fails
 * with 409 `module_not_enabled` (as a service call does).
 */
export function workflowHandle<S extends string, T extends string>(
  plugins: readonly BureauPlugin<string, any>[],
  caller: WorkflowCaller,
  definition: WorkflowDefinition<S, T, any>,
): WorkflowHandle<S, T> {
  const w = requireBinding(plugins, definition);
  const enabled = async () => {
    if (!(await caller.ctx.isEnabled(w.pluginId))) {
      throw new Problem(409, 'module_not_enabled', pm.not_enabled, {
        params: { module: moduleTitle({ plugins }, w.pluginId) },
        extra: { module: w.pluginId },
      });
    }
  };
  return {
    async transition(id, transition, options) {
      await enabled();
      return (await runTransition(caller, w, id, transition, options)) as TransitionResult<S>;
    },
    async start(id, note) {
      await enabled();
      await recordStart(caller, w, id, note);
    },
    async view(id) {
      await enabled();
      return viewOf(caller, w, id);
    },
    async history(id) {
      await enabled();
      return historyOf(caller, w, id);
    },
  };
}
