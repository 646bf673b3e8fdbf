import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, isValidGtin } from './gtin.ts';

describe('GTIN check digits', () => {
  it('accepts published codes', () => {
    // GS1 General Specifications §7.9.1 worked example: 629104150021 → check digit 3.
    expect(gtinCheckDigit('629104150021')).toBe(3);
    expect(isValidGtin('6291041500213')).toBe(true);
    // ISBN-13 of "The C Programming Language" 2nd ed. (an EAN-13): 978-0-13-110362-7.
    expect(isValidGtin('9780131103627')).toBe(true);
    // GTIN-8 from GS1's check digit calculator page: 9638507 → 4.
    expect(isValidGtin('96385074')).toBe(true);
    // UPC-A 036000291452 (GS1 US example).
    expect(isValidGtin('036000291452')).toBe(true);
  });

  it('refuses wrong lengths, letters and a wrong check digit', () => {
    for (const bad of ['6291041500214', '629104150021', '12345', 'ABCDEFGHIJKLM', '', '123456789012345'])
      expect(isValidGtin(bad)).toBe(false);
  });

  it('detects every single-digit error and every adjacent transposition of unequal digits', () => {
    const body = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(body, fc.nat(12), fc.integer({ min: 1, max: 9 }), (digits, pos, delta) => {
        const code = digits.join('') + gtinCheckDigit(digits.join(''));
        expect(isValidGtin(code)).toBe(true);
        const changed = code.split('');
        changed[pos] = String((Number(changed[pos]) + delta) % 10);
        expect(isValidGtin(changed.join(''))).toBe(false);
        if (pos < 12 && code[pos] !== code[pos + 1] && Math.abs(Number(code[pos]) - Number(code[pos + 1])) !== 5) {
          const swapped = code.split('');
          [swapped[pos], swapped[pos + 1]] = [swapped[pos + 1] as string, swapped[pos] as string];
          expect(isValidGtin(swapped.join(''))).toBe(false);
        }
      }),
    );
  });
});
