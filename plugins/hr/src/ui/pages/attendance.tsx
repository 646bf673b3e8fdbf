import { AsyncTable, Card, EmptyState, Field, PageHeader, StackedCell, useI18n, useTenant } from '@bureau/core/ui';
import { createResource, createSignal } from 'solid-js';
import { useT } from '../messages.ts';
import type { AttendanceRow } from '../types.ts';

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The month's attendance per employee in hours, from the contracts' schedule and the approved leave; it feeds payroll. */
export default function AttendancePage() {
  const t = useT();
  const i18n = useI18n();
  const { api } = useTenant();
  const [period, setPeriod] = createSignal(thisMonth());
  const valid = () => (/^\d{4}-(0[1-9]|1[0-2])$/.test(period()) ? period() : undefined);
  const [rows, { refetch }] = createResource(valid, (p) =>
    api<{ items: AttendanceRow[] }>(`/hr/attendance?period=${p}`).then((r) => r.items),
  );
  const h = (n: number) => i18n.number(n);
  return (
    <div class="page">
      <PageHeader title={t('attendance')} description={t('attendanceSubtitle')} />
      <Card>
        <div class="form-grid">
          <Field label={t('period')} name="period" value={period()} onChange={setPeriod} placeholder="2026-03" />
        </div>
      </Card>
      <Card padded={false}>
        <AsyncTable<AttendanceRow>
          resource={rows}
          refetch={refetch}
          caption={t('attendance')}
          rowKey={(r) => r.employeeId}
          empty={<EmptyState title={t('attendanceEmpty')} />}
          columns={[
            { header: t('employee'), cell: (r) => <StackedCell primary={r.name} secondary={r.number} /> },
            { header: t('workedHours'), align: 'end', cell: (r) => h(r.workedHours) },
            { header: t('holiday'), align: 'end', cell: (r) => h(r.holidayHours) },
            {
              header: t('sick'),
              align: 'end',
              cell: (r) => t('sickOfPaid', { hours: h(r.sickHours), paid: h(r.sickPayHours) }),
            },
            { header: t('other'), align: 'end', hideOnMobile: true, cell: (r) => h(r.otherHours) },
            { header: t('unpaid'), align: 'end', hideOnMobile: true, cell: (r) => h(r.unpaidHours) },
            { header: t('scheduledHours'), align: 'end', hideOnMobile: true, cell: (r) => h(r.scheduledHours) },
          ]}
        />
      </Card>
    </div>
  );
}
