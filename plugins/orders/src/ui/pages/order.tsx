import {
  ApiError,
  Async,
  Button,
  DataTable,
  DateText,
  DetailPage,
  Field,
  Money,
  ScanInput,
  StatusBadge,
  useTenant,
  WorkflowPanel,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, Show, type Signal } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';
import type { OrderDetail, PickItem } from '../types.ts';
import { OrderDeliveryProof } from './order-delivery.tsx';
import { OrderReturns } from './order-returns.tsx';

type Line = OrderDetail['lines'][number];

/**
 * A resource's value kept in a store and reconciled on refetch: the page's elements stay where
 * they are and only the figures that changed update. The scan field in particular keeps its focus
 * and whatever a scanner is typing while the order reloads after each pick.
 */
function reconciled<T>(initial: T | undefined): Signal<T | undefined> {
  const [store, setStore] = createStore<{ value: T | undefined }>({ value: initial });
  return [
    () => store.value,
    (next: unknown) => {
      const v = typeof next === 'function' ? (next as (prev: T | undefined) => T)(unwrap(store.value)) : next;
      setStore('value', reconcile(v as T));
      return store.value;
    },
  ] as Signal<T | undefined>;
}

/**
 * One order: its figures and lines (reserved, picked, shipped), the workflow buttons, and while it
 * is being picked a scan field for a keyboard-wedge scanner: each scan picks one unit, a wrong item
 * says so and changes nothing.
 */
export default function OrderPage() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [order, { refetch }] = createResource(
    () => params.id,
    (id) => api<OrderDetail & { invoiceStatus: { status: string; remaining: string } | null }>(`/orders/orders/${id}`),
    { storage: reconciled },
  );
  const [pickMessage, setPickMessage] = createSignal<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [weight, setWeight] = createSignal('');
  const [packError, setPackError] = createSignal<ApiError | null>(null);
  const addPackage = async (e: Event) => {
    e.preventDefault();
    setPackError(null);
    try {
      await api(`/orders/orders/${params.id}/packages`, {
        method: 'POST',
        body: { weightGrams: Number(weight().replace(',', '.')) },
      });
      setWeight('');
      void refetch();
    } catch (err) {
      if (err instanceof ApiError) setPackError(err);
      else throw err;
    }
  };
  const base = () => `/t/${tenant().slug}/orders`;

  /** One pick (a scan or "pick all"); the scan field waits for it before it sends the next scan. */
  const pick = async (body: Record<string, unknown>) => {
    try {
      const res = await api<{ items: PickItem[] }>(`/orders/orders/${params.id}/picks`, { method: 'POST', body });
      const last = res.items[0];
      setPickMessage({
        tone: 'ok',
        text: last?.complete
          ? t('allPicked')
          : t('pickedOne', { sku: last?.sku ?? '', remaining: last?.remaining ?? 0 }),
      });
      await refetch();
    } catch (err) {
      if (err instanceof ApiError) setPickMessage({ tone: 'error', text: err.message });
      else throw err;
    }
  };

  return (
    <Async resource={order} refetch={refetch}>
      {(o) => (
        <DetailPage
          title={o.number}
          subtitle={o.customer.name}
          status={<StatusBadge status={o.status} statuses={STATUSES} />}
          back={{ href: base(), label: t('orders') }}
          entity={{ type: 'orders.order', id: o.id }}
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
                        <DateText value={o.orderDate} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('subtotal')}</dt>
                      <dd>
                        <Money amount={o.subtotal} currency={o.currency} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('total')}</dt>
                      <dd>
                        <Money amount={o.total} currency={o.currency} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('carrier')}</dt>
                      <dd>{t(`carrier_${o.carrier}` as 'carrier_packeta')}</dd>
                    </div>
                    <Show when={o.invoice.number}>
                      <div class="figure">
                        <dt>{t('invoice')}</dt>
                        <dd data-testid="invoice-number">
                          {o.invoice.number}{' '}
                          <Show when={o.invoiceStatus}>
                            {(s) => <span>({s().status === 'paid' ? t('paid') : t('unpaid')})</span>}
                          </Show>
                        </dd>
                      </div>
                    </Show>
                    <Show when={o.receiptNumber}>
                      <div class="figure">
                        <dt>{t('receipt')}</dt>
                        <dd>
                          <a
                            href={`/api/t/${tenant().slug}/orders/orders/${o.id}/receipt`}
                            target="_blank"
                            rel="noopener"
                          >
                            {o.receiptNumber}
                          </a>
                        </dd>
                      </div>
                    </Show>
                    <Show when={o.trackingNumber}>
                      <div class="figure">
                        <dt>{t('tracking')}</dt>
                        <dd class="mono">{o.trackingNumber}</dd>
                      </div>
                    </Show>
                    <Show when={o.cashOnDelivery && o.status !== 'draft'}>
                      <div class="figure">
                        <dt>{t('cod')}</dt>
                        <dd data-testid="cod-settlement">
                          {o.codSettlement ? t('codSettled', { settlement: o.codSettlement }) : t('codOpen')}
                        </dd>
                      </div>
                    </Show>
                    <Show when={o.backorderOf}>
                      {(id) => (
                        <div class="figure">
                          <dt>{t('backorderOf')}</dt>
                          <dd>
                            <A href={`${base()}/${id()}`}>↩</A>
                          </dd>
                        </div>
                      )}
                    </Show>
                  </dl>
                  <DataTable<Line>
                    caption={t('lines')}
                    rows={o.lines}
                    rowKey={(l) => l.id}
                    columns={[
                      { header: t('sku'), cell: (l) => <span class="mono">{l.sku}</span> },
                      { header: t('product'), cell: (l) => l.description },
                      { header: t('quantity'), cell: (l) => l.quantity },
                      { header: t('reserved'), cell: (l) => l.reserved, hideOnMobile: true },
                      { header: t('picked'), cell: (l) => <span data-testid={`picked-${l.sku}`}>{l.picked}</span> },
                      { header: t('shipped'), cell: (l) => l.shipped, hideOnMobile: true },
                      {
                        header: t('net'),
                        cell: (l) => <Money amount={l.net} currency={o.currency} />,
                        hideOnMobile: true,
                      },
                    ]}
                  />
                  <Show when={o.status === 'picking' && can('orders.fulfil')}>
                    <section class="card card-padded stack" aria-label={t('scanToPick')}>
                      <ScanInput
                        label={t('scanToPick')}
                        placeholder={t('scanHint')}
                        autofocus
                        onScan={(code) => pick({ code })}
                        onSubmit={(code) => pick({ code })}
                      />
                      <Show when={pickMessage()}>
                        {(msg) => (
                          <p
                            role={msg().tone === 'error' ? 'alert' : 'status'}
                            class={msg().tone === 'error' ? 'text-danger' : 'text-success'}
                          >
                            {msg().text}
                          </p>
                        )}
                      </Show>
                      <div>
                        <Button variant="secondary" onClick={() => void pick({ all: true })}>
                          {t('pickAll')}
                        </Button>
                      </div>
                    </section>
                  </Show>
                  <Show when={o.packages.length > 0}>
                    <DataTable<OrderDetail['packages'][number]>
                      caption={t('packages')}
                      rows={o.packages}
                      rowKey={(p) => p.id}
                      columns={[
                        { header: '#', cell: (p) => p.packageNo },
                        { header: t('weightGrams'), cell: (p) => p.weightGrams },
                        { header: t('tracking'), cell: (p) => <span class="mono">{p.trackingNumber ?? ''}</span> },
                      ]}
                    />
                  </Show>
                  <Show when={o.status === 'picking' && can('orders.fulfil')}>
                    <form class="row" onSubmit={addPackage}>
                      <Field
                        name="weightGrams"
                        label={t('weightGrams')}
                        value={weight()}
                        onChange={setWeight}
                        inputmode="numeric"
                        error={packError()?.fieldErrors[0]?.message ?? (packError() ? packError()?.message : undefined)}
                        required
                      />
                      <Button type="submit" variant="secondary">
                        {t('addPackage')}
                      </Button>
                    </form>
                  </Show>
                  <Show when={o.packages.length > 0}>
                    <div class="row">
                      <a
                        class="btn btn-secondary"
                        href={`/api/t/${tenant().slug}/orders/orders/${o.id}/label`}
                        target="_blank"
                        rel="noopener"
                      >
                        {t('label')}
                      </a>
                    </div>
                  </Show>
                  <WorkflowPanel
                    path={`/orders/orders/${o.id}`}
                    version={`${o.status} ${o.lines.map((l) => `${l.picked}/${l.shipped}`).join(' ')} ${o.packages.length}`}
                    onChange={() => void refetch()}
                  />
                  <Show when={o.carrier === 'courier' && (o.status === 'shipped' || o.status === 'delivered')}>
                    <OrderDeliveryProof orderId={o.id} version={o.status} />
                  </Show>
                  <Show when={o.status === 'shipped' || o.status === 'delivered'}>
                    <OrderReturns orderId={o.id} />
                  </Show>
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
