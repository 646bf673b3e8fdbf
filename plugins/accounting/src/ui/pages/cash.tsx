import {
  AsyncTable,
  Badge,
  Button,
  businessToday,
  Card,
  ConfirmDialog,
  createForm,
  DateInput,
  DateText,
  EmptyState,
  Field,
  notify,
  PageHeader,
  Segmented,
  SelectField,
  StackedCell,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createEffect, createMemo, createResource, createSignal, Show } from 'solid-js';
import { monthStartYmd, parseAmount } from '../amounts.ts';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { CashDayClose } from '../components/cash-close.tsx';
import { AccountSelect, Amount, Icon, ProblemAlert, useAccountsList, useGuard, useT } from '../ui.tsx';

type Kind = 'receipt' | 'payment';
const isYmd = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * The cash book (pokladní kniha): a desk's receipts and payments with the balance after each, a
 * form for a new one (posted to an account or paying an invoice or bill), the printed document, a
 * cancel, and a form to open a desk. The database keeps the balance from going below zero; the
 * form warns before the cash-payment limit and the server refuses past it.
 */
export default function CashBook() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const url = useAccountingUrl();
  const guard = useGuard();
  const { tenant, can } = useTenant();
  const accounts = useAccountsList();
  const [deskId, setDeskId] = createSignal('');
  const [from, setFrom] = createSignal(monthStartYmd(businessToday()));
  const [to, setTo] = createSignal(businessToday());
  const [adding, setAdding] = createSignal<Kind | null>(null);
  const [newDesk, setNewDesk] = createSignal(false);
  const [cancelling, setCancelling] = createSignal<{ id: string; number: string } | null>(null);

  const [desks, { refetch: refetchDesks }] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['cash-desks'].$get({ query: {} }))).desks,
  );
  createEffect(() => {
    const list = desks.latest;
    if (list?.length && !list.some((d) => d.id === deskId()))
      setDeskId(list.find((d) => d.active)?.id ?? list[0]?.id ?? '');
  });
  const desk = () => desks.latest?.find((d) => d.id === deskId());

  const [book, { refetch: refetchBook }] = createResource(
    () => (deskId() ? { id: deskId(), from: from(), to: to() } : false),
    async (q) =>
      unwrap(api()['cash-desks'][':id'].book.$get({ param: { id: q.id }, query: { from: q.from, to: q.to } })),
  );
  const documents = createMemo(() => book.latest?.documents ?? []);
  const [rows, { refetch: refetchRows }] = createResource(documents, (d) => d);
  const refresh = () => {
    refetchDesks();
    refetchBook();
  };

  const postable = createMemo(() => {
    const list = accounts.latest ?? [];
    const parents = new Set(list.map((a) => a.parent).filter(Boolean));
    return list.filter((a) => !parents.has(a.code) && a.code !== desk()?.account);
  });

  const form = createForm({
    initial: { date: businessToday(), amount: '', account: '', documentId: '', person: '', description: '' },
    validate: (v): Record<string, string | undefined> => ({
      amount: parseAmount(v.amount, desk()?.currency ?? 'CZK')?.ok ? undefined : t('amount.invalid'),
      description: v.description.trim() ? undefined : t('common.required'),
      account: v.account || v.documentId ? undefined : t('cash.accountOrDocument'),
    }),
    onSubmit: async (v) => {
      const kind = adding();
      const amount = parseAmount(v.amount, desk()?.currency ?? 'CZK');
      if (!kind || !amount?.ok) return;
      const created = await unwrap(
        api()['cash-documents'].$post({
          json: {
            deskId: deskId(),
            kind,
            date: v.date,
            amount: amount.value,
            description: v.description.trim(),
            ...(v.documentId ? { documentId: v.documentId } : { account: v.account }),
            ...(v.person.trim() ? { person: v.person.trim() } : {}),
          },
        }),
      );
      notify(t('cash.created', { number: created.number, amount: i18n.money(created.amount, created.currency) }));
      setAdding(null);
      form.set({ amount: '', account: '', documentId: '', person: '', description: '' });
      refresh();
    },
  });

  const [openDocs] = createResource(
    () => (adding() ? { kind: adding() as Kind, slug: tenant().slug } : false),
    async (q) => {
      const open = { status: 'issued' as const, limit: '100' };
      const list =
        q.kind === 'receipt'
          ? (await unwrap(api().invoices.$get({ query: open }))).items
          : (await unwrap(api().bills.$get({ query: open }))).items;
      return list.filter((d) => d.currency === desk()?.currency);
    },
  );

  /** Over the legal limit on its own: the server sums the party's day and refuses; this warns first. */
  const overLimit = createMemo(() => {
    const limit = book.latest?.cashLimit;
    const amount = parseAmount(form.values.amount, 'CZK');
    if (!limit || desk()?.currency !== 'CZK' || !amount?.ok) return false;
    const max = parseAmount(limit.amount, 'CZK');
    return !!max?.ok && amount.minor > max.minor;
  });

  const deskForm = createForm({
    initial: { name: '', code: '', currency: '' },
    validate: (v): Record<string, string | undefined> => ({
      name: v.name.trim() ? undefined : t('common.required'),
      code: /^[A-Za-z0-9]{1,6}$/.test(v.code) ? undefined : t('cash.codeHint'),
      currency: !v.currency || /^[A-Za-z]{3}$/.test(v.currency) ? undefined : t('cash.currencyHint'),
    }),
    onSubmit: async (v) => {
      const created = await unwrap(
        api()['cash-desks'].$post({
          json: { name: v.name.trim(), code: v.code, ...(v.currency ? { currency: v.currency } : {}) },
        }),
      );
      notify(t('cash.deskCreated', { name: created.name, account: created.account }));
      setNewDesk(false);
      deskForm.set({ name: '', code: '', currency: '' });
      await refetchDesks();
      setDeskId(created.id);
    },
  });

  return (
    <div class="page acc">
      <PageHeader
        title={t('cash.title')}
        description={t('cash.subtitle')}
        actions={
          <div class="row">
            <Show when={can('accounting.post') && desk()?.active}>
              <Button variant="primary" onClick={() => setAdding('receipt')} data-testid="cash-new-receipt">
                <Icon name="plus" />
                {t('cash.newReceipt')}
              </Button>
              <Button variant="secondary" onClick={() => setAdding('payment')} data-testid="cash-new-payment">
                <Icon name="plus" />
                {t('cash.newPayment')}
              </Button>
            </Show>
            <Show when={can('accounting.admin')}>
              <Button variant="ghost" onClick={() => setNewDesk(true)} data-testid="cash-new-desk">
                {t('cash.newDesk')}
              </Button>
            </Show>
          </div>
        }
      />
      <Show when={newDesk()}>
        <Card title={t('cash.newDesk')}>
          <form class="stack" onSubmit={deskForm.submit} noValidate>
            <div class="form-grid cols-4">
              <Field
                class="span-2"
                label={t('cash.deskName')}
                name="name"
                value={deskForm.values.name}
                onChange={(v) => deskForm.set('name', v)}
                error={deskForm.error('name')}
              />
              <Field
                label={t('cash.deskCode')}
                name="code"
                value={deskForm.values.code}
                onChange={(v) => deskForm.set('code', v.toUpperCase())}
                error={deskForm.error('code')}
              />
              <Field
                label={t('cash.currency')}
                name="currency"
                placeholder="CZK"
                value={deskForm.values.currency}
                onChange={(v) => deskForm.set('currency', v.toUpperCase())}
                error={deskForm.error('currency')}
              />
            </div>
            <ProblemAlert error={deskForm.failure()} />
            <div class="form-actions">
              <Button variant="ghost" onClick={() => setNewDesk(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="primary" loading={deskForm.submitting()}>
                {t('cash.openDesk')}
              </Button>
            </div>
          </form>
        </Card>
      </Show>
      <Show when={desks.state === 'ready' && !desks.latest?.length && !newDesk()}>
        <EmptyState title={t('cash.noDesk')} description={t('cash.noDeskText')} />
      </Show>
      <Show when={desk()}>
        <div class="report-controls">
          <SelectField
            label={t('cash.desk')}
            name="deskId"
            value={deskId()}
            onChange={setDeskId}
            options={(desks.latest ?? []).map((d) => ({ value: d.id, label: `${d.name} (${d.currency})` }))}
          />
          <DateInput label={t('common.from')} name="from" value={from()} onChange={(v) => isYmd(v) && setFrom(v)} />
          <DateInput label={t('common.to')} name="to" value={to()} onChange={(v) => isYmd(v) && setTo(v)} />
        </div>
        <Show when={adding()}>
          <Card title={adding() === 'receipt' ? t('cash.newReceipt') : t('cash.newPayment')}>
            <form class="stack" onSubmit={form.submit} noValidate>
              <Segmented
                label={t('cash.kind')}
                value={adding() as Kind}
                onChange={(k) => {
                  setAdding(k);
                  form.set('documentId', '');
                }}
                options={[
                  { value: 'receipt', label: t('cash.receipt') },
                  { value: 'payment', label: t('cash.payment') },
                ]}
              />
              <div class="form-grid cols-4">
                <Field
                  label={t('common.date')}
                  name="date"
                  type="date"
                  value={form.values.date}
                  onChange={(v) => form.set('date', v)}
                  error={form.error('date')}
                />
                <Field
                  label={t('cash.amount', { currency: desk()?.currency ?? '' })}
                  name="amount"
                  inputmode="decimal"
                  value={form.values.amount}
                  onChange={(v) => form.set('amount', v)}
                  error={form.error('amount')}
                />
                <Field
                  class="span-2"
                  label={adding() === 'receipt' ? t('cash.from') : t('cash.to')}
                  name="person"
                  value={form.values.person}
                  onChange={(v) => form.set('person', v)}
                  error={form.error('person')}
                />
                <Field
                  class="span-4"
                  label={t('cash.description')}
                  name="description"
                  value={form.values.description}
                  onChange={(v) => form.set('description', v)}
                  error={form.error('description')}
                />
                <SelectField
                  class="span-2"
                  label={adding() === 'receipt' ? t('cash.paysInvoice') : t('cash.paysBill')}
                  name="documentId"
                  value={form.values.documentId}
                  onChange={(v) => {
                    form.set('documentId', v);
                    const d = openDocs.latest?.find((x) => x.id === v);
                    if (d && !form.values.amount) form.set('amount', d.remaining);
                    if (d && !form.values.description)
                      form.set('description', `${t('cash.settles')} ${d.number ?? ''}`);
                  }}
                  options={[
                    { value: '', label: t('cash.noDocument') },
                    ...(openDocs.latest ?? []).map((d) => ({
                      value: d.id,
                      label: `${d.number ?? ''} · ${d.partner.name} · ${i18n.money(d.remaining, d.currency)}`,
                    })),
                  ]}
                  error={form.error('documentId')}
                />
                <Show when={!form.values.documentId}>
                  <AccountSelect
                    class="span-2"
                    label={t('cash.account')}
                    value={form.values.account}
                    onChange={(v) => form.set('account', v)}
                    accounts={postable()}
                    error={form.error('account')}
                  />
                </Show>
              </div>
              <Show when={overLimit()}>
                <div class="alert alert-warning" role="status" data-testid="cash-limit-warning">
                  {t('cash.limitWarning', { limit: i18n.money(book.latest?.cashLimit?.amount ?? '0', 'CZK') })}
                </div>
              </Show>
              <ProblemAlert error={form.failure()} />
              <div class="form-actions">
                <Button variant="ghost" onClick={() => setAdding(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" variant="primary" loading={form.submitting()} data-testid="cash-save">
                  {t('cash.save')}
                </Button>
              </div>
            </form>
          </Card>
        </Show>
        <Card padded={false}>
          <div class="cash-summary toolbar" data-testid="cash-summary">
            <StackedCell
              primary={t('cash.opening')}
              secondary={<Amount value={book.latest?.opening ?? '0'} currency={desk()?.currency ?? 'CZK'} />}
            />
            <StackedCell
              primary={t('cash.receipts')}
              secondary={<Amount value={book.latest?.receipts ?? '0'} currency={desk()?.currency ?? 'CZK'} />}
            />
            <StackedCell
              primary={t('cash.payments')}
              secondary={<Amount value={book.latest?.payments ?? '0'} currency={desk()?.currency ?? 'CZK'} />}
            />
            <StackedCell
              primary={t('cash.closing')}
              secondary={
                <strong data-testid="cash-closing">
                  <Amount value={book.latest?.closing ?? '0'} currency={desk()?.currency ?? 'CZK'} />
                </strong>
              }
            />
          </div>
          <AsyncTable
            resource={rows}
            refetch={refetchRows}
            caption={t('cash.title')}
            rowKey={(d) => d.id}
            empty={<EmptyState title={t('cash.empty')} description={t('cash.emptyText')} />}
            columns={[
              {
                header: t('cash.number'),
                cell: (d) => (
                  <StackedCell
                    primary={
                      <span class="mono">
                        {d.number}
                        <Show when={d.cancelledBy}>
                          {' '}
                          <Badge>{t('cash.cancelled')}</Badge>
                        </Show>
                      </span>
                    }
                    secondary={
                      <>
                        <DateText value={d.date} />
                        <span class="mobile-only"> · {d.description}</span>
                      </>
                    }
                  />
                ),
              },
              {
                header: t('cash.description'),
                hideOnMobile: true,
                cell: (d) => (
                  <StackedCell
                    primary={d.description}
                    secondary={[d.partner?.name, d.person, d.document?.number ?? d.account?.code]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                ),
              },
              {
                header: t('cash.amountShort'),
                align: 'end',
                cell: (d) => (
                  <Amount value={d.kind === 'payment' ? `-${d.amount}` : d.amount} currency={d.currency} signed />
                ),
              },
              {
                header: t('cash.balance'),
                align: 'end',
                hideOnMobile: true,
                cell: (d) => <Amount value={d.balanceAfter} currency={d.currency} />,
              },
              {
                header: <span class="sr-only">{t('common.actions')}</span>,
                align: 'end',
                cell: (d) => (
                  <div class="row">
                    <a
                      class="btn btn-ghost btn-sm"
                      href={url(`/cash-documents/${d.id}/pdf`)}
                      download=""
                      aria-label={t('cash.pdfOf', { number: d.number })}
                      title={t('cash.pdf')}
                    >
                      <Icon name="download" />
                    </a>
                    <Show when={can('accounting.post') && !d.cancelledBy && !d.cancels}>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('cash.cancelOf', { number: d.number })}
                        title={t('cash.cancel')}
                        onClick={() => setCancelling({ id: d.id, number: d.number })}
                      >
                        <Icon name="x" />
                      </Button>
                    </Show>
                  </div>
                ),
              },
            ]}
          />
        </Card>
      </Show>
      <Show when={can('accounting.post') && desk()}>
        {(d) => <CashDayClose deskId={d().id} currency={d().currency} onClosed={refresh} />}
      </Show>
      <ConfirmDialog
        open={cancelling() !== null}
        onOpenChange={(open) => !open && setCancelling(null)}
        title={t('cash.cancelTitle', { number: cancelling()?.number ?? '' })}
        description={t('cash.cancelText')}
        confirmLabel={t('cash.cancel')}
        danger
        onConfirm={guard(async () => {
          const c = cancelling();
          if (!c) return;
          await unwrap(api()['cash-documents'][':id'].cancel.$post({ param: { id: c.id }, json: {} }));
          setCancelling(null);
          refresh();
        })}
      />
    </div>
  );
}
