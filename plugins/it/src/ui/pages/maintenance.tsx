import {
  AsyncTable,
  Badge,
  Card,
  DateText,
  formatNumber,
  PageHeader,
  ResourceList,
  StatusBadge,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Plan, WorkOrder } from '../../server/routes/maintenance.ts';
import { intervalText } from '../maintenance-format.ts';
import { useMT, WORK_ORDER_STATUSES } from '../maintenance-messages.ts';

/** Maintenance: work orders (overdue, open, upcoming, closed; search, export) and the plans with their next due dates. */
export default function Maintenance() {
  const t = useMT();
  const i18n = useI18n();
  const { tenant, api, can } = useTenant();
  const base = () => `/t/${tenant().slug}/it/maintenance`;
  const [plans, { refetch }] = createResource(
    async () => (await api<{ items: Plan[] }>('/it/maintenance/plans')).items,
  );
  const newButton = () => (
    <>
      <A class="btn btn-secondary" href={`${base()}/calendar`}>
        {t('calendar')}
      </A>
      <Show when={can('it.maintenance.manage')}>
        <A class="btn btn-primary" href={`${base()}/plans/new`}>
          {t('newPlan')}
        </A>
      </Show>
    </>
  );
  return (
    <div class="page">
      <PageHeader title={t('maintenance')} description={t('maintenanceText')} actions={newButton()} />
      <Card title={t('workOrders')} padded={false}>
        <ResourceList<WorkOrder>
          path="/it/maintenance/work-orders"
          caption={t('workOrders')}
          search={t('search')}
          defaultSort={{ key: 'dueOn', dir: 'asc' }}
          filters={[
            {
              name: 'state',
              label: t('state'),
              type: 'segmented',
              options: [
                { value: 'overdue', label: t('stateOverdue') },
                { value: 'open', label: t('stateOpen') },
                { value: 'upcoming', label: t('stateUpcoming') },
                { value: 'closed', label: t('stateClosed') },
              ],
            },
          ]}
          empty={{ title: t('noWorkOrders'), description: t('noWorkOrdersText') }}
          rowKey={(w) => w.id}
          rowLabel={(w) => w.number}
          rowHref={(w) => `${base()}/work-orders/${w.id}`}
          columns={[
            {
              header: t('number'),
              sort: 'number',
              cell: (w) => (
                <A class="cell-primary mono" href={`${base()}/work-orders/${w.id}`}>
                  {w.number}
                </A>
              ),
            },
            { header: t('asset'), cell: (w) => `${w.assetTag} ${w.assetName}` },
            { header: t('title'), hideOnMobile: true, cell: (w) => w.title },
            { header: t('due'), sort: 'dueOn', cell: (w) => <DateText value={w.dueOn} /> },
            {
              header: t('status'),
              cell: (w) => <StatusBadge status={w.overdue ? 'overdue' : w.status} statuses={WORK_ORDER_STATUSES} />,
            },
          ]}
        />
      </Card>
      <Card title={t('plans')} padded={false}>
        <AsyncTable<Plan>
          resource={plans}
          refetch={refetch}
          caption={t('plans')}
          empty={<p class="muted">{t('noPlansText')}</p>}
          rowKey={(p) => p.id}
          columns={[
            {
              header: t('planTitle'),
              cell: (p) => (
                <A class="cell-primary" href={`${base()}/plans/${p.id}`}>
                  {p.title}
                </A>
              ),
            },
            { header: t('target'), hideOnMobile: true, cell: (p) => p.target },
            { header: t('interval'), hideOnMobile: true, cell: (p) => intervalText(t, p) },
            {
              header: t('nextDue'),
              cell: (p) =>
                p.nextMeter !== null ? (
                  `${formatNumber(p.nextMeter, i18n.locale())} ${t(p.meter ?? 'km')}`
                ) : (
                  <DateText value={p.nextDueAt} />
                ),
            },
            {
              header: t('status'),
              hideOnMobile: true,
              cell: (p) => (
                <Badge tone={p.active ? 'success' : 'neutral'}>{p.active ? t('active') : t('paused')}</Badge>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
