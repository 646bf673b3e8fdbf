import { AsyncTable, Badge, Card, DateText, EmptyState, PageHeader, useTenant } from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { OrderSummary } from '../types.ts';
import { useBase, useT } from '../ui.tsx';

/** The lab's orders, newest first, with how many specimens are still in progress. */
export default function Orders() {
  const t = useT();
  const base = useBase();
  const navigate = useNavigate();
  const { api, can } = useTenant();
  const [orders, { refetch }] = createResource(
    async () => (await api<{ orders: OrderSummary[] }>('/medical/orders')).orders,
  );
  const newButton = () => (
    <Show when={can('medical.order')}>
      <A class="btn btn-primary" href={`${base()}/orders/new`}>
        {t('orders.new')}
      </A>
    </Show>
  );
  const tone = (p: OrderSummary['priority']) => (p === 'stat' ? 'danger' : p === 'urgent' ? 'warning' : 'neutral');
  return (
    <div class="page">
      <PageHeader title={t('orders.title')} description={t('orders.subtitle')} actions={newButton()} />
      <Card padded={false}>
        <AsyncTable
          resource={orders}
          refetch={refetch}
          caption={t('orders.title')}
          rowKey={(o) => o.id}
          onRowClick={(o) => navigate(`${base()}/orders/${o.id}`)}
          empty={<EmptyState title={t('orders.empty')} description={t('orders.emptyText')} action={newButton()} />}
          columns={[
            {
              header: t('orders.number'),
              cell: (o) => (
                <A class="cell-primary mono" href={`${base()}/orders/${o.id}`}>
                  {o.number}
                </A>
              ),
            },
            { header: t('orders.patient'), cell: (o) => o.patientName },
            { header: t('orders.clinic'), hideOnMobile: true, cell: (o) => o.clinicName ?? t('common.none') },
            {
              header: t('orders.priority'),
              cell: (o) => <Badge tone={tone(o.priority)}>{t(`priority.${o.priority}`)}</Badge>,
            },
            { header: t('orders.orderedAt'), hideOnMobile: true, cell: (o) => <DateText value={o.orderedAt} time /> },
            {
              header: t('orders.specimens'),
              align: 'end',
              cell: (o) => (
                <Show when={o.pendingSpecimens > 0} fallback={o.specimens}>
                  {t('orders.pending', { count: o.pendingSpecimens })}
                </Show>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
