import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { badRequest, fieldError, forbidden, notFound, Problem } from '../http/problem.ts';
import { invalidInput } from '../http/validation.ts';
import { cm } from '../i18n/core-messages.ts';
import { zm } from '../i18n/zod-messages.ts';
import { isUuid, newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { LocalizedText, PluginContext } from '../plugins/define-plugin.ts';
import { grants as covers } from '../tenancy/permissions.ts';
import { fromStates, type GuardResult, type WorkflowState } from './define-workflow.ts';
import type { BoundWorkflow } from './registry.ts';

/** Who runs a transition: a request (its grants are checked) or the system (handlers, schedules: null). */
export interface WorkflowCaller {
  ctx: PluginContext;
  grants: readonly string[] | null;
}

export interface TransitionOptions {
  /** What the transition's `input` schema asks for. */
  input?: unknown;
  /** A free-text comment kept in the status history. */
  note?: string | null;
}

export interface TransitionResult<S extends string = string> {
  id: string;
  transition: string;
  from: S;
  to: S;
  /** The outbox event `<plugin>.<entity>.<transition>`. */
  eventId: string;
  at: string;
}

export interface StateView {
  key: string;
  label: LocalizedText;
  tone: NonNullable<WorkflowState['tone']>;
  final: boolean;
}

export interface TransitionView {
  name: string;
  label: LocalizedText;
  to: StateView;
  /** False when the guard refuses it now; `reason` says why. */
  allowed: boolean;
  reason: LocalizedText | null;
  danger: boolean;
  /** JSON Schema of the transition's input (null when it takes none). */
  input: Record<string, unknown> | null;
}

export interface HistoryEntry {
  id: string;
  at: string;
  /** Null for the entry that records the record's creation. */
  transition: string | null;
  transitionLabel: LocalizedText | null;
  from: StateView | null;
  to: StateView;
  actor: string;
  note: string | null;
}

export interface WorkflowView {
  entityType: string;
  id: string;
  state: StateView;
  /** Transitions out of the current state the caller holds the permission for. */
  transitions: TransitionView[];
  history: HistoryEntry[];
}

const NOTE_MAX = 2000;
const BLOCKED: LocalizedText = {
  en: 'The conditions for this step are not met',
  cs: 'Podmínky pro tento krok nejsou splněny',
};

export function stateView(w: BoundWorkflow, key: string): StateView {
  const s = Object.hasOwn(w.definition.states, key) ? w.definition.states[key] : undefined;
  return { key, label: s?.label ?? { en: key, cs: key }, tone: s?.tone ?? 'neutral', final: s?.final ?? false };
}

const statusColumn = (w: BoundWorkflow) => w.definition.statusColumn ?? 'status';
const table = (w: BoundWorkflow) => {
  const [schema, name] = w.definition.table.split('.') as [string, string];
  return sql.table(`${schema}.${name}`);
};

/** The record, optionally locked for the rest of the transaction; 404 when absent (or not a uuid). */
async function loadRecord(caller: WorkflowCaller, w: BoundWorkflow, id: string, lock: boolean) {
  if (!isUuid(id)) throw notFound(entityName(w));
  const { ctx } = caller;
  const rows = await sql<Record<string, unknown>>`
    select * from ${table(w)} where tenant_id = ${ctx.tenant.id} and id = ${id} ${lock ? sql`for update` : sql``}`.execute(
    ctx.db,
  );
  const row = rows.rows[0];
  if (!row) throw notFound(entityName(w));
  return row;
}

const entityName = (w: BoundWorkflow) => w.entity.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A guard's answer as a reason to refuse, or null to go ahead. */
function refusal(result: GuardResult): LocalizedText | null {
  if (result === false) return BLOCKED;
  if (result && typeof result === 'object' && typeof result.en === 'string') return result;
  return null;
}

function transitionOf(w: BoundWorkflow, name: string) {
  const tr = Object.hasOwn(w.definition.transitions, name) ? w.definition.transitions[name] : undefined;
  if (!tr) {
    throw new Problem(400, 'unknown_transition', cm.unknown_transition, {
      params: { transition: name },
      extra: { transition: name, transitions: Object.keys(w.definition.transitions) },
    });
  }
  return tr;
}

/**
 * Runs a named transition on one record, in the caller's transaction: the record is locked (so
 * concurrent transitions of one record queue up and the second sees the first's result), then the
 * transition must leave the current state (409 `invalid_transition` naming it), the caller must hold
 * its permission (403) and its guard must agree (409 `transition_blocked`). Then the status changes,
 * the `run` hook runs, and a status-history row, an audit row and the event
 * `<plugin>.<entity>.<transition>` are written — all or nothing with the caller's transaction.
 */
export async function runTransition(
  caller: WorkflowCaller,
  w: BoundWorkflow,
  id: string,
  name: string,
  options: TransitionOptions = {},
): Promise<TransitionResult> {
  const { ctx } = caller;
  const tr = transitionOf(w, name);
  if (caller.grants && !covers(caller.grants, tr.permission)) throw forbidden(tr.permission);
  let input: Record<string, unknown> = {};
  if (tr.input) {
    const parsed = tr.input.safeParse(options.input ?? {});
    if (!parsed.success) {
      throw invalidInput(parsed.error);
    }
    input = parsed.data;
  }
  const note = typeof options.note === 'string' && options.note.trim() ? options.note.trim() : null;
  if (note && note.length > NOTE_MAX) {
    throw badRequest('invalid_input', cm.invalid_input, [fieldError('note', zm.too_long, { maximum: NOTE_MAX })]);
  }

  const record = await loadRecord(caller, w, id, true);
  const from = String(record[statusColumn(w)]);
  const allowedFrom = fromStates(tr);
  if (!allowedFrom.includes(from)) {
    const state = stateView(w, from);
    throw new Problem(409, 'invalid_transition', cm.invalid_transition, {
      params: { transition: tr.label, state: state.label },
      extra: { state: from, stateLabel: state.label, transition: name, from: allowedFrom },
    });
  }
  const reason = tr.guard ? refusal(await tr.guard(ctx, record)) : null;
  if (reason) {
    throw new Problem(409, 'transition_blocked', reason, { extra: { transition: name, state: from, reason } });
  }

  await sql`update ${table(w)} set ${sql.ref(statusColumn(w))} = ${tr.to}
    where tenant_id = ${ctx.tenant.id} and id = ${id}`.execute(ctx.db);
  const extra = (await tr.run?.({ ctx, record, id, transition: name, from, to: tr.to, input, note })) ?? {};

  const at = ctx.now();
  await writeHistory(ctx, w, { id, transition: name, from, to: tr.to, note, at });
  await ctx.audit({
    action: `${w.entityType}.${name}`,
    entityType: w.entityType,
    entityId: id,
    before: { status: from },
    after: { status: tr.to, ...(note ? { note: true } : {}) },
  });
  const eventId = await ctx.emit(`${w.entityType}.${name}`, {
    ...extra,
    id,
    entityType: w.entityType,
    transition: name,
    from,
    to: tr.to,
    actor: ctx.actor ? { kind: ctx.actor.kind, userId: ctx.actor.userId } : null,
  });
  return { id, transition: name, from, to: tr.to, eventId, at: at.toISOString() };
}

async function writeHistory(
  ctx: PluginContext,
  w: BoundWorkflow,
  entry: { id: string; transition: string | null; from: string | null; to: string; note: string | null; at: Date },
) {
  await ctx.db
    .insertInto('core.status_history')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId(),
      entity_type: w.entityType,
      entity_id: entry.id,
      transition: entry.transition,
      from_state: entry.from,
      to_state: entry.to,
      note: entry.note,
      actor_kind: ctx.actor?.kind ?? 'system',
      actor_user_id: ctx.actor?.userId ?? null,
      actor_label: ctx.actor?.label ?? 'system',
      at: entry.at,
    })
    .execute();
}

/**
 * Records that a record came into being in its current state (the first history entry). Call it
 * where the plugin inserts the record; optional, but a history without it starts at the first step.
 */
export async function recordStart(caller: WorkflowCaller, w: BoundWorkflow, id: string, note?: string | null) {
  const record = await loadRecord(caller, w, id, false);
  await writeHistory(caller.ctx, w, {
    id,
    transition: null,
    from: null,
    to: String(record[statusColumn(w)]),
    note: note?.trim() || null,
    at: caller.ctx.now(),
  });
}

/** A record's status history, oldest first. */
export async function historyOf(caller: WorkflowCaller, w: BoundWorkflow, id: string): Promise<HistoryEntry[]> {
  const rows = await caller.ctx.db
    .selectFrom('core.status_history')
    .selectAll()
    .where('tenant_id', '=', caller.ctx.tenant.id)
    .where('entity_type', '=', w.entityType)
    .where('entity_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: isoOrNull(r.at) as string,
    transition: r.transition,
    transitionLabel: r.transition
      ? (Object.hasOwn(w.definition.transitions, r.transition) && w.definition.transitions[r.transition]?.label) || {
          en: r.transition,
          cs: r.transition,
        }
      : null,
    from: r.from_state ? stateView(w, r.from_state) : null,
    to: stateView(w, r.to_state),
    actor: r.actor_label,
    note: r.note,
  }));
}

const inputSchemas = new WeakMap<object, Record<string, unknown>>();
function inputSchema(schema: z.ZodObject<any> | undefined): Record<string, unknown> | null {
  if (!schema) return null;
  let out = inputSchemas.get(schema);
  if (!out) {
    out = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
    inputSchemas.set(schema, out);
  }
  return out;
}

/** The transitions out of the record's current state that the caller may run, each with its guard's verdict. */
export async function transitionsOf(
  caller: WorkflowCaller,
  w: BoundWorkflow,
  record: Record<string, unknown>,
): Promise<TransitionView[]> {
  const from = String(record[statusColumn(w)]);
  const out: TransitionView[] = [];
  for (const [name, tr] of Object.entries(w.definition.transitions)) {
    if (!fromStates(tr).includes(from)) continue;
    if (caller.grants && !covers(caller.grants, tr.permission)) continue;
    const reason = tr.guard ? refusal(await tr.guard(caller.ctx, record)) : null;
    out.push({
      name,
      label: tr.label,
      to: stateView(w, tr.to),
      allowed: !reason,
      reason,
      danger: tr.danger ?? false,
      input: inputSchema(tr.input),
    });
  }
  return out;
}

/** The record's state, what the caller may do next and its history: what the UI block shows. */
export async function viewOf(caller: WorkflowCaller, w: BoundWorkflow, id: string): Promise<WorkflowView> {
  const record = await loadRecord(caller, w, id, false);
  return {
    entityType: w.entityType,
    id,
    state: stateView(w, String(record[statusColumn(w)])),
    transitions: await transitionsOf(caller, w, record),
    history: await historyOf(caller, w, id),
  };
}
