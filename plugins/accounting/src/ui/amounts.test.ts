/**
 * The forms' decimal arithmetic: what people type becomes exact minor units, and the invoice form's
 * live preview computes net and VAT exactly as the server posts them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiply, parseDecimal, percentOf } from '../server/services/amounts.ts';
import {
  decimalOf,
  fromMinor,
  multiplyMinor,
  normalizeDecimal,
  parseAmount,
  percentOfMinor,
  roundHalfAway,
  sumDecimals,
  toMinor,
} from './amounts.ts';

const minor = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const digits = fc.integer({ min: 0, max: 4 });

/** "1234567.5" → "1 234 567,5" (Czech) or "1,234,567.5" (English), as people type them. */
function localized(decimal: string, style: 'cs' | 'en'): string {
  const [whole = '0', frac] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, style === 'cs' ? '\u00a0' : ',');
  return frac === undefined ? grouped : `${grouped}${style === 'cs' ? ',' : '.'}${frac}`;
}

describe('amounts typed into forms', () => {
  it('round-trips minor units through decimal strings', () => {
    fc.assert(
      fc.property(minor, digits, (v, d) => {
        expect(toMinor(fromMinor(v, d), d)).toBe(v);
      }),
    );
  });

  it('reads Czech and English number formats to the same amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), (v) => {
        const canonical = fromMinor(v, 2);
        for (const style of ['cs', 'en'] as const) {
          const parsed = parseAmount(localized(canonical, style), 'CZK');
          expect(parsed).toEqual({ ok: true, value: canonical, minor: v });
        }
      }),
    );
    expect(normalizeDecimal('12 500,50')).toBe('12500.50');
    expect(normalizeDecimal('1.234,5')).toBe('1234.5');
    expect(parseAmount('12,345', 'CZK')).toEqual({ ok: false, error: 'precision' });
    expect(parseAmount('-5', 'CZK')).toEqual({ ok: false, error: 'negative' });
    expect(parseAmount('abc', 'CZK')).toEqual({ ok: false, error: 'invalid' });
    expect(parseAmount('  ', 'CZK')).toBeNull();
  });

  it('sums decimal strings exactly (no float drift)', () => {
    fc.assert(
      fc.property(fc.array(minor, { maxLength: 50 }), (values) => {
        const total = values.reduce((a, b) => a + b, 0n);
        expect(
          sumDecimals(
            values.map((v) => fromMinor(v, 2)),
            2,
          ),
        ).toBe(fromMinor(total, 2));
      }),
    );
    expect(sumDecimals(['0.10', '0.20'], 2)).toBe('0.30');
  });

  it('rounds half away from zero', () => {
    expect(roundHalfAway(5n, 2n)).toBe(3n);
    expect(roundHalfAway(-5n, 2n)).toBe(-3n);
    expect(roundHalfAway(4n, 3n)).toBe(1n);
    expect(roundHalfAway(-4n, 3n)).toBe(-1n);
  });

  it('previews a line’s net and VAT exactly as the server computes them', () => {
    const decimalText = (n: bigint, scale: number) => {
      const s = (n < 0n ? -n : n).toString().padStart(scale + 1, '0');
      return `${n < 0n ? '-' : ''}${scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s}`;
    };
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 4 }),
        fc.bigInt({ min: 0n, max: 30_0000n }),
        (unitPrice, qtyNum, qtyScale, rateNum) => {
          const qty = decimalText(qtyNum, qtyScale);
          const rate = decimalText(rateNum, 4);
          const uiQty = decimalOf(qty);
          const uiRate = decimalOf(rate);
          const srvQty = parseDecimal(qty);
          const srvRate = parseDecimal(rate);
          if (!uiQty || !uiRate || !srvQty || !srvRate) throw new Error('unparsable test input');
          const net = multiplyMinor(unitPrice, uiQty);
          expect(net).toBe(multiply(unitPrice, srvQty));
          expect(percentOfMinor(net, uiRate)).toBe(percentOf(net, srvRate));
        },
      ),
    );
  });
});
