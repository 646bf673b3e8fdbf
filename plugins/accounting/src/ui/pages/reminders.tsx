import {
  AsyncTable,
  Badge,
  Button,
  businessToday,
  Card,
  DateText,
  EmptyState,
  NumberInput,
  notify,
  PageHeader,
  problemMessage,
  StackedCell,
  Toggle,
  unwrap,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { useAccounting, useAccountingUrl } from '../api.ts';
import { Amount, type MessageKey, useBase, useT } from '../ui.tsx';

type Level = 1 | 2 | 3;
type Reminder = { id: string; level: Level; status: 'prepared' | 'sent'; sentAt: string | null };
type Row = {
  customer: string;
  email: string | null;
  id: string;
  number: string;
  dueDate: string;
  daysOverdue: number;
  currency: string;
  remaining: string;
  interest: string | null;
  nextLevel: Level | null;
  reminders: Reminder[];
};

/**
 * Reminders (upomínky): the overdue invoices per customer as of a day with the rest, the statutory
 * interest and the reminders so far; sends the next level of one; and the tenant's levels.
 */
export default function Reminders() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const url = useAccountingUrl();
  const base = useBase();
  const { tenant, can } = useTenant();
  const [asOf, setAsOf] = createSignal(businessToday());
  const [run, { refetch }] = createResource(
    () => `${tenant().slug}:${asOf()}`,
    async () => {
      const r = await unwrap(api().reminders.run.$get({ query: { asOf: asOf() } }));
      return r.customers.flatMap((c) =>
        c.invoices.map((i) => ({ customer: c.partner.name, email: c.partner.email, ...i }) as Row),
      );
    },
  );
  const [busy, setBusy] = createSignal<string | null>(null);

  const send = async (row: Row) => {
    setBusy(row.id);
    try {
      const r = await unwrap(api().invoices[':id'].reminders.$post({ param: { id: row.id } }));
      notify(
        r.sentTo
          ? t('rem.sentTo', { level: t(`rem.level.${r.level}` as MessageKey), number: row.number, to: r.sentTo })
          : t('rem.recorded', { level: t(`rem.level.${r.level}` as MessageKey), number: row.number }),
      );
      refetch();
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="page acc">
      <PageHeader title={t('rem.title')} description={t('rem.subtitle')} />
      <Card padded={false} title={t('rem.overdue')}>
        <div class="toolbar">
          <label class="inline-field">
            <span>{t('rem.asOf')}</span>
            <input
              class="input auto"
              type="date"
              name="asOf"
              value={asOf()}
              onChange={(e) => e.currentTarget.value && setAsOf(e.currentTarget.value)}
            />
          </label>
        </div>
        <AsyncTable
          resource={run}
          refetch={refetch}
          caption={t('rem.overdue')}
          rowKey={(r) => r.id}
          empty={<EmptyState title={t('rem.none')} />}
          columns={[
            {
              header: t('doc.number'),
              cell: (r) => (
                <StackedCell
                  primary={
                    <A href={`${base()}/invoices/${r.id}`} class="mono">
                      {r.number}
                    </A>
                  }
                  secondary={r.customer}
                />
              ),
            },
            { header: t('doc.dueDate'), hideOnMobile: true, cell: (r) => <DateText value={r.dueDate} /> },
            { header: t('rem.days'), align: 'end', hideOnMobile: true, cell: (r) => r.daysOverdue },
            {
              header: t('doc.remaining'),
              align: 'end',
              cell: (r) => <Amount value={r.remaining} currency={r.currency} />,
            },
            {
              header: t('rem.interest'),
              align: 'end',
              hideOnMobile: true,
              cell: (r) => (r.interest ? <Amount value={r.interest} currency={r.currency} /> : '—'),
            },
            {
              header: t('rem.sent'),
              hideOnMobile: true,
              cell: (r) => (
                <span class="row">
                  <For each={r.reminders}>
                    {(m) => (
                      <a href={url(`/reminders/${m.id}/pdf`)} download="" title={t('rem.pdf')}>
                        <Badge tone={m.status === 'sent' ? 'neutral' : 'info'}>
                          {t(`rem.level.${m.level}` as MessageKey)}
                          {m.status === 'prepared' ? ` (${t('rem.prepared')})` : ''}
                        </Badge>
                      </a>
                    )}
                  </For>
                </span>
              ),
            },
            {
              header: <span class="sr-only">{t('common.actions')}</span>,
              align: 'end',
              cell: (r) => (
                <Show when={can('accounting.post') && r.nextLevel && asOf() === businessToday()}>
                  <Button
                    size="sm"
                    variant="secondary"
                    loading={busy() === r.id}
                    data-testid={`rem-send-${r.number}`}
                    onClick={() => send(r)}
                  >
                    {t('rem.send', { level: t(`rem.level.${r.nextLevel as Level}` as MessageKey) })}
                  </Button>
                </Show>
              ),
            },
          ]}
        />
      </Card>
      <Show when={can('accounting.admin')}>
        <LevelSettings />
      </Show>
    </div>
  );
}

function LevelSettings() {
  const t = useT();
  const i18n = useI18n();
  const api = useAccounting();
  const [settings, { mutate }] = createResource(async () => unwrap(api().reminders.settings.$get()));
  const [saving, setSaving] = createSignal(false);
  const set = (key: 'firstDays' | 'secondDays' | 'finalDays', value: string) => {
    const s = settings();
    if (s) mutate({ ...s, [key]: Number(value) });
  };
  const save = async () => {
    const s = settings();
    if (!s) return;
    setSaving(true);
    try {
      mutate(await unwrap(api().reminders.settings.$put({ json: s })));
      notify(t('rem.saved'));
    } catch (err) {
      notify(problemMessage(err, i18n.t), 'danger');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('rem.levels')}>
      <p class="muted">{t('rem.levelsHint')}</p>
      <Show when={settings()}>
        {(s) => (
          <>
            <div class="form-grid">
              <NumberInput
                label={t('rem.firstDays')}
                name="firstDays"
                value={String(s().firstDays)}
                onChange={(v) => set('firstDays', v)}
              />
              <NumberInput
                label={t('rem.secondDays')}
                name="secondDays"
                value={String(s().secondDays)}
                onChange={(v) => set('secondDays', v)}
              />
              <NumberInput
                label={t('rem.finalDays')}
                name="finalDays"
                value={String(s().finalDays)}
                onChange={(v) => set('finalDays', v)}
              />
            </div>
            <Toggle
              label={t('rem.autoSend')}
              checked={s().autoSend}
              onChange={(v) => mutate({ ...s(), autoSend: v })}
            />
            <div class="row">
              <Button variant="primary" loading={saving()} onClick={save} data-testid="rem-save-levels">
                {t('rem.saveLevels')}
              </Button>
            </div>
          </>
        )}
      </Show>
    </Card>
  );
}
