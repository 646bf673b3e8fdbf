import { Async, Card, createForm, Field, Form, PageHeader, useTenant } from '@bureau/core/ui';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, For } from 'solid-js';
import { AssetPatchForm } from '../../schema.ts';
import type { Asset } from '../../server/routes/assets.ts';
import { AssetFields, type VendorChoice } from '../asset-fields.tsx';
import { useT } from '../messages.ts';
import type { CategoryRow, LocationRow } from '../types.ts';

/** Edits an asset: its fields, the vendor from the address book, the category's custom fields; a blank field clears it. */
export default function AssetEdit() {
  const params = useParams<{ id: string }>();
  const { api } = useTenant();
  const [asset] = createResource(
    () => params.id,
    (id) => api<Asset>(`/it/assets/${id}`),
  );
  return <Async resource={asset}>{(a) => <EditForm asset={a} />}</Async>;
}

function EditForm(props: { asset: Asset }) {
  const t = useT();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const a = props.asset;
  const [categories] = createResource(() => api<{ items: CategoryRow[] }>('/it/categories'));
  const [locations] = createResource(() => api<{ items: LocationRow[] }>('/it/locations'));
  const fields = () => categories()?.items.find((c) => c.id === a.categoryId)?.fields ?? [];
  const [vendor, setVendor] = createSignal<VendorChoice | null>(
    a.vendorId && a.vendor ? { id: a.vendorId, name: a.vendor } : null,
  );
  const card = `/t/${tenant().slug}/it/assets/${a.id}`;
  const form = createForm({
    schema: AssetPatchForm,
    initial: {
      name: a.name,
      serialNumber: a.serialNumber ?? '',
      model: a.model ?? '',
      vendor: a.vendorId ? '' : (a.vendor ?? ''),
      purchaseDate: a.purchaseDate ?? '',
      purchasePrice: a.purchasePrice ?? '',
      invoiceRef: a.invoiceRef ?? '',
      warrantyUntil: a.warrantyUntil ?? '',
      locationId: a.locationId ?? '',
      note: a.note ?? '',
      custom: Object.fromEntries(Object.entries(a.custom).map(([k, v]) => [k, String(v)])) as Record<string, string>,
    },
    onSubmit: async (v) => {
      // Blank fields clear; the picked vendor goes by its id, else the typed name (blank: no vendor).
      const blankToNull = (x: unknown) => (x === '' ? null : x);
      const custom = Object.fromEntries(Object.entries(v.custom).filter(([, x]) => x !== ''));
      const picked = vendor();
      const body = {
        ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blankToNull(x)])),
        custom,
        ...(picked ? { vendorId: picked.id, vendor: null } : { vendorId: null }),
      };
      await api<Asset>(`/it/assets/${a.id}`, { method: 'PATCH', body });
      navigate(card);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('editTitle', { tag: a.tag })} description={a.category} />
      <Card>
        <Form
          form={form}
          submitLabel={t('save')}
          actions={
            <A class="btn btn-ghost" href={card}>
              {t('cancel')}
            </A>
          }
        >
          <div class="form-grid">
            <Field label={t('name')} {...form.bind('name')} required autofocus />
            <AssetFields form={form} vendor={vendor} setVendor={setVendor} locations={locations()?.items ?? []} />
            <For each={fields()}>
              {(f) => <Field label={f.label} {...form.bind(`custom.${f.key}`)} required={f.required} />}
            </For>
          </div>
          <Field label={t('note')} {...form.bind('note')} multiline />
        </Form>
      </Card>
    </div>
  );
}
