import {
  Button,
  businessToday,
  Card,
  createForm,
  Field,
  notify,
  PageHeader,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createMemo, createResource, For, Index, Show } from 'solid-js';
import {
  currencyDigits,
  decimalOf,
  fromMinor,
  multiplyMinor,
  normalizeDecimal,
  parseAmount,
  percentOfMinor,
} from '../amounts.ts';
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
  useProblem,
  useSettings,
  useT,
} from '../ui.tsx';

interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
  vat: string;
  account: string;
}

const emptyLine = (): LineDraft => ({ description: '', quantity: '1', unitPrice: '', vat: 'standard', account: '' });

/**
 * A new sales invoice or purchase bill: partner, dates, lines with VAT. Net, VAT and totals are
 * previewed exactly as the server computes them (per line, half away from zero); saving keeps a
 * draft, "save and issue" numbers and posts it at once.
 */
export default function DocumentForm(props: { kind: 'invoice' | 'bill' }) {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const base = useBase();
  const navigate = useNavigate();
  const problem = useProblem();
  const { tenant } = useTenant();
  const settings = useSettings();
  const functional = useCurrency(settings);
  const accounts = useAccountsList();
  const invoice = () => props.kind === 'invoice';
  const path = () => (invoice() ? 'invoices' : 'bills');
  const k = (inv: Parameters<typeof t>[0], bill: Parameters<typeof t>[0], params?: Parameters<typeof t>[1]) =>
    t(invoice() ? inv : bill, params);

  const [partners] = createResource(
    () => ({ slug: tenant().slug, kind: props.kind }),
    async (p) =>
      p.kind === 'invoice'
        ? ((await unwrap(api().customers.$get({ query: { active: 'true', limit: '500' } }))).customers ?? [])
        : ((await unwrap(api().vendors.$get({ query: { active: 'true', limit: '500' } }))).vendors ?? []),
  );

  let issueAfterSave = false;
  const form = createForm({
    initial: {
      partnerId: '',
      issueDate: businessToday(),
      taxDate: '',
      dueDate: '',
      currency: '',
      rate: '',
      variableSymbol: '',
      reference: '',
      memo: '',
      lines: [emptyLine()] as LineDraft[],
    },
    validate: (v) => ({ partnerId: v.partnerId ? undefined : k('doc.chooseCustomer', 'doc.chooseVendor') }),
    onSubmit: async (v) => {
      const cur = currency();
      const opt = (s: string) => (s.trim() ? s.trim() : undefined);
      const lines = v.lines.map((l) => {
        const price = parseAmount(l.unitPrice, cur, { allowNegative: true });
        const qty = normalizeDecimal(l.quantity);
        return {
          description: l.description.trim(),
          quantity: qty ?? l.quantity,
          unitPrice: price?.ok ? price.value : l.unitPrice,
          vat: l.vat,
          ...(l.account ? { account: l.account } : {}),
        };
      });
      const common = {
        issueDate: opt(v.issueDate),
        taxDate: opt(v.taxDate),
        dueDate: opt(v.dueDate),
        currency: opt(v.currency),
        rate: opt(v.rate) ? (normalizeDecimal(v.rate) ?? v.rate) : undefined,
        variableSymbol: opt(v.variableSymbol),
        reference: opt(v.reference),
        memo: opt(v.memo),
        lines,
      };
      const created = invoice()
        ? await unwrap(api().invoices.$post({ json: { customerId: v.partnerId, ...common } }))
        : await unwrap(api().bills.$post({ json: { vendorId: v.partnerId, ...common } }));
      if (issueAfterSave) {
        try {
          const issued = invoice()
            ? await unwrap(api().invoices[':id'].issue.$post({ param: { id: created.id } }))
            : await unwrap(api().bills[':id'].post.$post({ param: { id: created.id } }));
          notify(k('invoices.issuedOk', 'bills.postedOk', { number: issued.number ?? '' }));
        } catch (e) {
          notify(`${k('invoices.savedDraft', 'bills.savedDraft')} ${problem(e)}`, 'danger');
        }
      } else {
        notify(k('invoices.savedDraft', 'bills.savedDraft'));
      }
      navigate(`${base()}/${path()}/${created.id}`);
    },
  });

  const currency = () => (form.values.currency.trim() ? form.values.currency.trim().toUpperCase() : functional());
  const foreign = () => currency() !== functional();
  const taxDate = () => form.values.taxDate || form.values.issueDate || businessToday();
  const [rates] = createResource(
    () => ({ slug: tenant().slug, on: /^\d{4}-\d{2}-\d{2}$/.test(taxDate()) ? taxDate() : businessToday() }),
    async (p) => (await unwrap(api()['vat-rates'].$get({ query: { on: p.on } }))).rates,
  );
  const rateOf = (code: string) => rates.latest?.find((r) => r.code === code)?.rate;
  const vatOptions = () => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    for (const r of rates.latest ?? []) {
      if (seen.has(r.code)) continue;
      seen.add(r.code);
      out.push({ value: r.code, label: `${i18n.number(r.rate)} % · ${t(`vat.${r.code}` as Parameters<typeof t>[0])}` });
    }
    return out.length ? out : [{ value: 'standard', label: t('vat.standard') }];
  };

  /** Exact preview per line: net = unit price × quantity, VAT = net × rate, both half away from zero. */
  const preview = createMemo(() => {
    const digits = currencyDigits(currency());
    const lines = form.values.lines.map((l) => {
      const price = parseAmount(l.unitPrice, currency(), { allowNegative: true });
      const qtyText = normalizeDecimal(l.quantity || '1');
      const qty = qtyText ? decimalOf(qtyText) : null;
      const rate = rateOf(l.vat);
      const rateDec = rate ? decimalOf(rate) : null;
      if (!price?.ok || !qty || !rateDec)
        return { net: null, vat: null, error: price && !price.ok ? price.error : null };
      const net = multiplyMinor(price.minor, qty);
      return { net, vat: percentOfMinor(net, rateDec), error: null };
    });
    let net = 0n;
    let vat = 0n;
    const byRate = new Map<string, { base: bigint; vat: bigint }>();
    form.values.lines.forEach((l, i) => {
      const p = lines[i];
      if (!p || p.net === null || p.vat === null) return;
      net += p.net;
      vat += p.vat;
      const key = rateOf(l.vat) ?? '0';
      const b = byRate.get(key) ?? { base: 0n, vat: 0n };
      b.base += p.net;
      b.vat += p.vat;
      byRate.set(key, b);
    });
    return {
      lines,
      net,
      vat,
      total: net + vat,
      byRate: [...byRate.entries()].sort((a, b) => Number(b[0]) - Number(a[0])),
      digits,
    };
  });
  const money = (v: bigint | null) => (v === null ? '—' : i18n.money(fromMinor(v, preview().digits), currency()));

  const accountTypes = () => (invoice() ? (['income'] as const) : (['expense', 'asset'] as const));
  const defaultAccount = () => settings.latest?.accounts[invoice() ? 'revenue' : 'expense'] ?? '';

  return (
    <div class="page acc">
      <BackLink href={`${base()}/${path()}`}>{k('invoices.title', 'bills.title')}</BackLink>
      <PageHeader
        title={k('invoices.newTitle', 'bills.newTitle')}
        description={k('invoices.newSubtitle', 'bills.newSubtitle')}
      />
      <form class="stack" onSubmit={form.submit} noValidate>
        <Card>
          <div class="form-grid cols-4">
            <div
              class="field span-2"
              data-invalid={
                form.error(invoice() ? 'customerId' : 'vendorId') || form.error('partnerId') ? '' : undefined
              }
            >
              <label class="field-label" for="doc-partner">
                {k('doc.customer', 'doc.vendor')}
              </label>
              <select
                id="doc-partner"
                class="input select"
                value={form.values.partnerId}
                onChange={(e) => form.set('partnerId', e.currentTarget.value)}
                aria-invalid={form.error('partnerId') ? 'true' : undefined}
              >
                <option value="">{k('doc.chooseCustomer', 'doc.chooseVendor')}</option>
                <For each={partners.latest ?? []}>
                  {(p) => (
                    <option value={p.id} selected={p.id === form.values.partnerId}>
                      {p.name}
                      {p.ico ? ` (${p.ico})` : ''}
                    </option>
                  )}
                </For>
              </select>
              <Show when={form.error('partnerId') || form.error(invoice() ? 'customerId' : 'vendorId')}>
                {(e) => <div class="field-error">{e()}</div>}
              </Show>
              <Show when={partners.state === 'ready' && (partners.latest?.length ?? 0) === 0}>
                <div class="field-description">
                  {k('doc.noCustomers', 'doc.noVendors')}{' '}
                  <A href={`${base()}/partners${invoice() ? '' : '?kind=vendors'}`}>{t('doc.addPartner')}</A>
                </div>
              </Show>
            </div>
            <Field
              label={t('doc.issueDate')}
              name="issueDate"
              type="date"
              value={form.values.issueDate}
              onChange={(v) => form.set('issueDate', v)}
              error={form.error('issueDate')}
            />
            <Field
              label={t('doc.dueDate')}
              name="dueDate"
              type="date"
              value={form.values.dueDate}
              onChange={(v) => form.set('dueDate', v)}
              error={form.error('dueDate')}
              description={t('doc.dueDefault')}
            />
            <Field
              label={t('doc.taxDate')}
              name="taxDate"
              type="date"
              value={form.values.taxDate}
              onChange={(v) => form.set('taxDate', v)}
              error={form.error('taxDate')}
              description={t('doc.taxDefault')}
            />
            <Field
              label={t('doc.currency')}
              name="currency"
              value={form.values.currency}
              onChange={(v) => form.set('currency', v.toUpperCase().slice(0, 3))}
              error={form.error('currency')}
              placeholder={functional()}
            />
            <Show when={foreign()}>
              <Field
                label={t('doc.rate', { from: currency(), to: functional() })}
                name="rate"
                inputmode="decimal"
                value={form.values.rate}
                onChange={(v) => form.set('rate', v)}
                error={form.error('rate')}
                required
              />
            </Show>
            <Show
              when={invoice()}
              fallback={
                <Field
                  label={t('doc.vendorReference')}
                  name="reference"
                  value={form.values.reference}
                  onChange={(v) => form.set('reference', v)}
                  error={form.error('reference')}
                />
              }
            >
              <Field
                label={t('doc.variableSymbol')}
                name="variableSymbol"
                inputmode="numeric"
                value={form.values.variableSymbol}
                onChange={(v) => form.set('variableSymbol', v)}
                error={form.error('variableSymbol')}
                description={t('doc.vsDefault')}
              />
            </Show>
            <Field
              class="span-4"
              label={t('doc.memo')}
              name="memo"
              value={form.values.memo}
              onChange={(v) => form.set('memo', v)}
              error={form.error('memo')}
            />
          </div>
        </Card>
        <Card title={t('doc.lines')} padded={false}>
          <div class="table-wrap">
            <table class="table doc-lines">
              <thead>
                <tr>
                  <th scope="col">{t('doc.description')}</th>
                  <th scope="col" class="end col-qty">
                    {t('doc.quantity')}
                  </th>
                  <th scope="col" class="end col-amount">
                    {t('doc.unitPrice')}
                  </th>
                  <th scope="col" class="col-vat">
                    {t('doc.vat')}
                  </th>
                  <th scope="col" class="hide-mobile col-account">
                    {t('doc.account')}
                  </th>
                  <th scope="col" class="end col-amount hide-mobile">
                    {t('doc.net')}
                  </th>
                  <th scope="col" class="col-remove">
                    <span class="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <Index each={form.values.lines}>
                  {(line, i) => {
                    const err = (f: string) => form.error(`lines.${i}.${f}`);
                    const p = () => preview().lines[i];
                    return (
                      <tr>
                        <td data-label={t('doc.description')}>
                          <input
                            class="input"
                            aria-label={t('doc.descriptionOfLine', { n: i + 1 })}
                            value={line().description}
                            onInput={(e) => form.set('lines', i, 'description', e.currentTarget.value)}
                            aria-invalid={err('description') ? 'true' : undefined}
                          />
                          <CellError error={err('description')} />
                        </td>
                        <td class="end col-qty" data-label={t('doc.quantity')}>
                          <DecimalInput
                            label={t('doc.quantityOfLine', { n: i + 1 })}
                            value={line().quantity}
                            onInput={(v) => form.set('lines', i, 'quantity', v)}
                            invalid={!!err('quantity')}
                          />
                          <CellError error={err('quantity')} />
                        </td>
                        <td class="end col-amount" data-label={t('doc.unitPrice')}>
                          <DecimalInput
                            label={t('doc.unitPriceOfLine', { n: i + 1 })}
                            value={line().unitPrice}
                            onInput={(v) => form.set('lines', i, 'unitPrice', v)}
                            invalid={!!(err('unitPrice') || p()?.error)}
                          />
                          <Show
                            when={err('unitPrice') || (p()?.error ? t(`amount.${p()?.error as 'invalid'}`) : undefined)}
                          >
                            {(e) => <div class="field-error">{e()}</div>}
                          </Show>
                        </td>
                        <td class="col-vat" data-label={t('doc.vat')}>
                          <select
                            class="input select"
                            aria-label={t('doc.vatOfLine', { n: i + 1 })}
                            value={line().vat}
                            onChange={(e) => form.set('lines', i, 'vat', e.currentTarget.value)}
                          >
                            <For each={vatOptions()}>
                              {(o) => (
                                <option value={o.value} selected={o.value === line().vat}>
                                  {o.label}
                                </option>
                              )}
                            </For>
                          </select>
                          <CellError error={err('vat')} />
                        </td>
                        <td class="hide-mobile col-account">
                          <AccountSelect
                            label={t('doc.accountOfLine', { n: i + 1 })}
                            hideLabel
                            value={line().account}
                            onChange={(v) => form.set('lines', i, 'account', v)}
                            accounts={accounts.latest ?? []}
                            types={accountTypes()}
                            placeholder={t('doc.defaultAccount', { code: defaultAccount() })}
                            error={err('account')}
                          />
                        </td>
                        <td class="end num hide-mobile col-amount">{money(p()?.net ?? null)}</td>
                        <RemoveLineCell
                          label={t('entry.removeLine', { n: i + 1 })}
                          disabled={form.values.lines.length <= 1}
                          onRemove={() => form.set('lines', (l) => l.filter((_, j) => j !== i))}
                        />
                      </tr>
                    );
                  }}
                </Index>
              </tbody>
            </table>
          </div>
          <div class="doc-foot">
            <Button size="sm" onClick={() => form.set('lines', (l) => [...l, emptyLine()])}>
              <Icon name="plus" />
              {t('entry.addLine')}
            </Button>
            <dl class="doc-totals" aria-live="polite">
              <div>
                <dt>{t('doc.subtotal')}</dt>
                <dd class="num">{money(preview().net)}</dd>
              </div>
              <For each={preview().byRate}>
                {([rate, b]) => (
                  <div class="muted">
                    <dt>{t('doc.vatAt', { rate: i18n.number(rate), base: money(b.base) })}</dt>
                    <dd class="num">{money(b.vat)}</dd>
                  </div>
                )}
              </For>
              <div class="doc-total">
                <dt>{t('doc.total')}</dt>
                <dd class="num" data-testid="doc-total">
                  {money(preview().total)}
                </dd>
              </div>
            </dl>
          </div>
        </Card>
        <ProblemAlert error={form.failure()} />
        <Show when={form.error('lines')}>
          <div class="alert alert-danger" role="alert">
            {form.error('lines')}
          </div>
        </Show>
        <div class="form-actions">
          <Button variant="ghost" onClick={() => navigate(`${base()}/${path()}`)}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={form.submitting()}
            onClick={() => {
              issueAfterSave = false;
            }}
          >
            {t('doc.saveDraft')}
          </Button>
          <Button
            type="submit"
            variant="primary"
            loading={form.submitting()}
            onClick={() => {
              issueAfterSave = true;
            }}
          >
            {k('invoices.saveIssue', 'bills.savePost')}
          </Button>
        </div>
      </form>
    </div>
  );
}
