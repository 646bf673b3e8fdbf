import type { z } from '@hono/zod-openapi';
import type { LocalizedText, PluginContext } from '../plugins/define-plugin.ts';

/** How a state is shown: its label and the tone of its badge. */
export interface WorkflowState {
  label: LocalizedText;
  tone?: 'neutral' | 'info' | 'accent' | 'success' | 'warning' | 'danger';
  /** No transition leaves a final state (checked at boot). */
  final?: boolean;
}

/**
 * Why a guard refuses a transition: a text for the user, or false for the generic reason.
 * Anything else (undefined, true) lets the transition go ahead.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a guard written as a block without `return` yields void
export type GuardResult = undefined | boolean | LocalizedText | void;

/** What a transition's `run` hook receives; it runs in the request transaction after the status changed. */
export interface TransitionRun<S extends string, Row, Input> {
  ctx: PluginContext;
  /** The record as it was locked, before the status changed. */
  record: Row;
  id: string;
  transition: string;
  from: S;
  to: S;
  input: Input;
  note: string | null;
}

export interface WorkflowTransition<S extends string, Row = any, Input = any> {
  from: S | readonly S[];
  to: S;
  /** The permission a caller needs; a mounted route publishes it as `x-permission`. */
  permission: string;
  /** The button's text. */
  label: LocalizedText;
  /** Checked after the state and the permission, with the locked record; refuse by returning a reason. */
  guard?: (ctx: PluginContext, record: Row) => Promise<GuardResult> | GuardResult;
  /**
   * What the caller must send (e.g. a rejection reason), as a zod object; the body of the mounted
   * route and the `input` of `ctx.transition`. Validated before anything is written.
   */
  input?: z.ZodObject<any>;
  /**
   * Runs in the same transaction after the status was updated and before the history, audit row and
   * event are written (e.g. reserve stock on confirm). Throw a Problem to refuse: everything rolls
   * back. A returned object is merged into the event's payload.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: `async run() { … }` without a return value is the common case
  run?: (args: TransitionRun<S, Row, Input>) => Promise<Record<string, unknown> | undefined | void>;
  /** The UI asks for confirmation (and shows the button in the danger style). */
  danger?: boolean;
}

export interface WorkflowDefinition<S extends string = string, T extends string = string, Row = any> {
  /** The plugin table holding the records (`<plugin>.<table>`), with `tenant_id`, `id` (uuid) and the status column. */
  table: string;
  /** The status column; default `status`. */
  statusColumn?: string;
  /** Who may see a record's state, its transitions and its history. */
  readPermission: string;
  /** The state new records start in (the plugin inserts it). */
  initial: S;
  states: Record<S, WorkflowState>;
  transitions: Record<T, WorkflowTransition<S, Row>>;
}

/**
 * Declares a workflow: the states a record can be in and the named transitions between them. A
 * plugin lists it under `workflows` keyed by entity (`workflows: { order: orderWorkflow }`), which
 * makes its entity type `<plugin>.<entity>` and its events `<plugin>.<entity>.<transition>`.
 */
export function defineWorkflow<const S extends string, const T extends string, Row = any>(
  definition: WorkflowDefinition<S, T, Row>,
): WorkflowDefinition<S, T, Row> {
  return definition;
}

/** The `from` of a transition as a list. */
export const fromStates = (t: { from: string | readonly string[] }): readonly string[] =>
  typeof t.from === 'string' ? [t.from] : t.from;
