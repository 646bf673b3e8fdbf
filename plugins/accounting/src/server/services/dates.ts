/**
 * Business dates are 'YYYY-MM-DD' strings (SQL `date`). Arithmetic goes through UTC midnight,
 * so no time zone or daylight-saving shift can move a date.
 */

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
};

/** Adds months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (date: string, months: number): string => {
  const d = toUtc(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return fromUtc(d);
};

export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);

export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;
export const monthEnd = (date: string): string => addDays(addMonths(monthStart(date), 1), -1);
export const isMonthStart = (date: string): boolean => date.endsWith('-01');
export const isMonthEnd = (date: string): boolean => addDays(date, 1).endsWith('-01');

/** Today's date in UTC from a clock instant. */
export const dateOf = (instant: Date): string => fromUtc(instant);

/** Whether a string is a real calendar date in 'YYYY-MM-DD' form. */
export const isDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = toUtc(text);
  return !Number.isNaN(d.getTime()) && fromUtc(d) === text;
};

/** The fiscal year a date belongs to, named by the calendar year it starts in. */
export function fiscalYearOf(date: string, startMonth: number): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= startMonth ? year : year - 1;
}

export function fiscalYearRange(year: number, startMonth: number): { from: string; to: string } {
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 12), -1) };
}

/**
 * The period just before [from, to] with the same length. Whole-month ranges compare with the
 * same number of whole months before (Q1 → previous Q4); other ranges with the same day count.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (isMonthStart(from) && isMonthEnd(to)) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    const prevFrom = addMonths(from, -months);
    return { from: prevFrom, to: addDays(from, -1) };
  }
  const days = daysBetween(from, to);
  const prevTo = addDays(from, -1);
  return { from: addDays(prevTo, -days), to: prevTo };
}

/** The later of two dates. */
export const laterOf = (a: string, b: string): string => (a >= b ? a : b);
