import { isCzechHoliday } from '@bureau/core';
import { HOLIDAY_CZ } from '../data/holiday-cz.ts';

/** A stretch of employment with one weekly working time (a contract, split at its changes of hours). */
export interface Segment {
  from: string;
  to: string;
  weeklyHours: number;
}

/** How an absence counts for holiday: `sick` up to the limit, `unpaid` not at all, the rest as work. */
export interface Absence {
  kind: 'holiday' | 'sick' | 'other' | 'unpaid';
  startDate: string;
  endDate: string;
}

export interface Entitlement {
  /** The year's holiday in hours, rounded up to whole hours. */
  hours: number;
  /** Weeks of working time counted as worked (whole weeks give the pro rata part). */
  weeksWorked: number;
  /** The weekly working time of the year (weighted by the days of each weekly time, § 212 odst. 4). */
  weeklyHours: number;
  /** Whole year (§ 213 odst. 1–2) or pro rata part (§ 213 odst. 3–4). */
  basis: 'year' | 'pro_rata' | 'none';
}

const DAYS_IN_WEEK = HOLIDAY_CZ.workingDaysInWeek.value;

function* days(from: string, to: string): Generator<string> {
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    yield d.toISOString().slice(0, 10);
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

const weekday = (day: string) => {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
};

/** The weekly hours in force on a day (0 outside every segment). */
export function weeklyOn(segments: Segment[], day: string): number {
  return segments.find((s) => s.from <= day && day <= s.to)?.weeklyHours ?? 0;
}

/**
 * Hours of a leave: each working day (Monday–Friday, not a public holiday: a holiday in a leave is
 * not taken as leave, zákoník práce § 217 odst. 5) at a day's share of the weekly time in force;
 * `fallbackDaily` where no contract gives one (agreements without hours).
 */
export function leaveHours(
  segments: Segment[],
  from: string,
  to: string,
  fallbackDaily = 8,
): { hours: number; days: number } {
  let hours = 0;
  let n = 0;
  for (const day of days(from, to)) {
    if (!weekday(day) || isCzechHoliday(day)) continue;
    const w = weeklyOn(segments, day);
    hours += w > 0 ? w / DAYS_IN_WEEK : fallbackDaily;
    n++;
  }
  return { hours: Math.round(hours * 100) / 100, days: n };
}

/**
 * The year's holiday in hours (zákoník práce § 212–§ 213 and § 216 as amended by 285/2020 Sb.; every
 * figure in data/holiday-cz.ts). Each weekday of the employment is a fifth of a week of working time;
 * public holidays, holiday and other paid absence count as worked, sick leave counts up to 20 weeks
 * when at least 12 were worked besides it, unpaid leave does not count. A whole year employed and 52
 * weeks counted give weekly hours × weeks; otherwise, from 4 weeks of employment and 4 weeks worked,
 * 1/52 of that for each whole week counted. Rounded up to whole hours.
 */
export function holidayEntitlement(year: number, segments: Segment[], absences: Absence[], weeks: number): Entitlement {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  let worked = 0;
  let credited = 0;
  let weeklySum = 0;
  let employedDays = 0;
  let scheduledDays = 0;
  for (const day of days(first, last)) {
    const w = weeklyOn(segments, day);
    if (w <= 0) continue;
    employedDays++;
    if (!weekday(day)) continue;
    scheduledDays++;
    weeklySum += w;
    const absence = absences.find((a) => a.startDate <= day && day <= a.endDate);
    if (absence?.kind === 'sick') credited += 1 / DAYS_IN_WEEK;
    else if (absence?.kind !== 'unpaid') worked += 1 / DAYS_IN_WEEK;
  }
  const weeklyHours = scheduledDays ? weeklySum / scheduledDays : 0;
  const counted =
    worked +
    (worked >= HOLIDAY_CZ.creditedAbsenceCondition.value - 1e-9
      ? Math.min(credited, HOLIDAY_CZ.creditedAbsenceWeeks.value)
      : 0);
  const weeksWorked = Math.floor(counted + 1e-9);
  const inYear = HOLIDAY_CZ.weeksInYear.value;
  const wholeYear = segments.length > 0 && weeklyOn(segments, first) > 0 && employedDays === daysInYear(year);
  const round = (h: number) => Math.ceil(h - 1e-9);
  if (wholeYear && weeksWorked >= inYear)
    return { hours: round(weeklyHours * weeks), weeksWorked, weeklyHours, basis: 'year' };
  const min = HOLIDAY_CZ.minimumWeeksWorked.value;
  if (employedDays < min * 7 || weeksWorked < min) return { hours: 0, weeksWorked, weeklyHours, basis: 'none' };
  return {
    hours: round((Math.min(weeksWorked, inYear) * weeklyHours * weeks) / inYear),
    weeksWorked,
    weeklyHours,
    basis: 'pro_rata',
  };
}

const daysInYear = (y: number) => ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365);

/** One agreement (DPP, DPČ) in a year: its days within the year and the hours worked under it. */
export interface AgreementYear {
  /** Calendar days the agreement lasted (its start to its end or the year's end, within the year). */
  days: number;
  /** Hours worked under it in the year, holiday taken counted as worked (§ 216 odst. 2). */
  workedHours: number;
}

export interface AgreementEntitlement {
  hours: number;
  /** Whole 20-hour weeks worked (at most 52). */
  weeksWorked: number;
  basis: 'agreement' | 'none';
}

/**
 * The year's holiday of one agreement (zákoník práce § 77 odst. 5 as amended by 281/2023 Sb., from
 * 2024; figures in data/holiday-cz.ts): a week of working time is 20 hours; from 28 days of the
 * agreement and 4 such weeks worked, 1/52 of weeks × 20 h for each whole 20 hours, rounded up to
 * whole hours. Before 2024 agreements earned none.
 */
export function agreementHolidayEntitlement(year: number, a: AgreementYear, weeks: number): AgreementEntitlement {
  const weekly = HOLIDAY_CZ.agreementWeeklyHours.value;
  const inYear = HOLIDAY_CZ.weeksInYear.value;
  const weeksWorked = Math.min(inYear, Math.floor(a.workedHours / weekly + 1e-9));
  if (
    year < HOLIDAY_CZ.agreementFromYear.value ||
    a.days < HOLIDAY_CZ.agreementMinimumDays.value ||
    weeksWorked < HOLIDAY_CZ.minimumWeeksWorked.value
  )
    return { hours: 0, weeksWorked, basis: 'none' };
  return { hours: Math.ceil((weeksWorked * weekly * weeks) / inYear - 1e-9), weeksWorked, basis: 'agreement' };
}
