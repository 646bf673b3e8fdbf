import {
  Async,
  Badge,
  Button,
  Card,
  createForm,
  DataTable,
  EmptyState,
  Form,
  Modal,
  NumberInput,
  notify,
  StackedCell,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client } from '../../api/client.ts';
import { periodText } from './format.ts';
import { useRecordsT } from './messages.ts';

type Schedule = Awaited<ReturnType<typeof loadSchedule>>;
type ScheduleClass = Schedule['classes'][number];

const loadSchedule = async (tenant: string) =>
  unwrap(client.api.t[':tenant'].records.schedule.$get({ param: { tenant } }));

/** The retention schedule: every record class with its statutory sources, period, trigger and what is due. */
export default function RetentionSchedule() {
  const t = useRecordsT();
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const [schedule, { refetch }] = createResource(() => tenant().slug, loadSchedule);
  const [editing, setEditing] = createSignal<ScheduleClass | null>(null);
  const period = (p: { years: number; months: number }) => periodText(p, i18n.locale(), t('noPeriod'));

  return (
    <Async resource={schedule} refetch={refetch}>
      {(s) => (
        <Card
          title={t('tabSchedule')}
          actions={<span class="muted">{t('statutesVersion', { version: s.statutesVersion })}</span>}
        >
          <Show
            when={s.classes.length > 0}
            fallback={<EmptyState title={t('noClassesTitle')} description={t('noClassesText')} />}
          >
            <DataTable
              caption={t('tabSchedule')}
              rows={s.classes}
              rowKey={(c) => c.key}
              columns={[
                {
                  header: t('class'),
                  cell: (c) => <StackedCell primary={i18n.text(c.label)} secondary={c.key} />,
                },
                {
                  header: t('period'),
                  cell: (c) => (
                    <StackedCell
                      primary={
                        <>
                          {period(c.period)}{' '}
                          <Show when={c.lengthened}>
                            <Badge tone="info">{t('lengthened')}</Badge>
                          </Show>
                        </>
                      }
                      secondary={`${t('minimum')}: ${period(c.minimum)}`}
                    />
                  ),
                },
                { header: t('trigger'), cell: (c) => i18n.text(c.triggerLabel), hideOnMobile: true },
                { header: t('disposal'), cell: (c) => t(`disposal_${c.disposal}`), hideOnMobile: true },
                {
                  header: t('sources'),
                  hideOnMobile: true,
                  cell: (c) => (
                    <ul class="plain-list">
                      <For each={c.statutes}>
                        {(st) => (
                          <li>
                            <a href={st.url} target="_blank" rel="noopener noreferrer">
                              {st.source}
                            </a>{' '}
                            <span class="muted">{period(st.period)}</span>
                            <Show when={!st.verified}>
                              {' '}
                              <Badge tone="warning">{t('unverified')}</Badge>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                  ),
                },
                {
                  header: t('due'),
                  align: 'end',
                  cell: (c) => (
                    <StackedCell
                      primary={<span class="num">{t('dueCount', { count: c.due })}</span>}
                      secondary={c.held ? t('heldCount', { count: c.held }) : ''}
                    />
                  ),
                },
                {
                  header: <span class="sr-only">{t('change')}</span>,
                  align: 'end',
                  cell: (c) => (
                    <Show when={can('tenant.records.manage')}>
                      <Button
                        size="sm"
                        onClick={() => setEditing(c)}
                        aria-label={`${t('change')}: ${i18n.text(c.label)}`}
                      >
                        {t('change')}
                      </Button>
                    </Show>
                  ),
                },
              ]}
            />
          </Show>
          <Show when={editing()}>
            {(c) => (
              <PeriodDialog
                cls={c()}
                minimum={period(c().minimum)}
                onClose={() => setEditing(null)}
                onSaved={() => {
                  setEditing(null);
                  refetch();
                }}
              />
            )}
          </Show>
        </Card>
      )}
    </Async>
  );
}

function PeriodDialog(props: { cls: ScheduleClass; minimum: string; onClose: () => void; onSaved: () => void }) {
  const t = useRecordsT();
  const i18n = useI18n();
  const { tenant } = useTenant();
  const save = async (json: { years: number; months: number } | { standard: true }) => {
    await unwrap(
      client.api.t[':tenant'].records.classes[':key'].period.$put({
        param: { tenant: tenant().slug, key: props.cls.key },
        json,
      }),
    );
    notify(t('periodSaved'));
    props.onSaved();
  };
  const form = createForm({
    initial: { years: String(props.cls.period.years), months: String(props.cls.period.months) },
    onSubmit: (v) => save({ years: Number(v.years || '0'), months: Number(v.months || '0') }),
  });
  return (
    <Modal
      open
      onOpenChange={(o) => !o && props.onClose()}
      title={t('changeTitle', { class: i18n.text(props.cls.label) })}
      description={t('changeText', { minimum: props.minimum })}
    >
      <Form
        form={form}
        submitLabel={t('savePeriod')}
        actions={
          <Show when={props.cls.lengthened}>
            <Button variant="ghost" onClick={() => save({ standard: true })}>
              {t('resetStandard')}
            </Button>
          </Show>
        }
      >
        <div class="form-grid">
          <NumberInput label={t('years')} {...form.bind('years')} />
          <NumberInput label={t('months')} {...form.bind('months')} />
        </div>
      </Form>
    </Modal>
  );
}
