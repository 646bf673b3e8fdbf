import { CZ_EASTER_HOLIDAYS, CZ_FIXED_HOLIDAYS } from './cz-holidays.ts';
import { addDays, easterSunday } from './easter.ts';

export interface Holiday {
  date: string;
  name: { en: string; cs: string };
  source: string;
}

const cache = new Map<number, Holiday[]>();

/** The Czech public holidays (days of rest) of a year, in date order (zákon č. 245/2000 Sb.). */
export function czechHolidays(year: number): Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = easterSunday(year);
  const list: Holiday[] = [
    ...CZ_FIXED_HOLIDAYS.filter((h) => year >= h.since).map((h) => ({
      date: `${year}-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`,
      name: h.name,
      source: h.source,
    })),
    ...CZ_EASTER_HOLIDAYS.filter((h) => year >= h.since).map((h) => ({
      date: addDays(easter, h.offset),
      name: h.name,
      source: h.source,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, list);
  return list;
}

/** Whether a calendar date (`YYYY-MM-DD`) is a Czech public holiday. */
export function isCzechHoliday(ymd: string): boolean {
  return czechHolidays(Number(ymd.slice(0, 4))).some((h) => h.date === ymd);
}
