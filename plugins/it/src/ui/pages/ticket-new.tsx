import { Card, createForm, Field, Form, PageHeader, SelectField, useI18n, useTenant } from '@bureau/core/ui';
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { TicketCategory } from '../../server/routes/ticket-categories.ts';
import type { Ticket } from '../../server/routes/tickets.ts';
import { useDT } from '../desk-messages.ts';
import { useT } from '../messages.ts';
import { PRIORITY_LABELS } from '../statuses.ts';

/** "Report a problem": any member; from an asset's card the asset is linked (`?asset=`). */
export default function TicketNew() {
  const t = useT();
  const dt = useDT();
  const i18n = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ asset?: string; tag?: string }>();
  const { tenant, api, can } = useTenant();
  const form = createForm({
    initial: { title: params.tag ? `${params.tag}: ` : '', description: '', priority: 'normal', categoryId: '' },
    validate: (v) => ({
      title: v.title.trim().length >= 3 ? undefined : t('ticketTitle'),
      description: v.description.trim() ? undefined : t('description'),
    }),
    onSubmit: async (v) => {
      const { categoryId, ...rest } = v;
      const body = {
        ...rest,
        ...(categoryId ? { categoryId } : {}),
        ...(params.asset ? { assetId: params.asset } : {}),
      };
      const created = await api<Ticket>('/it/tickets', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/${can('it.helpdesk') ? `tickets/${created.id}` : `my/tickets/${created.id}`}`);
    },
  });
  const [categories] = createResource(
    async () => (await api<{ items: TicketCategory[] }>('/it/ticket-categories')).items,
  );
  const category = form.bind('categoryId');
  /** Choosing a category takes its default priority (the reporter may still change it). */
  const chooseCategory = (id: string) => {
    category.onChange(id);
    const preset = categories()?.find((c) => c.id === id)?.defaultPriority;
    if (preset) form.set('priority', preset);
  };
  return (
    <div class="page">
      <PageHeader title={t('report')} description={t('reportText')} />
      <Card>
        <Form form={form} submitLabel={t('send')}>
          <div class="form-grid">
            <Field label={t('ticketTitle')} {...form.bind('title')} required autofocus />
            <SelectField
              label={dt('category')}
              name="categoryId"
              value={category.value}
              error={category.error}
              onChange={chooseCategory}
              options={[
                { value: '', label: dt('anyCategory') },
                ...(categories() ?? []).map((c) => ({
                  value: c.id,
                  label: i18n.locale() === 'cs' ? c.nameCs : c.nameEn,
                })),
              ]}
            />
            <SelectField
              label={t('priority')}
              {...form.bind('priority')}
              options={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({
                value: p,
                label: i18n.text(PRIORITY_LABELS[p].label),
              }))}
            />
          </div>
          <Field label={t('description')} {...form.bind('description')} multiline required />
        </Form>
      </Card>
    </div>
  );
}
