import { isCzechHoliday } from '@bureau/core';
import { addYears, monthBounds } from '../services/dates.ts';
import type { ChildClaim } from './calculate.ts';

/**
 * Working days from `from` to `to` inclusive: Monday–Friday without Czech public holidays (core's
 * calendar, as leave counts them). A month's working days are its fond pracovní doby in days
 * (zákoník práce § 78 odst. 1 písm. m); a monthly salary is not cut for a holiday (§ 115 odst. 3),
 * so a partial month pays the working days covered over the month's working days.
 */
export function workdays(from: string, to: string): number {
  let n = 0;
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    const w = d.getUTCDay();
    if (w !== 0 && w !== 6 && !isCzechHoliday(d.toISOString().slice(0, 10))) n++;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return n;
}

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The part of the month a contract covers: first and last day, or null if none. */
export function coverage(period: string, start: string, end: string | null) {
  const m = monthBounds(period);
  const from = start > m.first ? start : m.first;
  const to = end && end < m.last ? end : m.last;
  return from <= to ? { from, to, month: m } : null;
}

/**
 * Children the credit is claimed for in the month (zákon o daních z příjmů § 35c, § 35d): born by the
 * month's end, and under 18 at its start (or preparing for a profession, until 26 and `studentUntil`),
 * ordered by birth date (first, second, third and further).
 */
export function childClaims(
  period: string,
  children: { birth_date: string; disabled: boolean; student_until: string | null }[],
): ChildClaim[] {
  const { first, last } = monthBounds(period);
  return children
    .filter((c) => c.birth_date <= last)
    .filter(
      (c) =>
        first < addYears(c.birth_date, 18) ||
        (c.student_until !== null && c.student_until >= first && first < addYears(c.birth_date, 26)),
    )
    .sort((a, b) => a.birth_date.localeCompare(b.birth_date))
    .map((c, i) => ({ order: i + 1, disabled: c.disabled }));
}
