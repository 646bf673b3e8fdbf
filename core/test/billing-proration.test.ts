import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, businessDate, daysBetween, periodEnd } from '../src/billing/dates.ts';
import { prorate } from '../src/billing/proration.ts';
import { isValidCzDic, isValidIco, isValidVatId, vatAmount, vatFor } from '../src/billing/vat.ts';

const price = fc.bigInt({ min: 0n, max: 10_000_000n });

describe('proration', () => {
  it('never goes negative and never exceeds the full-period price of the most expensive state held', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 366 }),
        price,
        fc.array(fc.record({ day: fc.nat(), price, label: fc.constantFrom('A', 'B', 'C') }), { maxLength: 40 }),
        (days, initial, raw) => {
          const changes = raw.map((c) => ({ ...c, day: c.day % days })).sort((a, b) => a.day - b.day);
          // What was paid in advance is the price of the state the period started in.
          const r = prorate({ days, paid: initial, initial: { price: initial, label: 'A' }, changes });
          const held = [initial, ...changes.map((c) => c.price)];
          const max = held.reduce((a, b) => (b > a ? b : a), 0n);
          expect(r.total >= 0n).toBe(true);
          expect(r.total <= max).toBe(true);
          expect(r.total <= max - initial).toBe(true);
          for (const l of r.lines) expect(l.amount >= 0n).toBe(true);
          expect(r.lines.reduce((a, l) => a + l.amount, 0n)).toBe(r.total);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('charges the difference by day, rounded once half away from zero', () => {
    // 490 CZK add-on for the last 21 of 31 days: 49000 × 21 / 31 = 33193.548… → 33194.
    const r = prorate({
      days: 31,
      paid: 99_000n,
      initial: { price: 99_000n, label: 'Standard' },
      changes: [{ day: 10, price: 148_000n, label: 'Standard + HR' }],
    });
    expect(r.total).toBe(33_194n);
    expect(r.lines).toEqual([{ fromDay: 10, toDay: 31, excess: 49_000n, label: 'Standard + HR', amount: 33_194n }]);
  });

  it('charges a state held for part of a day for that whole day, and credits no downgrade', () => {
    const r = prorate({
      days: 30,
      paid: 1000n,
      initial: { price: 1000n, label: 'A' },
      changes: [
        { day: 5, price: 4000n, label: 'B' },
        { day: 5, price: 500n, label: 'C' },
      ],
    });
    expect(r.total).toBe(100n); // one day at +3000 / 30
  });

  it('keeps line amounts adding up to the total with many small runs', () => {
    const changes = Array.from({ length: 30 }, (_, d) => ({
      day: d,
      price: d % 2 ? 3n : 1n,
      label: d % 2 ? 'B' : 'A',
    }));
    const r = prorate({ days: 30, paid: 1n, initial: { price: 1n, label: 'A' }, changes });
    // From day 1 on every day also held the price carried in from the day before: 29 × 2 / 30 → 2.
    expect(r.total).toBe(2n);
    expect(r.lines.reduce((a, l) => a + l.amount, 0n)).toBe(2n);
  });
});

describe('dates', () => {
  it('adds months clamped to the month end and finds period ends', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
    expect(periodEnd('2025-01-31', '2025-02-28', 'month')).toBe('2025-03-31');
    expect(periodEnd('2025-03-17', '2025-03-17', 'year')).toBe('2026-03-17');
    expect(daysBetween('2025-01-24', '2025-02-24')).toBe(31);
  });

  it('takes business dates in Prague time', () => {
    expect(businessDate(new Date('2024-12-31T23:30:00Z'), 'Europe/Prague')).toBe('2025-01-01');
    expect(businessDate(new Date('2025-06-30T21:59:00Z'), 'Europe/Prague')).toBe('2025-06-30');
  });
});

describe('VAT and identifiers', () => {
  it('validates IČO (mod 11) and DIČ', () => {
    expect(isValidIco('12345679')).toBe(true);
    expect(isValidIco('27082440')).toBe(true);
    expect(isValidIco('12345678')).toBe(false);
    expect(isValidIco('1234567')).toBe(false);
    expect(isValidCzDic('CZ27082440')).toBe(true);
    expect(isValidCzDic('CZ27082441')).toBe(false);
    expect(isValidCzDic('CZ7103192745')).toBe(true); // birth number, divisible by 11
    expect(isValidVatId('DE123456789', 'DE')).toBe(true);
    expect(isValidVatId('DE12345678', 'DE')).toBe(false);
    expect(isValidVatId('EL123456789', 'GR')).toBe(true);
  });

  it('applies CZ 21 %, reverse charge for EU businesses, OSS for EU consumers, nothing outside the EU', () => {
    expect(vatFor('CZ', { country: 'CZ', dic: 'CZ27082440' })).toMatchObject({ mode: 'domestic', rate: '21' });
    expect(vatFor('CZ', { country: 'DE', dic: 'DE123456789' })).toMatchObject({ mode: 'reverse_charge', rate: '0' });
    expect(vatFor('CZ', { country: 'DE', dic: null })).toMatchObject({ mode: 'oss', rate: '19' });
    expect(vatFor('CZ', { country: 'DE', dic: 'DE12' })).toMatchObject({ mode: 'oss' });
    expect(vatFor('CZ', { country: 'US', dic: null })).toMatchObject({ mode: 'outside_eu', rate: '0' });
    expect(vatAmount(99_000n, '21')).toBe(20_790n);
    expect(vatAmount(33_194n, '21')).toBe(6_971n); // 6970.74 → 6971
    expect(vatAmount(1_000n, '25.5')).toBe(255n);
  });
});
