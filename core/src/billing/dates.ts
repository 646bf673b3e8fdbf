/**
 * Business dates ('YYYY-MM-DD') for billing: periods, issue and due dates. Arithmetic is done on
 * UTC midnights, so no local time zone or daylight saving can shift a day.
 */

const DAY_MS = 86_400_000;

const toUtc = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The calendar date of an instant in a time zone (e.g. Europe/Prague). */
export function businessDate(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

export const addDays = (date: string, n: number): string => fromUtc(toUtc(date) + n * DAY_MS);

/** Days from `a` to `b` (b − a); negative when b is earlier. */
export const daysBetween = (a: string, b: string): number => Math.round((toUtc(b) - toUtc(a)) / DAY_MS);

/** `anchor` plus n months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(anchor: string, n: number): string {
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(ty, tm, Math.min(d, last)));
}

/**
 * End (exclusive) of the billing period that starts at `start`, for a subscription anchored at
 * `anchor`: the first anchor-month boundary after `start`.
 */
export function periodEnd(anchor: string, start: string, period: 'month' | 'year'): string {
  const step = period === 'month' ? 1 : 12;
  let k = Math.max(1, Math.floor(monthsBetween(anchor, start) / step));
  // Step back to be safe, then forward to the first boundary strictly after start.
  k = Math.max(1, k - 1);
  while (addMonths(anchor, k * step) <= start) k++;
  return addMonths(anchor, k * step);
}

function monthsBetween(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return (by - ay) * 12 + (bm - am);
}

/** The year of a business date. */
export const yearOf = (date: string): number => Number(date.slice(0, 4));

/** 'YYYY-MM-DD' → 'D. M. YYYY' (Czech notation). */
export function czDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d}. ${m}. ${y}`;
}

/** Normalizes a `date` column value (string from both drivers, Date defensively). */
export function asDate(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}
