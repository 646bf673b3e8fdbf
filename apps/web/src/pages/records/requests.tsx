import {
  AsyncTable,
  Badge,
  Button,
  businessToday,
  Card,
  createForm,
  DateInput,
  DateText,
  EmptyState,
  Field,
  Form,
  Modal,
  notify,
  SelectField,
  StackedCell,
  unwrap,
  useTenant,
} from '@bureau/core/ui';
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import type { Member } from '../../api/types.ts';
import { subjectText } from './format.ts';
import { useRecordsT } from './messages.ts';

export const loadRequests = async (tenant: string) =>
  (await unwrap(client.api.t[':tenant'].records.requests.$get({ param: { tenant } }))).requests;

export type SubjectRequest = Awaited<ReturnType<typeof loadRequests>>[number];

/** The request's state as a badge: open, overdue (past its one-month deadline) or done. */
export function RequestState(props: { request: SubjectRequest }) {
  const t = useRecordsT();
  return (
    <Show when={props.request.status === 'open'} fallback={<Badge tone="success">{t('state_done')}</Badge>}>
      <Show when={props.request.dueOn < businessToday()} fallback={<Badge tone="info">{t('state_open')}</Badge>}>
        <Badge tone="danger">{t('overdue')}</Badge>
      </Show>
    </Show>
  );
}

/** Data-subject requests (access and erasure) with their deadlines. */
export default function SubjectRequests() {
  const t = useRecordsT();
  const navigate = useNavigate();
  const { tenant } = useTenant();
  const [requests, { refetch }] = createResource(() => tenant().slug, loadRequests);
  const [creating, setCreating] = createSignal(false);
  const open = (id: string) => navigate(`/t/${tenant().slug}/settings/records/requests/${id}`);
  return (
    <Card
      title={t('tabRequests')}
      actions={
        <Button variant="primary" onClick={() => setCreating(true)}>
          {t('newRequest')}
        </Button>
      }
    >
      <p class="muted">{t('requestsIntro')}</p>
      <AsyncTable
        resource={requests}
        refetch={refetch}
        caption={t('tabRequests')}
        rowKey={(r) => r.id}
        onRowClick={(r) => open(r.id)}
        empty={<EmptyState title={t('noRequestsTitle')} description={t('noRequestsText')} />}
        columns={[
          {
            header: t('subject'),
            cell: (r) => (
              <StackedCell
                primary={<a href={`/t/${tenant().slug}/settings/records/requests/${r.id}`}>{subjectText(r.subject)}</a>}
                secondary={t(`kind_${r.kind}`)}
              />
            ),
          },
          { header: t('receivedOn'), cell: (r) => <DateText value={r.receivedOn} />, hideOnMobile: true },
          { header: t('dueOn'), cell: (r) => <DateText value={r.dueOn} /> },
          { header: t('runStatus'), cell: (r) => <RequestState request={r} /> },
        ]}
      />
      <Show when={creating()}>
        <NewRequest onClose={() => setCreating(false)} onCreated={open} />
      </Show>
    </Card>
  );
}

function NewRequest(props: { onClose: () => void; onCreated: (id: string) => void }) {
  const t = useRecordsT();
  const { tenant, can } = useTenant();
  const [members] = createResource(
    () => (can('tenant.members.read') ? tenant().slug : null),
    async (slug): Promise<Member[]> =>
      (await unwrap(client.api.t[':tenant'].members.$get({ param: { tenant: slug } }))).members,
  );
  const form = createForm({
    initial: {
      kind: 'access' as 'access' | 'erasure',
      name: '',
      email: '',
      birthNumber: '',
      receivedOn: businessToday(),
      responsibleUserId: '',
      note: '',
    },
    onSubmit: async (v) => {
      const opt = (s: string) => (s.trim() ? s.trim() : undefined);
      const created = await unwrap(
        client.api.t[':tenant'].records.requests.$post({
          param: { tenant: tenant().slug },
          json: {
            kind: v.kind,
            subject: { name: opt(v.name), email: opt(v.email), birthNumber: opt(v.birthNumber) },
            receivedOn: opt(v.receivedOn),
            responsibleUserId: opt(v.responsibleUserId),
            note: opt(v.note),
          },
        }),
      );
      notify(t('requestCreated'));
      props.onCreated(created.id);
    },
  });
  return (
    <Modal open onOpenChange={(o) => !o && props.onClose()} title={t('newRequest')} description={t('requestsIntro')}>
      <Form form={form} submitLabel={t('create')}>
        <SelectField
          label={t('kind')}
          {...form.bind('kind')}
          onChange={(v) => form.set('kind', v as 'access' | 'erasure')}
          options={(['access', 'erasure'] as const).map((k) => ({ value: k, label: t(`kind_${k}`) }))}
        />
        <p class="muted">{t('identityHint')}</p>
        <Field label={t('subjectName')} {...form.bind('name')} error={form.error('subject.name')} />
        <Field label={t('subjectEmail')} type="email" {...form.bind('email')} error={form.error('subject.email')} />
        <Field
          label={t('subjectBirthNumber')}
          {...form.bind('birthNumber')}
          error={form.error('subject.birthNumber')}
        />
        <DateInput label={t('receivedOn')} {...form.bind('receivedOn')} />
        <Show when={members()}>
          {(list) => (
            <SelectField
              label={t('responsible')}
              {...form.bind('responsibleUserId')}
              options={[
                { value: '', label: t('choose') },
                ...list()
                  .filter((m) => m.userId)
                  .map((m) => ({ value: m.userId as string, label: m.name ? `${m.name} (${m.email})` : m.email })),
              ]}
            />
          )}
        </Show>
        <Field label={t('note')} multiline {...form.bind('note')} />
      </Form>
    </Modal>
  );
}
