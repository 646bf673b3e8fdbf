/**
 * Czech tax depreciation of tangible assets (zákon č. 586/1992 Sb., o daních z příjmů, "ZDP"),
 * in force for assets first depreciated from 2009 (groups and periods unchanged since 2008).
 * Each figure names its source; change them here, with the date they apply from, when the law changes.
 */

export type TaxGroup = 1 | 2 | 3 | 4 | 5 | 6;

export interface DepreciationLaw {
  validFrom: string;
  /** § 30 odst. 1 ZDP: the minimum depreciation period of each group, in years. */
  periods: Record<TaxGroup, number>;
  /**
   * § 31 odst. 1 písm. a) ZDP: maximum annual rates of straight-line depreciation in percent —
   * in the first year, in later years, and for an increased input price.
   */
  straight: Record<TaxGroup, { first: string; later: string; increased: string }>;
  /**
   * § 32 odst. 1 ZDP: coefficients of accelerated depreciation — in the first year, in later
   * years, and for an increased residual price. First year: price / first; later years:
   * 2 × residual price / (later − years already depreciated).
   */
  accelerated: Record<TaxGroup, { first: number; later: number; increased: number }>;
  /**
   * Tangible assets are depreciated for tax when their input price is over this amount in CZK and
   * their useful life over one year (§ 26 odst. 2 písm. a) ZDP, 80 000 Kč from 2021 by zákon
   * č. 609/2020 Sb.; 40 000 Kč before).
   */
  tangibleThreshold: bigint;
}

export const CZ_DEPRECIATION: readonly DepreciationLaw[] = [
  {
    validFrom: '2021-01-01',
    periods: { 1: 3, 2: 5, 3: 10, 4: 20, 5: 30, 6: 50 },
    straight: {
      1: { first: '20', later: '40', increased: '33.3' },
      2: { first: '11', later: '22.25', increased: '20' },
      3: { first: '5.5', later: '10.5', increased: '10' },
      4: { first: '2.15', later: '5.15', increased: '5' },
      5: { first: '1.4', later: '3.4', increased: '3.4' },
      6: { first: '1.02', later: '2.02', increased: '2' },
    },
    accelerated: {
      1: { first: 3, later: 4, increased: 3 },
      2: { first: 5, later: 6, increased: 5 },
      3: { first: 10, later: 11, increased: 10 },
      4: { first: 20, later: 21, increased: 20 },
      5: { first: 30, later: 31, increased: 30 },
      6: { first: 50, later: 51, increased: 50 },
    },
    tangibleThreshold: 8_000_000n,
  },
];

/** The depreciation law for an asset first depreciated in `year` (the newest that applies). */
export function depreciationLaw(year: number): DepreciationLaw {
  const on = `${year}-01-01`;
  const law = [...CZ_DEPRECIATION].reverse().find((l) => l.validFrom <= on) ?? CZ_DEPRECIATION[0];
  return law as DepreciationLaw;
}

/**
 * § 26 odst. 7 písm. a) ZDP: in the year an asset is disposed of (sold, scrapped), half of the
 * annual depreciation may be claimed. Annual depreciation is rounded up to whole koruny
 * (§ 31 odst. 1 and § 32 odst. 1: "zaokrouhlí na celé koruny nahoru").
 */
export const DISPOSAL_YEAR_SHARE = { num: 1n, den: 2n };
