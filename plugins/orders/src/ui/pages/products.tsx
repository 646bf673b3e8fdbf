import {
  Card,
  defineStatuses,
  Money,
  PageHeader,
  PrintLabels,
  ResourceList,
  StatusBadge,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { useT } from '../messages.ts';
import type { Product } from '../types.ts';

const ACTIVE = defineStatuses({
  true: { tone: 'success', label: { en: 'Sold', cs: 'Prodává se' } },
  false: { tone: 'neutral', label: { en: 'Not sold', cs: 'Neprodává se' } },
});

/** The catalogue: search by SKU, GTIN or name (a scanned EAN finds its product), barcode labels for the shelf. */
export default function Products() {
  const t = useT();
  const { tenant, can } = useTenant();
  const base = () => `/t/${tenant().slug}/orders`;
  const newButton = () => (
    <Show when={can('orders.catalogue')}>
      <A class="btn btn-primary" href={`${base()}/products/new`}>
        {t('newProduct')}
      </A>
    </Show>
  );
  return (
    <div class="page">
      <PageHeader title={t('products')} description={t('productsText')} actions={newButton()} />
      <Card padded={false}>
        <ResourceList<Product>
          path="/orders/products"
          caption={t('products')}
          search={t('searchProducts')}
          scan
          defaultSort={{ key: 'sku', dir: 'asc' }}
          empty={{ title: t('noProducts'), description: t('noProductsText'), action: newButton() }}
          rowKey={(p) => p.id}
          rowLabel={(p) => p.sku}
          rowHref={(p) => `${base()}/stock?productId=${p.id}`}
          bulkActions={(selected) => (
            <PrintLabels items={selected.map((p) => ({ code: p.gtin ?? p.sku, title: p.name, subtitle: p.sku }))} />
          )}
          columns={[
            { header: t('sku'), sort: 'sku', cell: (p) => <span class="cell-primary mono">{p.sku}</span> },
            { header: t('gtin'), hideOnMobile: true, cell: (p) => <span class="mono">{p.gtin ?? ''}</span> },
            { header: t('name'), sort: 'name', cell: (p) => p.name },
            { header: t('price'), cell: (p) => <Money amount={p.unitPrice} currency={p.currency} /> },
            { header: t('vatRate'), hideOnMobile: true, cell: (p) => `${p.vatPercent} %` },
            {
              header: t('status'),
              hideOnMobile: true,
              cell: (p) => <StatusBadge status={String(p.active)} statuses={ACTIVE} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
