/**
 * The Czech limit on cash payments (zákon č. 254/2004 Sb., o omezení plateb v hotovosti), with its
 * source. A payment above the limit must go through a bank: the payer must not make it in cash
 * (§ 4 odst. 1) and the payee must not accept it (§ 4 odst. 2). Payments by the same payer to the
 * same payee on one calendar day count together (§ 4 odst. 4), and a payment in a foreign currency
 * counts at the ČNB rate of its day (§ 4 odst. 3).
 */
export interface CashLimit {
  /** Koruny; a day's payments to or from one party may reach it but not exceed it. */
  limitCzk: bigint;
  validFrom: string;
  validTo: string | null;
  source: string;
  /** False when the figure or its dates could not be checked against the text of the law. */
  verified: boolean;
}

export const CZ_CASH_LIMITS: readonly CashLimit[] = [
  {
    limitCzk: 350_000n,
    validFrom: '2013-01-01',
    validTo: '2014-11-30',
    source:
      'zákon č. 254/2004 Sb. § 4 odst. 1 before zákon č. 261/2014 Sb.; the start date 2013-01-01 was not checked against the Collection of Laws (unverified)',
    verified: false,
  },
  {
    limitCzk: 270_000n,
    validFrom: '2014-12-01',
    validTo: null,
    source:
      'zákon č. 254/2004 Sb. § 4 odst. 1 as amended by zákon č. 261/2014 Sb. (čl. III, in force 1. 12. 2014): a payment exceeding 270 000 Kč is made without cash; § 4 odst. 4 sums the payments of one payer to one payee in a calendar day',
    verified: true,
  },
];

/** The limit on a day, or null before the first figure kept here. */
export function cashLimitOn(date: string): CashLimit | null {
  return CZ_CASH_LIMITS.find((l) => l.validFrom <= date && (l.validTo === null || date <= l.validTo)) ?? null;
}
