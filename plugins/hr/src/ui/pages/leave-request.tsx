import { Async, DateText, DetailPage, StatusBadge, useI18n, useTenant, WorkflowPanel } from '@bureau/core/ui';
import { useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { hoursDays } from '../hours.ts';
import { useT } from '../messages.ts';
import { LEAVE_STATUSES } from '../statuses.ts';

interface Leave {
  id: string;
  employeeId: string;
  employeeName: string;
  kind: 'holiday' | 'sick' | 'other' | 'unpaid';
  startDate: string;
  endDate: string;
  days: string;
  hours: string;
  status: string;
  note: string | null;
}
interface Balance {
  entitlementHours: number;
  remainingHours: number;
  entitlement: number;
  remaining: number;
  basis: 'set' | 'year' | 'pro_rata' | 'agreement' | 'none';
  weeksWorked: number | null;
  weeks: number;
}

/** One leave request: dates, hours (days derived), the employee's holiday balance, approve / reject / cancel. */
export default function LeaveRequest() {
  const t = useT();
  const i18n = useI18n();
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
                      <dt>{t('length')}</dt>
                      <dd>{hoursDays(t, i18n, l.hours, l.days)}</dd>
                    </div>
                    <Show when={bal()}>
                      {(b) => (
                        <>
                          <div class="figure">
                            <dt>{t('entitlement')}</dt>
                            <dd>{hoursDays(t, i18n, b().entitlementHours, b().entitlement)}</dd>
                          </div>
                          <div class="figure">
                            <dt>{t('remaining')}</dt>
                            <dd>{hoursDays(t, i18n, b().remainingHours, b().remaining)}</dd>
                          </div>
                        </>
                      )}
                    </Show>
                  </dl>
                  <Show when={bal()}>
                    {(b) => (
                      <p class="muted">{t(`basis_${b().basis}`, { weeks: b().weeks, worked: b().weeksWorked ?? 0 })}</p>
                    )}
                  </Show>
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
