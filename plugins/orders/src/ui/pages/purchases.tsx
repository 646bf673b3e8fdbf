import {
  Async,
  Card,
  DataTable,
  DateText,
  Money,
  PageHeader,
  ResourceList,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { useT } from '../messages.ts';
import { PURCHASE_STATUSES } from '../statuses.ts';
import type { PurchaseOrder, Suggestion } from '../types.ts';

/** Purchase orders (search, status filter, export) and what to reorder now. */
export default function Purchases() {
  const t = useT();
  const i18n = useI18n();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/orders`;
  const [suggestions, { refetch }] = createResource(
    async () => (await api<{ items: Suggestion[] }>('/orders/purchasing/suggestions')).items,
  );
  const newButton = () => (
    <Show when={can('orders.purchase')}>
      <A class="btn btn-primary" href={`${base()}/purchases/new`}>
        {t('newPurchase')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('purchases')} description={t('purchasesText')} actions={newButton()} />
      <Async resource={suggestions} refetch={refetch}>
        {(items) => (
          <Show when={items.length > 0}>
            <Card padded={false}>
              <DataTable<Suggestion>
                caption={t('suggestions')}
                rows={items}
                rowKey={(s) => s.productId}
                columns={[
                  { header: t('sku'), cell: (s) => <span class="mono">{s.sku}</span> },
                  { header: t('product'), cell: (s) => s.name, hideOnMobile: true },
                  { header: t('available'), cell: (s) => s.available },
                  { header: t('onOrder'), cell: (s) => s.onOrder, hideOnMobile: true },
                  { header: t('reorderPoint'), cell: (s) => s.reorderPoint, hideOnMobile: true },
                  { header: t('suggested'), cell: (s) => s.suggested },
                  { header: t('vendor'), cell: (s) => s.lastVendor?.name ?? '', hideOnMobile: true },
                ]}
              />
            </Card>
          </Show>
        )}
      </Async>
      <Card padded={false}>
        <ResourceList<PurchaseOrder>
          path="/orders/purchase-orders"
          caption={t('purchases')}
          search={t('searchPurchases')}
          defaultSort={{ key: 'createdAt', dir: 'desc' }}
          filters={[
            {
              name: 'status',
              label: t('status'),
              type: 'select',
              options: statusOptions(PURCHASE_STATUSES, i18n.text),
            },
          ]}
          empty={{ title: t('noPurchases'), description: t('noPurchasesText'), action: newButton() }}
          rowKey={(o) => o.id}
          rowLabel={(o) => o.number}
          rowHref={(o) => `${base()}/purchases/${o.id}`}
          columns={[
            {
              header: t('number'),
              sort: 'number',
              cell: (o) => (
                <A class="cell-primary mono" href={`${base()}/purchases/${o.id}`}>
                  {o.number}
                </A>
              ),
            },
            { header: t('date'), sort: 'orderDate', hideOnMobile: true, cell: (o) => <DateText value={o.orderDate} /> },
            { header: t('vendor'), cell: (o) => o.vendor.name },
            {
              header: t('status'),
              cell: (o) => <StatusBadge status={o.status} statuses={PURCHASE_STATUSES} />,
            },
            { header: t('total'), sort: 'total', cell: (o) => <Money amount={o.total} currency={o.currency} /> },
          ]}
        />
      </Card>
    </div>
  );
}
