import { composeIBAN, electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

const WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];

/** The ČNB check (decree 169/2011 Sb.): the digits, left-padded to 10, weighted 6,3,7,9,10,5,8,4,2,1, sum mod 11 = 0. */
function weightedOk(digits: string): boolean {
  const d = digits.padStart(10, '0');
  let s = 0;
  for (let i = 0; i < 10; i++) s += Number(d[i]) * (WEIGHTS[i] as number);
  return s % 11 === 0;
}

export interface CzechAccount {
  prefix: string;
  number: string;
  bank: string;
}

/** Parses a Czech domestic account number "prefix-number/bank" and checks both parts; null if invalid. */
export function parseCzechAccount(text: string): CzechAccount | null {
  const m = /^(?:(\d{1,6})-)?(\d{2,10})\/(\d{4})$/.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const [, prefix = '', number = '', bank = ''] = m;
  if ((prefix && !weightedOk(prefix)) || !weightedOk(number)) return null;
  return { prefix: prefix.replace(/^0+/, ''), number: number.replace(/^0+(?=\d)/, ''), bank };
}

export const formatCzechAccount = (a: CzechAccount) => `${a.prefix ? `${a.prefix}-` : ''}${a.number}/${a.bank}`;

/** A Czech account's IBAN: CZ, check digits, bank code, prefix (6) and number (10). */
export function czechAccountToIban(a: CzechAccount): string {
  return composeIBAN({
    countryCode: 'CZ',
    bban: `${a.bank}${a.prefix.padStart(6, '0')}${a.number.padStart(10, '0')}`,
  }) as string;
}

/** The domestic form of a Czech IBAN; null for other countries. */
export function ibanToCzechAccount(iban: string): CzechAccount | null {
  if (!iban.startsWith('CZ') || iban.length !== 24) return null;
  return {
    bank: iban.slice(4, 8),
    prefix: iban.slice(8, 14).replace(/^0+/, ''),
    number: iban.slice(14).replace(/^0+(?=\d)/, ''),
  };
}

/** An IBAN in electronic form (no spaces, upper case), or null if it is not one. */
export function normalizeIban(iban: string): string | null {
  const e = electronicFormatIBAN(iban);
  return e && isValidIBAN(e) ? e : null;
}

export const isValidBic = (bic: string) => isValidBIC(bic.toUpperCase());

/** Whether text is a Czech domestic account number with both check digits right ("19-2000145399/0800"). */
export const isValidCzechAccount = (text: string) => parseCzechAccount(text.trim()) !== null;

/**
 * An account as an IBAN (electronic form) from what people type: a Czech domestic number
 * (`19-2000145399/0800`, both check digits right) converted to its CZ IBAN, or an IBAN with a valid
 * check; null if it is neither.
 */
export function accountToIban(text: string): string | null {
  const domestic = parseCzechAccount(text.trim());
  return domestic ? czechAccountToIban(domestic) : normalizeIban(text.trim());
}

/** A CZ IBAN as the domestic number people know (`19-2000145399/0800`); other IBANs as they are. */
export function domesticAccountText(iban: string): string {
  const domestic = ibanToCzechAccount(iban);
  return domestic ? formatCzechAccount(domestic) : iban;
}
