import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateInput, formatDecimalInput, parseDateInput, parseDecimal } from './locale-input.ts';

const ok = (value: string) => ({ ok: true, value });

describe('parseDecimal', () => {
  it('reads Czech input: decimal comma, spaces group, a lone dot is a decimal point unless it groups thousands', () => {
    expect(parseDecimal('10,5', 'cs')).toEqual(ok('10.5'));
    expect(parseDecimal('1 234,50', 'cs')).toEqual(ok('1234.5'));
    expect(parseDecimal('1\u00a0234\u00a0567,00 Kč', 'cs')).toEqual(ok('1234567'));
    expect(parseDecimal('10.5', 'cs')).toEqual(ok('10.5'));
    expect(parseDecimal('1.234', 'cs')).toEqual(ok('1234'));
    expect(parseDecimal('1.234,56', 'cs')).toEqual(ok('1234.56'));
    expect(parseDecimal('−0,50', 'cs')).toEqual(ok('-0.5'));
    expect(parseDecimal('-0', 'cs')).toEqual(ok('0'));
    expect(parseDecimal(',5', 'cs')).toEqual(ok('0.5'));
  });

  it('reads English input: decimal point, comma groups, a lone comma before other than three digits is a decimal', () => {
    expect(parseDecimal('10.5', 'en')).toEqual(ok('10.5'));
    expect(parseDecimal('1,234.50', 'en')).toEqual(ok('1234.5'));
    expect(parseDecimal('1,234', 'en')).toEqual(ok('1234'));
    expect(parseDecimal('10,5', 'en')).toEqual(ok('10.5'));
    expect(parseDecimal('EUR 1,000,000.01', 'en')).toEqual(ok('1000000.01'));
  });

  it('refuses what is not a number, misplaced groups, and too many decimals', () => {
    for (const bad of ['', 'abc', '1,2,3', '12.34.5', '1,234.5.6', '1.2,3,4', '--5', '5-', '1e5', '.', '0x10']) {
      expect(parseDecimal(bad, 'cs'), bad).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(parseDecimal('1,005', 'cs', 2)).toEqual({ ok: false, reason: 'decimals' });
    expect(parseDecimal('1,500', 'cs', 2)).toEqual(ok('1.5'));
  });

  it('reads back what it formats, in both languages (property)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 9999 }), fc.nat(4))
      .map(([neg, whole, frac, digits]) => {
        const f = digits === 0 ? '' : String(frac).padStart(4, '0').slice(0, digits).replace(/0+$/, '');
        const v = f ? `${whole}.${f}` : String(whole);
        return neg && v !== '0' ? `-${v}` : v;
      });
    fc.assert(
      fc.property(decimal, fc.constantFrom('cs' as const, 'en' as const), fc.nat(2), (v, locale, min) => {
        expect(parseDecimal(formatDecimalInput(v, locale, min), locale)).toEqual(ok(v));
      }),
    );
  });

  it('formats money for an input with grouping and fixed decimals', () => {
    expect(formatDecimalInput('1234.5', 'cs', 2)).toBe('1\u00a0234,50');
    expect(formatDecimalInput('-1234567.125', 'en', 2)).toBe('-1,234,567.125');
    expect(formatDecimalInput('abc', 'en')).toBe('abc');
  });
});

describe('dates', () => {
  const today = new Date(2026, 4, 20);
  it('reads Czech day-first dates with dots, with spaces, short year or none', () => {
    expect(parseDateInput('5.3.2026', 'cs', today)).toBe('2026-03-05');
    expect(parseDateInput('05. 03. 2026', 'cs', today)).toBe('2026-03-05');
    expect(parseDateInput('5.3.', 'cs', today)).toBe('2026-03-05');
    expect(parseDateInput('5.3', 'cs', today)).toBe('2026-03-05');
    expect(parseDateInput('5.3.26', 'cs', today)).toBe('2026-03-05');
    expect(parseDateInput('2026-03-05', 'cs', today)).toBe('2026-03-05');
    expect(parseDateInput('29.2.2028', 'cs', today)).toBe('2028-02-29');
  });

  it('reads English (en-GB) day-first dates', () => {
    expect(parseDateInput('05/03/2026', 'en', today)).toBe('2026-03-05');
    expect(parseDateInput('5/3/26', 'en', today)).toBe('2026-03-05');
    expect(parseDateInput('2026-3-5', 'en', today)).toBe('2026-03-05');
  });

  it('refuses impossible and malformed dates', () => {
    for (const bad of [
      '31.2.2026',
      '29.2.2026',
      '0.1.2026',
      '1.13.2026',
      '32.1.2026',
      'abc',
      '1/2/3/4',
      '5/3/2026x',
      '',
    ]) {
      expect(parseDateInput(bad, 'cs', today), bad).toBeNull();
    }
    expect(parseDateInput('5/3/2026', 'cs', today)).toBeNull();
  });

  it('writes dates back as the locale types them, and reads them again (property)', () => {
    expect(formatDateInput('2026-03-05', 'cs')).toBe('05.03.2026');
    expect(formatDateInput('2026-03-05', 'en')).toBe('05/03/2026');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('cs' as const, 'en' as const),
        (d, locale) => {
          const ymd = d.toISOString().slice(0, 10);
          expect(parseDateInput(formatDateInput(ymd, locale), locale, today)).toBe(ymd);
        },
      ),
    );
  });
});
