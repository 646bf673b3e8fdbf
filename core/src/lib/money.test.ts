import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney, roundHalfAway } from './money.ts';

describe('money', () => {
  it('parses and formats decimal strings exactly', () => {
    expect(parseMoney('1234.5')).toBe(123450n);
    expect(parseMoney('-0.01')).toBe(-1n);
    expect(parseMoney('1.005')).toBeNull();
    expect(parseMoney('1e3')).toBeNull();
    expect(parseMoney('')).toBeNull();
    expect(formatMoney(123450n)).toBe('1234.50');
    expect(formatMoney(-5n)).toBe('-0.05');
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (v) => {
        expect(parseMoney(formatMoney(v))).toBe(v);
      }),
    );
  });

  it('rounds half away from zero', () => {
    expect(roundHalfAway(5n, 2n)).toBe(3n);
    expect(roundHalfAway(-5n, 2n)).toBe(-3n);
    expect(roundHalfAway(4n, 3n)).toBe(1n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const r = roundHalfAway(n, d);
          // |n/d - r| <= 1/2
          const diff = n - r * d;
          expect(2n * (diff < 0n ? -diff : diff) <= d).toBe(true);
        },
      ),
    );
  });
});
