import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessToday, formatDate, formatMoney, formatNumber } from './format.ts';

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

describe('businessToday', () => {
  it('is the day on the firm’s calendar (Prague), not UTC’s or the browser’s', () => {
    // 23:30 UTC on 7 Dec 2026 is 00:30 on 8 Dec in Prague (CET, UTC+1); in July Prague is UTC+2.
    expect(businessToday(new Date('2026-12-07T23:30:00Z'))).toBe('2026-12-08');
    expect(businessToday(new Date('2026-12-07T22:59:00Z'))).toBe('2026-12-07');
    expect(businessToday(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });
});
