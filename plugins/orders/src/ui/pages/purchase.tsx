import {
  ApiError,
  Async,
  Button,
  DataTable,
  DateText,
  DetailPage,
  Field,
  FormError,
  Money,
  notify,
  StatusBadge,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useT } from '../messages.ts';
import { PURCHASE_STATUSES } from '../statuses.ts';
import type { PurchaseOrderDetail } from '../types.ts';

type Line = PurchaseOrderDetail['lines'][number];

/**
 * One purchase order: lines ordered, received and billed, its goods receipts, the workflow (order,
 * close, cancel), and while ordered the receipt form (what arrived per line); then the vendor's bill.
 */
export default function PurchasePage() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [po, { refetch }] = createResource(
    () => params.id,
    (id) => api<PurchaseOrderDetail>(`/orders/purchase-orders/${id}`),
  );
  const [quantities, setQuantities] = createSignal<Record<string, string>>({});
  const [deliveryNote, setDeliveryNote] = createSignal('');
  const [vendorNumber, setVendorNumber] = createSignal('');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [billError, setBillError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const qty = (l: Line) => quantities()[l.id] ?? String(l.open);
  const run = async (action: () => Promise<unknown>, onError: (e: ApiError | null) => void, done: string) => {
    setBusy(true);
    onError(null);
    try {
      await action();
      notify(done);
      setQuantities({});
      void refetch();
    } catch (err) {
      if (err instanceof ApiError) onError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const receive = (e: Event, lines: Line[]) => {
    e.preventDefault();
    const body = lines
      .filter((l) => l.open > 0 && qty(l).trim() !== '' && Number(qty(l).replace(',', '.')) !== 0)
      .map((l) => ({ lineId: l.id, quantity: qty(l).replace(',', '.') }));
    void run(
      () =>
        api(`/orders/purchase-orders/${params.id}/receipts`, {
          method: 'POST',
          body: { lines: body, ...(deliveryNote().trim() ? { deliveryNote: deliveryNote().trim() } : {}) },
        }),
      setError,
      t('goodsReceived'),
    );
  };
  const bill = (e: Event) => {
    e.preventDefault();
    void run(
      () =>
        api(`/orders/purchase-orders/${params.id}/bill`, { method: 'POST', body: { vendorNumber: vendorNumber() } }),
      setBillError,
      t('billRecorded'),
    );
  };

  return (
    <Async resource={po} refetch={refetch}>
      {(p) => (
        <DetailPage
          title={p.number}
          subtitle={p.vendor.name}
          status={<StatusBadge status={p.status} statuses={PURCHASE_STATUSES} />}
          back={{ href: `/t/${tenant().slug}/orders/purchases`, label: t('purchases') }}
          entity={{ type: 'orders.purchase', id: p.id }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <div class="figure">
                      <dt>{t('date')}</dt>
                      <dd>
                        <DateText value={p.orderDate} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('total')}</dt>
                      <dd>
                        <Money amount={p.total} currency={p.currency} />
                      </dd>
                    </div>
                    <Show when={p.bill.number}>
                      <div class="figure">
                        <dt>{t('bill')}</dt>
                        <dd class="mono" data-testid="bill-number">
                          {p.bill.vendorNumber} ({p.bill.number})
                        </dd>
                      </div>
                    </Show>
                  </dl>
                  <DataTable<Line>
                    caption={t('lines')}
                    rows={p.lines}
                    rowKey={(l) => l.id}
                    columns={[
                      { header: t('sku'), cell: (l) => <span class="mono">{l.sku}</span> },
                      { header: t('product'), cell: (l) => l.description, hideOnMobile: true },
                      { header: t('quantity'), cell: (l) => l.quantity },
                      { header: t('unitCost'), cell: (l) => <Money amount={l.unitCost} currency={p.currency} /> },
                      {
                        header: t('receivedQty'),
                        cell: (l) => <span data-testid={`received-${l.sku}`}>{l.received}</span>,
                      },
                      { header: t('billedQty'), cell: (l) => l.billed, hideOnMobile: true },
                    ]}
                  />
                  <Show when={p.receipts.length > 0}>
                    <DataTable<PurchaseOrderDetail['receipts'][number]>
                      caption={t('goodsReceipts')}
                      rows={p.receipts}
                      rowKey={(r) => r.id}
                      columns={[
                        { header: t('number'), cell: (r) => <span class="mono">{r.number}</span> },
                        { header: t('deliveryNote'), cell: (r) => r.deliveryNote ?? '' },
                        { header: t('value'), cell: (r) => <Money amount={r.value} currency={p.currency} /> },
                      ]}
                    />
                  </Show>
                  <Show when={p.status === 'ordered' && can('orders.stock')}>
                    <form class="card card-padded stack" onSubmit={(e) => receive(e, p.lines)}>
                      <h2 class="card-title">{t('receiveGoods')}</h2>
                      <FormError error={error()} />
                      <Field
                        name="deliveryNote"
                        label={t('deliveryNote')}
                        value={deliveryNote()}
                        onChange={setDeliveryNote}
                      />
                      <For each={p.lines.filter((l) => l.open > 0)}>
                        {(l) => (
                          <Field
                            name={`receive-${l.sku}`}
                            label={`${l.sku} · ${t('expected')} ${l.open}`}
                            value={qty(l)}
                            onChange={(v) => setQuantities({ ...quantities(), [l.id]: v })}
                            inputmode="decimal"
                          />
                        )}
                      </For>
                      <div>
                        <Button type="submit" loading={busy()}>
                          {t('receive')}
                        </Button>
                      </div>
                    </form>
                  </Show>
                  <Show when={can('orders.purchase') && p.lines.some((l) => l.received > l.billed)}>
                    <form class="card card-padded stack" onSubmit={bill}>
                      <h2 class="card-title">{t('recordBill')}</h2>
                      <FormError error={billError()} />
                      <Field
                        name="vendorNumber"
                        label={t('vendorNumber')}
                        value={vendorNumber()}
                        onChange={setVendorNumber}
                        error={billError()?.fieldErrors.find((x) => x.path === 'vendorNumber')?.message}
                        required
                      />
                      <div>
                        <Button type="submit" variant="secondary" loading={busy()}>
                          {t('recordBill')}
                        </Button>
                      </div>
                    </form>
                  </Show>
                  <WorkflowPanel path={`/orders/purchase-orders/${p.id}`} onChange={() => void refetch()} />
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
