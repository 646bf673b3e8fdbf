import {
  Badge,
  Card,
  createForm,
  DataTable,
  DateInput,
  DateText,
  Field,
  Form,
  NumberInput,
  PageHeader,
  ResourceList,
  SelectField,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useOT } from '../onboarding-messages.ts';
import { TRAINING_TONES as TONES } from '../statuses.ts';
import type { Course, Person, Session, Training } from '../types.ts';

/** Training: the courses with their validity, and the certificates — by default those expiring. */
export default function TrainingPage() {
  const t = useOT();
  const navigate = useNavigate();
  const { tenant, api, can } = useTenant();
  const [courses, { refetch }] = createResource(() => api<{ items: Course[] }>('/hr/training/courses'));
  const [version, setVersion] = createSignal(0);
  const [sessions] = createResource(() => api<{ items: Session[] }>('/hr/training/sessions'));
  const [people] = createResource(() => api<{ items: Person[] }>('/hr/employees?status=active&limit=200'));
  const [invited, setInvited] = createSignal<string[]>([]);
  const plan = createForm({
    initial: { courseId: '', heldOn: '', place: '' },
    onSubmit: async (v) => {
      const s = await api<Session>('/hr/training/sessions', {
        method: 'POST',
        body: { ...v, place: v.place || undefined, employeeIds: invited() },
      });
      navigate(`/t/${tenant().slug}/hr/training/sessions/${s.id}`);
    },
  });
  const form = createForm({
    initial: { name: '', validityMonths: '', remindDays: '30' },
    onSubmit: async (v) => {
      await api('/hr/training/courses', {
        method: 'POST',
        body: {
          name: v.name,
          validityMonths: v.validityMonths ? Number(v.validityMonths) : null,
          remindDays: Number(v.remindDays || 30),
        },
      });
      form.set({ name: '', validityMonths: '' });
      void refetch();
      setVersion(version() + 1);
    },
  });
  return (
    <div class="page">
      <PageHeader title={t('training')} description={t('trainingSubtitle')} />
      <Card title={t('courses')}>
        <div class="stack">
          <ul>
            <For each={courses()?.items ?? []}>
              {(c) => (
                <li>
                  <strong>{c.name}</strong> ·{' '}
                  {c.validityMonths ? `${t('validityMonths')}: ${c.validityMonths}` : t('noExpiry')} · {t('remindDays')}
                  : {c.remindDays}
                </li>
              )}
            </For>
          </ul>
          <Show when={can('hr.people.manage')}>
            <Form form={form} submitLabel={t('newCourse')} label={t('newCourse')}>
              <div class="form-grid">
                <Field label={t('courseName')} {...form.bind('name')} required />
                <NumberInput
                  label={t('validityMonths')}
                  {...form.bind('validityMonths')}
                  decimals={0}
                  description={t('validityHint')}
                />
                <NumberInput label={t('remindDays')} {...form.bind('remindDays')} decimals={0} />
              </div>
            </Form>
          </Show>
        </div>
      </Card>
      <Card title={t('sessions')}>
        <div class="stack">
          <Show when={(sessions()?.items ?? []).length} fallback={<p class="muted">{t('sessionsEmpty')}</p>}>
            <DataTable<Session>
              caption={t('sessions')}
              rows={sessions()?.items ?? []}
              rowKey={(x) => x.id}
              columns={[
                {
                  header: t('courseName'),
                  cell: (x) => (
                    <A class="cell-primary" href={`/t/${tenant().slug}/hr/training/sessions/${x.id}`}>
                      {x.courseName}
                    </A>
                  ),
                },
                { header: t('heldOn'), cell: (x) => <DateText value={x.heldOn} /> },
                {
                  header: t('attendees'),
                  cell: (x) =>
                    x.attendees.some((a) => a.attended !== null)
                      ? t('attendedCount', {
                          attended: x.attendees.filter((a) => a.attended).length,
                          listed: x.attendees.length,
                        })
                      : t('notRecorded'),
                },
              ]}
            />
          </Show>
          <Show when={can('hr.people.manage')}>
            <Form form={plan} submitLabel={t('newSession')} label={t('newSession')}>
              <div class="form-grid">
                <SelectField
                  label={t('courseName')}
                  {...plan.bind('courseId')}
                  options={[
                    { value: '', label: '—' },
                    ...(courses()?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
                  ]}
                />
                <DateInput label={t('heldOn')} {...plan.bind('heldOn')} required />
                <Field label={t('place')} {...plan.bind('place')} />
              </div>
              <fieldset class="stack">
                <legend>{t('attendees')}</legend>
                <For each={people()?.items ?? []}>
                  {(p) => (
                    <Toggle
                      label={p.name}
                      checked={invited().includes(p.id)}
                      onChange={(on) => setInvited(on ? [...invited(), p.id] : invited().filter((x) => x !== p.id))}
                    />
                  )}
                </For>
              </fieldset>
            </Form>
          </Show>
        </div>
      </Card>
      <Card title={t('records')} padded={false}>
        <Show when={version() + 1} keyed>
          <ResourceList<Training>
            path="/hr/training/records"
            caption={t('records')}
            search={t('search')}
            defaultSort={{ key: 'expiresOn', dir: 'asc' }}
            filters={[
              {
                name: 'view',
                label: t('view'),
                type: 'segmented',
                options: [
                  { value: 'due', label: t('viewDue') },
                  { value: 'current', label: t('viewCurrent') },
                  { value: 'all', label: t('viewAll') },
                ],
              },
            ]}
            empty={{ title: t('recordsEmpty'), description: t('recordsEmptyText') }}
            rowKey={(x) => x.id}
            rowLabel={(x) => `${x.employeeName} ${x.courseName}`}
            rowHref={(x) => `/t/${tenant().slug}/hr/employees/${x.employeeId}?tab=training`}
            columns={[
              {
                header: t('employee'),
                cell: (x) => (
                  <A class="cell-primary" href={`/t/${tenant().slug}/hr/employees/${x.employeeId}?tab=training`}>
                    {x.employeeName}
                  </A>
                ),
              },
              { header: t('courseName'), cell: (x) => x.courseName },
              { header: t('completedOn'), hideOnMobile: true, cell: (x) => <DateText value={x.completedOn} /> },
              {
                header: t('expiresOn'),
                sort: 'expiresOn',
                cell: (x) => (x.expiresOn ? <DateText value={x.expiresOn} /> : t('noExpiry')),
              },
              { header: t('status'), cell: (x) => <Badge tone={TONES[x.status]}>{t(x.status)}</Badge> },
            ]}
          />
        </Show>
      </Card>
    </div>
  );
}
