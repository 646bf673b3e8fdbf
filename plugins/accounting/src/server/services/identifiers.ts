import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * Czech company number (IČO): 8 digits, the last a mod-11 check digit over the first seven
 * weighted 8..2.
 */
export function isValidIco(ico: string): boolean {
  if (!/^\d{8}$/.test(ico)) return false;
  let s = 0;
  for (let i = 0; i < 7; i++) s += Number(ico[i]) * (8 - i);
  const r = s % 11;
  const check = r === 0 ? 1 : r === 1 ? 0 : 11 - r;
  return check === Number(ico[7]);
}

/** Normalises an IČO typed with spaces or fewer leading zeros ("123 45 678", "2345678"). */
export function normalizeIco(ico: string): string {
  const digits = ico.replace(/\s+/g, '');
  return /^\d{1,8}$/.test(digits) ? digits.padStart(8, '0') : digits;
}

/** Czech birth number (rodné číslo) as used in a DIČ of a natural person: 10 digits divisible by 11 (or the 1954+ exception). */
function isValidBirthNumber(rc: string): boolean {
  if (rc.length === 9) return true; // issued before 1954, no check digit
  const n = BigInt(rc);
  if (n % 11n === 0n) return true;
  return BigInt(rc.slice(0, 9)) % 11n === 10n && rc[9] === '0';
}

/**
 * VAT number (DIČ): a two-letter country prefix and the national number. Czech numbers are
 * checked fully (CZ + IČO, or CZ + birth number); other countries by shape only.
 */
export function isValidDic(dic: string): boolean {
  if (!/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(dic)) return false;
  if (dic.startsWith('CZ')) {
    const rest = dic.slice(2);
    if (/^\d{8}$/.test(rest)) return isValidIco(rest);
    if (/^\d{9,10}$/.test(rest)) return isValidBirthNumber(rest);
    return false;
  }
  return true;
}

export const normalizeDic = (dic: string): string => dic.replace(/[\s-]+/g, '').toUpperCase();

/** Normalises an IBAN to its electronic form (no spaces, upper case); null if not an IBAN. */
export function normalizeIban(iban: string): string | null {
  const e = electronicFormatIBAN(iban);
  return e && isValidIBAN(e) ? e : null;
}

export const isValidBic = (bic: string): boolean => isValidBIC(bic.toUpperCase());

/** Czech domestic account number: optional prefix, number, bank code ("19-2000145399/0800"). */
export function isValidCzechAccount(text: string): boolean {
  const m = /^(?:(\d{1,6})-)?(\d{2,10})\/(\d{4})$/.exec(text.trim());
  if (!m) return false;
  const weights = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
  const check = (digits: string) => {
    const d = digits.padStart(10, '0');
    let s = 0;
    for (let i = 0; i < 10; i++) s += Number(d[i]) * (weights[i] as number);
    return s % 11 === 0;
  };
  return (!m[1] || check(m[1])) && check(m[2] as string);
}

/** Variable symbol: up to 10 digits, leading zeros insignificant. */
export const normalizeVariableSymbol = (vs: string | null | undefined): string | null => {
  if (!vs) return null;
  const digits = vs.trim().replace(/^0+(?=\d)/, '');
  return /^\d{1,10}$/.test(digits) ? digits : null;
};
