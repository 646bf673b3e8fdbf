import type { MessageText } from '@bureau/core';

/**
 * Czech VAT figures (zákon č. 235/2004 Sb., o dani z přidané hodnoty, "ZDPH"), each with its
 * source. Rates are seeded into each Czech tenant's `vat_rates` table with their validity, so a
 * document uses the rate valid on its tax date.
 */
export interface VatRateTemplate {
  code: string;
  rate: string;
  validFrom: string;
  validTo: string | null;
  source: string;
}

export const CZ_VAT_RATES: readonly VatRateTemplate[] = [
  {
    code: 'standard',
    rate: '21',
    validFrom: '2013-01-01',
    validTo: null,
    source: 'ZDPH § 47 odst. 1 písm. a) (21 % from 2013, zákon č. 500/2012 Sb.)',
  },
  {
    code: 'reduced',
    rate: '15',
    validFrom: '2013-01-01',
    validTo: '2023-12-31',
    source: 'ZDPH § 47 odst. 1 písm. b) before 2024',
  },
  {
    code: 'second_reduced',
    rate: '10',
    validFrom: '2015-01-01',
    validTo: '2023-12-31',
    source: 'ZDPH § 47 odst. 1 písm. c) before 2024 (zákon č. 262/2014 Sb.)',
  },
  {
    code: 'reduced',
    rate: '12',
    validFrom: '2024-01-01',
    validTo: null,
    source:
      'ZDPH § 47 odst. 1 písm. b) from 2024: one reduced rate of 12 % (zákon č. 349/2023 Sb., konsolidační balíček)',
  },
  { code: 'zero', rate: '0', validFrom: '2000-01-01', validTo: null, source: 'no tax charged (a supply without VAT)' },
  {
    code: 'exempt',
    rate: '0',
    validFrom: '2000-01-01',
    validTo: null,
    source: 'ZDPH § 51: supplies exempt without the right to deduct',
  },
];

/**
 * The control statement lists a domestic supply (A.4) or purchase (B.2) document by document
 * when its total including VAT is over 10 000 Kč; smaller ones are summed (A.5, B.3). A sale
 * goes to A.4 only when the buyer is a Czech VAT payer (has a CZ DIČ). Source: the Financial
 * Administration's instructions for DPHKH1 (Pokyny k vyplnění kontrolního hlášení, oddíly A.4,
 * A.5, B.2, B.3) under ZDPH § 101d. A correcting document follows the section of the document it
 * corrects.
 */
export const KH_DETAIL_THRESHOLD = 1_000_000n;

/** Rate codes of the standard and the reduced rates as the return and the control statement group them. */
export const STANDARD_CODES = new Set(['standard']);
export const REDUCED_CODES = new Set(['reduced', 'second_reduced']);

/** The legal basis printed on a line without Czech VAT, by regime (and supply), in both languages. */
export function exemptionText(regime: string, supply: 'goods' | 'services', given: string | null): MessageText | null {
  if (given) return { cs: given, en: given };
  switch (regime) {
    case 'reverse_charge':
      return {
        cs: 'Daň odvede zákazník (režim přenesení daňové povinnosti, § 92a zákona o DPH)',
        en: 'Reverse charge: the customer accounts for the VAT (§ 92a of the Czech VAT Act)',
      };
    case 'eu':
      return supply === 'goods'
        ? {
            cs: 'Dodání zboží do jiného členského státu osvobozené od daně (§ 64 zákona o DPH)',
            en: 'Exempt intra-Community supply of goods (§ 64 of the Czech VAT Act, Art. 138 of Directive 2006/112/EC)',
          }
        : {
            cs: 'Daň odvede zákazník (§ 9 odst. 1 zákona o DPH, čl. 196 směrnice 2006/112/ES)',
            en: 'Reverse charge (Article 196 of Council Directive 2006/112/EC)',
          };
    case 'export':
      return {
        cs: 'Vývoz zboží osvobozený od daně (§ 66 zákona o DPH)',
        en: 'Exempt export of goods (§ 66 of the Czech VAT Act)',
      };
    case 'outside_eu':
      return {
        cs: 'Plnění s místem plnění mimo tuzemsko (§ 9 odst. 1 zákona o DPH)',
        en: 'Outside the scope of Czech VAT: the place of supply is abroad (§ 9(1) of the Czech VAT Act)',
      };
    default:
      return null;
  }
}

/** The legal basis of a domestic exempt supply when the line names none. */
export const DEFAULT_EXEMPTION: MessageText = {
  cs: 'Osvobozeno od daně bez nároku na odpočet (§ 51 zákona o DPH)',
  en: 'Exempt without the right to deduct (§ 51 of the Czech VAT Act)',
};

/**
 * Subject codes of the domestic reverse charge (§ 92a) for the control statement (`kod_pred_pl`);
 * the Tax Portal's code list (číselník "Kód předmětu plnění") has the full set.
 */
export const RC_CODES: Record<string, MessageText> = {
  '1': { cs: 'Zlato (§ 92b)', en: 'Gold (§ 92b)' },
  '3': { cs: 'Zboží z přílohy č. 5 (odpad, šrot)', en: 'Goods of annex 5 (waste and scrap)' },
  '4': { cs: 'Stavební a montážní práce (§ 92e)', en: 'Construction and assembly work (§ 92e)' },
  '5': { cs: 'Zboží z přílohy č. 6', en: 'Goods of annex 6' },
};

/**
 * The EU member states (their VAT-number prefixes; Greece is EL) for the EC sales list and the
 * control statement's A.2, as of 2020 (the United Kingdom left; Northern Ireland's XI is not a state).
 */
export const EU_VAT_PREFIXES = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'EL',
  'ES',
  'FI',
  'FR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'XI',
]);
