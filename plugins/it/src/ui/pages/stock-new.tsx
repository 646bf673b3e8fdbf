import { Card, createForm, Field, Form, PageHeader, SelectField, useTenant } from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { StockItem } from '../../server/routes/stock.ts';
import { useST } from '../stock-messages.ts';
import type { LocationRow } from '../types.ts';

const whole = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(/\s/g, '')));

/** Registers an accessory or a consumable with its quantity and minimum. */
export default function StockNew() {
  const t = useST();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [locations] = createResource(() => api<{ items: LocationRow[] }>('/it/locations'));
  const form = createForm({
    initial: {
      kind: 'accessory',
      name: '',
      model: '',
      unit: '',
      quantity: '',
      minQuantity: '',
      locationId: '',
      note: '',
    },
    onSubmit: async (v) => {
      const body = Object.fromEntries(
        Object.entries({ ...v, quantity: whole(v.quantity), minQuantity: whole(v.minQuantity) }).filter(
          ([, x]) => x !== '' && x !== undefined,
        ),
      );
      const created = await api<StockItem>('/it/stock', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/stock/${created.id}`);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('newItem')} />
      <Card>
        <Form form={form} submitLabel={t('createItem')}>
          <div class="form-grid">
            <SelectField
              label={t('kind')}
              {...form.bind('kind')}
              options={[
                { value: 'accessory', label: t('accessory') },
                { value: 'consumable', label: t('consumable') },
              ]}
            />
            <Field label={t('name')} {...form.bind('name')} required autofocus />
            <Field label={t('model')} {...form.bind('model')} />
            <Field label={t('unit')} {...form.bind('unit')} description={t('unitHint')} />
            <Field label={t('quantity')} {...form.bind('quantity')} inputmode="numeric" />
            <Field
              label={t('minQuantity')}
              {...form.bind('minQuantity')}
              inputmode="numeric"
              description={t('minHint')}
            />
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
