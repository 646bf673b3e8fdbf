import {
  Async,
  Badge,
  Button,
  Card,
  createForm,
  DateText,
  EmptyState,
  Field,
  LoadingState,
  notify,
  PageHeader,
  Segmented,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { isNegative, normalizeDecimal } from '../amounts.ts';
import { useAccounting } from '../api.ts';
import {
  AccountSelect,
  Amount,
  Icon,
  ProblemAlert,
  useAccountsList,
  useBase,
  useCurrency,
  useProblem,
  useSettings,
  useT,
} from '../ui.tsx';

type Status = 'unmatched' | 'matched' | 'ignored';

/**
 * Bank accounts and reconciliation: the statement lines not yet matched, suggestions for each
 * (variable symbol, amount, counterparty, reference), manual matching to an open invoice or bill or
 * to an account, ignoring, and undoing a match.
 */
export default function Bank() {
  const t = useT();
  const api = useAccounting();
  const base = useBase();
  const problem = useProblem();
  const { tenant, can } = useTenant();
  const [status, setStatus] = createSignal<Status>('unmatched');
  const [accountFilter, setAccountFilter] = createSignal('');
  const [selected, setSelected] = createSignal<string | null>(null);
  const [adding, setAdding] = createSignal(false);

  const [bankAccounts, { refetch: refetchAccounts }] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['bank-accounts'].$get())).bankAccounts,
  );
  const [lines, { refetch: refetchLines }] = createResource(
    () => ({ slug: tenant().slug, status: status(), bank: accountFilter() }),
    async (f) =>
      (
        await unwrap(
          api()['bank-lines'].$get({
            query: { status: f.status, limit: '300', ...(f.bank ? { bankAccountId: f.bank } : {}) },
          }),
        )
      ).lines,
  );
  const current = createMemo(() => lines.latest?.find((l) => l.id === selected()) ?? null);
  const refresh = () => {
    refetchLines();
    refetchAccounts();
  };

  const form = createForm({
    initial: { name: '', iban: '', accountNumber: '', bic: '', currency: '' },
    validate: (v) => ({ name: v.name.trim() ? undefined : t('common.required') }),
    onSubmit: async (v) => {
      const opt = (s: string) => (s.trim() ? s.trim() : undefined);
      const created = await unwrap(
        api()['bank-accounts'].$post({
          json: {
            name: v.name.trim(),
            iban: opt(v.iban),
            accountNumber: opt(v.accountNumber),
            bic: opt(v.bic),
            currency: opt(v.currency),
          },
        }),
      );
      notify(t('bank.accountAdded', { name: created.name, account: created.account }));
      form.set({ name: '', iban: '', accountNumber: '', bic: '', currency: '' });
      setAdding(false);
      refetchAccounts();
    },
  });

  return (
    <div class="page acc">
      <PageHeader
        title={t('bank.title')}
        description={t('bank.subtitle')}
        actions={
          <div class="row">
            <Show when={can('accounting.admin')}>
              <Button onClick={() => setAdding(true)}>
                <Icon name="plus" />
                {t('bank.addAccount')}
              </Button>
            </Show>
            <Show when={can('accounting.post') && (bankAccounts.latest?.length ?? 0) > 0}>
              <A class="btn btn-primary" href={`${base()}/bank/import`}>
                <Icon name="upload" />
                {t('bank.import')}
              </A>
            </Show>
          </div>
        }
      />
      <Show when={adding()}>
        <Card title={t('bank.addAccount')}>
          <form class="stack" onSubmit={form.submit} noValidate>
            <div class="form-grid cols-4">
              <Field {...form.bind('name')} class="span-2" label={t('bank.name')} required autofocus />
              <Field {...form.bind('iban')} class="span-2" label={t('partners.iban')} />
              <Field {...form.bind('accountNumber')} label={t('bank.accountNumber')} placeholder="2000145399/0800" />
              <Field {...form.bind('bic')} label={t('partners.bic')} />
              <Field
                label={t('doc.currency')}
                name="currency"
                value={form.values.currency}
                onChange={(v) => form.set('currency', v.toUpperCase().slice(0, 3))}
                error={form.error('currency')}
              />
            </div>
            <ProblemAlert error={form.failure()} />
            <div class="form-actions">
              <Button variant="ghost" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="primary" loading={form.submitting()}>
                {t('bank.saveAccount')}
              </Button>
            </div>
          </form>
        </Card>
      </Show>
      <Async
        resource={bankAccounts}
        refetch={refetchAccounts}
        isEmpty={(l) => l.length === 0}
        empty={
          <Card>
            <EmptyState
              title={t('bank.noAccountsTitle')}
              description={t('bank.noAccountsText')}
              action={
                <Show when={can('accounting.admin')}>
                  <Button variant="primary" onClick={() => setAdding(true)}>
                    <Icon name="plus" />
                    {t('bank.addAccount')}
                  </Button>
                </Show>
              }
            />
          </Card>
        }
      >
        {(list) => (
          <div class="bank-grid">
            <For each={list}>
              {(b) => (
                <div class="bank-card" data-bank={b.id}>
                  <div class="bank-card-head">
                    <span class="strong">{b.name}</span>
                    <Show when={!b.active}>
                      <Badge>{t('accounts.inactive')}</Badge>
                    </Show>
                  </div>
                  <div class="mono small muted">{b.iban ?? b.accountNumber ?? b.account}</div>
                  <div class="bank-balance">
                    <Amount value={b.balance} currency={b.currency} />
                  </div>
                  <div class="row small">
                    <span class="muted">
                      {t('bank.ledgerAccount')} <span class="mono">{b.account}</span>
                    </span>
                    <Show when={b.unmatchedLines > 0}>
                      <button
                        type="button"
                        class="badge badge-warning badge-button"
                        onClick={() => {
                          setAccountFilter(b.id);
                          setStatus('unmatched');
                        }}
                      >
                        {t('bank.unmatchedCount', { count: b.unmatchedLines })}
                      </button>
                    </Show>
                  </div>
                </div>
              )}
            </For>
          </div>
        )}
      </Async>

      <Card title={t('bank.reconciliation')} padded={false}>
        <div class="toolbar">
          <Segmented
            label={t('common.status')}
            value={status()}
            onChange={(s) => {
              setStatus(s);
              setSelected(null);
            }}
            options={[
              { value: 'unmatched', label: t('bank.unmatched') },
              { value: 'matched', label: t('bank.matched') },
              { value: 'ignored', label: t('bank.ignored') },
            ]}
          />
          <select
            class="input select auto"
            aria-label={t('bank.filterAccount')}
            value={accountFilter()}
            onChange={(e) => setAccountFilter(e.currentTarget.value)}
          >
            <option value="">{t('bank.allAccounts')}</option>
            <For each={bankAccounts.latest ?? []}>{(b) => <option value={b.id}>{b.name}</option>}</For>
          </select>
        </div>
        <div class="recon" classList={{ 'has-panel': !!current() }}>
          <div class="recon-list">
            <Async
              resource={lines}
              refetch={refetchLines}
              isEmpty={(l) => l.length === 0}
              empty={
                <EmptyState
                  title={status() === 'unmatched' ? t('bank.allMatchedTitle') : t('bank.noLines')}
                  description={status() === 'unmatched' ? t('bank.allMatchedText') : undefined}
                />
              }
            >
              {(list) => (
                <ul class="line-list" aria-label={t('bank.lines')}>
                  <For each={list}>
                    {(l) => (
                      <li>
                        <button
                          type="button"
                          class="line-item"
                          aria-current={selected() === l.id ? 'true' : undefined}
                          onClick={() => setSelected(selected() === l.id ? null : l.id)}
                          data-line={l.id}
                        >
                          <span class="line-date">
                            <DateText value={l.date} />
                          </span>
                          <span class="line-main">
                            <span class="cell-primary">
                              {l.counterpartyName ?? l.counterpartyAccount ?? t('bank.noCounterparty')}
                            </span>
                            <span class="cell-secondary">
                              {[l.variableSymbol && `VS ${l.variableSymbol}`, l.message ?? l.reference]
                                .filter(Boolean)
                                .join(' · ')}
                            </span>
                          </span>
                          <Amount value={l.amount} currency={l.currency} signed />
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              )}
            </Async>
          </div>
          {/* Keyed: each line gets a fresh panel, so a choice or a rate typed for one line never carries over. */}
          <Show when={current()} keyed>
            {(line) => (
              <LinePanel
                line={line}
                onDone={(msg) => {
                  notify(msg);
                  setSelected(null);
                  refresh();
                }}
                onError={(e) => notify(problem(e), 'danger')}
                onClose={() => setSelected(null)}
              />
            )}
          </Show>
        </div>
      </Card>
    </div>
  );
}

type Line = {
  id: string;
  date: string;
  amount: string;
  currency: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  variableSymbol: string | null;
  message: string | null;
  reference: string | null;
  status: Status;
  match: { kind: 'payment' | 'entry'; paymentId: string | null; entryId: string | null } | null;
  suggestedRate?: string | null;
};

/** What can be done with one statement line. */
function LinePanel(props: {
  line: Line;
  onDone: (message: string) => void;
  onError: (e: unknown) => void;
  onClose: () => void;
}) {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const base = useBase();
  const { can } = useTenant();
  const accounts = useAccountsList();
  const incoming = () => !isNegative(props.line.amount);
  const [suggestions] = createResource(
    () => (props.line.status === 'unmatched' ? props.line.id : false),
    async (id) => (await unwrap(api()['bank-lines'][':id'].suggestions.$get({ param: { id } }))).suggestions,
  );
  const [docs] = createResource(
    () => (props.line.status === 'unmatched' ? { incoming: incoming(), id: props.line.id } : false),
    async (p) =>
      p.incoming
        ? (await unwrap(api().invoices.$get({ query: { status: 'issued', limit: '200' } }))).items
        : (await unwrap(api().bills.$get({ query: { status: 'issued', limit: '200' } }))).items,
  );
  const [doc, setDoc] = createSignal('');
  const [account, setAccount] = createSignal('');
  const [memo, setMemo] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const functional = useCurrency(useSettings());
  const foreign = () => props.line.currency !== functional();
  // A foreign line is posted at a rate: the ČNB rate of its day when rates were imported, else the bank's.
  const localDecimal = (v: string) => (i18n.locale() === 'cs' ? v.replace('.', ',') : v);
  const [rate, setRate] = createSignal(props.line.suggestedRate ? localDecimal(props.line.suggestedRate) : '');
  const withRate = <T extends object>(json: T) => {
    const r = foreign() ? normalizeDecimal(rate()) : null;
    return r ? { ...json, rate: r } : json;
  };
  const param = () => ({ id: props.line.id });
  const act = async (key: string, fn: () => Promise<unknown>, message: string) => {
    setBusy(key);
    try {
      await fn();
      props.onDone(message);
    } catch (e) {
      props.onError(e);
    } finally {
      setBusy(null);
    }
  };
  const match = (json: { documentId?: string; paymentId?: string; account?: string; memo?: string }, key: string) =>
    act(
      key,
      () => unwrap(api()['bank-lines'][':id'].match.$post({ param: param(), json: withRate(json) })),
      t('bank.matchedOk'),
    );
  const reasonLabel = (r: string) => t(`reason.${r}` as Parameters<typeof t>[0]);

  return (
    <aside class="recon-panel" aria-label={t('bank.lineDetail')}>
      <header class="recon-panel-head">
        <div>
          <div class="recon-amount">
            <Amount value={props.line.amount} currency={props.line.currency} signed />
          </div>
          <div class="muted small">
            <DateText value={props.line.date} /> · {props.line.counterpartyName ?? t('bank.noCounterparty')}
          </div>
        </div>
        <button
          type="button"
          class="btn btn-ghost btn-sm icon-only"
          aria-label={t('common.close')}
          onClick={() => props.onClose()}
        >
          <Icon name="x" />
        </button>
      </header>
      <dl class="line-facts">
        <Show when={props.line.counterpartyAccount}>
          <div>
            <dt>{t('bank.counterpartyAccount')}</dt>
            <dd class="mono">{props.line.counterpartyAccount}</dd>
          </div>
        </Show>
        <Show when={props.line.variableSymbol}>
          <div>
            <dt>{t('doc.variableSymbol')}</dt>
            <dd class="mono">{props.line.variableSymbol}</dd>
          </div>
        </Show>
        <Show when={props.line.message}>
          <div>
            <dt>{t('bank.message')}</dt>
            <dd>{props.line.message}</dd>
          </div>
        </Show>
        <Show when={props.line.reference}>
          <div>
            <dt>{t('doc.reference')}</dt>
            <dd>{props.line.reference}</dd>
          </div>
        </Show>
      </dl>

      <Show when={props.line.status !== 'unmatched'}>
        <div class="stack">
          <p class="muted">
            {props.line.status === 'ignored' ? t('bank.isIgnored') : t('bank.isMatched')}
            <Show when={props.line.match?.entryId}>
              {(id) => (
                <>
                  {' '}
                  <A href={`${base()}/journal/${id()}`}>{t('doc.openEntry')}</A>
                </>
              )}
            </Show>
          </p>
          <Show when={can('accounting.post')}>
            <Button
              loading={busy() === 'undo'}
              onClick={() =>
                act(
                  'undo',
                  () => unwrap(api()['bank-lines'][':id'].match.$delete({ param: param() })),
                  t('bank.undoneOk'),
                )
              }
            >
              <Icon name="undo" />
              {t('bank.undo')}
            </Button>
          </Show>
        </div>
      </Show>

      <Show when={props.line.status === 'unmatched'}>
        <Show when={foreign() && can('accounting.post')}>
          <Field
            label={t('doc.rate', { from: props.line.currency, to: functional() })}
            name="rate"
            inputmode="decimal"
            value={rate()}
            onChange={setRate}
            description={props.line.suggestedRate ? t('bank.rateFromCnb') : t('bank.rateNeeded')}
          />
        </Show>
        <section class="stack-sm">
          <h3 class="panel-title">{t('bank.suggestions')}</h3>
          <Show when={!suggestions.loading} fallback={<LoadingState rows={2} />}>
            <Show
              when={(suggestions.latest?.length ?? 0) > 0}
              fallback={<p class="muted small">{t('bank.noSuggestions')}</p>}
            >
              <ul class="suggestions">
                <For each={suggestions.latest ?? []}>
                  {(s) => (
                    <li class="suggestion">
                      <div class="suggestion-main">
                        <div class="cell-primary">
                          <Badge tone={s.kind === 'payment' ? 'accent' : 'info'}>{t(`kind.${s.kind}`)}</Badge>{' '}
                          <span class="mono">{s.number ?? '—'}</span> · {s.partner.name}
                        </div>
                        <div class="row small">
                          <Amount value={s.amount} currency={s.currency} />
                          <For each={s.reasons}>{(r) => <span class="reason">{reasonLabel(r)}</span>}</For>
                        </div>
                        {/* biome-ignore lint/a11y/useSemanticElements: a styled bar; native meter renders inconsistently */}
                        <div
                          class="score"
                          role="meter"
                          aria-valuemin={0}
                          aria-valuemax={125}
                          aria-valuenow={s.score}
                          aria-label={t('bank.score')}
                        >
                          <div class="score-fill" style={{ width: `${Math.min(100, (s.score / 125) * 100)}%` }} />
                        </div>
                      </div>
                      <Show when={can('accounting.post')}>
                        <Button
                          size="sm"
                          variant="primary"
                          loading={busy() === s.id}
                          onClick={() => match(s.kind === 'payment' ? { paymentId: s.id } : { documentId: s.id }, s.id)}
                        >
                          {t('bank.match')}
                        </Button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        </section>
        <Show when={can('accounting.post')}>
          <section class="stack-sm">
            <h3 class="panel-title">{incoming() ? t('bank.manualInvoice') : t('bank.manualBill')}</h3>
            <div class="inline-form">
              <select
                class="input select grow"
                aria-label={incoming() ? t('bank.manualInvoice') : t('bank.manualBill')}
                value={doc()}
                onChange={(e) => setDoc(e.currentTarget.value)}
              >
                <option value="">{t('bank.chooseDocument')}</option>
                <For each={docs.latest ?? []}>
                  {(d) => (
                    <option value={d.id}>
                      {d.number} · {d.partner.name} · {i18n.money(d.remaining, d.currency)}
                    </option>
                  )}
                </For>
              </select>
              <Button disabled={!doc()} loading={busy() === 'doc'} onClick={() => match({ documentId: doc() }, 'doc')}>
                {t('bank.match')}
              </Button>
            </div>
          </section>
          <section class="stack-sm">
            <h3 class="panel-title">{t('bank.toAccount')}</h3>
            <div class="inline-form">
              <AccountSelect
                class="full"
                label={t('bank.toAccount')}
                hideLabel
                value={account()}
                onChange={setAccount}
                accounts={accounts.latest ?? []}
              />
              <input
                class="input grow"
                aria-label={t('journal.memo')}
                placeholder={t('journal.memo')}
                value={memo()}
                onInput={(e) => setMemo(e.currentTarget.value)}
              />
              <Button
                disabled={!account() || (foreign() && !normalizeDecimal(rate()))}
                loading={busy() === 'account'}
                onClick={() =>
                  match({ account: account(), ...(memo().trim() ? { memo: memo().trim() } : {}) }, 'account')
                }
              >
                {t('bank.post')}
              </Button>
            </div>
          </section>
          <div class="row">
            <Button
              variant="ghost"
              loading={busy() === 'ignore'}
              onClick={() =>
                act(
                  'ignore',
                  () => unwrap(api()['bank-lines'][':id'].ignore.$post({ param: param() })),
                  t('bank.ignoredOk'),
                )
              }
            >
              {t('bank.ignore')}
            </Button>
          </div>
        </Show>
      </Show>
    </aside>
  );
}
