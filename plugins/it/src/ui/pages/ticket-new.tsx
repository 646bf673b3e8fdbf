import { Card, createForm, Field, Form, PageHeader, SelectField, useI18n, useTenant } from '@bureau/core/ui';
import { useNavigate, useSearchParams } from '@solidjs/router';
import type { Ticket } from '../../server/routes/tickets.ts';
import { useT } from '../messages.ts';
import { PRIORITY_LABELS } from '../statuses.ts';

/** "Report a problem": any member; from an asset's card the asset is linked (`?asset=`). */
export default function TicketNew() {
  const t = useT();
  const i18n = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ asset?: string; tag?: string }>();
  const { tenant, api, can } = useTenant();
  const form = createForm({
    initial: { title: params.tag ? `${params.tag}: ` : '', description: '', priority: 'normal' },
    validate: (v) => ({
      title: v.title.trim().length >= 3 ? undefined : t('ticketTitle'),
      description: v.description.trim() ? undefined : t('description'),
    }),
    onSubmit: async (v) => {
      const body = { ...v, ...(params.asset ? { assetId: params.asset } : {}) };
      const created = await api<Ticket>('/it/tickets', { method: 'POST', body });
      navigate(`/t/${tenant().slug}/it/${can('it.helpdesk') ? `tickets/${created.id}` : `my/tickets/${created.id}`}`);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('report')} description={t('reportText')} />
      <Card>
        <Form form={form} submitLabel={t('send')}>
          <div class="form-grid">
            <Field label={t('ticketTitle')} {...form.bind('title')} required autofocus />
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
