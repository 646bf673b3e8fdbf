import {
  Badge,
  Card,
  createForm,
  DataTable,
  DateInput,
  DateText,
  EmptyState,
  Field,
  Form,
  LoadingState,
  notify,
  SelectField,
  Toggle,
  useTenant,
} from '@bureau/core/ui';
import { createResource, For, Show } from 'solid-js';
import { useOT } from '../onboarding-messages.ts';
import { TRAINING_TONES as TONES } from '../statuses.ts';
import type { Checklist, Course, Template, Training } from '../types.ts';

/** An employee's onboarding checklists: tasks ticked off in place (hr.onboarding.work), or one started. */
export function OnboardingTab(props: { employeeId: string }) {
  const t = useOT();
  const { api, can } = useTenant();
  const [lists, { mutate, refetch }] = createResource(
    () => props.employeeId,
    (id) => api<{ items: Checklist[] }>(`/hr/employees/${id}/onboarding`),
  );
  const [templates] = createResource(
    () => can('hr.people.manage'),
    (ok) => (ok ? api<{ items: Template[] }>('/hr/onboarding/templates') : { items: [] as Template[] }),
  );
  const tick = async (taskId: string, done: boolean) => {
    try {
      mutate(
        await api<{ items: Checklist[] }>(`/hr/onboarding/tasks/${taskId}/${done ? 'done' : 'reopen'}`, {
          method: 'POST',
        }),
      );
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'danger');
      void refetch();
    }
  };
  const start = createForm({
    initial: { templateId: '' },
    onSubmit: async (v) => {
      mutate(
        await api<{ items: Checklist[] }>(`/hr/employees/${props.employeeId}/onboarding`, {
          method: 'POST',
          body: v,
        }),
      );
    },
  });
  return (
    <Show when={lists()} fallback={<LoadingState rows={3} />}>
      {(l) => (
        <div class="stack">
          <Show when={!l().items.length}>
            <EmptyState title={t('noChecklist')} description={t('noChecklistText')} />
          </Show>
          <For each={l().items}>
            {(c) => (
              <Card
                title={c.name}
                actions={<Badge tone="info">{t('progress', { done: c.done, total: c.total })}</Badge>}
              >
                <ul class="hr-cards" data-testid="onboarding-tasks" aria-label={c.name}>
                  <For each={c.tasks}>
                    {(task) => (
                      <li class="hr-card">
                        <Toggle
                          label={task.title}
                          checked={task.done}
                          disabled={!can('hr.onboarding.work')}
                          onChange={(v) => void tick(task.id, v)}
                        />
                        <span class="muted">
                          {t(task.assignee)} · {t('due')}: <DateText value={task.dueDate} />
                          <Show when={task.doneBy}> · {t('doneBy', { who: task.doneBy ?? '' })}</Show>
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Card>
            )}
          </For>
          <Show when={can('hr.people.manage') && (templates()?.items.length ?? 0) > 0}>
            <Card title={t('startChecklist')}>
              <Form form={start} submitLabel={t('startChecklist')}>
                <SelectField
                  label={t('template')}
                  {...start.bind('templateId')}
                  options={[
                    { value: '', label: t('none') },
                    ...(templates()?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
                  ]}
                />
              </Form>
            </Card>
          </Show>
        </div>
      )}
    </Show>
  );
}

/** An employee's trainings with their validity, and recording a new one. */
export function TrainingTab(props: { employeeId: string }) {
  const t = useOT();
  const { api, can } = useTenant();
  const [records, { refetch }] = createResource(
    () => props.employeeId,
    (id) => api<{ items: Training[] }>(`/hr/training/records?employeeId=${id}&sort=completedOn&dir=desc&limit=200`),
  );
  const [courses] = createResource(() => api<{ items: Course[] }>('/hr/training/courses'));
  const form = createForm({
    initial: { courseId: '', completedOn: '', certificate: '' },
    onSubmit: async (v) => {
      await api('/hr/training/records', {
        method: 'POST',
        body: {
          employeeId: props.employeeId,
          courseId: v.courseId,
          completedOn: v.completedOn,
          ...(v.certificate ? { certificate: v.certificate } : {}),
        },
      });
      form.set({ completedOn: '', certificate: '' });
      void refetch();
    },
  });
  return (
    <div class="stack">
      <Show when={records()} fallback={<LoadingState rows={2} />}>
        {(r) => (
          <Show
            when={r().items.length}
            fallback={<EmptyState title={t('recordsEmpty')} description={t('recordsEmptyText')} />}
          >
            <DataTable<Training>
              caption={t('records')}
              rows={r().items}
              rowKey={(x) => x.id}
              columns={[
                { header: t('courseName'), cell: (x) => x.courseName },
                { header: t('completedOn'), cell: (x) => <DateText value={x.completedOn} /> },
                {
                  header: t('expiresOn'),
                  cell: (x) => (x.expiresOn ? <DateText value={x.expiresOn} /> : t('noExpiry')),
                },
                { header: t('status'), cell: (x) => <Badge tone={TONES[x.status]}>{t(x.status)}</Badge> },
                { header: t('certificate'), hideOnMobile: true, cell: (x) => x.certificate ?? '' },
              ]}
            />
          </Show>
        )}
      </Show>
      <Show when={can('hr.people.manage')}>
        <Card title={t('recordTraining')}>
          <Form form={form} submitLabel={t('recordTraining')}>
            <div class="form-grid">
              <SelectField
                label={t('courseName')}
                {...form.bind('courseId')}
                options={[
                  { value: '', label: t('none') },
                  ...(courses()?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
                ]}
              />
              <DateInput label={t('completedOn')} {...form.bind('completedOn')} required />
              <Field label={t('certificate')} {...form.bind('certificate')} />
            </div>
          </Form>
        </Card>
      </Show>
    </div>
  );
}
