import { Async, Card, createForm, DateInput, Field, Form, PageHeader, SelectField, useTenant } from '@bureau/core/ui';
import { useNavigate, useParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import type { Asset } from '../../server/routes/assets.ts';
import { useT } from '../messages.ts';
import type { LocationRow, PersonRow } from '../types.ts';

/** Checks an asset out to a member, a location or another asset (the workflow's `checkout` transition). */
export default function Checkout() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { tenant, api } = useTenant();
  const [asset] = createResource(
    () => params.id,
    (id) => api<Asset>(`/it/assets/${id}`),
  );
  const [people] = createResource(() => api<{ items: PersonRow[] }>('/it/people'));
  const [locations] = createResource(() => api<{ items: LocationRow[] }>('/it/locations'));
  const [assets] = createResource(() => api<{ items: Asset[] }>('/it/assets?limit=200&sort=tag&dir=asc'));
  const form = createForm({
    initial: { holderType: 'user', holderId: '', expectedBack: '', note: '' },
    validate: (v) => ({ holderId: v.holderId ? undefined : t('choose') }),
    onSubmit: async (v) => {
      const key = { user: 'userId', location: 'locationId', asset: 'assetId' }[v.holderType] ?? 'userId';
      const body: Record<string, string> = { [key]: v.holderId };
      if (v.expectedBack) body.expectedBack = v.expectedBack;
      if (v.note) body.note = v.note;
      await api(`/it/assets/${params.id}/checkout`, { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/assets/${params.id}?tab=checkouts`);
    },
  });
  const choose = { value: '', label: t('choose') };
  return (
    <Async resource={asset}>
      {(a) => (
        <div class="page">
          <PageHeader title={t('checkoutTitle', { tag: a.tag })} description={a.name} />
          <Card>
            <Form form={form} submitLabel={t('checkout')}>
              <div class="form-grid">
                <SelectField
                  label={t('holderType')}
                  name="holderType"
                  value={form.values.holderType}
                  onChange={(v) => {
                    form.set('holderType', v);
                    form.set('holderId', '');
                  }}
                  options={[
                    { value: 'user', label: t('toUser') },
                    { value: 'location', label: t('toLocation') },
                    { value: 'asset', label: t('toAsset') },
                  ]}
                />
                <Switch>
                  <Match when={form.values.holderType === 'user'}>
                    <SelectField
                      label={t('person')}
                      {...form.bind('holderId')}
                      options={[
                        choose,
                        ...(people()?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` })),
                      ]}
                    />
                  </Match>
                  <Match when={form.values.holderType === 'location'}>
                    <SelectField
                      label={t('location')}
                      {...form.bind('holderId')}
                      options={[choose, ...(locations()?.items ?? []).map((l) => ({ value: l.id, label: l.name }))]}
                    />
                  </Match>
                  <Match when={form.values.holderType === 'asset'}>
                    <SelectField
                      label={t('asset')}
                      {...form.bind('holderId')}
                      options={[
                        choose,
                        ...(assets()?.items ?? [])
                          .filter((x) => x.id !== a.id)
                          .map((x) => ({ value: x.id, label: `${x.tag} ${x.name}` })),
                      ]}
                    />
                  </Match>
                </Switch>
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
