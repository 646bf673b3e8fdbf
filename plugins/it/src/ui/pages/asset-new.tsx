import { Card, createForm, Field, Form, PageHeader, useTenant } from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import { AssetForm } from '../../schema.ts';
import type { Asset } from '../../server/routes/assets.ts';
import { AssetFields, type VendorChoice } from '../asset-fields.tsx';
import { useT } from '../messages.ts';
import type { CategoryRow, LocationRow } from '../types.ts';

/** Registers an asset: the same schema as the API checks it, the server's field errors under each field. */
export default function AssetNew() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [categories] = createResource(() => api<{ items: CategoryRow[] }>('/it/categories'));
  const [locations] = createResource(() => api<{ items: LocationRow[] }>('/it/locations'));
  const [vendor, setVendor] = createSignal<VendorChoice | null>(null);
  const form = createForm({
    schema: AssetForm,
    initial: {
      name: '',
      category: '',
      tag: '',
      serialNumber: '',
      model: '',
      vendor: '',
      purchaseDate: '',
      purchasePrice: '',
      invoiceRef: '',
      warrantyUntil: '',
      locationId: '',
      note: '',
    },
    onSubmit: async (v) => {
      // Empty optional fields are left out rather than sent as ''; a picked vendor goes by its id.
      const picked = vendor();
      const body = Object.fromEntries(
        Object.entries({ ...v, ...(picked ? { vendor: '', vendorId: picked.id } : {}) }).filter(([, x]) => x !== ''),
      );
      const created = await api<Asset>('/it/assets', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/assets/${created.id}`);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('new')} />
      <Card>
        <Form form={form} submitLabel={t('create')}>
          <div class="form-grid">
            <Field label={t('name')} {...form.bind('name')} required autofocus />
            <Field
              label={t('category')}
              {...form.bind('category')}
              required
              description={[t('categoryHint'), ...(categories()?.items ?? []).map((c) => c.name)].join(' · ')}
            />
            <Field label={t('tag')} {...form.bind('tag')} description={t('tagHint')} />
            <AssetFields form={form} vendor={vendor} setVendor={setVendor} locations={locations()?.items ?? []} />
          </div>
          <Field label={t('note')} {...form.bind('note')} multiline />
        </Form>
      </Card>
    </div>
  );
}
