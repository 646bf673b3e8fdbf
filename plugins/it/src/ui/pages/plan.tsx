import {
  Async,
  Badge,
  Button,
  DataTable,
  DateText,
  DetailPage,
  formatNumber,
  notify,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { Plan } from '../../server/routes/maintenance.ts';
import { figure } from '../figure.tsx';
import { intervalText } from '../maintenance-format.ts';
import { useMT } from '../maintenance-messages.ts';

/** One maintenance plan: its rule, checklist, and where each covered asset stands (next due, last done, open work orders). */
export default function PlanPage() {
  const t = useMT();
  const i18n = useI18n();
  const params = useParams<{ id: string }>();
  const { tenant, api, can } = useTenant();
  const [plan, { refetch }] = createResource(
    () => params.id,
    (id) => api<Plan>(`/it/maintenance/plans/${id}`),
  );
  const base = () => `/t/${tenant().slug}/it`;
  const setActive = async (active: boolean) => {
    await api(`/it/maintenance/plans/${params.id}/active`, { method: 'POST', body: { active } });
    notify(active ? t('active') : t('paused'));
    void refetch();
  };
  return (
    <Async resource={plan} refetch={refetch}>
      {(p) => (
        <DetailPage
          title={p.title}
          subtitle={p.target}
          status={<Badge tone={p.active ? 'success' : 'neutral'}>{p.active ? t('active') : t('paused')}</Badge>}
          back={{ href: `${base()}/maintenance`, label: t('maintenance') }}
          actions={
            <Show when={can('it.maintenance.manage')}>
              <Button variant="secondary" onClick={() => void setActive(!p.active)}>
                {p.active ? t('pause') : t('resume')}
              </Button>
            </Show>
          }
          tabs={[
            {
              id: 'overview',
              label: t('plans'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    {figure(t('interval'), intervalText(t, p))}
                    <Show when={p.kind !== 'meter'}>
                      {figure(t('basis'), p.basis === 'fixed' ? t('fixed') : t('floating'))}
                      {figure(t('startsOn'), <DateText value={p.startsOn} />)}
                      {figure(t('leadDays'), String(p.leadDays))}
                    </Show>
                    {figure(t('nextDue'), <DateText value={p.nextDueAt} />)}
                    <Show when={p.nextMeter !== null}>
                      {figure(t('nextMeter'), `${formatNumber(p.nextMeter ?? 0, i18n.locale())} ${t(p.meter ?? 'km')}`)}
                    </Show>
                  </dl>
                  <h3>{t('checklist')}</h3>
                  <ol>
                    <For each={p.checklist}>{(c) => <li>{c}</li>}</For>
                  </ol>
                  <Show when={p.instructions}>
                    <p>{p.instructions}</p>
                  </Show>
                  <DataTable
                    caption={t('plans')}
                    rows={p.schedule}
                    rowKey={(s) => s.assetId}
                    columns={[
                      {
                        header: t('asset'),
                        cell: (s) => (
                          <A class="cell-primary" href={`${base()}/assets/${s.assetId}`}>
                            <span class="mono">{s.tag}</span> {s.name}
                          </A>
                        ),
                      },
                      {
                        header: t('nextDue'),
                        cell: (s) =>
                          s.nextMeter !== null ? (
                            `${formatNumber(s.nextMeter, i18n.locale())} ${t(p.meter ?? 'km')}`
                          ) : (
                            <DateText value={s.nextDueOn} />
                          ),
                      },
                      { header: t('lastDone'), hideOnMobile: true, cell: (s) => <DateText value={s.lastDoneOn} /> },
                      { header: t('stateOpen'), cell: (s) => String(s.openWorkOrders) },
                    ]}
                  />
                </div>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}
