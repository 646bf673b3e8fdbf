import {
  Button,
  Card,
  createForm,
  DataTable,
  Field,
  Form,
  FormError,
  PageHeader,
  SelectField,
  StatusBadge,
  Toggle,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Show } from 'solid-js';
import type { CannedResponse } from '../../server/routes/canned-responses.ts';
import type { HelpdeskTeam } from '../../server/routes/provider-teams.ts';
import type { TicketCategory } from '../../server/routes/ticket-categories.ts';
import { useDT } from '../desk-messages.ts';
import { useT } from '../messages.ts';
import { PRIORITY_LABELS } from '../statuses.ts';

/**
 * The helpdesk's desk tools: ticket categories (IT admins: names in both languages, default
 * assignee and priority; archive one in use, delete an unused one) and canned responses (IT staff).
 */
export default function HelpdeskSetup() {
  const t = useDT();
  const it = useT();
  const i18n = useI18n();
  const { api, can } = useTenant();
  const admin = () => can('it.helpdesk.manage');
  const [showArchived, setShowArchived] = createSignal(false);
  // The query string is the source: a source of false would never fetch (Solid skips false sources).
  const [categories, { refetch }] = createResource(
    () => (showArchived() ? '?archived=true' : '?archived=false'),
    async (query) => (await api<{ items: TicketCategory[] }>(`/it/ticket-categories${query}`)).items,
  );
  const [canned, { refetch: refetchCanned }] = createResource(
    async () => (await api<{ items: CannedResponse[] }>('/it/canned-responses')).items,
  );
  const [people] = createResource(admin, async (yes) =>
    yes ? (await api<{ items: { id: string; name: string }[] }>('/it/people')).items : [],
  );
  // A provider's team can be the default instead of a member (value `team:<id>`).
  const [teams] = createResource(admin, async (yes) =>
    yes ? (await api<{ items: HelpdeskTeam[] }>('/it/provider-teams')).items : [],
  );
  const [error, setError] = createSignal<unknown>(null);
  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      void refetch();
    } catch (e) {
      setError(e);
    }
  };
  const categoryForm = createForm({
    initial: { nameCs: '', nameEn: '', defaultAssigneeId: '', defaultPriority: '' },
    onSubmit: async (v) => {
      await api('/it/ticket-categories', {
        method: 'POST',
        body: {
          nameCs: v.nameCs,
          nameEn: v.nameEn,
          ...(v.defaultAssigneeId.startsWith('team:')
            ? { defaultTeamId: v.defaultAssigneeId.slice(5) }
            : { defaultAssigneeId: v.defaultAssigneeId || null }),
          defaultPriority: v.defaultPriority || null,
        },
      });
      categoryForm.set({ nameCs: '', nameEn: '', defaultAssigneeId: '', defaultPriority: '' });
      void refetch();
    },
  });
  const cannedForm = createForm({
    initial: { title: '', body: '' },
    onSubmit: async (v) => {
      await api('/it/canned-responses', { method: 'POST', body: v });
      cannedForm.set({ title: '', body: '' });
      void refetchCanned();
    },
  });
  const priorities = () => [
    { value: '', label: t('none') },
    ...(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({
      value: p,
      label: i18n.text(PRIORITY_LABELS[p].label),
    })),
  ];
  return (
    <div class="page">
      <PageHeader title={t('deskSetup')} description={t('deskSetupText')} />
      <Card title={t('categories')} padded={false}>
        <div class="stack" style={{ padding: 'var(--space-4, 1rem)' }}>
          <Toggle label={t('showArchived')} checked={showArchived()} onChange={setShowArchived} />
          <FormError error={error() as never} />
        </div>
        <Show
          when={(categories() ?? []).length}
          fallback={
            <p class="muted" style={{ padding: '0 1rem 1rem' }}>
              {t('categoriesEmpty')}
            </p>
          }
        >
          <DataTable<TicketCategory>
            caption={t('categories')}
            rows={categories() ?? []}
            rowKey={(c) => c.id}
            columns={[
              { header: t('category'), cell: (c) => (i18n.locale() === 'cs' ? c.nameCs : c.nameEn) },
              {
                header: t('defaultAssignee'),
                cell: (c) =>
                  c.defaultAssignee ?? (c.defaultTeam ? t('teamOption', { name: c.defaultTeam }) : t('none')),
              },
              {
                header: t('defaultPriority'),
                cell: (c) =>
                  c.defaultPriority ? <StatusBadge status={c.defaultPriority} statuses={PRIORITY_LABELS} /> : t('none'),
              },
              { header: it('tickets'), cell: (c) => t('ticketCount', { count: c.tickets }) },
              {
                header: '',
                cell: (c) => (
                  <Show when={admin()}>
                    <div class="row">
                      <Button
                        size="sm"
                        onClick={() =>
                          void act(() =>
                            api(`/it/ticket-categories/${c.id}`, { method: 'PATCH', body: { archived: !c.archived } }),
                          )
                        }
                      >
                        {c.archived ? t('restore') : t('archive')}
                      </Button>
                      <Show when={c.tickets === 0}>
                        <Button
                          size="sm"
                          variant="danger"
                          onClick={() => void act(() => api(`/it/ticket-categories/${c.id}`, { method: 'DELETE' }))}
                        >
                          {t('delete')}
                        </Button>
                      </Show>
                    </div>
                  </Show>
                ),
              },
            ]}
          />
        </Show>
      </Card>
      <Show when={admin()}>
        <Card title={t('addCategory')}>
          <Form form={categoryForm} submitLabel={t('addCategory')}>
            <div class="form-grid">
              <Field label={t('nameCs')} {...categoryForm.bind('nameCs')} required />
              <Field label={t('nameEn')} {...categoryForm.bind('nameEn')} required />
              <SelectField
                label={t('defaultAssignee')}
                {...categoryForm.bind('defaultAssigneeId')}
                options={[
                  { value: '', label: t('none') },
                  ...(people() ?? []).map((p) => ({ value: p.id, label: p.name })),
                  ...(teams() ?? []).map((x) => ({ value: `team:${x.id}`, label: t('teamOption', { name: x.label }) })),
                ]}
              />
              <SelectField
                label={t('defaultPriority')}
                {...categoryForm.bind('defaultPriority')}
                options={priorities()}
              />
            </div>
          </Form>
        </Card>
      </Show>
      <Card title={t('canned')} padded={false}>
        <Show
          when={(canned() ?? []).length}
          fallback={
            <p class="muted" style={{ padding: '1rem' }}>
              {t('cannedEmpty')}
            </p>
          }
        >
          <DataTable<CannedResponse>
            caption={t('canned')}
            rows={canned() ?? []}
            rowKey={(c) => c.id}
            columns={[
              { header: t('cannedTitle'), cell: (c) => c.title },
              { header: t('cannedBody'), cell: (c) => <span style={{ 'white-space': 'pre-wrap' }}>{c.body}</span> },
              {
                header: '',
                cell: (c) => (
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() =>
                      void act(async () => {
                        await api(`/it/canned-responses/${c.id}`, { method: 'DELETE' });
                        void refetchCanned();
                      })
                    }
                  >
                    {t('delete')}
                  </Button>
                ),
              },
            ]}
          />
        </Show>
      </Card>
      <Card title={t('addCanned')}>
        <Form form={cannedForm} submitLabel={t('addCanned')}>
          <Field label={t('cannedTitle')} {...cannedForm.bind('title')} required />
          <Field
            label={t('cannedBody')}
            {...cannedForm.bind('body')}
            multiline
            required
            description={t('cannedHint')}
          />
        </Form>
      </Card>
    </div>
  );
}
