import {
  Card,
  DateText,
  PageHeader,
  ResourceList,
  StatusBadge,
  statusOptions,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A } from '@solidjs/router';
import { useDeliveryT } from '../delivery-messages.ts';
import { useT } from '../messages.ts';
import { RUN_STATUSES } from '../statuses.ts';
import type { Run } from '../types.ts';
import { PlanRun } from './delivery-plan.tsx';

/** Dispatch: the delivery runs by date with their status, and the form that plans a new one. */
export default function DeliveryRuns() {
  const t = useT();
  const d = useDeliveryT();
  const i18n = useI18n();
  const { tenant } = useTenant();
  const base = () => `/t/${tenant().slug}/orders/delivery`;
  return (
    <div class="page">
      <PageHeader title={d('runs')} description={d('runsText')} />
      <PlanRun />
      <Card padded={false}>
        <ResourceList<Run>
          path="/orders/delivery/runs"
          caption={d('runs')}
          search={d('searchRuns')}
          defaultSort={{ key: 'date', dir: 'desc' }}
          filters={[
            { name: 'status', label: t('status'), type: 'select', options: statusOptions(RUN_STATUSES, i18n.text) },
            { name: 'date', label: t('date'), type: 'date' },
          ]}
          empty={{ title: d('noRuns'), description: d('noRunsText') }}
          rowKey={(r) => r.id}
          rowLabel={(r) => r.number}
          rowHref={(r) => `${base()}/${r.id}`}
          columns={[
            {
              header: t('number'),
              sort: 'number',
              cell: (r) => (
                <A class="cell-primary mono" href={`${base()}/${r.id}`}>
                  {r.number}
                </A>
              ),
            },
            { header: t('date'), sort: 'date', cell: (r) => <DateText value={r.date} /> },
            { header: d('stops'), cell: (r) => d('stopCount', { count: r.stopCount }) },
            { header: t('status'), cell: (r) => <StatusBadge status={r.status} statuses={RUN_STATUSES} /> },
          ]}
        />
      </Card>
    </div>
  );
}
