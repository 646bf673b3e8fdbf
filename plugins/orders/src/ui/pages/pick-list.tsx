import { Async, Button, Card, DataTable, PageHeader, useTenant } from '@bureau/core/ui';
import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { useT } from '../messages.ts';

interface WaveLine {
  location: string;
  sku: string;
  gtin: string | null;
  name: string;
  lot: string;
  quantity: number;
  orders: Array<{ orderId: string; number: string; quantity: number }>;
}

/**
 * The pick list of a wave: every order confirmed or being picked (or those in `?orderIds=`), what is
 * left to pick per bin in pick-walk order and which orders take it; printable.
 */
export default function PickList() {
  const t = useT();
  const { api } = useTenant();
  const [params] = useSearchParams<{ orderIds?: string }>();
  const [wave, { refetch }] = createResource(
    () => params.orderIds ?? '',
    (ids) =>
      api<{ orders: Array<{ id: string; number: string }>; lines: WaveLine[] }>('/orders/pick-list', {
        query: ids ? { orderIds: ids } : {},
      }),
  );
  return (
    <div class="page">
      <PageHeader
        title={t('pickList')}
        description={t('pickListText')}
        actions={
          <Button variant="secondary" onClick={() => window.print()}>
            {t('print')}
          </Button>
        }
      />
      <Async resource={wave} refetch={refetch}>
        {(w) => (
          <Card padded={false}>
            <DataTable<WaveLine>
              caption={`${t('orders')}: ${w.orders.map((o) => o.number).join(', ')}`}
              rows={w.lines}
              rowKey={(l) => `${l.location}|${l.sku}|${l.lot}`}
              columns={[
                { header: t('location'), cell: (l) => <span class="mono">{l.location}</span> },
                { header: t('sku'), cell: (l) => <span class="mono">{l.sku}</span> },
                { header: t('product'), cell: (l) => l.name, hideOnMobile: true },
                { header: t('lot'), cell: (l) => l.lot, hideOnMobile: true },
                { header: t('quantity'), cell: (l) => l.quantity },
                {
                  header: t('orders'),
                  cell: (l) => l.orders.map((o) => `${o.number} × ${o.quantity}`).join(', '),
                },
              ]}
            />
          </Card>
        )}
      </Async>
    </div>
  );
}
