/** A `date` column from either driver (PGlite gives a Date at UTC midnight, pg a string). */
export const ymd = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
export const ymdOrNull = (d: unknown): string | null => (d === null || d === undefined ? null : ymd(d));

/** A business date in Prague (`YYYY-MM-DD`) of an instant. */
export const pragueDate = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(d);

/** First and last day of a `YYYY-MM` period. */
export function monthBounds(period: string): { first: string; last: string; days: number } {
  const [y, mo] = period.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(days).padStart(2, '0')}`, days };
}

/** The day `years` after `date` (29 February → 28 February in common years). */
export function addYears(date: string, years: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, mo - 1, d));
  if (t.getUTCMonth() !== mo - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

/** The day `months` after `date` (negative goes back); a month end clamps (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (mo - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The day `days` after `date`. */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}
