/**
 * Maintenance periods as properties: due dates in the tenant's calendar never skip or double a
 * period, whatever the interval, the anchor, the working days and the shift rule; the generator
 * opens each period once and in order, however irregularly the schedule runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  type CalendarRule,
  dueOn,
  firstMeterSeqAbove,
  firstSeqOnOrAfter,
  isWorkingDay,
  meterPeriodsReached,
  meterThreshold,
  nominalDue,
  periodsToOpen,
  type WorkingDays,
} from '../src/server/services/maintenance-periods.ts';

const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
const rule: fc.Arbitrary<CalendarRule> = fc.oneof(
  fc.record({
    anchor: day,
    kind: fc.constant('days' as const),
    every: fc.integer({ min: 1, max: 400 }),
    shift: fc.constantFrom('none' as const, 'before' as const, 'after' as const),
  }),
  fc.record({
    anchor: day,
    kind: fc.constant('months' as const),
    every: fc.integer({ min: 1, max: 24 }),
    shift: fc.constantFrom('none' as const, 'before' as const, 'after' as const),
  }),
);
const calendar: fc.Arbitrary<WorkingDays> = fc.record({
  weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  czechHolidays: fc.boolean(),
});
const MON_FRI: WorkingDays = { weekdays: [1, 2, 3, 4, 5], czechHolidays: true };

describe('maintenance due dates', () => {
  it('are strictly increasing and each stays between its neighbours’ nominal dates: no period skipped or doubled', () => {
    fc.assert(
      fc.property(rule, calendar, (r, cal) => {
        let previous = '';
        for (let seq = 0; seq < 30; seq++) {
          const due = dueOn(r, seq, cal);
          expect(due > previous).toBe(true);
          expect(due > nominalDue(r, seq - 1)).toBe(true);
          expect(due < nominalDue(r, seq + 1)).toBe(true);
          previous = due;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('move off a day off only onto a working day, in the rule’s direction', () => {
    fc.assert(
      fc.property(rule, calendar, fc.integer({ min: 0, max: 40 }), (r, cal, seq) => {
        const nominal = nominalDue(r, seq);
        const due = dueOn(r, seq, cal);
        if (due === nominal) return;
        expect(isWorkingDay(due, cal)).toBe(true);
        expect(isWorkingDay(nominal, cal)).toBe(false);
        if (r.shift === 'after') expect(due > nominal).toBe(true);
        else expect(due < nominal).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keep the anchor’s day of the month, or the month’s last day (31 Jan → 28 Feb → 31 Mar, no drift)', () => {
    expect([0, 1, 2, 3].map((n) => addMonths('2027-01-31', n))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    fc.assert(
      fc.property(day, fc.integer({ min: -30, max: 120 }), (anchor, n) => {
        const d = addMonths(anchor, n);
        const wanted = Number(anchor.slice(8));
        const last = Number(addDays(`${addMonths(`${d.slice(0, 7)}-01`, 1).slice(0, 7)}-01`, -1).slice(8));
        expect(Number(d.slice(8))).toBe(Math.min(wanted, last));
      }),
    );
  });

  it('skip Czech public holidays and weekends: Easter Monday 2026 → Tuesday; 6 July 2026 (Jan Hus) → 7 July', () => {
    const r: CalendarRule = { anchor: '2026-04-06', kind: 'months', every: 3, shift: 'after' };
    expect([0, 1, 2, 3].map((s) => dueOn(r, s, MON_FRI))).toEqual([
      '2026-04-07',
      '2026-07-07',
      '2026-10-06',
      '2027-01-06',
    ]);
    const before: CalendarRule = { ...r, shift: 'before' };
    expect(dueOn(before, 0, MON_FRI)).toBe('2026-04-02'); // Good Friday 3 April is a holiday too
    // A daily plan cannot move over a weekend without landing on another period: it stays.
    expect(dueOn({ anchor: '2026-04-04', kind: 'days', every: 1, shift: 'after' }, 0, MON_FRI)).toBe('2026-04-04');
  });

  it('a new asset joins a fixed plan at the first period on or after the day it joined', () => {
    fc.assert(
      fc.property(rule, day, (r, joined) => {
        const seq = firstSeqOnOrAfter(r, joined);
        expect(nominalDue(r, seq) >= joined || seq === 0).toBe(true);
        if (seq > 0) expect(nominalDue(r, seq - 1) < joined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('opening periods', () => {
  it('opens every period once and in order, however irregularly the schedule runs (gaps, repeats)', () => {
    fc.assert(
      fc.property(
        rule,
        calendar,
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }),
        (r, cal, lead, steps) => {
          const opened: number[] = [];
          let next = 0;
          let today = addDays(r.anchor, -lead - 5);
          for (const step of steps) {
            today = addDays(today, step); // 0: the same day again
            const batch = periodsToOpen(next, today, lead, (s) => dueOn(r, s, cal), 24);
            for (const p of batch) {
              expect(addDays(p.dueOn, -lead) <= today).toBe(true);
              opened.push(p.seq);
            }
            if (batch.length) next = (batch.at(-1)?.seq as number) + 1;
            // Caught up (fewer than the cap): the next period is not due yet.
            if (batch.length < 24) expect(addDays(dueOn(r, next, cal), -lead) > today).toBe(true);
          }
          expect(opened).toEqual(opened.map((_, i) => i));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a floating plan opens its next period only once the previous one is closed', () => {
    const r: CalendarRule = { anchor: '2026-05-04', kind: 'days', every: 30, shift: 'none' };
    // Period 1 cannot be dated until period 0 is done.
    const open = periodsToOpen(0, '2026-12-31', 7, (s) => (s === 0 ? dueOn(r, 0, MON_FRI) : null));
    expect(open).toEqual([{ seq: 0, dueOn: '2026-05-04' }]);
  });

  it('meter thresholds: the first counted is above the reading, and readings reach them in order, once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(fc.integer({ min: 0, max: 40_000 }), { maxLength: 30 }),
        (start, every, first, increments) => {
          let next = firstMeterSeqAbove(start, every, first);
          expect(meterThreshold(start, every, next)).toBeGreaterThan(first);
          if (next > 0) expect(meterThreshold(start, every, next - 1)).toBeLessThanOrEqual(first);
          const opened: number[] = [];
          const base = next;
          let reading = first;
          for (const inc of increments) {
            reading += inc;
            const seqs = meterPeriodsReached(next, start, every, 0, reading, Number.POSITIVE_INFINITY);
            opened.push(...seqs);
            if (seqs.length) next = (seqs.at(-1) as number) + 1;
            expect(meterThreshold(start, every, next)).toBeGreaterThan(reading);
          }
          expect(opened).toEqual(opened.map((_, i) => base + i));
        },
      ),
    );
  });
});
