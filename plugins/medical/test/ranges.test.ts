import { parseBirthNumber } from '@bureau/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInDays, deltaPercent, flagOf, pickRange, type RangeRow } from '../src/server/services/ranges.ts';

const r = (x: Partial<RangeRow> & { id: string }): RangeRow => ({
  sex: null,
  ageFromDays: null,
  ageToDays: null,
  method: null,
  low: null,
  high: null,
  ...x,
});

/** NORIP 2004 ALT: women 10–45 U/L, men 18–49 y 10–70 U/L, men 50 y and over 10–45 U/L. */
const ALT = [
  r({ id: 'f', sex: 'female', ageFromDays: 6575, low: 10, high: 45 }),
  r({ id: 'm18', sex: 'male', ageFromDays: 6575, ageToDays: 18263, low: 10, high: 70 }),
  r({ id: 'm50', sex: 'male', ageFromDays: 18263, low: 10, high: 45 }),
];

describe('reference range choice', () => {
  it('picks NORIP’s ALT range by sex and age band (band start inclusive, end exclusive)', () => {
    expect(pickRange(ALT, { sex: 'male', ageDays: ageInDays('1990-01-01', '2026-03-10'), method: null })?.id).toBe(
      'm18',
    );
    expect(pickRange(ALT, { sex: 'male', ageDays: 18263, method: null })?.id).toBe('m50');
    expect(pickRange(ALT, { sex: 'male', ageDays: 18262, method: null })?.id).toBe('m18');
    expect(pickRange(ALT, { sex: 'female', ageDays: 20000, method: null })?.id).toBe('f');
    expect(pickRange(ALT, { sex: 'male', ageDays: 3000, method: null })).toBeNull(); // a child: no adult range
    expect(pickRange(ALT, { sex: 'unknown', ageDays: 20000, method: null })).toBeNull();
  });

  it('prefers a method-specific, then a sex-specific, then the narrowest matching range', () => {
    const ranges = [
      r({ id: 'all' }),
      r({ id: 'female', sex: 'female' }),
      r({ id: 'adult', ageFromDays: 6575 }),
      r({ id: 'enzymatic', method: 'enzymatic' }),
    ];
    expect(pickRange(ranges, { sex: 'female', ageDays: 9000, method: 'enzymatic' })?.id).toBe('enzymatic');
    expect(pickRange(ranges, { sex: 'female', ageDays: 9000, method: 'jaffe' })?.id).toBe('female');
    expect(pickRange(ranges, { sex: 'male', ageDays: 9000, method: null })?.id).toBe('adult');
    expect(pickRange(ranges, { sex: 'male', ageDays: 10, method: null })?.id).toBe('all');
  });

  it('never picks a range that does not apply, and finds one whenever one applies', () => {
    const arbRange = fc.record({
      id: fc.uuid(),
      sex: fc.constantFrom('male' as const, 'female' as const, null),
      ageFromDays: fc.option(fc.integer({ min: 0, max: 30000 }), { nil: null }),
      ageToDays: fc.option(fc.integer({ min: 1, max: 40000 }), { nil: null }),
      method: fc.constantFrom('a', 'b', null),
      low: fc.constant(null),
      high: fc.constant(null),
    });
    fc.assert(
      fc.property(
        fc.array(arbRange, { maxLength: 8 }),
        fc.constantFrom('male' as const, 'female' as const, 'unknown' as const),
        fc.integer({ min: 0, max: 40000 }),
        fc.constantFrom('a', 'b', null),
        (ranges, sex, ageDays, method) => {
          const ok = (x: RangeRow) =>
            (x.sex === null || x.sex === sex) &&
            (x.ageFromDays === null || ageDays >= x.ageFromDays) &&
            (x.ageToDays === null || ageDays < x.ageToDays) &&
            (x.method === null || x.method === method);
          const picked = pickRange(ranges, { sex, ageDays, method });
          if (picked) expect(ok(picked)).toBe(true);
          expect(picked === null).toBe(!ranges.some(ok));
        },
      ),
    );
  });
});

describe('flags', () => {
  const K = { low: 3.6, high: 4.6, criticalLow: 2.5, criticalHigh: 6.5 }; // NORIP serum K, SWLP limits
  it('flags potassium: L below 3.6, H above 4.6, LL at or below 2.5, HH at or above 6.5', () => {
    expect([3.6, 4.6, 4.0].map((v) => flagOf(v, K))).toEqual([null, null, null]);
    expect(flagOf(3.5, K)).toBe('L');
    expect(flagOf(4.7, K)).toBe('H');
    expect(flagOf(2.5, K)).toBe('LL');
    expect(flagOf(2.6, K)).toBe('L');
    expect(flagOf(6.5, K)).toBe('HH');
    expect(flagOf(6.4, K)).toBe('H');
  });

  it('is monotonic: a higher value never gets a lower flag', () => {
    const order = { LL: 0, L: 1, null: 2, H: 3, HH: 4 } as const;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(order[String(flagOf(lo, K)) as keyof typeof order]).toBeLessThanOrEqual(
          order[String(flagOf(hi, K)) as keyof typeof order],
        );
      }),
    );
  });

  it('computes the delta to the previous result in percent', () => {
    expect(deltaPercent(4.8, 4.0)).toBe(20);
    expect(deltaPercent(3.84, 4.8)).toBe(-20);
    expect(deltaPercent(4, null)).toBeNull();
  });
});

describe('Czech birth numbers (zákon č. 133/2000 Sb., § 13)', () => {
  it('reads date and sex and checks the mod-11 digit', () => {
    expect(parseBirthNumber('855314/0002')).toEqual({ value: '8553140002', birthDate: '1985-03-14', sex: 'female' });
    expect(parseBirthNumber('6211020002')).toEqual({ value: '6211020002', birthDate: '1962-11-02', sex: 'male' });
    expect(parseBirthNumber('0405120001')?.birthDate).toBe('2004-05-12');
    expect(parseBirthNumber('8553140003')).toBeNull();
    expect(parseBirthNumber('855332/0002')).toBeNull(); // 32 March
    expect(parseBirthNumber('530101123')?.birthDate).toBe('1953-01-01'); // nine digits before 1954
    expect(parseBirthNumber('540101123')).toBeNull();
  });

  it('accepts every ten-digit number divisible by 11 with a real date, and no other', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1954-01-01'), max: new Date('2053-12-31'), noInvalidDate: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 999 }),
        (d, female, serial) => {
          const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
          const mm = String(d.getUTCMonth() + 1 + (female ? 50 : 0)).padStart(2, '0');
          const dd = String(d.getUTCDate()).padStart(2, '0');
          const body = `${yy}${mm}${dd}${String(serial).padStart(3, '0')}`;
          const check = (Number(body) * 10) % 11 === 0 ? 0 : 11 - ((Number(body) * 10) % 11);
          fc.pre(check < 10);
          const parsed = parseBirthNumber(`${body}${check}`);
          expect(parsed?.birthDate).toBe(d.toISOString().slice(0, 10));
          expect(parsed?.sex).toBe(female ? 'female' : 'male');
          expect(parseBirthNumber(`${body}${(check + 1) % 10}`)).toBeNull();
        },
      ),
    );
  });
});
