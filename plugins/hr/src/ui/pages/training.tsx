import {
  Badge,
  Card,
  createForm,
  DateText,
  Field,
  Form,
  NumberInput,
  PageHeader,
  ResourceList,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useOT } from '../onboarding-messages.ts';
import { TRAINING_TONES as TONES } from '../statuses.ts';
import type { Course, Training } from '../types.ts';

/** Training: the courses with their validity, and the certificates — by default those expiring. */
export default function TrainingPage() {
  const t = useOT();
  const { tenant, api, can } = useTenant();
  const [courses, { refetch }] = createResource(() => api<{ items: Course[] }>('/hr/training/courses'));
  const [version, setVersion] = createSignal(0);
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
      <Card title={t('records')} padded={false}>
        <Show when={version() >= 0} keyed>
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
