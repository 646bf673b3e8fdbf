import { isCzechHoliday } from '@bureau/core';

/**
 * The arithmetic of maintenance periods: pure functions, no database. A plan's periods are numbered
 * (`seq` 0, 1, 2 …); the number is the idempotency key of the work order that serves the period.
 *
 * - Calendar plans (`days` / `months`) on a **fixed** basis are due at `anchor + seq × every`, each
 *   computed from the anchor (months keep the anchor's day, clamped to the month's end: 31 Jan →
 *   28 Feb → 31 Mar, no drift). A due date that falls on a day off (weekend or Czech public holiday
 *   in the tenant's calendar) may move to a working day, `before` or `after`, but never onto or past
 *   a neighbouring period's nominal date, so the due dates stay strictly increasing: no period is
 *   skipped or doubled.
 * - On a **floating** basis the next period is due `every` after the previous one was done.
 * - Meter plans are due at `meterStart + (seq + 1) × every` units of their meter.
 */

export type CalendarKind = 'days' | 'months';
export type Shift = 'none' | 'before' | 'after';

export interface CalendarRule {
  /** The first due date (`YYYY-MM-DD`), period 0. */
  anchor: string;
  kind: CalendarKind;
  every: number;
  shift: Shift;
}

/** Which local dates are working days (the tenant's weekdays, Czech public holidays off by default). */
export interface WorkingDays {
  weekdays: readonly number[];
  czechHolidays: boolean;
}

const DAY = 86_400_000;
const toMs = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const toYmd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(ymd: string, n: number): string {
  return toYmd(toMs(ymd) + n * DAY);
}

/** Days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY);
}

/** `n` months after a date, keeping its day of the month where the month has it (else its last day). */
export function addMonths(ymd: string, n: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toYmd(Date.UTC(year, month, Math.min(d, last)));
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(ymd: string): number {
  const d = new Date(toMs(ymd)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isWorkingDay(ymd: string, cal: WorkingDays): boolean {
  return cal.weekdays.includes(isoWeekday(ymd)) && !(cal.czechHolidays && isCzechHoliday(ymd));
}

/** The nominal (unshifted) due date of a period; defined for negative `seq` too (the period before the first). */
export function nominalDue(rule: CalendarRule, seq: number): string {
  return rule.kind === 'days' ? addDays(rule.anchor, seq * rule.every) : addMonths(rule.anchor, seq * rule.every);
}

/**
 * The due date of a period in the tenant's calendar. `after`: the first working day in
 * `[nominal(seq), nominal(seq + 1))`; `before`: the last working day in `(nominal(seq − 1), nominal(seq)]`;
 * the nominal date itself when that window has no working day (a daily plan over a weekend).
 */
export function dueOn(rule: CalendarRule, seq: number, cal: WorkingDays): string {
  const nominal = nominalDue(rule, seq);
  if (rule.shift === 'none' || isWorkingDay(nominal, cal)) return nominal;
  if (rule.shift === 'after') {
    const limit = nominalDue(rule, seq + 1);
    for (let d = addDays(nominal, 1); d < limit; d = addDays(d, 1)) if (isWorkingDay(d, cal)) return d;
  } else {
    const limit = nominalDue(rule, seq - 1);
    for (let d = addDays(nominal, -1); d > limit; d = addDays(d, -1)) if (isWorkingDay(d, cal)) return d;
  }
  return nominal;
}

/** The first period whose nominal date is on or after `date` (where a category's new asset joins a fixed plan). */
export function firstSeqOnOrAfter(rule: CalendarRule, date: string): number {
  if (date <= rule.anchor) return 0;
  const gap = daysBetween(rule.anchor, date);
  // An estimate from the average length of the interval, then exact steps.
  let seq = Math.max(0, Math.floor(gap / (rule.kind === 'days' ? rule.every : rule.every * 30.44)) - 1);
  while (nominalDue(rule, seq) < date) seq++;
  while (seq > 0 && nominalDue(rule, seq - 1) >= date) seq--;
  return seq;
}

/**
 * The periods to open now, in order from `nextSeq`: each whose opening date (its due date minus the
 * lead days) has come by `today`. `dueOf` returns null for a period that cannot be dated yet (a
 * floating plan's next period while the previous one is open). At most `max` at once.
 */
export function periodsToOpen(
  nextSeq: number,
  today: string,
  leadDays: number,
  dueOf: (seq: number) => string | null,
  max = 24,
): Array<{ seq: number; dueOn: string }> {
  const out: Array<{ seq: number; dueOn: string }> = [];
  for (let seq = nextSeq; out.length < max; seq++) {
    const due = dueOf(seq);
    if (due === null || addDays(due, -leadDays) > today) break;
    out.push({ seq, dueOn: due });
  }
  return out;
}

/** A meter plan's threshold for a period. */
export function meterThreshold(start: number, every: number, seq: number): number {
  return start + (seq + 1) * every;
}

/** The first period whose threshold is above a reading (where a meter plan starts counting). */
export function firstMeterSeqAbove(start: number, every: number, reading: number): number {
  if (reading < start + every) return 0;
  return Math.floor((reading - start) / every);
}

/** The meter periods reached by a reading (its threshold minus the lead), in order from `nextSeq`. */
export function meterPeriodsReached(
  nextSeq: number,
  start: number,
  every: number,
  lead: number,
  reading: number,
  max = 24,
): number[] {
  const out: number[] = [];
  for (let seq = nextSeq; out.length < max && meterThreshold(start, every, seq) - lead <= reading; seq++) out.push(seq);
  return out;
}
