import {
  Card,
  createForm,
  DateInput,
  Field,
  Form,
  MoneyInput,
  PageHeader,
  SelectField,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource } from 'solid-js';
import { AssetForm } from '../../schema.ts';
import type { Asset } from '../../server/routes/assets.ts';
import { useT } from '../messages.ts';
import type { CategoryRow, LocationRow } from '../types.ts';

/** Registers an asset: the same schema as the API checks it, the server's field errors under each field. */
export default function AssetNew() {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [categories] = createResource(() => api<{ items: CategoryRow[] }>('/it/categories'));
  const [locations] = createResource(() => api<{ items: LocationRow[] }>('/it/locations'));
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
      // Empty optional fields are left out rather than sent as ''.
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
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
            <Field label={t('serialNumber')} {...form.bind('serialNumber')} />
            <Field label={t('model')} {...form.bind('model')} />
            <Field label={t('vendor')} {...form.bind('vendor')} />
            <DateInput label={t('purchaseDate')} {...form.bind('purchaseDate')} />
            <MoneyInput label={t('purchasePrice')} currency="CZK" {...form.bind('purchasePrice')} />
            <Field label={t('invoiceRef')} {...form.bind('invoiceRef')} />
            <DateInput label={t('warrantyUntil')} {...form.bind('warrantyUntil')} />
            <SelectField
              label={t('location')}
              {...form.bind('locationId')}
              options={[
                { value: '', label: t('noLocation') },
                ...(locations()?.items ?? []).map((l) => ({ value: l.id, label: l.name })),
              ]}
            />
          </div>
          <Field label={t('note')} {...form.bind('note')} multiline />
        </Form>
      </Card>
    </div>
  );
}
