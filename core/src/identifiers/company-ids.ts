/**
 * Czech and EU company identifiers: IČO (identifikační číslo osoby, zákon č. 111/2009 Sb.) and DIČ / VAT
 * numbers. The one place Bureau checks them: billing's buyer details, the company profile, the address
 * book (parties) and accounting's customers and vendors all call these.
 */

/** IČO: eight digits, the last a mod-11 check digit over the first seven weighted 8…2. */
export function isValidIco(ico: string): boolean {
  if (!/^\d{8}$/.test(ico)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(ico[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 10;
  return check === Number(ico[7]);
}

/** An IČO typed with spaces or without its leading zeros ("123 45 678", "2345678") as eight digits. */
export function normalizeIco(ico: string): string {
  const digits = ico.replace(/\s+/g, '');
  return /^\d{1,8}$/.test(digits) ? digits.padStart(8, '0') : digits;
}

/** A birth number (rodné číslo) as a natural person's DIČ carries it: 10 digits divisible by 11, or the 1954+ exception. */
function isValidBirthNumber(rc: string): boolean {
  if (rc.length === 9) return true; // birth numbers before 1954 and VAT groups (699…) carry no check digit
  if (BigInt(rc) % 11n === 0n) return true;
  // Birth numbers where the first nine digits leave remainder 10 end in 0.
  return BigInt(rc.slice(0, 9)) % 11n === 10n && rc.endsWith('0');
}

/** Czech DIČ: CZ + IČO (legal persons), CZ + birth number (9–10 digits) or CZ699… (VAT groups). */
export function isValidCzDic(dic: string): boolean {
  const m = /^CZ(\d{8,10})$/.exec(dic);
  if (!m) return false;
  const n = m[1] as string;
  return n.length === 8 ? isValidIco(n) : isValidBirthNumber(n);
}

/** A VAT number upper case, without spaces, dots or dashes. */
export const normalizeVatId = (v: string) => v.replace(/[\s.-]/g, '').toUpperCase();

/**
 * Any country's VAT number (DIČ) by shape: a two-letter prefix and the national number; a Czech one
 * fully (CZ + IČO or birth number).
 */
export function isValidDic(dic: string): boolean {
  if (!/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(dic)) return false;
  return dic.startsWith('CZ') ? isValidCzDic(dic) : true;
}

/** VAT id prefix differs from the ISO code for Greece. */
const vatPrefix = (country: string) => (country === 'GR' ? 'EL' : country);

/** The form of each EU member state's VAT numbers (the European Commission's VIES help, "VAT number format"). */
const VAT_ID_FORMATS: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  GR: /^EL\d{9}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{12}$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
};

/** Whether the country is an EU member state with a VAT number format. */
export const hasVatIdFormat = (country: string) => country in VAT_ID_FORMATS;

/** True when `vatId` has the format of the given EU country's VAT ids (and the CZ checksum). */
export function isValidVatId(vatId: string, country: string): boolean {
  const v = normalizeVatId(vatId);
  const format = VAT_ID_FORMATS[country];
  if (!format || !v.startsWith(vatPrefix(country))) return false;
  if (!format.test(v)) return false;
  return country === 'CZ' ? isValidCzDic(v) : true;
}
