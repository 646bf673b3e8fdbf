import { roundHalfAway } from '../lib/money.ts';

/**
 * VAT for the platform's own invoices. The seller is established in the Czech Republic.
 *
 * - buyer in the seller's country: domestic VAT (CZ 21 %);
 * - buyer elsewhere in the EU with a VAT id that passes the format check: reverse charge (0 %, the
 *   buyer accounts for the tax; Art. 196 of Directive 2006/112/EC, § 92a ZDPH);
 * - buyer elsewhere in the EU without a VAT id: the buyer country's standard rate (One-Stop-Shop);
 * - buyer outside the EU: no Czech VAT (the place of supply is abroad).
 *
 * The VAT id is checked for format only (and the Czech DIČ for its checksum); a real product also
 * asks the EU's VIES service at invoicing, which needs network access this deployment does not assume.
 */

/** Standard VAT rates in per cent, as in force in 2025 (EE 24 % from 2025-07-01, RO 21 % from 2025-08-01). */
export const EU_VAT_RATES: Record<string, string> = {
  AT: '20',
  BE: '21',
  BG: '20',
  CY: '19',
  CZ: '21',
  DE: '19',
  DK: '25',
  EE: '24',
  GR: '24',
  ES: '21',
  FI: '25.5',
  FR: '20',
  HR: '25',
  HU: '27',
  IE: '23',
  IT: '22',
  LT: '21',
  LU: '17',
  LV: '21',
  MT: '18',
  NL: '21',
  PL: '23',
  PT: '23',
  RO: '21',
  SE: '25',
  SI: '22',
  SK: '23',
};

export const isEu = (country: string) => country in EU_VAT_RATES;

/** VAT id prefix differs from the ISO code for Greece. */
const vatPrefix = (country: string) => (country === 'GR' ? 'EL' : country);

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

/** IČO: eight digits, the last a mod-11 check digit over weights 8…2. */
export function isValidIco(ico: string): boolean {
  if (!/^\d{8}$/.test(ico)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(ico[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 10;
  return check === Number(ico[7]);
}

/** Czech DIČ: CZ + IČO (legal persons), CZ + birth number (9–10 digits) or CZ699… (VAT groups). */
export function isValidCzDic(dic: string): boolean {
  const m = /^CZ(\d{8,10})$/.exec(dic);
  if (!m) return false;
  const n = m[1] as string;
  if (n.length === 8) return isValidIco(n);
  if (n.length === 9) return true; // birth numbers before 1954 and VAT groups (699…) carry no check digit
  const big = BigInt(n);
  if (big % 11n === 0n) return true;
  // Birth numbers where the first nine digits leave remainder 10 end in 0.
  return BigInt(n.slice(0, 9)) % 11n === 10n && n.endsWith('0');
}

/** Normalizes a VAT id (upper case, no spaces or dots). */
export const normalizeVatId = (v: string) => v.replace(/[\s.-]/g, '').toUpperCase();

/** True when `vatId` has the format of the given EU country's VAT ids (and the CZ checksum). */
export function isValidVatId(vatId: string, country: string): boolean {
  const v = normalizeVatId(vatId);
  const format = VAT_ID_FORMATS[country];
  if (!format || !v.startsWith(vatPrefix(country))) return false;
  if (!format.test(v)) return false;
  return country === 'CZ' ? isValidCzDic(v) : true;
}

export type VatMode = 'domestic' | 'oss' | 'reverse_charge' | 'outside_eu';

export interface VatDecision {
  mode: VatMode;
  /** Per cent as a decimal string ("21", "25.5"). */
  rate: string;
  /** Printed on the invoice. */
  note: string;
}

export function vatFor(sellerCountry: string, buyer: { country: string; dic: string | null }): VatDecision {
  const country = buyer.country.toUpperCase();
  if (country === sellerCountry) return { mode: 'domestic', rate: EU_VAT_RATES[country] ?? '0', note: '' };
  if (isEu(country)) {
    if (buyer.dic && isValidVatId(buyer.dic, country)) {
      return {
        mode: 'reverse_charge',
        rate: '0',
        note: 'Daň odvede zákazník (přenesení daňové povinnosti, čl. 196 směrnice 2006/112/ES). Reverse charge.',
      };
    }
    return {
      mode: 'oss',
      rate: EU_VAT_RATES[country] as string,
      note: `DPH ${country} (režim jednoho správního místa, OSS).`,
    };
  }
  return {
    mode: 'outside_eu',
    rate: '0',
    note: 'Plnění není předmětem české DPH (místo plnění mimo EU). Not subject to EU VAT.',
  };
}

/** Rate "25.5" → 2550 basis points. */
export function rateBasisPoints(rate: string): bigint {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(rate);
  if (!m) throw new Error(`bad VAT rate ${rate}`);
  return BigInt(m[1] as string) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** VAT on a net amount, rounded half away from zero to the minor unit (computed once per invoice and rate). */
export const vatAmount = (net: bigint, rate: string): bigint => roundHalfAway(net * rateBasisPoints(rate), 10_000n);
