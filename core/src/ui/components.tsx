import * as AlertDialog from '@kobalte/core/alert-dialog';
import { Switch as KSwitch } from '@kobalte/core/switch';
import { TextField } from '@kobalte/core/text-field';
import { Toast, toaster } from '@kobalte/core/toast';
import { createSignal, For, type JSX, Match, type Resource, Show, Switch, splitProps } from 'solid-js';
import { ApiError } from './api.ts';
import { useI18n } from './i18n.tsx';
import { describedBy, FieldFrame, uid } from './inputs.tsx';

/* ───────────── buttons and small bits ───────────── */

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export function Button(
  props: JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
    variant?: ButtonVariant;
    loading?: boolean;
    size?: 'sm' | 'md';
  },
) {
  const [own, rest] = splitProps(props, ['variant', 'loading', 'size', 'class', 'children', 'disabled', 'type']);
  return (
    <button
      type={own.type ?? 'button'}
      class={`btn btn-${own.variant ?? 'secondary'} ${own.size === 'sm' ? 'btn-sm' : ''} ${own.class ?? ''}`}
      disabled={own.disabled || own.loading}
      aria-busy={own.loading ? 'true' : undefined}
      {...rest}
    >
      <Show when={own.loading}>
        <Spinner />
      </Show>
      {own.children}
    </button>
  );
}

export function Spinner(props: { label?: string }) {
  return (
    <Show when={props.label} fallback={<span class="spinner" aria-hidden="true" />}>
      <span role="status">
        <span class="spinner" aria-hidden="true" />
        <span class="sr-only">{props.label}</span>
      </span>
    </Show>
  );
}

export function Badge(props: {
  tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent';
  children: JSX.Element;
}) {
  return <span class={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

export function Card(props: {
  title?: JSX.Element;
  actions?: JSX.Element;
  children: JSX.Element;
  class?: string;
  padded?: boolean;
}) {
  return (
    <section class={`card ${props.class ?? ''}`}>
      <Show when={props.title || props.actions}>
        <header class="card-header">
          <h2 class="card-title">{props.title}</h2>
          <div class="card-actions">{props.actions}</div>
        </header>
      </Show>
      <div class={props.padded === false ? '' : 'card-body'}>{props.children}</div>
    </section>
  );
}

export function PageHeader(props: { title: JSX.Element; description?: JSX.Element; actions?: JSX.Element }) {
  return (
    <header class="page-header">
      <div>
        <h1 class="page-title">{props.title}</h1>
        <Show when={props.description}>
          <p class="page-description">{props.description}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="page-actions">{props.actions}</div>
      </Show>
    </header>
  );
}

/** Money from a decimal string, formatted exactly in the current locale. */
export function Money(props: { amount: string; currency: string }) {
  const i18n = useI18n();
  return <span class="num">{i18n.money(props.amount, props.currency)}</span>;
}

/** A business date ('YYYY-MM-DD') or an instant (ISO timestamp) in the current locale. */
export function DateText(props: { value: string | null | undefined; time?: boolean }) {
  const i18n = useI18n();
  return (
    <Show when={props.value} fallback={<span class="muted">—</span>}>
      {(v) => <time dateTime={v()}>{props.time ? i18n.dateTime(v()) : i18n.date(v())}</time>}
    </Show>
  );
}

/* ───────────── form fields ───────────── */

export interface FieldProps {
  label: JSX.Element;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'search' | 'url' | 'tel';
  error?: string | undefined;
  description?: JSX.Element;
  placeholder?: string;
  autocomplete?: string;
  required?: boolean;
  disabled?: boolean;
  autofocus?: boolean;
  multiline?: boolean;
  inputmode?: 'text' | 'decimal' | 'numeric' | 'email';
  class?: string;
}

/** A labelled text input that shows its error (e.g. the server's field error) right under it. */
export function Field(props: FieldProps) {
  return (
    <TextField
      class={`field ${props.class ?? ''}`}
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      validationState={props.error ? 'invalid' : 'valid'}
      required={props.required ?? false}
      disabled={props.disabled ?? false}
    >
      <TextField.Label class="field-label">{props.label}</TextField.Label>
      <Show
        when={props.multiline}
        fallback={
          <TextField.Input
            class="input"
            type={props.type ?? 'text'}
            placeholder={props.placeholder}
            autocomplete={props.autocomplete}
            autofocus={props.autofocus}
            inputMode={props.inputmode}
          />
        }
      >
        <TextField.TextArea class="input textarea" placeholder={props.placeholder} />
      </Show>
      <Show when={props.description && !props.error}>
        <TextField.Description class="field-description">{props.description}</TextField.Description>
      </Show>
      <TextField.ErrorMessage class="field-error">{props.error}</TextField.ErrorMessage>
    </TextField>
  );
}

/** A labelled native select (keyboard and screen-reader friendly everywhere, also on phones). */
export function SelectField(props: {
  label: JSX.Element;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  description?: JSX.Element;
  disabled?: boolean;
  hideLabel?: boolean;
  class?: string;
}) {
  const id = uid(`sel-${props.name}`);
  return (
    <FieldFrame
      id={id}
      label={props.label}
      hideLabel={props.hideLabel}
      error={props.error}
      description={props.description}
      class={props.class}
    >
      <select
        id={id}
        class="input select"
        name={props.name}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.error, props.description)}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </FieldFrame>
  );
}

export function Toggle(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: JSX.Element;
  disabled?: boolean;
  hideLabel?: boolean;
}) {
  return (
    <KSwitch class="switch" checked={props.checked} onChange={props.onChange} disabled={props.disabled ?? false}>
      <KSwitch.Input class="switch-input" />
      <KSwitch.Control class="switch-control">
        <KSwitch.Thumb class="switch-thumb" />
      </KSwitch.Control>
      <KSwitch.Label class={props.hideLabel ? 'sr-only' : 'switch-label'}>{props.label}</KSwitch.Label>
    </KSwitch>
  );
}

/** A form-level error (not tied to one field), e.g. "Too many attempts" or a conflict. */
export function FormError(props: { error: ApiError | null | undefined }) {
  const i18n = useI18n();
  return (
    <Show when={props.error}>
      {(e) => (
        <div class="alert alert-danger" role="alert">
          {problemMessage(e(), i18n.t)}
        </div>
      )}
    </Show>
  );
}

/** A localized message for a problem: a translation of `problem.<code>` when the shell has one, else the title. */
export function problemMessage(e: unknown, t: (key: string, p?: Record<string, string | number>) => string): string {
  if (e instanceof ApiError) {
    const key = `problem.${e.code}`;
    const translated = t(key, { ...(e.retryAfter ? { seconds: e.retryAfter } : {}) });
    return translated === key ? e.message : translated;
  }
  return e instanceof Error ? e.message : String(e);
}

/* ───────────── states ───────────── */

export function LoadingState(props: { rows?: number; label?: string }) {
  const i18n = useI18n();
  return (
    <div
      class="state state-loading"
      role="status"
      aria-live="polite"
      aria-label={props.label ?? i18n.t('common.loading')}
    >
      <For each={Array.from({ length: props.rows ?? 3 })}>{() => <div class="skeleton" />}</For>
    </div>
  );
}

export function EmptyState(props: {
  title: JSX.Element;
  description?: JSX.Element;
  action?: JSX.Element;
  icon?: JSX.Element;
}) {
  return (
    <div class="state state-empty">
      <div class="state-icon" aria-hidden="true">
        {props.icon ?? (
          <svg
            width="28"
            height="28"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="1.5"
            aria-hidden="true"
          >
            <rect x="3" y="4" width="18" height="16" rx="3" />
            <path d="M3 9h18M8 14h8" />
          </svg>
        )}
      </div>
      <p class="state-title">{props.title}</p>
      <Show when={props.description}>
        <p class="state-description">{props.description}</p>
      </Show>
      <Show when={props.action}>
        <div class="state-action">{props.action}</div>
      </Show>
    </div>
  );
}

export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  return (
    <div class="state state-error" role="alert">
      <p class="state-title">{i18n.t('common.errorTitle')}</p>
      <p class="state-description">{problemMessage(props.error, i18n.t)}</p>
      <Show when={props.onRetry}>
        <Button size="sm" onClick={() => props.onRetry?.()}>
          {i18n.t('common.retry')}
        </Button>
      </Show>
    </div>
  );
}

/**
 * Renders a resource with its loading, error and empty states:
 * `<Async resource={members} isEmpty={(m) => m.length === 0} empty={<EmptyState …/>}>{(m) => …}</Async>`.
 */
export function Async<T>(props: {
  resource: Resource<T>;
  refetch?: () => void;
  isEmpty?: (value: T) => boolean;
  empty?: JSX.Element;
  loading?: JSX.Element;
  children: (value: T) => JSX.Element;
}) {
  return (
    <Switch fallback={props.loading ?? <LoadingState />}>
      <Match when={props.resource.error}>
        <ErrorState error={props.resource.error} onRetry={props.refetch} />
      </Match>
      <Match when={props.resource.state === 'ready' || props.resource.state === 'refreshing'}>
        <Show when={!(props.isEmpty?.(props.resource() as T) ?? false)} fallback={props.empty}>
          {props.children(props.resource() as T)}
        </Show>
      </Match>
    </Switch>
  );
}

/* ───────────── table ───────────── */

export interface Column<T> {
  header: JSX.Element;
  cell: (row: T) => JSX.Element;
  align?: 'start' | 'end';
  /** Hidden below tablet width to keep tables readable on phones. */
  hideOnMobile?: boolean;
  class?: string;
  /** A sort key: the header becomes a button that sorts by it (see DataTable's `sorted`/`onSort`). */
  sort?: string;
}

const cellClass = (c: Column<never>) =>
  `${c.align === 'end' ? 'end' : ''} ${c.hideOnMobile ? 'hide-mobile' : ''} ${c.class ?? ''}`;

/** The header cell of a column: a sort button with `aria-sort` when the column sorts. */
function HeaderCell<T>(props: {
  column: Column<T>;
  sorted?: { key: string; dir: 'asc' | 'desc' } | undefined;
  onSort?: ((key: string) => void) | undefined;
}) {
  const active = () => props.column.sort !== undefined && props.sorted?.key === props.column.sort;
  return (
    <th
      scope="col"
      class={cellClass(props.column as Column<never>)}
      aria-sort={active() ? (props.sorted?.dir === 'desc' ? 'descending' : 'ascending') : undefined}
    >
      <Show when={props.column.sort && props.onSort} fallback={props.column.header}>
        <button type="button" class="sort-button" onClick={() => props.onSort?.(props.column.sort as string)}>
          {props.column.header}
          <span class="sort-mark" aria-hidden="true">
            {active() ? (props.sorted?.dir === 'desc' ? '↓' : '↑') : '↕'}
          </span>
        </button>
      </Show>
    </th>
  );
}

export function DataTable<T>(props: {
  columns: Column<T>[];
  rows: readonly T[];
  caption?: string;
  rowKey?: (row: T) => string;
  onRowClick?: (row: T) => void;
  /** The current sort, for the headers of sortable columns. */
  sorted?: { key: string; dir: 'asc' | 'desc' } | undefined;
  onSort?: (key: string) => void;
  /** Marks the table busy while a new query loads over the old rows. */
  busy?: boolean;
}) {
  return (
    <div class="table-wrap" aria-busy={props.busy ? 'true' : undefined}>
      <table class="table">
        <Show when={props.caption}>
          <caption class="sr-only">{props.caption}</caption>
        </Show>
        <thead>
          <tr>
            <For each={props.columns}>
              {(c) => <HeaderCell column={c} sorted={props.sorted} onSort={props.onSort} />}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr
                class={props.onRowClick ? 'clickable' : ''}
                data-key={props.rowKey?.(row)}
                onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
              >
                <For each={props.columns}>{(c) => <td class={cellClass(c as Column<never>)}>{c.cell(row)}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/**
 * A list resource shown as a table: loading / error (with retry) / empty state / DataTable — the usual
 * `Async` + `isEmpty` + `DataTable` trio of list pages.
 */
export function AsyncTable<T>(props: {
  resource: Resource<T[]>;
  refetch?: () => void;
  empty: JSX.Element;
  columns: Column<T>[];
  caption?: string;
  rowKey?: (row: T) => string;
  onRowClick?: (row: T) => void;
}) {
  return (
    <Async resource={props.resource} refetch={props.refetch} isEmpty={(l) => l.length === 0} empty={props.empty}>
      {(list) => (
        <DataTable
          caption={props.caption}
          rows={list}
          rowKey={props.rowKey}
          onRowClick={props.onRowClick}
          columns={props.columns}
        />
      )}
    </Async>
  );
}

/** A two-line table cell: a primary line and a muted secondary line. */
export function StackedCell(props: { primary: JSX.Element; secondary?: JSX.Element; secondaryClass?: string }) {
  return (
    <div>
      <div class="cell-primary">{props.primary}</div>
      <div class={props.secondaryClass ? `cell-secondary ${props.secondaryClass}` : 'cell-secondary'}>
        {props.secondary}
      </div>
    </div>
  );
}

/* ───────────── confirm dialog and toasts ───────────── */

/**
 * A modal confirmation (Kobalte AlertDialog: focus trapped, Escape cancels). `onConfirm` may be async:
 * the button shows progress and an error keeps the dialog open with the message.
 */
export function ConfirmDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: JSX.Element;
  description?: JSX.Element;
  children?: JSX.Element;
  confirmLabel?: JSX.Element;
  danger?: boolean;
  /** Keeps the confirm button disabled (e.g. until a typed confirmation matches). */
  confirmDisabled?: boolean;
  onConfirm: () => Promise<void> | void;
}) {
  const i18n = useI18n();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onOpenChange(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AlertDialog.Root
      open={props.open}
      onOpenChange={(o) => {
        if (!busy()) {
          setError(null);
          props.onOpenChange(o);
        }
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <AlertDialog.Content class="dialog">
            <AlertDialog.Title class="dialog-title">{props.title}</AlertDialog.Title>
            <Show when={props.description}>
              <AlertDialog.Description class="dialog-description">{props.description}</AlertDialog.Description>
            </Show>
            {props.children}
            <Show when={error()}>
              <div class="alert alert-danger" role="alert">
                {problemMessage(error(), i18n.t)}
              </div>
            </Show>
            <div class="dialog-actions">
              <AlertDialog.CloseButton class="btn btn-secondary" disabled={busy()}>
                {i18n.t('common.cancel')}
              </AlertDialog.CloseButton>
              <Button
                variant={props.danger ? 'danger' : 'primary'}
                loading={busy()}
                disabled={props.confirmDisabled ?? false}
                onClick={confirm}
              >
                {props.confirmLabel ?? i18n.t('common.confirm')}
              </Button>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** Shows a short notification in the corner (the shell renders the region). */
export function notify(message: string, tone: 'success' | 'danger' | 'info' = 'success') {
  toaster.show((p) => (
    // Kobalte's default <li role="status"> is no list item to assistive tech, which made its <ol> an invalid list.
    <Toast as="div" toastId={p.toastId} class={`toast toast-${tone}`}>
      <Toast.Description class="toast-text">{message}</Toast.Description>
      <Toast.CloseButton class="toast-close" aria-label="×">
        ×
      </Toast.CloseButton>
    </Toast>
  ));
}

export function ToastRegion() {
  return (
    <Toast.Region duration={4000} swipeDirection="right">
      <Toast.List as="div" class="toast-list" />
    </Toast.Region>
  );
}
