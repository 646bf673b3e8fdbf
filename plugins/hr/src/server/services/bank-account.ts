import { composeIBAN, electronicFormatIBAN, isValidIBAN } from 'ibantools';

/**
 * Czech domestic account numbers (vyhláška ČNB č. 169/2011 Sb., § 2): an optional prefix of up to six
 * digits and a number of two to ten digits, each with the weighted mod-11 check (weights 6,3,7,9,10,5,8,4,2,1
 * from the left of the zero-padded ten digits), then the four-digit bank code.
 */
const DOMESTIC = /^(?:(\d{1,6})-)?(\d{2,10})\/(\d{4})$/;
const WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
const mod11 = (digits: string) => {
  const d = digits.padStart(10, '0');
  let s = 0;
  for (let i = 0; i < 10; i++) s += Number(d[i]) * (WEIGHTS[i] as number);
  return s % 11 === 0;
};

/**
 * An account as an IBAN (electronic form): an IBAN with a valid check, or a Czech domestic number
 * (`19-2000145399/0800`) converted to its CZ IBAN; null if it is neither.
 */
export function toIban(input: string): string | null {
  const text = input.trim();
  const m = DOMESTIC.exec(text.replace(/\s+/g, ''));
  if (m) {
    const [, prefix = '', number = '', bank = ''] = m;
    if ((prefix && !mod11(prefix)) || !mod11(number)) return null;
    return (
      composeIBAN({ countryCode: 'CZ', bban: `${bank}${prefix.padStart(6, '0')}${number.padStart(10, '0')}` }) ?? null
    );
  }
  const e = electronicFormatIBAN(text);
  return e && isValidIBAN(e) ? e : null;
}

/** A CZ IBAN as the domestic number people know (`19-2000145399/0800`); other IBANs as they are. */
export function domesticAccount(iban: string): string {
  if (!iban.startsWith('CZ') || iban.length !== 24) return iban;
  const bank = iban.slice(4, 8);
  const prefix = iban.slice(8, 14).replace(/^0+/, '');
  const number = iban.slice(14).replace(/^0+/, '');
  return `${prefix ? `${prefix}-` : ''}${number}/${bank}`;
}
