/**
 * Where and by when an employer pays what a pay run withholds and owes (Czech rules). The accounts and
 * the employer's own variable symbols are the employer's settings (`hr.payment_settings`); these are
 * the rules the settings and the payments follow, each with its source. `verified: false` marks a
 * rule read in a secondary publication rather than in the law or on the authority's own page.
 */
export interface PaymentRule {
  /** Day of the month after the pay month by which the payment must reach the account; 0 = its last day. */
  dueDay: number;
  variableSymbol: string;
  source: string;
  url?: string;
  verified: boolean;
}

export const PAYMENT_RULES = {
  /** Social insurance (both parts) to the employer's district social security office (OSSZ). */
  cssz: {
    dueDay: 20,
    variableSymbol:
      'the 10-digit variable symbol the OSSZ assigned to the employer (its letter on registration); the account is the OSSZ’s premium account (prefix 21012)',
    source:
      'ČSSZ, Platba a termíny (employer premiums due from the 1st to the 20th of the following month, paid to the competent OSSZ’s account); zákon č. 589/1992 Sb. § 9 odst. 1',
    url: 'https://www.cssz.cz/web/cz/platba-a-terminy',
    verified: true,
  },
  /** Health insurance (both parts) to each employee's insurer. */
  health: {
    dueDay: 20,
    variableSymbol:
      'set by each insurer: usually the employer’s IČO (OZP: 8-digit IČO + 2-digit specification, e.g. 0000123400; ZPŠ: the IČO)',
    source:
      'zákon č. 592/1992 Sb. § 5 písm. b) (premium for a month due by the 20th of the following month); insurers’ payment pages (OZP, ZPŠ)',
    url: 'https://www.ozp.cz/pro-platce/zamestnavatel/caste-dotazy/bankovni-spojeni-zamestnavate',
    verified: false,
  },
  /** Income tax advances less tax bonuses (daň ze závislé činnosti). */
  taxAdvances: {
    dueDay: 20,
    variableSymbol:
      'the employer’s DIČ without “CZ” (for a legal person its IČO, for a natural person the birth number)',
    source:
      'zákon č. 586/1992 Sb. § 38h odst. 3 (advances remitted by the 20th of the following month); tax office accounts: prefix by tax type, matrika by office, bank 0710 (Finanční správa, Čísla účtů)',
    url: 'https://www.financnisprava.cz/cs/financni-sprava/kontakty/cisla-uctu-financnich-uradu',
    verified: false,
  },
  /** Withholding tax at the special rate (DPP/DPČ without a declaration, below the thresholds). */
  taxWithholding: {
    dueDay: 0,
    variableSymbol: 'the employer’s DIČ without “CZ”, as for advances; its own tax office account (another prefix)',
    source: 'zákon č. 586/1992 Sb. § 38d odst. 3 (withholding tax remitted by the end of the following month)',
    url: 'https://www.financnisprava.cz/cs/financni-sprava/kontakty/cisla-uctu-financnich-uradu',
    verified: false,
  },
} as const satisfies Record<string, PaymentRule>;

/**
 * The payday is at most the 20th: the run's payments leave on one day (one execution date per debit
 * account), and ČSSZ, the insurers and the tax office must have theirs by the 20th (above).
 */
export const LATEST_PAY_DAY = 20;
