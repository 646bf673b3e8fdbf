import {
  businessToday,
  type CalendarEntry,
  Card,
  ErrorState,
  LoadingState,
  MonthCalendar,
  PageHeader,
  type Tone,
  useI18n,
  useTenant,
} from '@bureau/core/ui';
import { A, useSearchParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { MaintenanceCalendarItem, MaintenanceMonth } from '../../server/routes/maintenance-calendar.ts';
import { useMT, WORK_ORDER_STATUSES } from '../maintenance-messages.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Overdue in the warning colour; open work orders stand out from what is only planned or closed. */
const tone = (i: MaintenanceCalendarItem): Tone =>
  i.overdue ? 'warning' : i.status === 'open' ? 'info' : i.status === 'done' ? 'success' : 'neutral';

/** The maintenance month: work orders by due date and the plans' coming periods; `?month=YYYY-MM`. */
export default function MaintenanceCalendar() {
  const t = useMT();
  const i18n = useI18n();
  const { tenant, api } = useTenant();
  const [params, setParams] = useSearchParams<{ month?: string }>();
  const today = businessToday();
  const month = () => (params.month && MONTH.test(params.month) ? params.month : today.slice(0, 7));
  const [data, { refetch }] = createResource(month, (m) =>
    api<MaintenanceMonth>(`/it/maintenance/calendar?month=${m}`),
  );
  const base = () => `/t/${tenant().slug}/it/maintenance`;
  const entry = (i: MaintenanceCalendarItem): CalendarEntry => {
    const status = i18n.text(WORK_ORDER_STATUSES[i.overdue ? 'overdue' : i.status].label);
    return {
      key: `${i.kind}/${i.id}/${i.assetId}/${i.date}`,
      date: i.date,
      href: i.kind === 'workOrder' ? `${base()}/work-orders/${i.id}` : `${base()}/plans/${i.planId}`,
      tone: tone(i),
      title: `${status}: ${i.title} (${i.assetTag} ${i.assetName})`,
      label: (
        <>
          <span class="sr-only">{status}: </span>
          {i.number ? `${i.number} ` : ''}
          {i.assetTag} {i.title}
        </>
      ),
    };
  };
  return (
    <div class="page">
      <PageHeader
        title={t('calendarTitle')}
        description={t('calendarText')}
        actions={
          <A class="btn btn-secondary" href={base()}>
            {t('maintenance')}
          </A>
        }
      />
      <Card padded={false}>
        <Show when={!data.error} fallback={<ErrorState error={data.error} onRetry={refetch} />}>
          <Show when={data.latest} fallback={<LoadingState />}>
            {(d) => (
              <>
                <MonthCalendar
                  month={month()}
                  today={today}
                  caption={t('calendarTitle')}
                  entries={d().items.map(entry)}
                  onMonth={(m) => setParams({ month: m })}
                />
                <Show when={d().truncated}>
                  <p class="muted month-calendar-empty">{t('calendarTruncated')}</p>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Card>
    </div>
  );
}
