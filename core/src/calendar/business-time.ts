import { addDays, isoWeekday } from './easter.ts';
import { isCzechHoliday } from './holidays.ts';

/**
 * Working hours of a firm: per ISO weekday (1 Monday … 7 Sunday) the working windows as minutes
 * from local midnight `[start, end)`, in a time zone, minus days off (by default Czech public
 * holidays). Business time counts only minutes inside a window on a working day.
 */
export interface BusinessHours {
  timeZone: string;
  days: Partial<Record<number, ReadonlyArray<readonly [number, number]>>>;
  isHoliday?: (ymd: string) => boolean;
}

/** Simple hours: the same window on the given weekdays (`'08:00'`–`'16:30'`, Monday to Friday). */
export interface SimpleHours {
  timeZone?: string;
  start: string;
  end: string;
  weekdays?: readonly number[];
  /** Count Czech public holidays as days off (default true). */
  czechHolidays?: boolean;
}

/** Why hours are impossible, by field: a time that is not HH:MM, an empty window, no working day, an unknown zone. */
export type HoursProblem = 'bad_time' | 'empty_window' | 'no_weekdays' | 'bad_weekday' | 'bad_time_zone';

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes from midnight of `HH:MM` (24:00 allowed as the end of a day), or null. */
export function parseTime(hhmm: string): number | null {
  const m = TIME.exec(hhmm);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** Checks simple hours; an empty list means they are possible. */
export function checkHours(
  h: SimpleHours,
): Array<{ path: 'start' | 'end' | 'weekdays' | 'timeZone'; problem: HoursProblem }> {
  const out: Array<{ path: 'start' | 'end' | 'weekdays' | 'timeZone'; problem: HoursProblem }> = [];
  const start = parseTime(h.start);
  const end = parseTime(h.end);
  if (start === null || start === 24 * 60) out.push({ path: 'start', problem: 'bad_time' });
  if (end === null) out.push({ path: 'end', problem: 'bad_time' });
  if (start !== null && end !== null && end <= start) out.push({ path: 'end', problem: 'empty_window' });
  const days = h.weekdays ?? [1, 2, 3, 4, 5];
  if (days.length === 0) out.push({ path: 'weekdays', problem: 'no_weekdays' });
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) out.push({ path: 'weekdays', problem: 'bad_weekday' });
  try {
    new Intl.DateTimeFormat('en', { timeZone: h.timeZone ?? 'Europe/Prague' });
  } catch {
    out.push({ path: 'timeZone', problem: 'bad_time_zone' });
  }
  return out;
}

/** Business hours from simple hours; throws on impossible ones (check them with `checkHours` first). */
export function businessHours(h: SimpleHours): BusinessHours {
  const problems = checkHours(h);
  if (problems.length)
    throw new Error(`Impossible business hours: ${problems.map((p) => `${p.path} ${p.problem}`).join(', ')}`);
  const window = [parseTime(h.start) as number, parseTime(h.end) as number] as const;
  const days: BusinessHours['days'] = {};
  for (const d of h.weekdays ?? [1, 2, 3, 4, 5]) days[d] = [window];
  return {
    timeZone: h.timeZone ?? 'Europe/Prague',
    days,
    ...(h.czechHolidays === false ? { isHoliday: () => false } : {}),
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in milliseconds (CET +3,600,000). */
export function zoneOffset(instant: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of format(timeZone).formatToParts(new Date(instant))) p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(instant: Date | number, timeZone: string): string {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(t + zoneOffset(t, timeZone)).toISOString().slice(0, 10);
}

/** The instant of a local date and minute of the day in a zone (a time skipped by DST moves forward). */
export function zonedInstant(ymd: string, minutes: number, timeZone: string): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let t = wall - zoneOffset(wall, timeZone);
  t = wall - zoneOffset(t, timeZone);
  return t;
}

/** The working windows of one local date as instants `[start, end)` (none on a day off). */
export function windowsOn(ymd: string, hours: BusinessHours): Array<[number, number]> {
  const holiday = hours.isHoliday ?? isCzechHoliday;
  if (holiday(ymd)) return [];
  const list = hours.days[isoWeekday(ymd)] ?? [];
  return list.map(([s, e]) => [zonedInstant(ymd, s, hours.timeZone), zonedInstant(ymd, e, hours.timeZone)]);
}

const MINUTE = 60_000;
/** Business time is searched at most this far ahead (hours with no working day would never end). */
const HORIZON_DAYS = 3 * 366;

/** Business minutes between two instants (0 when `to` is not after `from`); may be fractional. */
export function businessMinutesBetween(from: Date | number, to: Date | number, hours: BusinessHours): number {
  const a = typeof from === 'number' ? from : from.getTime();
  const b = typeof to === 'number' ? to : to.getTime();
  if (b <= a) return 0;
  let total = 0;
  const last = localDate(b, hours.timeZone);
  for (let day = localDate(a, hours.timeZone); day <= last; day = addDays(day, 1)) {
    for (const [s, e] of windowsOn(day, hours)) {
      const lo = Math.max(s, a);
      const hi = Math.min(e, b);
      if (hi > lo) total += hi - lo;
    }
  }
  return total / MINUTE;
}

/**
 * The instant `minutes` business minutes after `start`: time outside the windows, weekends and
 * holidays does not count. A start outside working hours begins at the next window. Throws when
 * the hours have no working time within three years.
 */
export function addBusinessMinutes(start: Date | number, minutes: number, hours: BusinessHours): Date {
  const a = typeof start === 'number' ? start : start.getTime();
  let left = minutes * MINUTE;
  let day = localDate(a, hours.timeZone);
  for (let i = 0; i < HORIZON_DAYS; i++, day = addDays(day, 1)) {
    for (const [s, e] of windowsOn(day, hours)) {
      const lo = Math.max(s, a);
      if (e <= lo) continue;
      if (left === 0) return new Date(lo);
      if (lo + left <= e) return new Date(lo + left);
      left -= e - lo;
    }
  }
  throw new Error('These business hours have no working time within three years');
}

/** Whether an instant falls inside working hours. */
export function isBusinessTime(instant: Date | number, hours: BusinessHours): boolean {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  return windowsOn(localDate(t, hours.timeZone), hours).some(([s, e]) => t >= s && t < e);
}
