import { isValidVatId } from '../identifiers/company-ids.ts';
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

// The identifier checks live in core/src/identifiers (one module for billing, the profile, parties and plugins).
export { isValidCzDic, isValidIco, isValidVatId, normalizeVatId } from '../identifiers/company-ids.ts';

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
