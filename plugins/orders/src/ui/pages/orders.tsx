import {
  Card,
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
import { Show } from 'solid-js';
import { useT } from '../messages.ts';
import { STATUSES } from '../statuses.ts';
import type { Order } from '../types.ts';

/** The sales orders: search (a scanned order number opens it), status filter, sort, export. */
export default function Orders() {
  const t = useT();
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const base = () => `/t/${tenant().slug}/orders`;
  const newButton = () => (
    <Show when={can('orders.sell')}>
      <A class="btn btn-primary" href={`${base()}/new`}>
        {t('newOrder')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('orders')} description={t('ordersText')} actions={newButton()} />
      <Card padded={false}>
        <ResourceList<Order>
          path="/orders/orders"
          caption={t('orders')}
          search={t('searchOrders')}
          scan
          defaultSort={{ key: 'createdAt', dir: 'desc' }}
          filters={[
            { name: 'status', label: t('status'), type: 'select', options: statusOptions(STATUSES, i18n.text) },
          ]}
          empty={{ title: t('noOrders'), description: t('noOrdersText'), action: newButton() }}
          rowKey={(o) => o.id}
          rowLabel={(o) => o.number}
          rowHref={(o) => `${base()}/${o.id}`}
          columns={[
            {
              header: t('number'),
              sort: 'number',
              cell: (o) => (
                <A class="cell-primary mono" href={`${base()}/${o.id}`}>
                  {o.number}
                </A>
              ),
            },
            { header: t('date'), sort: 'orderDate', hideOnMobile: true, cell: (o) => <DateText value={o.orderDate} /> },
            { header: t('customer'), cell: (o) => o.customer.name },
            { header: t('status'), sort: 'status', cell: (o) => <StatusBadge status={o.status} statuses={STATUSES} /> },
            { header: t('total'), sort: 'total', cell: (o) => <Money amount={o.total} currency={o.currency} /> },
          ]}
        />
      </Card>
    </div>
  );
}
