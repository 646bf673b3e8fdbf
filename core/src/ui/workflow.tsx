import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { ApiError } from './api.ts';
import {
  Button,
  Card,
  ConfirmDialog,
  ErrorState,
  Field,
  LoadingState,
  notify,
  SelectField,
  Toggle,
} from './components.tsx';
import { useI18n, useMessages } from './i18n.tsx';
import { StatusBadge } from './status.tsx';
import { useTenant } from './tenant.tsx';
import type { LocalizedText } from './types.ts';
import './workflow.css';

/** A state as GET …/:id/workflow returns it (core/src/workflows). */
export interface WorkflowStateView {
  key: string;
  label: LocalizedText;
  tone: 'neutral' | 'info' | 'accent' | 'success' | 'warning' | 'danger';
  final: boolean;
}

export interface WorkflowTransitionView {
  name: string;
  label: LocalizedText;
  to: WorkflowStateView;
  allowed: boolean;
  reason: LocalizedText | null;
  danger: boolean;
  input: JsonObjectSchema | null;
}

export interface WorkflowHistoryEntry {
  id: string;
  at: string;
  transition: string | null;
  transitionLabel: LocalizedText | null;
  from: WorkflowStateView | null;
  to: WorkflowStateView;
  actor: string;
  note: string | null;
}

export interface WorkflowViewData {
  entityType: string;
  id: string;
  state: WorkflowStateView;
  transitions: WorkflowTransitionView[];
  history: WorkflowHistoryEntry[];
}

/** The subset of JSON Schema a transition's input uses; `label` / `optionLabels` come from zod `.meta()`. */
interface JsonProperty {
  type?: string;
  enum?: (string | number)[];
  maxLength?: number;
  label?: LocalizedText;
  optionLabels?: Record<string, LocalizedText>;
}
interface JsonObjectSchema {
  properties?: Record<string, JsonProperty>;
  required?: string[];
}

const messages = {
  en: {
    title: 'Status',
    history: 'History',
    noActions: 'Nothing to do in this state.',
    created: 'Created',
    note: 'Note',
    noteHint: 'Optional; kept in the history.',
    confirmTitle: '{action}?',
    confirmText: 'The status changes to “{state}”.',
    done: '{action}: done',
    stale: 'Someone changed this record meanwhile: it is now “{state}”.',
    by: '{actor}',
  },
  cs: {
    title: 'Stav',
    history: 'Historie',
    noActions: 'V tomto stavu není co dělat.',
    created: 'Vytvořeno',
    note: 'Poznámka',
    noteHint: 'Nepovinné; zůstane v historii.',
    confirmTitle: '{action}?',
    confirmText: 'Stav se změní na „{state}“.',
    done: '{action}: hotovo',
    stale: 'Záznam mezitím změnil někdo jiný: nyní je „{state}“.',
    by: '{actor}',
  },
};

/**
 * A record's workflow: its state, a button per transition the user may run now (a refused one is
 * disabled with the guard's reason under it), a dialog for transitions that take input or are
 * dangerous, and the status history. `path` is the record's API path within the tenant, where the
 * plugin mounted `workflowRoutes` (e.g. `/orders/orders/<id>`); `onChange` gets the new view.
 */
export function WorkflowPanel(props: {
  path: string;
  title?: string;
  onChange?: (view: WorkflowViewData) => void;
  /** Hide the history (e.g. when the page shows it elsewhere). */
  hideHistory?: boolean;
  /**
   * Reloads the transitions when this changes: what the guards look at, for a page that updates
   * the record in place (e.g. the picked quantities that let an order be packed).
   */
  version?: string | number;
}) {
  const i18n = useI18n();
  const t = useMessages(messages);
  const { api } = useTenant();
  const [view, { mutate, refetch }] = createResource(
    () => props.path,
    (path) => api<WorkflowViewData>(`${path}/workflow`),
  );
  createEffect(
    on(
      () => props.version,
      () => void refetch(),
      { defer: true },
    ),
  );
  const [running, setRunning] = createSignal<string | null>(null);
  const [dialog, setDialog] = createSignal<WorkflowTransitionView | null>(null);
  const [values, setValues] = createSignal<Record<string, string | boolean>>({});
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, string>>({});

  /** A refusal in the user's language: the state it is in now, or the guard's reason. */
  const explain = (e: unknown): unknown => {
    if (!(e instanceof ApiError)) return e;
    const label = e.body.stateLabel as LocalizedText | undefined;
    const reason = e.body.reason as LocalizedText | undefined;
    if (e.code === 'invalid_transition' && label)
      return new ApiError({ ...e.body, title: t('stale', { state: i18n.text(label) }) });
    if (e.code === 'transition_blocked' && reason) return new ApiError({ ...e.body, title: i18n.text(reason) });
    return e;
  };

  const submit = async (tr: WorkflowTransitionView, body: Record<string, unknown>) => {
    try {
      const next = await api<WorkflowViewData>(`${props.path}/${tr.name}`, { method: 'POST', body });
      mutate(next);
      props.onChange?.(next);
      notify(t('done', { action: i18n.text(tr.label) }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_transition') void refetch();
      if (e instanceof ApiError && e.fieldErrors.length) {
        setFieldErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])));
      }
      throw explain(e);
    }
  };

  const start = async (tr: WorkflowTransitionView) => {
    if (tr.input?.properties || tr.danger) {
      setValues(initialValues(tr.input));
      setFieldErrors({});
      setDialog(tr);
      return;
    }
    setRunning(tr.name);
    try {
      await submit(tr, {});
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'danger');
    } finally {
      setRunning(null);
    }
  };

  const properties = () => Object.entries(dialog()?.input?.properties ?? {});
  const required = (name: string) => dialog()?.input?.required?.includes(name) ?? false;
  const set = (name: string, value: string | boolean) => setValues({ ...values(), [name]: value });
  const bodyOf = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, p] of properties()) {
      const v = values()[name];
      if (v === '' || v === undefined) continue;
      out[name] = p.type === 'number' || p.type === 'integer' ? Number(v) : v;
    }
    const note = values()['\u0000note'];
    if (typeof note === 'string' && note.trim()) out.note = note;
    return out;
  };

  return (
    <Card
      title={props.title ?? t('title')}
      actions={<Show when={view.latest}>{(v) => <StatusBadge state={v().state} />}</Show>}
      class="workflow"
    >
      <Show when={!view.error} fallback={<ErrorState error={view.error} onRetry={refetch} />}>
        <Show when={view.latest} fallback={<LoadingState rows={2} />}>
          {(v) => (
            <>
              <Show when={v().transitions.length} fallback={<p class="wf-none">{t('noActions')}</p>}>
                <div class="wf-actions" data-testid="workflow-actions">
                  <For each={v().transitions}>
                    {(tr, i) => {
                      const reasonId = `wf-reason-${tr.name}-${Math.random().toString(36).slice(2, 7)}`;
                      return (
                        <div class="wf-action">
                          <Button
                            variant={tr.danger ? 'danger' : i() === 0 ? 'primary' : 'secondary'}
                            size="sm"
                            disabled={!tr.allowed || (running() !== null && running() !== tr.name)}
                            loading={running() === tr.name}
                            aria-describedby={tr.reason ? reasonId : undefined}
                            data-transition={tr.name}
                            onClick={() => void start(tr)}
                          >
                            {i18n.text(tr.label)}
                          </Button>
                          <Show when={tr.reason}>
                            {(r) => (
                              <span class="wf-reason" id={reasonId}>
                                {i18n.text(r())}
                              </span>
                            )}
                          </Show>
                        </div>
                      );
                    }}
                  </For>
                </div>
              </Show>
              <Show when={!props.hideHistory && v().history.length}>
                <h3 class="sr-only">{t('history')}</h3>
                <ol class="wf-history" aria-label={t('history')} data-testid="workflow-history">
                  <For each={[...v().history]}>
                    {(h) => (
                      <li class="wf-step">
                        <span class="wf-step-title">
                          {h.transitionLabel ? i18n.text(h.transitionLabel) : t('created')}
                          <StatusBadge state={h.to} />
                        </span>
                        <span class="wf-step-meta">
                          {i18n.dateTime(h.at)} · {t('by', { actor: h.actor })}
                        </span>
                        <Show when={h.note}>
                          <span class="wf-step-note">{h.note}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </>
          )}
        </Show>
      </Show>
      <ConfirmDialog
        open={dialog() !== null}
        onOpenChange={(o) => !o && setDialog(null)}
        title={t('confirmTitle', { action: i18n.text(dialog()?.label) })}
        description={t('confirmText', { state: i18n.text(dialog()?.to.label) })}
        confirmLabel={i18n.text(dialog()?.label)}
        danger={dialog()?.danger ?? false}
        onConfirm={async () => {
          const tr = dialog();
          if (tr) await submit(tr, bodyOf());
        }}
      >
        <div class="wf-fields">
          <For each={properties()}>
            {([name, p]) => (
              <Show
                when={p.enum}
                fallback={
                  <Show
                    when={p.type === 'boolean'}
                    fallback={
                      <Field
                        name={name}
                        label={i18n.text(p.label) || name}
                        value={String(values()[name] ?? '')}
                        onChange={(v) => set(name, v)}
                        type={p.type === 'number' || p.type === 'integer' ? 'number' : 'text'}
                        multiline={(p.maxLength ?? 0) > 200}
                        required={required(name)}
                        error={fieldErrors()[name]}
                      />
                    }
                  >
                    <Toggle
                      label={i18n.text(p.label) || name}
                      checked={values()[name] === true}
                      onChange={(v) => set(name, v)}
                    />
                  </Show>
                }
              >
                {(options) => (
                  <SelectField
                    name={name}
                    label={i18n.text(p.label) || name}
                    value={String(values()[name] ?? '')}
                    onChange={(v) => set(name, v)}
                    error={fieldErrors()[name]}
                    options={[
                      ...(required(name) ? [] : [{ value: '', label: '—' }]),
                      ...options().map((o) => ({
                        value: String(o),
                        label: i18n.text(p.optionLabels?.[String(o)]) || String(o),
                      })),
                    ]}
                  />
                )}
              </Show>
            )}
          </For>
          <Field
            name="note"
            label={t('note')}
            description={t('noteHint')}
            value={String(values()['\u0000note'] ?? '')}
            onChange={(v) => set('\u0000note', v)}
            multiline
            error={fieldErrors().note}
          />
        </div>
      </ConfirmDialog>
    </Card>
  );
}

/** First option of required enums preselected; everything else empty. */
function initialValues(schema: JsonObjectSchema | null): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [name, p] of Object.entries(schema?.properties ?? {})) {
    if (p.enum?.length && schema?.required?.includes(name)) out[name] = String(p.enum[0]);
    else if (p.type === 'boolean') out[name] = false;
  }
  return out;
}
