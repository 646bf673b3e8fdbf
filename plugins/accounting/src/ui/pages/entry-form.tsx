import {
  ApiError,
  Button,
  businessToday,
  Card,
  createForm,
  Field,
  notify,
  PageHeader,
  unwrap,
  useI18n,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createMemo, Index, Show } from 'solid-js';
import { currencyDigits, fromMinor, parseAmount } from '../amounts.ts';
import { useAccounting } from '../api.ts';
import { CellError, DecimalInput, RemoveLineCell } from '../components/line-editor.tsx';
import {
  AccountSelect,
  BackLink,
  Icon,
  ProblemAlert,
  useAccountsList,
  useBase,
  useCurrency,
  useSettings,
  useT,
} from '../ui.tsx';

interface LineDraft {
  account: string;
  memo: string;
  debit: string;
  credit: string;
}

const emptyLine = (): LineDraft => ({ account: '', memo: '', debit: '', credit: '' });

/**
 * A new journal entry. The debit and credit totals and their difference update as you type (exact
 * decimal arithmetic); posting stays disabled until the entry balances. The server's field errors
 * (`lines.2.account`) appear under the fields they concern.
 */
export default function EntryForm() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const base = useBase();
  const navigate = useNavigate();
  const settings = useSettings();
  const currency = useCurrency(settings);
  const accounts = useAccountsList();

  const form = createForm({
    initial: { date: businessToday(), memo: '', lines: [emptyLine(), emptyLine()] as LineDraft[] },
    onSubmit: async (v) => {
      const lines = v.lines
        .map((l) => {
          const d = parseAmount(l.debit, currency());
          const c = parseAmount(l.credit, currency());
          return {
            account: l.account,
            ...(d?.ok ? { debit: d.value } : {}),
            ...(c?.ok ? { credit: c.value } : {}),
            ...(l.memo.trim() ? { memo: l.memo.trim() } : {}),
          };
        })
        .filter((l) => l.account || 'debit' in l || 'credit' in l);
      const entry = await unwrap(
        api().journal.$post({ json: { date: v.date, ...(v.memo.trim() ? { memo: v.memo.trim() } : {}), lines } }),
      );
      notify(t('entry.posted', { number: entry.number }));
      navigate(`${base()}/journal/${entry.id}`);
    },
  });

  /** Per line: parsed amounts and a local error (shown until the server has its say). */
  const checked = createMemo(() =>
    form.values.lines.map((l) => {
      const d = parseAmount(l.debit, currency());
      const c = parseAmount(l.credit, currency());
      const blank = !l.account && !d && !c;
      let error: string | undefined;
      if (d && !d.ok) error = t(`amount.${d.error}`);
      else if (c && !c.ok) error = t(`amount.${c.error}`);
      else if (d?.ok && c?.ok) error = t('entry.oneSide');
      else if ((d?.ok && d.minor === 0n) || (c?.ok && c.minor === 0n)) error = t('amount.zero');
      const amount = d?.ok || c?.ok;
      const missing = !blank && (!l.account || !amount);
      return {
        blank,
        debit: d?.ok ? d.minor : 0n,
        credit: c?.ok ? c.minor : 0n,
        error,
        missing,
      };
    }),
  );
  const digits = () => currencyDigits(currency());
  const totals = createMemo(() => {
    let debit = 0n;
    let credit = 0n;
    for (const l of checked()) {
      debit += l.debit;
      credit += l.credit;
    }
    return { debit, credit, difference: debit - credit };
  });
  const used = () => checked().filter((l) => !l.blank);
  const balanced = () => totals().difference === 0n && totals().debit > 0n;
  const ready = () =>
    balanced() &&
    used().length >= 2 &&
    used().every((l) => !l.error && !l.missing) &&
    /^\d{4}-\d{2}-\d{2}$/.test(form.values.date);
  const money = (v: bigint) => i18n.money(fromMinor(v, digits()), currency());

  const setLine = (i: number, key: keyof LineDraft, value: string) => {
    form.set('lines', i, key, value);
    const errs = form.errors();
    const path = `lines.${i}.${key}`;
    if (errs[path]) {
      const { [path]: _, ...rest } = errs;
      form.setErrors(rest);
    }
  };
  const addLine = () => form.set('lines', (l) => [...l, emptyLine()]);
  const removeLine = (i: number) => form.set('lines', (l) => l.filter((_, j) => j !== i));
  /** Fills the difference into an empty side of the last line (a common bookkeeping shortcut). */
  const balanceLast = () => {
    const i = form.values.lines.length - 1;
    const diff = totals().difference;
    const line = form.values.lines[i];
    if (!line || diff === 0n) return;
    const abs = diff < 0n ? -diff : diff;
    const side = diff > 0n ? 'credit' : 'debit';
    const current = parseAmount(line[side], currency());
    const base = current?.ok ? current.minor : 0n;
    form.set('lines', i, side, fromMinor(base + abs, digits()));
  };

  const unbalancedProblem = () => {
    const f = form.failure();
    return f instanceof ApiError && f.code === 'unbalanced' ? f : null;
  };

  return (
    <div class="page acc">
      <BackLink href={base()}>{t('journal.title')}</BackLink>
      <PageHeader title={t('entry.newTitle')} description={t('entry.newSubtitle', { currency: currency() })} />
      <form class="stack" onSubmit={form.submit} noValidate>
        <Card>
          <div class="form-grid entry-head">
            <Field
              label={t('common.date')}
              name="date"
              type="date"
              value={form.values.date}
              onChange={(v) => form.set('date', v)}
              error={form.error('date')}
              required
            />
            <Field
              class="grow"
              label={t('journal.memo')}
              name="memo"
              value={form.values.memo}
              onChange={(v) => form.set('memo', v)}
              error={form.error('memo')}
              placeholder={t('entry.memoPlaceholder')}
            />
          </div>
        </Card>
        <Card title={t('entry.lines')} padded={false}>
          <div class="table-wrap">
            <table class="table entry-lines">
              <thead>
                <tr>
                  <th scope="col" class="col-account">
                    {t('entry.account')}
                  </th>
                  <th scope="col" class="hide-mobile">
                    {t('entry.lineMemo')}
                  </th>
                  <th scope="col" class="end col-amount">
                    {t('entry.debit')}
                  </th>
                  <th scope="col" class="end col-amount">
                    {t('entry.credit')}
                  </th>
                  <th scope="col" class="col-remove">
                    <span class="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <Index each={form.values.lines}>
                  {(line, i) => {
                    const err = (k: string) => form.error(`lines.${i}.${k}`);
                    const local = () => checked()[i]?.error;
                    return (
                      <tr data-line={i}>
                        <td class="col-account">
                          <AccountSelect
                            label={t('entry.accountOfLine', { n: i + 1 })}
                            hideLabel
                            value={line().account}
                            onChange={(v) => setLine(i, 'account', v)}
                            accounts={accounts.latest ?? []}
                            error={err('account')}
                          />
                        </td>
                        <td class="hide-mobile">
                          <input
                            class="input"
                            aria-label={t('entry.memoOfLine', { n: i + 1 })}
                            value={line().memo}
                            onInput={(e) => setLine(i, 'memo', e.currentTarget.value)}
                          />
                          <CellError error={err('memo')} />
                        </td>
                        <td class="end col-amount" data-label={t('entry.debit')}>
                          <DecimalInput
                            label={t('entry.debitOfLine', { n: i + 1 })}
                            autocomplete="off"
                            invalid={!!(err('debit') || local())}
                            value={line().debit}
                            onInput={(v) => setLine(i, 'debit', v)}
                          />
                          <CellError error={err('debit')} />
                        </td>
                        <td class="end col-amount" data-label={t('entry.credit')}>
                          <DecimalInput
                            label={t('entry.creditOfLine', { n: i + 1 })}
                            autocomplete="off"
                            invalid={!!(err('credit') || local())}
                            value={line().credit}
                            onInput={(v) => setLine(i, 'credit', v)}
                          />
                          <CellError error={err('credit')} />
                          <CellError error={local()} />
                        </td>
                        <RemoveLineCell
                          label={t('entry.removeLine', { n: i + 1 })}
                          disabled={form.values.lines.length <= 2}
                          onRemove={() => removeLine(i)}
                        />
                      </tr>
                    );
                  }}
                </Index>
              </tbody>
              <tfoot>
                <tr class="totals-row">
                  <td>
                    <div class="row">
                      <Button size="sm" onClick={addLine}>
                        <Icon name="plus" />
                        {t('entry.addLine')}
                      </Button>
                      <Show when={totals().difference !== 0n}>
                        <Button size="sm" variant="ghost" onClick={balanceLast}>
                          {t('entry.balanceLast')}
                        </Button>
                      </Show>
                    </div>
                  </td>
                  <th scope="row" class="end hide-mobile">
                    {t('entry.totals')}
                  </th>
                  <td class="end num strong" data-testid="total-debit" data-label={t('entry.debit')}>
                    {money(totals().debit)}
                  </td>
                  <td class="end num strong" data-testid="total-credit" data-label={t('entry.credit')}>
                    {money(totals().credit)}
                  </td>
                  <td class="hide-mobile" />
                </tr>
              </tfoot>
            </table>
          </div>
          <div
            class="balance-bar"
            classList={{ 'is-balanced': balanced(), 'is-off': totals().difference !== 0n }}
            role="status"
            aria-live="polite"
            data-testid="entry-balance"
          >
            <Show
              when={totals().difference !== 0n}
              fallback={
                <span class="balance-state">
                  <Show when={balanced()} fallback={t('entry.enterAmounts')}>
                    <Icon name="check" />
                    {t('entry.balanced', { amount: money(totals().debit) })}
                  </Show>
                </span>
              }
            >
              <span class="balance-state">
                {t(totals().difference > 0n ? 'entry.debitExceeds' : 'entry.creditExceeds')}
              </span>
              <span class="balance-diff num" data-testid="entry-difference">
                {t('entry.difference')}: {money(totals().difference < 0n ? -totals().difference : totals().difference)}
              </span>
            </Show>
          </div>
        </Card>
        <Show when={unbalancedProblem()}>
          {(p) => (
            <div class="alert alert-danger" role="alert">
              {t('entry.unbalancedServer', {
                debit: i18n.money(String(p().body.debit ?? '0'), currency()),
                credit: i18n.money(String(p().body.credit ?? '0'), currency()),
              })}
            </div>
          )}
        </Show>
        <Show when={!unbalancedProblem()}>
          <ProblemAlert error={form.failure()} />
        </Show>
        <Show when={Object.keys(form.errors()).some((k) => k === 'lines')}>
          <div class="alert alert-danger" role="alert">
            {form.error('lines')}
          </div>
        </Show>
        <div class="form-actions">
          <Button variant="ghost" onClick={() => navigate(base())}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            variant="primary"
            disabled={!ready()}
            loading={form.submitting()}
            data-testid="post-entry"
          >
            {t('entry.post')}
          </Button>
        </div>
        <Show when={!ready() && used().length > 0}>
          <p class="muted small end-text">{t('entry.postHint')}</p>
        </Show>
      </form>
    </div>
  );
}
