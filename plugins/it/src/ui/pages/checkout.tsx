import { Async, Card, createForm, DateInput, Field, Form, PageHeader, useTenant } from '@bureau/core/ui';
import { useNavigate, useParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { Asset } from '../../server/routes/assets.ts';
import { HolderPicker, holderBody } from '../holder-picker.tsx';
import { useT } from '../messages.ts';

/**
 * Checks an asset out to a member, an HR employee (when HR is enabled), a location or another asset
 * (the workflow's `checkout` transition).
 */
export default function Checkout() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [asset] = createResource(
    () => params.id,
    (id) => api<Asset>(`/it/assets/${id}`),
  );
  const form = createForm({
    initial: { holderType: 'user', holderId: '', expectedBack: '', note: '' },
    validate: (v) => ({ holderId: v.holderId ? undefined : t('choose') }),
    onSubmit: async (v) => {
      const body: Record<string, string> = holderBody(v.holderType, v.holderId);
      if (v.expectedBack) body.expectedBack = v.expectedBack;
      if (v.note) body.note = v.note;
      await api(`/it/assets/${params.id}/checkout`, { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/assets/${params.id}?tab=checkouts`);
    },
  });
  return (
    <Async resource={asset}>
      {(a) => (
        <div class="page">
          <PageHeader title={t('checkoutTitle', { tag: a.tag })} description={a.name} />
          <Card>
            <Form form={form} submitLabel={t('checkout')}>
              <div class="form-grid">
                <HolderPicker
                  kinds={['user', 'employee', 'location', 'asset']}
                  kind={form.bind('holderType')}
                  holder={form.bind('holderId')}
                  exclude={a.id}
                />
                <DateInput label={t('expectedBack')} {...form.bind('expectedBack')} />
              </div>
              <Field label={t('note')} {...form.bind('note')} multiline />
            </Form>
          </Card>
        </div>
      )}
    </Async>
  );
}
