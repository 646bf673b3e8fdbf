import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber } from './format.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats Czech crowns and euros by locale', () => {
    expect(nbsp(formatMoney('1234.50', 'CZK', 'cs'))).toBe('1 234,50 Kč');
    expect(nbsp(formatMoney('1234.5', 'EUR', 'en'))).toBe('€1,234.50');
    expect(nbsp(formatMoney('-0.50', 'CZK', 'cs'))).toBe('-0,50 Kč');
    expect(nbsp(formatMoney('0', 'EUR', 'en'))).toBe('€0.00');
    expect(nbsp(formatMoney('-12', 'EUR', 'en'))).toBe('-€12.00');
  });

  it('never loses precision on amounts beyond float range', () => {
    expect(nbsp(formatMoney('98765432109876543.21', 'CZK', 'cs'))).toBe('98 765 432 109 876 543,21 Kč');
  });

  it('keeps every digit of any decimal amount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.constantFrom('en', 'cs') as fc.Arbitrary<'en' | 'cs'>,
        (minor, locale) => {
          const neg = minor < 0n;
          const abs = neg ? -minor : minor;
          const text = `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
          const out = formatMoney(text, 'EUR', locale).replace(/\D/g, '');
          expect(out.replace(/^0+/, '')).toBe(abs.toString().replace(/^0+/, ''));
        },
      ),
    );
  });
});

describe('formatNumber and formatDate', () => {
  it('formats decimal strings and business dates', () => {
    expect(nbsp(formatNumber('1234.125', 'cs'))).toBe('1 234,125');
    expect(formatNumber('1234.125', 'en')).toBe('1,234.125');
    expect(formatDate('2025-01-31', 'en')).toBe('31 Jan 2025');
    expect(formatDate('2025-01-31', 'cs')).toBe('31. 1. 2025');
  });
});
