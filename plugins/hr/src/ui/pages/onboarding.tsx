import {
  Async,
  Button,
  Card,
  createForm,
  DateText,
  Field,
  Form,
  NumberInput,
  notify,
  PageHeader,
  ResourceList,
  SelectField,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ASSIGNEES } from '../../schema.ts';
import { useOT } from '../onboarding-messages.ts';
import type { Template } from '../types.ts';

interface OpenTask {
  id: string;
  title: string;
  assignee: (typeof ASSIGNEES)[number];
  dueDate: string;
  employeeId: string;
  employeeName: string;
  checklist: string;
}

type Draft = { name: string; position: string; tasks: { title: string; assignee: string; dueDays: string }[] };

const draftOf = (x?: Template): Draft => ({
  name: x?.name ?? '',
  position: x?.position ?? '',
  tasks: x?.tasks.map((k) => ({ title: k.title, assignee: k.assignee, dueDays: String(k.dueDays) })) ?? [
    { title: '', assignee: 'hr', dueDays: '0' },
  ],
});

/** One template in an editable form: name, position, tasks with who and when; save or delete. */
function TemplateForm(props: { template?: Template; onSaved: () => void }) {
  const t = useOT();
  const { api } = useTenant();
  const form = createForm<Draft>({
    initial: draftOf(props.template),
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        position: v.position.trim() || null,
        tasks: v.tasks.map((k) => ({ title: k.title, assignee: k.assignee, dueDays: Number(k.dueDays || 0) })),
      };
      const path = props.template ? `/hr/onboarding/templates/${props.template.id}` : '/hr/onboarding/templates';
      await api(path, { method: props.template ? 'PUT' : 'POST', body });
      notify(t('saved'));
      if (!props.template) form.set(draftOf());
      props.onSaved();
    },
  });
  const remove = async () => {
    if (!props.template) return;
    try {
      await api(`/hr/onboarding/templates/${props.template.id}`, { method: 'DELETE' });
      props.onSaved();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'danger');
    }
  };
  return (
    <Form
      form={form}
      submitLabel={t('save')}
      label={props.template?.name ?? t('newTemplate')}
      actions={
        <Show when={props.template}>
          <Button variant="danger" onClick={() => void remove()}>
            {t('delete')}
          </Button>
        </Show>
      }
    >
      <div class="form-grid">
        <Field label={t('templateName')} {...form.bind('name')} required />
        <Field label={t('position')} {...form.bind('position')} description={t('positionHint')} />
      </div>
      <ol class="stack" aria-label={t('tasks')}>
        <For each={form.values.tasks}>
          {(_, i) => (
            <li class="form-grid">
              <Field label={t('taskTitle', { n: i() + 1 })} {...form.bind(`tasks.${i()}.title`)} required />
              <SelectField
                label={t('assigneeOf', { n: i() + 1 })}
                {...form.bind(`tasks.${i()}.assignee`)}
                options={ASSIGNEES.map((a) => ({ value: a, label: t(a) }))}
              />
              <NumberInput label={t('dueDaysOf', { n: i() + 1 })} {...form.bind(`tasks.${i()}.dueDays`)} decimals={0} />
              <Button
                variant="ghost"
                size="sm"
                disabled={form.values.tasks.length === 1}
                onClick={() =>
                  form.set(
                    'tasks',
                    form.values.tasks.filter((_x, k) => k !== i()),
                  )
                }
              >
                {t('removeTask', { n: i() + 1 })}
              </Button>
            </li>
          )}
        </For>
      </ol>
      <Button
        variant="secondary"
        onClick={() => form.set('tasks', [...form.values.tasks, { title: '', assignee: 'hr', dueDays: '0' }])}
      >
        {t('addTask')}
      </Button>
    </Form>
  );
}

/** Onboarding: the checklist templates per position, and the open tasks of every hire. */
export default function Onboarding() {
  const t = useOT();
  const { tenant, api, can } = useTenant();
  const [templates, { refetch }] = createResource(() => api<{ items: Template[] }>('/hr/onboarding/templates'));
  const [adding, setAdding] = createSignal(false);
  const assignees = ASSIGNEES.map((a) => ({ value: a, label: t(a) }));
  return (
    <div class="page">
      <PageHeader
        title={t('onboarding')}
        description={t('onboardingSubtitle')}
        actions={
          <Show when={can('hr.people.manage') && !adding()}>
            <Button variant="primary" onClick={() => setAdding(true)}>
              {t('newTemplate')}
            </Button>
          </Show>
        }
      />
      <Show when={adding()}>
        <Card title={t('newTemplate')}>
          <TemplateForm
            onSaved={() => {
              setAdding(false);
              void refetch();
            }}
          />
        </Card>
      </Show>
      <Async resource={templates} refetch={refetch}>
        {(list) => (
          <For each={list.items}>
            {(x) => (
              <Card title={`${x.name} · ${x.position ?? t('defaultTemplate')}`}>
                <Show
                  when={can('hr.people.manage')}
                  fallback={
                    <ul>
                      <For each={x.tasks}>
                        {(k) => (
                          <li>
                            {k.title} · {t(k.assignee)} · {k.dueDays}
                          </li>
                        )}
                      </For>
                    </ul>
                  }
                >
                  <TemplateForm template={x} onSaved={() => void refetch()} />
                </Show>
              </Card>
            )}
          </For>
        )}
      </Async>
      <Card title={t('openTasks')} padded={false}>
        <ResourceList<OpenTask>
          load={(q) =>
            api<{ items: OpenTask[]; nextCursor: string | null }>('/hr/onboarding/tasks', {
              query: { ...q, open: 'true' },
            })
          }
          caption={t('openTasks')}
          search={t('search')}
          defaultSort={{ key: 'dueDate', dir: 'asc' }}
          filters={[{ name: 'assignee', label: t('assignee'), type: 'segmented', options: assignees }]}
          empty={{ title: t('openTasksEmpty'), description: t('openTasksEmptyText') }}
          rowKey={(k) => k.id}
          rowLabel={(k) => k.title}
          rowHref={(k) => `/t/${tenant().slug}/hr/employees/${k.employeeId}?tab=onboarding`}
          columns={[
            {
              header: t('employee'),
              cell: (k) => (
                <A class="cell-primary" href={`/t/${tenant().slug}/hr/employees/${k.employeeId}?tab=onboarding`}>
                  {k.employeeName}
                </A>
              ),
            },
            { header: t('task'), cell: (k) => k.title },
            { header: t('assignee'), cell: (k) => t(k.assignee) },
            { header: t('due'), sort: 'dueDate', cell: (k) => <DateText value={k.dueDate} /> },
          ]}
        />
      </Card>
    </div>
  );
}
