import { ApiError, Button, Card, Field, FormError, PageHeader, SelectField, useTenant } from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { useT } from '../messages.ts';
import type { Product } from '../types.ts';

/** A new product: SKU, EAN (its check digit is checked by the server), names in both languages, price, VAT, weight. */
export default function ProductNew() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [v, setV] = createSignal({
    sku: '',
    gtin: '',
    nameCs: '',
    nameEn: '',
    unitPrice: '',
    currency: 'CZK',
    vatRate: 'standard',
    weightGrams: '',
    reorderPoint: '',
  });
  const [error, setError] = createSignal<ApiError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (key: keyof ReturnType<typeof v>) => (value: string) => setV((x) => ({ ...x, [key]: value }));
  const err = (path: string) =>
    error()?.fieldErrors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;

  const submit = async (e: Event) => {
    e.preventDefault();
    const x = v();
    setBusy(true);
    setError(null);
    try {
      await api<Product>('/orders/products', {
        method: 'POST',
        body: {
          sku: x.sku,
          ...(x.gtin.trim() ? { gtin: x.gtin.trim() } : {}),
          name: { cs: x.nameCs, en: x.nameEn || x.nameCs },
          unitPrice: x.unitPrice.replace(/\s/g, '').replace(',', '.'),
          currency: x.currency,
          vatRate: x.vatRate,
          ...(x.weightGrams.trim() ? { weightGrams: Number(x.weightGrams) } : {}),
          ...(x.reorderPoint.trim() ? { reorderPoint: x.reorderPoint.replace(',', '.') } : {}),
        },
      });
      navigate(`/t/${tenant().slug}/orders/products`);
    } catch (e2) {
      if (e2 instanceof ApiError) setError(e2);
      else throw e2;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHeader title={t('newProduct')} />
      <Card>
        <form class="stack" onSubmit={submit}>
          <FormError error={error()} />
          <div class="form-grid">
            <Field
              name="sku"
              label={t('sku')}
              value={v().sku}
              onChange={set('sku')}
              error={err('sku')}
              required
              autofocus
            />
            <Field
              name="gtin"
              label={t('gtin')}
              value={v().gtin}
              onChange={set('gtin')}
              error={err('gtin')}
              inputmode="numeric"
            />
            <Field
              name="nameCs"
              label={t('nameCs')}
              value={v().nameCs}
              onChange={set('nameCs')}
              error={err('name')}
              required
            />
            <Field name="nameEn" label={t('nameEn')} value={v().nameEn} onChange={set('nameEn')} />
            <Field
              name="unitPrice"
              label={t('price')}
              value={v().unitPrice}
              onChange={set('unitPrice')}
              error={err('unitPrice')}
              inputmode="decimal"
              required
            />
            <SelectField
              name="currency"
              label={t('currency')}
              value={v().currency}
              onChange={set('currency')}
              options={['CZK', 'EUR'].map((c) => ({ value: c, label: c }))}
            />
            <SelectField
              name="vatRate"
              label={t('vatRate')}
              value={v().vatRate}
              onChange={set('vatRate')}
              error={err('vatRate')}
              options={(['standard', 'reduced', 'zero', 'exempt'] as const).map((c) => ({
                value: c,
                label: t(`vat_${c}`),
              }))}
            />
            <Field
              name="weightGrams"
              label={t('weightGrams')}
              value={v().weightGrams}
              onChange={set('weightGrams')}
              error={err('weightGrams')}
              inputmode="numeric"
            />
            <Field
              name="reorderPoint"
              label={t('reorderPoint')}
              value={v().reorderPoint}
              onChange={set('reorderPoint')}
              error={err('reorderPoint')}
              inputmode="decimal"
            />
          </div>
          <div>
            <Button type="submit" variant="primary" loading={busy()}>
              {t('createProduct')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
