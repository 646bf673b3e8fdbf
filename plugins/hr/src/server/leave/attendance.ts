import { isCzechHoliday, type PluginContext } from '@bureau/core';
import { HOLIDAY_CZ } from '../data/holiday-cz.ts';
import { monthBounds, ymd } from '../services/dates.ts';
import { type Absence, type Segment, weeklyOn } from './hours.ts';
import { scheduleOf } from './schedule.ts';

/** One employee's month: hours by what filled them, from the contracts' schedule and the approved leave. */
export interface MonthAttendance {
  /** Hours of the working days (Monday–Friday without public holidays) in the employment. */
  scheduledHours: number;
  workedHours: number;
  holidayHours: number;
  sickHours: number;
  /** Of the sick hours, those on calendar days 4–14 of the sickness (náhrada mzdy, zákoník práce § 192). */
  sickPayHours: number;
  /** Calendar days of sickness in the month (they lower the minimum health-insurance base). */
  sickDays: number;
  otherHours: number;
  unpaidHours: number;
  /** Hours of public holidays on weekdays of the employment (not worked, not absence). */
  publicHolidayHours: number;
}

export interface AttendanceRow extends MonthAttendance {
  employeeId: string;
  number: string;
  name: string;
}

const SICK_PAY_FROM = 4;
const SICK_PAY_TO = 14;
const round2 = (n: number) => Math.round(n * 100) / 100;
const dayIndex = (from: string, day: string) =>
  (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/**
 * A month's attendance (pure): each day of the employment in the month at its weekly time / 5.
 * A sickness's days are counted from its first day (days 4–14 are paid by the employer,
 * zákoník práce § 192 odst. 1); a sickness split at a year's end restarts the count.
 */
export function monthAttendance(period: string, segments: Segment[], absences: Absence[]): MonthAttendance {
  const { first, days } = monthBounds(period);
  const a: MonthAttendance = {
    scheduledHours: 0,
    workedHours: 0,
    holidayHours: 0,
    sickHours: 0,
    sickPayHours: 0,
    sickDays: 0,
    otherHours: 0,
    unpaidHours: 0,
    publicHolidayHours: 0,
  };
  for (let i = 0; i < days; i++) {
    const day = new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    const weekly = weeklyOn(segments, day);
    if (weekly <= 0) continue;
    const absence = absences.find((x) => x.startDate <= day && day <= x.endDate);
    if (absence?.kind === 'sick') a.sickDays++;
    const w = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (w === 0 || w === 6) continue;
    const hours = weekly / HOLIDAY_CZ.workingDaysInWeek.value;
    if (isCzechHoliday(day)) {
      a.publicHolidayHours += hours;
      continue;
    }
    a.scheduledHours += hours;
    if (!absence) a.workedHours += hours;
    else if (absence.kind === 'holiday') a.holidayHours += hours;
    else if (absence.kind === 'other') a.otherHours += hours;
    else if (absence.kind === 'unpaid') a.unpaidHours += hours;
    else {
      a.sickHours += hours;
      const k = dayIndex(absence.startDate, day);
      if (k >= SICK_PAY_FROM && k <= SICK_PAY_TO) a.sickPayHours += hours;
    }
  }
  for (const key of Object.keys(a) as (keyof MonthAttendance)[]) a[key] = round2(a[key]);
  return a;
}

/** Every employee with a contract in the month, with the month's attendance. */
export async function attendanceOf(ctx: PluginContext, period: string): Promise<AttendanceRow[]> {
  const t = ctx.tenant.id;
  const { first, last } = monthBounds(period);
  const people = await ctx.db
    .selectFrom('hr.employees as e')
    .select(['e.id', 'e.number', 'e.first_name', 'e.last_name'])
    .where('e.tenant_id', '=', t)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('hr.contracts as c')
          .select('c.id')
          .whereRef('c.tenant_id', '=', 'e.tenant_id')
          .whereRef('c.employee_id', '=', 'e.id')
          .where('c.start_date', '<=', last)
          .where((x) => x.or([x('c.end_date', 'is', null), x('c.end_date', '>=', first)])),
      ),
    )
    .orderBy('e.last_name')
    .orderBy('e.first_name')
    .execute();
  const leave = await ctx.db
    .selectFrom('hr.leave_requests')
    .select(['employee_id', 'kind', 'start_date', 'end_date'])
    .where('tenant_id', '=', t)
    .where('status', '=', 'approved')
    .where('start_date', '<=', last)
    .where('end_date', '>=', first)
    .execute();
  const rows: AttendanceRow[] = [];
  for (const p of people) {
    const schedule = await scheduleOf(ctx, p.id, first, last);
    const absences = leave
      .filter((l) => l.employee_id === p.id)
      .map((l) => ({ kind: l.kind, startDate: ymd(l.start_date), endDate: ymd(l.end_date) }));
    rows.push({
      employeeId: p.id,
      number: p.number,
      name: `${p.first_name} ${p.last_name}`,
      ...monthAttendance(period, schedule.all, absences),
    });
  }
  return rows;
}
