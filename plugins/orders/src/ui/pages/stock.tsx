import {
  ApiError,
  Button,
  Card,
  DataTable,
  Field,
  FormError,
  notify,
  PageHeader,
  SelectField,
  useTenant,
} from '@bureau/core/ui';
import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { useT } from '../messages.ts';
import type { Product, StockView } from '../types.ts';

interface Move {
  id: string;
  createdAt: string;
  location: string;
  kind: string;
  onHand: number;
  reserved: number;
  document: string | null;
  reason: string | null;
}

/** Stock of one product: per bin and lot, an adjustment form, and its ledger of moves. */
export default function Stock() {
  const t = useT();
  const { api, can } = useTenant();
  const [params, setParams] = useSearchParams<{ productId?: string }>();
  const [products] = createResource(
    async () => (await api<{ items: Product[] }>('/orders/products', { query: { limit: 100 } })).items,
  );
  const productId = () => params.productId ?? '';
  const [stock, { refetch }] = createResource(
    () => productId() || null,
    (id) => api<StockView>('/orders/stock', { query: { productId: id } }),
  );
  const [moves, { refetch: refetchMoves }] = createResource(
    () => productId() || null,
    async (id) => (await api<{ items: Move[] }>('/orders/stock/moves', { query: { productId: id, limit: 50 } })).items,
  );
  const [quantity, setQuantity] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);

  const adjust = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/orders/stock/adjustments', {
        method: 'POST',
        body: { productId: productId(), quantity: quantity().replace(',', '.'), reason: reason() },
      });
      notify(t('adjusted'));
      setQuantity('');
      setReason('');
      void refetch();
      void refetchMoves();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const err = (path: string) => error()?.fieldErrors.find((x) => x.path === path)?.message;

  return (
    <div class="page">
      <PageHeader title={t('stock')} description={t('stockText')} />
      <Card>
        <SelectField
          name="product"
          label={t('product')}
          value={productId()}
          onChange={(id) => setParams({ productId: id || undefined })}
          options={[
            { value: '', label: t('choose') },
            ...(products() ?? []).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` })),
          ]}
        />
      </Card>
      <Show when={stock()}>
        {(s) => (
          <div class="stack">
            <dl class="figures">
              <div class="figure">
                <dt>{t('onHand')}</dt>
                <dd data-testid="on-hand">{s().onHand}</dd>
              </div>
              <div class="figure">
                <dt>{t('reserved')}</dt>
                <dd data-testid="reserved">{s().reserved}</dd>
              </div>
              <div class="figure">
                <dt>{t('available')}</dt>
                <dd data-testid="available">{s().available}</dd>
              </div>
            </dl>
            <Card padded={false}>
              <DataTable
                caption={t('location')}
                rows={s().locations}
                rowKey={(l) => `${l.locationId}|${l.lot}`}
                columns={[
                  { header: t('location'), cell: (l) => <span class="mono">{l.code}</span> },
                  { header: t('lot'), cell: (l) => l.lot },
                  { header: t('onHand'), cell: (l) => l.onHand },
                  { header: t('reserved'), cell: (l) => l.reserved },
                  { header: t('available'), cell: (l) => l.available },
                ]}
              />
            </Card>
            <Show when={can('orders.stock')}>
              <Card>
                <form class="stack" onSubmit={adjust}>
                  <h2 class="section-title">{t('adjust')}</h2>
                  <FormError error={error()} />
                  <div class="form-grid">
                    <Field
                      name="quantity"
                      label={t('quantity')}
                      value={quantity()}
                      onChange={setQuantity}
                      error={err('quantity')}
                      inputmode="decimal"
                      required
                    />
                    <Field
                      name="reason"
                      label={t('reason')}
                      value={reason()}
                      onChange={setReason}
                      error={err('reason')}
                      required
                    />
                  </div>
                  <div>
                    <Button type="submit" variant="primary" loading={busy()}>
                      {t('adjust')}
                    </Button>
                  </div>
                </form>
              </Card>
            </Show>
            <Card padded={false}>
              <DataTable<Move>
                caption={t('moves')}
                rows={moves() ?? []}
                rowKey={(m) => m.id}
                columns={[
                  { header: t('date'), cell: (m) => new Date(m.createdAt).toLocaleString() },
                  { header: t('location'), cell: (m) => m.location, hideOnMobile: true },
                  { header: t('kind'), cell: (m) => m.kind },
                  { header: t('onHand'), cell: (m) => m.onHand },
                  { header: t('reserved'), cell: (m) => m.reserved },
                  { header: t('document'), cell: (m) => m.document ?? m.reason ?? '', hideOnMobile: true },
                ]}
              />
            </Card>
          </div>
        )}
      </Show>
    </div>
  );
}
