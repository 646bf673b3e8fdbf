import { isCzechHoliday } from '@bureau/core';

/**
 * Leave counted in working days: Monday to Friday that are not Czech public holidays (zákon
 * č. 245/2000 Sb.; a holiday falling in a leave is not taken as leave, zákoník práce § 217 odst. 5).
 */
export function leaveDays(from: string, to: string): number {
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

/** Basic holiday: at least 4 weeks a year (zákoník práce § 213 odst. 1): 20 working days at 5 days a week. */
export const BASIC_HOLIDAY_DAYS = 20;

/**
 * The default entitlement for a year: 4 weeks pro rata for the part of the year employed (zákoník
 * práce § 212–213; simplified from the law's count of shifts to calendar days), rounded up to half days.
 */
export function defaultEntitlement(year: number, start: string, end: string | null): number {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const from = start > first ? start : first;
  const to = end && end < last ? end : last;
  if (from > to) return 0;
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  const inYear = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000 + 1;
  return Math.ceil(((BASIC_HOLIDAY_DAYS * days) / inYear) * 2) / 2;
}
