import { ApiError, Button, Card, Field, FormError, PageHeader, SelectField, useTenant } from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, Index } from 'solid-js';
import { useT } from '../messages.ts';
import type { Product, PurchaseOrderDetail } from '../types.ts';

interface LineDraft {
  productId: string;
  quantity: string;
  unitCost: string;
}

/** A new purchase order: the vendor and what is ordered at what unit cost (default: the product's cost). */
export default function PurchaseNew() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [products] = createResource(
    async () => (await api<{ items: Product[] }>('/orders/products', { query: { kit: 'false', limit: 100 } })).items,
  );
  const [vendor, setVendor] = createSignal('');
  const [ico, setIco] = createSignal('');
  const [lines, setLines] = createSignal<LineDraft[]>([{ productId: '', quantity: '1', unitCost: '' }]);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const fieldError = (path: string) => error()?.fieldErrors.find((e) => e.path === path)?.message;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<PurchaseOrderDetail>('/orders/purchase-orders', {
        method: 'POST',
        body: {
          vendor: { name: vendor(), ...(ico().trim() ? { ico: ico().trim() } : {}) },
          lines: lines().map((l) => ({
            productId: l.productId,
            quantity: l.quantity.replace(',', '.'),
            ...(l.unitCost.trim() ? { unitCost: l.unitCost.replace(/\s/g, '').replace(',', '.') } : {}),
          })),
        },
      });
      navigate(`/t/${tenant().slug}/orders/purchases/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHeader title={t('newPurchase')} />
      <Card>
        <form class="stack" onSubmit={submit}>
          <FormError error={error()} />
          <div class="form-grid">
            <Field
              name="vendor"
              label={t('vendor')}
              value={vendor()}
              onChange={setVendor}
              error={fieldError('vendor.name')}
              required
            />
            <Field name="ico" label={t('ico')} value={ico()} onChange={setIco} error={fieldError('vendor.ico')} />
          </div>
          <h2 class="section-title">{t('lines')}</h2>
          <Index each={lines()}>
            {(line, i) => (
              <div class="form-grid">
                <SelectField
                  name={`product-${i}`}
                  label={`${t('product')} ${i + 1}`}
                  value={line().productId}
                  onChange={(v) => setLine(i, { productId: v })}
                  error={fieldError(`lines.${i}.productId`)}
                  options={[
                    { value: '', label: t('choose') },
                    ...(products() ?? []).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` })),
                  ]}
                />
                <Field
                  name={`quantity-${i}`}
                  label={t('quantity')}
                  value={line().quantity}
                  onChange={(v) => setLine(i, { quantity: v })}
                  error={fieldError(`lines.${i}.quantity`)}
                  inputmode="decimal"
                />
                <Field
                  name={`unitCost-${i}`}
                  label={t('unitCost')}
                  value={line().unitCost}
                  onChange={(v) => setLine(i, { unitCost: v })}
                  error={fieldError(`lines.${i}.unitCost`)}
                  inputmode="decimal"
                />
                <Button
                  variant="ghost"
                  onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  disabled={lines().length === 1}
                >
                  {t('removeLine')}
                </Button>
              </div>
            )}
          </Index>
          <div class="row">
            <Button
              variant="secondary"
              onClick={() => setLines((ls) => [...ls, { productId: '', quantity: '1', unitCost: '' }])}
            >
              {t('addLine')}
            </Button>
            <Button type="submit" variant="primary" loading={busy()}>
              {t('createPurchase')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
