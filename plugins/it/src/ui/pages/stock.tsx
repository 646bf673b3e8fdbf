import { Card, defineStatuses, PageHeader, ResourceList, StatusBadge, useTenant } from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { StockItem } from '../../server/routes/stock.ts';
import { useST } from '../stock-messages.ts';

/** Accessories and consumables: kind and "running low" filters, available against the minimum. */
export default function Stock() {
  const t = useST();
  const { tenant, can } = useTenant();
  const base = () => `/t/${tenant().slug}/it`;
  const LEVEL = defineStatuses({
    low: { tone: 'warning', label: { en: 'Low', cs: 'Dochází' } },
    ok: { tone: 'success', label: { en: 'OK', cs: 'V pořádku' } },
  });
  const newButton = () => (
    <Show when={can('it.assets.manage')}>
      <A class="btn btn-primary" href={`${base()}/stock/new`}>
        {t('newItem')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('stock')} description={t('stockText')} actions={newButton()} />
      <Card padded={false}>
        <ResourceList<StockItem>
          path="/it/stock"
          caption={t('stock')}
          search={t('searchStock')}
          defaultSort={{ key: 'name', dir: 'asc' }}
          filters={[
            {
              name: 'kind',
              label: t('kind'),
              type: 'select',
              options: [
                { value: 'accessory', label: t('accessory') },
                { value: 'consumable', label: t('consumable') },
              ],
            },
            { name: 'low', label: t('lowOnly'), type: 'segmented', options: [{ value: 'true', label: t('lowOnly') }] },
          ]}
          empty={{ title: t('noStock'), description: t('noStockText'), action: newButton() }}
          rowKey={(s) => s.id}
          rowLabel={(s) => s.name}
          rowHref={(s) => `${base()}/stock/${s.id}`}
          columns={[
            {
              header: t('name'),
              sort: 'name',
              cell: (s) => (
                <A class="cell-primary" href={`${base()}/stock/${s.id}`}>
                  {s.name}
                </A>
              ),
            },
            { header: t('kind'), hideOnMobile: true, cell: (s) => t(s.kind) },
            { header: t('available'), cell: (s) => `${s.available} ${s.unit}` },
            { header: t('onLoan'), hideOnMobile: true, cell: (s) => (s.kind === 'accessory' ? s.onLoan : '') },
            { header: t('minQuantity'), hideOnMobile: true, cell: (s) => s.minQuantity ?? '' },
            {
              header: '',
              cell: (s) => (
                <Show when={s.minQuantity !== null}>
                  <StatusBadge status={s.low ? 'low' : 'ok'} statuses={LEVEL} />
                </Show>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
