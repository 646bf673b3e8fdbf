import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountToIban,
  czechAccountToIban,
  domesticAccountText,
  formatBirthNumber,
  parseBirthNumber,
  parseCzechAccount,
} from '../src/index.ts';

describe('Czech identifiers in core', () => {
  it('reads birth numbers: the check digit, the date, women +50 and the 2004 extra series', () => {
    expect(parseBirthNumber('855314/0002')).toEqual({ value: '8553140002', birthDate: '1985-03-14', sex: 'female' });
    expect(parseBirthNumber('0425120003')).toEqual({ value: '0425120003', birthDate: '2004-05-12', sex: 'male' });
    expect(parseBirthNumber('8553140003')).toBeNull();
    expect(parseBirthNumber('530101123')?.birthDate).toBe('1953-01-01');
    expect(parseBirthNumber('540101123')).toBeNull();
    expect(formatBirthNumber('8553140002')).toBe('855314/0002');
  });

  it('parses every ten-digit birth number of a real day that is divisible by 11, and formats it back', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1954-01-01'), max: new Date('2053-12-31'), noInvalidDate: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 999 }),
        (d, woman, serial) => {
          const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
          const mm = String(d.getUTCMonth() + 1 + (woman ? 50 : 0)).padStart(2, '0');
          const dd = String(d.getUTCDate()).padStart(2, '0');
          const body = `${yy}${mm}${dd}${String(serial).padStart(3, '0')}`;
          const check = Number(body) % 11;
          fc.pre(check < 10);
          const value = `${body}${check}`;
          const parsed = parseBirthNumber(formatBirthNumber(value));
          expect(parsed).toEqual({ value, birthDate: d.toISOString().slice(0, 10), sex: woman ? 'female' : 'male' });
        },
      ),
    );
  });

  it('takes an account as typed, domestic or IBAN, to an IBAN and back to the domestic number', () => {
    // The IBAN of 19-2000145399/0800 (Wikipedia, "International Bank Account Number", CZ example).
    expect(accountToIban(' 19-2000145399/0800 ')).toBe('CZ6508000000192000145399');
    expect(accountToIban('CZ65 0800 0000 1920 0014 5399')).toBe('CZ6508000000192000145399');
    expect(accountToIban('19-2000145398/0800')).toBeNull();
    expect(accountToIban('CZ6508000000192000145398')).toBeNull();
    expect(domesticAccountText('CZ6508000000192000145399')).toBe('19-2000145399/0800');
    expect(domesticAccountText('DE89370400440532013000')).toBe('DE89370400440532013000');
  });

  it('round-trips every valid domestic number through its IBAN', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2,10}$/), fc.stringMatching(/^\d{4}$/), (number, bank) => {
        const parsed = parseCzechAccount(`${number}/${bank}`);
        fc.pre(parsed !== null && /[1-9]/.test(number));
        const iban = czechAccountToIban(parsed as NonNullable<typeof parsed>);
        expect(accountToIban(`${number}/${bank}`)).toBe(iban);
        expect(accountToIban(domesticAccountText(iban))).toBe(iban);
      }),
    );
  });
});
