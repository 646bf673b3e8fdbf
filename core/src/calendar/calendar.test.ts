/**
 * Czech public holidays (zákon č. 245/2000 Sb., Good Friday from 2016 by zákon č. 359/2015 Sb.) and
 * business time, with worked examples across weekends, Easter, Christmas and a DST change, and
 * property tests: business time never counts weekend or holiday minutes, and adding then measuring
 * gives back what was added.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessHours,
  businessMinutesBetween,
  checkHours,
  czechHolidays,
  easterSunday,
  isBusinessTime,
  isCzechHoliday,
  localDate,
} from './index.ts';

const office = businessHours({ start: '08:00', end: '16:00' });
const at = (iso: string) => new Date(iso);

describe('Czech public holidays', () => {
  it('computes Easter Sunday (published dates)', () => {
    expect([2000, 2019, 2024, 2025, 2026, 2027, 2038, 2285].map(easterSunday)).toEqual([
      '2000-04-23',
      '2019-04-21',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
      '2285-03-22',
    ]);
  });

  it('lists the thirteen days of rest of 2025 as the law has them', () => {
    expect(czechHolidays(2025).map((h) => h.date)).toEqual([
      '2025-01-01',
      '2025-04-18', // Velký pátek
      '2025-04-21', // Velikonoční pondělí
      '2025-05-01',
      '2025-05-08',
      '2025-07-05',
      '2025-07-06',
      '2025-09-28',
      '2025-10-28',
      '2025-11-17',
      '2025-12-24',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(czechHolidays(2025).every((h) => h.source.startsWith('245/2000 Sb.'))).toBe(true);
  });

  it('has Good Friday only from 2016 (zákon č. 359/2015 Sb.)', () => {
    expect(isCzechHoliday('2015-04-03')).toBe(false);
    expect(isCzechHoliday('2015-04-06')).toBe(true); // Easter Monday 2015
    expect(isCzechHoliday('2016-03-25')).toBe(true); // Good Friday 2016
    expect(czechHolidays(2015)).toHaveLength(12);
    expect(isCzechHoliday('2026-04-03')).toBe(true);
    expect(isCzechHoliday('2026-04-06')).toBe(true);
    expect(isCzechHoliday('2026-04-07')).toBe(false);
  });
});

describe('business time (Mon–Fri 8:00–16:00 Prague, Czech holidays off)', () => {
  it('a ticket opened on the Thursday before Easter 2026 at 15:00 with 8 hours runs to Tuesday 15:00', () => {
    // Thu 2 Apr 15:00–16:00 counts 1 h; Good Friday 3 Apr, the weekend and Easter Monday 6 Apr do not;
    // Tue 7 Apr 8:00 + 7 h = 15:00 CEST = 13:00 UTC.
    const opened = at('2026-04-02T15:00:00+02:00');
    const due = addBusinessMinutes(opened, 8 * 60, office);
    expect(due.toISOString()).toBe('2026-04-07T13:00:00.000Z');
    expect(businessMinutesBetween(opened, due, office)).toBe(480);
    expect(businessMinutesBetween(opened, at('2026-04-07T08:00:00+02:00'), office)).toBe(60);
  });

  it('Christmas 2026: 4 hours from Wednesday 23 Dec 15:30 end on Monday 28 Dec 11:30', () => {
    // Wed 23 Dec 15:30–16:00 = 0.5 h; 24, 25 Dec holidays, 26–27 weekend; Mon 28 Dec 8:00 + 3.5 h.
    expect(addBusinessMinutes(at('2026-12-23T15:30:00+01:00'), 240, office).toISOString()).toBe(
      '2026-12-28T10:30:00.000Z',
    );
  });

  it('across the spring DST change (29 Mar 2026) a Friday 15:00 + 2 h is Monday 9:00 CEST', () => {
    expect(addBusinessMinutes(at('2026-03-27T15:00:00+01:00'), 120, office).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });

  it('a ticket opened on Saturday starts counting on Monday at 8:00', () => {
    const saturday = at('2026-05-16T10:00:00+02:00');
    expect(addBusinessMinutes(saturday, 30, office).toISOString()).toBe('2026-05-18T06:30:00.000Z');
    expect(addBusinessMinutes(saturday, 0, office).toISOString()).toBe('2026-05-18T06:00:00.000Z');
    expect(businessMinutesBetween(saturday, at('2026-05-17T23:00:00+02:00'), office)).toBe(0);
    expect(isBusinessTime(saturday, office)).toBe(false);
    expect(isBusinessTime(at('2026-05-18T08:00:00+02:00'), office)).toBe(true);
  });

  it('refuses impossible hours', () => {
    expect(checkHours({ start: '17:00', end: '08:00' })).toEqual([{ path: 'end', problem: 'empty_window' }]);
    expect(checkHours({ start: '8', end: '25:00', weekdays: [] }).map((p) => p.problem)).toEqual([
      'bad_time',
      'bad_time',
      'no_weekdays',
    ]);
    expect(checkHours({ start: '08:00', end: '16:00', weekdays: [0, 8] })[0]?.problem).toBe('bad_weekday');
    expect(checkHours({ start: '08:00', end: '16:00', timeZone: 'Mars/Olympus' })[0]?.problem).toBe('bad_time_zone');
    expect(() => businessHours({ start: '10:00', end: '10:00' })).toThrow(/Impossible/);
  });
});

describe('business time properties', () => {
  const QUARTER = 15 * 60_000;
  // Instants on a 15-minute grid between 2025 and 2028 (Easter, Christmas, DST changes included).
  const instant = fc.integer({ min: 0, max: 3 * 365 * 96 }).map((q) => Date.UTC(2025, 0, 1) + q * QUARTER);
  const pragueHour = (t: number) =>
    Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', hour: '2-digit', hourCycle: 'h23' }).format(t),
    );

  it('never counts a weekend or holiday minute, nor one outside 8:00–16:00 (brute force by quarter hours)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 4 * 96 }), (a, quarters) => {
        const b = a + quarters * QUARTER;
        let counted = 0;
        for (let t = a; t < b; t += QUARTER) {
          const day = localDate(t, 'Europe/Prague');
          const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
          const h = pragueHour(t);
          if (weekday !== 0 && weekday !== 6 && !isCzechHoliday(day) && h >= 8 && h < 16) counted += 15;
        }
        expect(businessMinutesBetween(a, b, office)).toBe(counted);
      }),
      { numRuns: 40 },
    );
  });

  it('adding business minutes and measuring them back agree, and the end is never on a day off', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 5000 }), (a, minutes) => {
        const end = addBusinessMinutes(a, minutes, office);
        expect(businessMinutesBetween(a, end, office)).toBe(minutes);
        // The clock stops inside a window: its last minute is working time.
        expect(isBusinessTime(end.getTime() - 60_000, office)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
