/** Small pieces the accounting pages share: icons, amounts, statuses, segmented controls, settings. */
import { ApiError, Badge, problemMessage, unwrap, useI18n, useMessages, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, For, type JSX, Show } from 'solid-js';
import { isNegative, isZero } from './amounts.ts';
import { useAccounting } from './api.ts';
import { cs, en } from './messages.ts';
import './accounting.css';

/** The accounting messages in the current language. */
export const useT = () => useMessages({ en, cs });
export type MessageKey = keyof typeof en;

/** `/t/<tenant>/accounting` */
export function useBase(): () => string {
  const { tenant } = useTenant();
  return () => `/t/${tenant().slug}/accounting`;
}

const paths: Record<string, () => JSX.Element> = {
  plus: () => <path d="M12 5v14M5 12h14" />,
  trash: () => <path d="M3 6h18M8 6V4h8v2M6 6l1 15h10l1-15" />,
  back: () => <path d="M19 12H5M11 6l-6 6 6 6" />,
  download: () => <path d="M12 3v12M7 10l5 5 5-5M4 21h16" />,
  upload: () => <path d="M12 15V3M7 8l5-5 5 5M4 21h16" />,
  undo: () => <path d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-4" />,
  check: () => <path d="M20 6 9 17l-5-5" />,
  x: () => <path d="M18 6 6 18M6 6l12 12" />,
  chevron: () => <path d="m9 6 6 6-6 6" />,
  print: () => (
    <>
      <path d="M6 9V3h12v6M6 18H4a1 1 0 0 1-1-1v-6a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v6a1 1 0 0 1-1 1h-2" />
      <rect x="6" y="14" width="12" height="7" rx="1" />
    </>
  ),
  link: () => (
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  ),
  eye: () => (
    <>
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
  arrowIn: () => <path d="M12 4v16M6 14l6 6 6-6" />,
  arrowOut: () => <path d="M12 20V4M6 10l6-6 6 6" />,
  mail: () => (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </>
  ),
};

export function Icon(props: { name: keyof typeof paths; size?: number }) {
  return (
    <svg
      class="icon"
      width={props.size ?? 16}
      height={props.size ?? 16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.75"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {paths[props.name]?.()}
    </svg>
  );
}

/** A decimal-string amount in the locale; negative amounts in red, optionally "+" for positive ones. */
export function Amount(props: {
  value: string | null | undefined;
  currency: string;
  signed?: boolean;
  muted0?: boolean;
}) {
  const i18n = useI18n();
  return (
    <Show when={props.value !== null && props.value !== undefined} fallback={<span class="muted">—</span>}>
      <span
        class="num amount"
        classList={{
          'amount-neg': isNegative(props.value as string),
          'amount-pos': !!props.signed && !isNegative(props.value as string) && !isZero(props.value as string),
          muted: !!props.muted0 && isZero(props.value as string),
        }}
      >
        {props.signed && !isNegative(props.value as string) && !isZero(props.value as string) ? '+' : ''}
        {i18n.money(props.value as string, props.currency)}
      </span>
    </Show>
  );
}

const DOC_TONE = { draft: 'neutral', issued: 'info', paid: 'success', cancelled: 'neutral' } as const;

/** Status of an invoice or bill (an issued one past its due date shows as overdue). */
export function DocStatus(props: {
  status: 'draft' | 'issued' | 'paid' | 'cancelled';
  overdue?: boolean;
  kind: 'invoice' | 'bill';
}) {
  const t = useT();
  return (
    <Show
      when={props.status === 'issued' && props.overdue}
      fallback={
        <Badge tone={DOC_TONE[props.status]}>
          {t(
            props.status === 'issued' && props.kind === 'bill'
              ? 'status.posted'
              : (`status.${props.status}` as MessageKey),
          )}
        </Badge>
      }
    >
      <Badge tone="danger">{t('status.overdue')}</Badge>
    </Show>
  );
}

export function BackLink(props: { href: string; children: JSX.Element }) {
  return (
    <A class="back-link" href={props.href}>
      <Icon name="back" size={14} />
      {props.children}
    </A>
  );
}

/** The books' settings (functional currency, fiscal year, default accounts) of the current tenant. */
export function useSettings() {
  const api = useAccounting();
  const { tenant } = useTenant();
  const [settings] = createResource(
    () => tenant().slug,
    () => unwrap(api().settings.$get()),
  );
  return settings;
}

/** The functional currency once the settings are loaded (the tenant's currency meanwhile). */
export function useCurrency(settings: ReturnType<typeof useSettings>): () => string {
  return () => settings.latest?.currency ?? 'CZK';
}

/** Active accounts of the chart, for pickers. */
export function useAccountsList() {
  const api = useAccounting();
  const { tenant } = useTenant();
  const [accounts] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api().accounts.$get({ query: { active: 'true' } }))).accounts,
  );
  return accounts;
}

export type AccountRow = NonNullable<ReturnType<ReturnType<typeof useAccountsList>>>[number];
export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense', 'off_balance'] as const;

/** A native select of accounts grouped by type (keyboard: type the code to jump to it). */
export function AccountSelect(props: {
  id?: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  accounts: readonly AccountRow[];
  error?: string | undefined;
  types?: readonly (typeof ACCOUNT_TYPES)[number][];
  placeholder?: string;
  hideLabel?: boolean;
  class?: string;
}) {
  const t = useT();
  const id = props.id ?? `acc-${Math.random().toString(36).slice(2, 8)}`;
  const groups = () =>
    (props.types ?? ACCOUNT_TYPES).map((type) => ({
      type,
      accounts: props.accounts.filter((a) => a.type === type).sort((a, b) => a.code.localeCompare(b.code)),
    }));
  return (
    <div class={`field ${props.class ?? ''}`} data-invalid={props.error ? '' : undefined}>
      <label class={props.hideLabel ? 'sr-only' : 'field-label'} for={id}>
        {props.label}
      </label>
      <select
        id={id}
        class="input select"
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{props.placeholder ?? t('common.chooseAccount')}</option>
        <For each={groups()}>
          {(g) => (
            <Show when={g.accounts.length > 0}>
              <optgroup label={t(`type.${g.type}`)}>
                <For each={g.accounts}>
                  {(a) => (
                    <option value={a.code} selected={a.code === props.value}>
                      {a.code} — {a.name}
                    </option>
                  )}
                </For>
              </optgroup>
            </Show>
          )}
        </For>
      </select>
      <Show when={props.error}>
        <div class="field-error" id={`${id}-err`}>
          {props.error}
        </div>
      </Show>
    </div>
  );
}

/** Days between two business dates (b − a). */
export function daysBetween(a: string, b: string): number {
  const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** A localized message for a failed call: the accounting wording of its `code` when there is one. */
export function useProblem(): (e: unknown) => string {
  const t = useT();
  const i18n = useI18n();
  return (e) => {
    if (e instanceof ApiError) {
      const key = `problem.${e.code}` as MessageKey;
      const msg = t(key);
      if (msg !== key) return msg;
    }
    return problemMessage(e, i18n.t);
  };
}

/** A form-level error (not tied to one field) in the accounting wording. */
export function ProblemAlert(props: { error: unknown }) {
  const problem = useProblem();
  return (
    <Show when={props.error}>
      <div class="alert alert-danger" role="alert">
        {problem(props.error)}
      </div>
    </Show>
  );
}

/** Wraps an action for ConfirmDialog so a failure shows in the accounting wording. */
export function useGuard(): <T>(fn: () => Promise<T>) => () => Promise<T> {
  const problem = useProblem();
  return (fn) => async () => {
    try {
      return await fn();
    } catch (e) {
      throw new Error(problem(e));
    }
  };
}
