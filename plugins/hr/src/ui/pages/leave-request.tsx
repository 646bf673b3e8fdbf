import { Async, DateText, DetailPage, StatusBadge, useTenant, WorkflowPanel } from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { useT } from '../messages.ts';
import { LEAVE_STATUSES } from '../statuses.ts';

interface Leave {
  id: string;
  employeeId: string;
  employeeName: string;
  kind: 'holiday' | 'sick' | 'other';
  startDate: string;
  endDate: string;
  days: string;
  status: string;
  note: string | null;
}
interface Balance {
  entitlement: number;
  approved: number;
  requested: number;
  remaining: number;
}

/** One leave request: dates, working days, the employee's holiday balance, approve / reject / cancel. */
export default function LeaveRequest() {
  const t = useT();
  const params = useParams<{ id: string }>();
  const { tenant, api } = useTenant();
  const [leave, { refetch }] = createResource(
    () => params.id,
    (id) => api<Leave>(`/hr/leave/${id}`),
  );
  const [bal, { refetch: refetchBalance }] = createResource(leave, (l) =>
    api<Balance>(`/hr/employees/${l.employeeId}/leave-balance?year=${l.startDate.slice(0, 4)}`),
  );
  return (
    <Async resource={leave} refetch={refetch}>
      {(l) => (
        <DetailPage
          title={`${t(l.kind)}: ${l.employeeName}`}
          status={<StatusBadge status={l.status} statuses={LEAVE_STATUSES} />}
          back={{ href: `/t/${tenant().slug}/hr/leave`, label: t('leave') }}
          tabs={[
            {
              id: 'overview',
              label: t('overview'),
              content: () => (
                <div class="stack">
                  <dl class="figures">
                    <div class="figure">
                      <dt>{t('from')}</dt>
                      <dd>
                        <DateText value={l.startDate} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('to')}</dt>
                      <dd>
                        <DateText value={l.endDate} />
                      </dd>
                    </div>
                    <div class="figure">
                      <dt>{t('workingDays')}</dt>
                      <dd>{l.days}</dd>
                    </div>
                    <div class="figure">
                      <dt>{t('entitlement')}</dt>
                      <dd>{bal()?.entitlement ?? '…'}</dd>
                    </div>
                    <div class="figure">
                      <dt>{t('remaining')}</dt>
                      <dd>{bal()?.remaining ?? '…'}</dd>
                    </div>
                  </dl>
                  <WorkflowPanel
                    path={`/hr/leave/${l.id}`}
                    onChange={() => {
                      void refetch();
                      void refetchBalance();
                    }}
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
