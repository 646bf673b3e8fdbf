import {
  AsyncTable,
  Badge,
  Button,
  businessToday,
  Card,
  ConfirmDialog,
  DateInput,
  DateText,
  EmptyState,
  notify,
  PageHeader,
  problemMessage,
  SelectField,
  StackedCell,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { addDaysYmd, currencyDigits, sumDecimals } from '../amounts.ts';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { Amount, Icon, useT } from '../ui.tsx';

/**
 * Payment orders (příkazy k úhradě): the open bills due by a day in the chosen bank account's
 * currency, ticked and put in an order, and the orders made so far with their files for the bank
 * (pain.001 XML; ABO/KPC for Czech crowns) and a cancel for one the bank refused.
 */
const isYmd = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

export default function PaymentOrders() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const url = useAccountingUrl();
  const { tenant, can } = useTenant();
  const [bankId, setBankId] = createSignal('');
  const [dueBy, setDueBy] = createSignal(addDaysYmd(businessToday(), 7));
  const [execution, setExecution] = createSignal(businessToday());
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [saving, setSaving] = createSignal(false);
  const [cancelling, setCancelling] = createSignal<string | null>(null);

  const [banks] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['bank-accounts'].$get())).bankAccounts.filter((b) => b.active),
  );
  createEffect(() => {
    const list = banks.latest;
    if (list?.length && !list.some((b) => b.id === bankId())) setBankId(list[0]?.id ?? '');
  });
  const bank = () => banks.latest?.find((b) => b.id === bankId());

  const [bills, { refetch: refetchBills }] = createResource(
    () => (bank() ? { currency: bank()?.currency as string, dueBy: dueBy() } : false),
    async (q) =>
      (
        await unwrap(
          api()['payment-orders']['due-bills'].$get({
            query: { currency: q.currency, dueBy: q.dueBy, unordered: 'true' },
          }),
        )
      ).bills,
  );
  const [orders, { refetch: refetchOrders }] = createResource(
    () => tenant().slug,
    async () => (await unwrap(api()['payment-orders'].$get({ query: { limit: '50' } }))).orders,
  );

  const payable = createMemo(() => (bills.latest ?? []).filter((b) => b.payee));
  const chosen = () => payable().filter((b) => picked().has(b.id));
  const total = () =>
    sumDecimals(
      chosen().map((b) => b.toOrder),
      currencyDigits(bank()?.currency ?? 'CZK'),
    );
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked());
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };

  const create = async () => {
    setSaving(true);
    try {
      const order = await unwrap(
        api()['payment-orders'].$post({
          json: {
            bankAccountId: bankId(),
            executionDate: execution(),
            items: chosen().map((b) => ({ documentId: b.id })),
          },
        }),
      );
      notify(t('po.created', { count: order.itemCount, total: i18n.money(order.total, order.currency) }));
      setPicked(new Set<string>());
      refetchBills();
      refetchOrders();
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="page acc">
      <PageHeader title={t('po.title')} description={t('po.subtitle')} />
      <div class="report-controls">
        <SelectField
          label={t('po.bank')}
          name="bankAccountId"
          value={bankId()}
          onChange={(v) => {
            setBankId(v);
            setPicked(new Set<string>());
          }}
          options={(banks.latest ?? []).map((b) => ({ value: b.id, label: `${b.name} (${b.currency})` }))}
        />
        <DateInput label={t('po.dueBy')} name="dueBy" value={dueBy()} onChange={(v) => isYmd(v) && setDueBy(v)} />
        <DateInput
          label={t('po.executionDate')}
          name="executionDate"
          value={execution()}
          onChange={(v) => isYmd(v) && setExecution(v)}
        />
      </div>
      <Show when={banks.state === 'ready' && !banks.latest?.length}>
        <EmptyState title={t('po.noBank')} description={t('po.noBankText')} />
      </Show>
      <Show when={bank()}>
        <Card
          padded={false}
          title={t('po.bills')}
          actions={
            <Show when={can('accounting.post')}>
              <div class="row">
                <span class="muted" data-testid="po-selected">
                  {t('po.selected', { count: chosen().length })}
                  {' · '}
                  <Amount value={total()} currency={bank()?.currency ?? 'CZK'} />
                </span>
                <Button
                  variant="primary"
                  disabled={chosen().length === 0}
                  loading={saving()}
                  onClick={create}
                  data-testid="po-create"
                >
                  <Icon name="check" />
                  {t('po.create')}
                </Button>
              </div>
            </Show>
          }
        >
          <AsyncTable
            resource={bills}
            refetch={refetchBills}
            caption={t('po.bills')}
            rowKey={(b) => b.id}
            empty={<EmptyState title={t('po.noBills')} description={t('po.noBillsText')} />}
            columns={[
              {
                header: <span class="sr-only">{t('po.pick')}</span>,
                cell: (b) => (
                  <input
                    type="checkbox"
                    class="checkbox"
                    aria-label={t('po.pickBill', { number: b.number, vendor: b.partner.name })}
                    disabled={!b.payee || !can('accounting.post')}
                    checked={picked().has(b.id)}
                    onChange={(e) => toggle(b.id, e.currentTarget.checked)}
                  />
                ),
              },
              {
                header: t('doc.vendor'),
                cell: (b) => (
                  <StackedCell
                    primary={b.partner.name}
                    secondary={`${b.number}${b.vendorNumber ? ` · ${b.vendorNumber}` : ''}`}
                  />
                ),
              },
              {
                header: t('doc.dueDate'),
                cell: (b) => (
                  <span classList={{ 'text-danger': b.overdue }}>
                    <DateText value={b.dueDate} />
                  </span>
                ),
              },
              {
                header: t('po.payee'),
                hideOnMobile: true,
                cell: (b) => (
                  <Show when={b.payee} fallback={<Badge tone="warning">{t('po.noPayee')}</Badge>}>
                    <span class="mono">{b.payee?.account ?? b.payee?.iban}</span>
                  </Show>
                ),
              },
              {
                header: t('po.toOrder'),
                align: 'end',
                cell: (b) => <Amount value={b.toOrder} currency={b.currency} />,
              },
            ]}
          />
        </Card>
      </Show>
      <Card padded={false} title={t('po.orders')}>
        <AsyncTable
          resource={orders}
          refetch={refetchOrders}
          caption={t('po.orders')}
          rowKey={(o) => o.id}
          empty={<EmptyState title={t('po.noOrders')} description={t('po.noOrdersText')} />}
          columns={[
            {
              header: t('po.executionDate'),
              cell: (o) => (
                <StackedCell
                  primary={<DateText value={o.executionDate} />}
                  secondary={`${o.bankAccount.name} · ${t('po.items', { count: o.itemCount })} · ${i18n.money(o.total, o.currency)}`}
                />
              ),
            },
            {
              header: t('doc.total'),
              align: 'end',
              hideOnMobile: true,
              cell: (o) => <Amount value={o.total} currency={o.currency} />,
            },
            {
              header: t('common.status'),
              hideOnMobile: true,
              cell: (o) => (
                <Badge tone={o.status === 'open' ? 'info' : 'neutral'}>
                  {o.status === 'open' ? t('po.open') : t('po.cancelled')}
                </Badge>
              ),
            },
            {
              header: <span class="sr-only">{t('po.files')}</span>,
              cell: (o) => (
                <Show when={o.status === 'open'}>
                  <div class="row">
                    <For each={o.formats}>
                      {(f) => (
                        <a
                          class="btn btn-secondary btn-sm"
                          href={url(`/payment-orders/${o.id}/${f === 'abo' ? 'abo.kpc' : 'pain001.xml'}`)}
                          download=""
                          data-testid={`po-download-${f}`}
                        >
                          <Icon name="download" />
                          {t(f === 'abo' ? 'po.abo' : 'po.pain')}
                        </a>
                      )}
                    </For>
                    <Show when={can('accounting.post')}>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('po.cancel')}
                        title={t('po.cancel')}
                        onClick={() => setCancelling(o.id)}
                      >
                        <Icon name="x" />
                      </Button>
                    </Show>
                  </div>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <ConfirmDialog
        open={cancelling() !== null}
        onOpenChange={(open) => !open && setCancelling(null)}
        title={t('po.cancelTitle')}
        description={t('po.cancelText')}
        confirmLabel={t('po.cancel')}
        danger
        onConfirm={async () => {
          const id = cancelling();
          if (!id) return;
          await unwrap(api()['payment-orders'][':id'].cancel.$post({ param: { id } }));
          setCancelling(null);
          refetchBills();
          refetchOrders();
        }}
      />
    </div>
  );
}
