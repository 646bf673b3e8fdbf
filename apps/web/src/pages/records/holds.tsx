import {
  AsyncTable,
  Button,
  Card,
  ConfirmDialog,
  createForm,
  DateText,
  EmptyState,
  Field,
  Form,
  Modal,
  notify,
  SelectField,
  StackedCell,
  Toggle,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { client } from '../../api/client.ts';
import { subjectText } from './format.ts';
import { useRecordsT } from './messages.ts';

type Hold = Awaited<ReturnType<typeof loadHolds>>[number];

const loadHolds = async (p: { tenant: string; active: boolean }) =>
  (
    await unwrap(
      client.api.t[':tenant'].records.holds.$get({
        param: { tenant: p.tenant },
        query: { active: p.active ? 'true' : 'false' },
      }),
    )
  ).holds;

/** Legal holds: what is kept beyond its period, why and by whom; place and release. */
export default function LegalHolds() {
  const t = useRecordsT();
  const i18n = useI18n();
  const { tenant, can } = useTenant();
  const [showReleased, setShowReleased] = createSignal(false);
  const [holds, { refetch }] = createResource(() => ({ tenant: tenant().slug, active: !showReleased() }), loadHolds);
  const [placing, setPlacing] = createSignal(false);
  const [releasing, setReleasing] = createSignal<Hold | null>(null);
  const manage = () => can('tenant.records.holds');

  const what = (h: Hold) => {
    if (h.scope === 'subject') return subjectText(h.subject);
    if (h.scope === 'class') return h.recordClass ?? '';
    return `${h.recordClass ?? ''} · ${t('recordsCount', { count: h.recordIds?.length ?? 0 })}`;
  };

  return (
    <Card
      title={t('tabHolds')}
      actions={
        <>
          <Toggle label={t('showReleased')} checked={showReleased()} onChange={setShowReleased} />
          <Show when={manage()}>
            <Button variant="primary" onClick={() => setPlacing(true)}>
              {t('newHold')}
            </Button>
          </Show>
        </>
      }
    >
      <p class="muted">{t('holdsIntro')}</p>
      <AsyncTable
        resource={holds}
        refetch={refetch}
        caption={t('tabHolds')}
        rowKey={(h) => h.id}
        empty={<EmptyState title={t('noHoldsTitle')} description={t('noHoldsText')} />}
        columns={[
          { header: t('holdScope'), cell: (h) => <StackedCell primary={t(`scope_${h.scope}`)} secondary={what(h)} /> },
          { header: t('reason'), cell: (h) => h.reason },
          { header: t('placedBy'), cell: (h) => <DateText value={h.createdAt} time />, hideOnMobile: true },
          {
            header: <span class="sr-only">{t('release')}</span>,
            align: 'end',
            cell: (h) => (
              <Show
                when={!h.releasedAt}
                fallback={
                  <span class="muted">
                    {t('released')} {i18n.dateTime(h.releasedAt ?? '')}
                  </span>
                }
              >
                <Show when={manage()}>
                  <Button size="sm" onClick={() => setReleasing(h)}>
                    {t('release')}
                  </Button>
                </Show>
              </Show>
            ),
          },
        ]}
      />
      <Show when={placing()}>
        <PlaceHold
          onClose={() => setPlacing(false)}
          onPlaced={() => {
            setPlacing(false);
            refetch();
          }}
        />
      </Show>
      <ConfirmDialog
        open={releasing() !== null}
        onOpenChange={(o) => !o && setReleasing(null)}
        title={t('releaseTitle')}
        description={t('releaseText')}
        confirmLabel={t('release')}
        onConfirm={async () => {
          const h = releasing();
          if (!h) return;
          await unwrap(
            client.api.t[':tenant'].records.holds[':id'].release.$post({ param: { tenant: tenant().slug, id: h.id } }),
          );
          notify(t('holdReleased'));
          refetch();
        }}
      />
    </Card>
  );
}

function PlaceHold(props: { onClose: () => void; onPlaced: () => void }) {
  const t = useRecordsT();
  const i18n = useI18n();
  const { tenant } = useTenant();
  const [schedule] = createResource(
    () => tenant().slug,
    async (slug) => unwrap(client.api.t[':tenant'].records.schedule.$get({ param: { tenant: slug } })),
  );
  const form = createForm({
    initial: {
      scope: 'subject' as 'subject' | 'class' | 'records',
      name: '',
      email: '',
      birthNumber: '',
      recordClass: '',
      recordIds: '',
      reason: '',
    },
    onSubmit: async (v) => {
      const opt = (s: string) => (s.trim() ? s.trim() : undefined);
      const json =
        v.scope === 'subject'
          ? {
              scope: v.scope,
              subject: { name: opt(v.name), email: opt(v.email), birthNumber: opt(v.birthNumber) },
              reason: v.reason,
            }
          : {
              scope: v.scope,
              recordClass: v.recordClass,
              recordIds:
                v.scope === 'records'
                  ? v.recordIds
                      .split(/\s+/)
                      .map((x) => x.trim())
                      .filter(Boolean)
                  : undefined,
              reason: v.reason,
            };
      await unwrap(client.api.t[':tenant'].records.holds.$post({ param: { tenant: tenant().slug }, json }));
      notify(t('holdPlaced'));
      props.onPlaced();
    },
  });
  const classes = () => [
    { value: '', label: t('choose') },
    ...(schedule()?.classes ?? []).map((c) => ({ value: c.key, label: i18n.text(c.label) })),
  ];
  return (
    <Modal open onOpenChange={(o) => !o && props.onClose()} title={t('newHold')} description={t('holdsIntro')}>
      <Form form={form} submitLabel={t('placeHold')}>
        <SelectField
          label={t('holdScope')}
          {...form.bind('scope')}
          onChange={(v) => form.set('scope', v as 'subject' | 'class' | 'records')}
          options={(['subject', 'class', 'records'] as const).map((s) => ({ value: s, label: t(`scope_${s}`) }))}
        />
        <Switch>
          <Match when={form.values.scope === 'subject'}>
            <p class="muted">{t('identityHint')}</p>
            <Field
              label={t('subjectName')}
              {...form.bind('name')}
              error={form.error('subject') ?? form.error('subject.name')}
            />
            <Field label={t('subjectEmail')} type="email" {...form.bind('email')} error={form.error('subject.email')} />
            <Field
              label={t('subjectBirthNumber')}
              {...form.bind('birthNumber')}
              error={form.error('subject.birthNumber')}
            />
          </Match>
          <Match when={form.values.scope !== 'subject'}>
            <SelectField label={t('class')} {...form.bind('recordClass')} options={classes()} />
            <Show when={form.values.scope === 'records'}>
              <Field label={t('recordIds')} multiline {...form.bind('recordIds')} />
            </Show>
          </Match>
        </Switch>
        <Field label={t('reason')} description={t('reasonHint')} {...form.bind('reason')} />
      </Form>
    </Modal>
  );
}
