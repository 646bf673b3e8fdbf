/**
 * Czech payroll parameters, one table per calendar year. A new year is a new entry here, not code.
 * Every figure carries its source; `verified: false` marks a figure taken from a secondary
 * publication (a professional journal) rather than read in the collection of laws. Amounts in whole
 * CZK; rates in basis points (710 = 7.10 %).
 */
export interface Figure {
  value: number;
  source: string;
  url?: string;
  verified: boolean;
}

export interface PayrollYear {
  year: number;
  /** Monthly minimum wage (the minimum assessment base of health insurance for employees). */
  minimumWage: Figure;
  /** Average wage for social-security purposes (průměrná mzda, § 15a zákona č. 589/1992 Sb.). */
  averageWage: Figure;
  /** Annual maximum assessment base of social insurance: 48 × average wage. */
  socialMaxBase: Figure;
  socialEmployeeRate: Figure;
  socialEmployerRate: Figure;
  /** Health insurance, 13.5 % of the base; the employee pays a third, the employer two thirds. */
  healthRate: Figure;
  /** DPP: insured (and no withholding tax) from this monthly reward up. */
  dppThreshold: Figure;
  /** Small-scope employment (DPČ, and withholding tax without a declaration) from this monthly income up. */
  smallScopeThreshold: Figure;
  taxRate: Figure;
  taxRateHigh: Figure;
  /** Monthly income above which the advance is 23 %: 3 × average wage. */
  highTaxThresholdMonthly: Figure;
  /** Annual tax base above which the tax is 23 % (annual tax settlement): 36 × average wage. */
  highTaxThresholdAnnual: Figure;
  withholdingRate: Figure;
  /** Monthly taxpayer credit (sleva na poplatníka). */
  taxpayerCredit: Figure;
  /** Monthly child credits for the first, second, third and further child (doubled with ZTP/P). */
  childCredits: [Figure, Figure, Figure];
  /** A monthly tax bonus is paid only from this amount up. */
  taxBonusMinimum: Figure;
  /** Sick pay (náhrada mzdy): daily reduction thresholds, converted to hourly × 0.175. */
  sickReductionThresholds: [Figure, Figure, Figure];
  /** Limits of the annual tax settlement: non-taxable parts of the base (§ 15 ff.) and the spouse credit. */
  settlement: SettlementLimits;
}

/** Statutory limits the annual tax settlement applies to what the employee claims (amounts in CZK a year). */
export interface SettlementLimits {
  /** Gifts (bezúplatná plnění, § 15 odst. 1): deductible only if together over this share of the base… */
  giftsMinShare: Figure;
  /** …or at least this amount… */
  giftsMinAmount: Figure;
  /** …and at most this share of the base. */
  giftsMaxShare: Figure;
  /** Interest on loans for housing (§ 15 odst. 3–4), housing acquired from 2021. */
  mortgageInterest: Figure;
  /** The same for housing acquired before 2021 (together with newer housing never more than this). */
  mortgageInterestBefore2021: Figure;
  /** Interest paid for only part of the year: the limit is 1/12 of it for each month paid. */
  mortgageInterestMonths: Figure;
  /** Retirement savings products together (§ 15a: pension savings, life insurance, long-term investment product). */
  retirementProducts: Figure;
  /** Long-term care insurance (§ 15c). */
  longTermCare: Figure;
  /** Trade-union dues (§ 15 odst. 7): at most this share of income from employment… */
  unionDuesShare: Figure;
  /** …and at most this amount. */
  unionDuesMax: Figure;
  /** Exams of further education (§ 15 odst. 8): the limit, and for a disabled and a severely disabled taxpayer. */
  exams: Figure;
  examsDisabled: Figure;
  examsSeverelyDisabled: Figure;
  /** Spouse credit a year (§ 35ba odst. 1 písm. b; doubled for a spouse with ZTP/P), one twelfth a month. */
  spouseCredit: Figure;
  /** The spouse's own income in the year may not exceed this (§ 35bb). */
  spouseIncomeLimit: Figure;
}

const ZDP = 'zákon č. 586/1992 Sb., o daních z příjmů';
const ZDP_URL = 'https://www.zakonyprolidi.cz/cs/1992-586';
const POJ = 'zákon č. 589/1992 Sb., o pojistném na sociální zabezpečení';
const POJ_URL = 'https://www.zakonyprolidi.cz/cs/1992-589';
const VZP = 'zákon č. 592/1992 Sb., o pojistném na veřejné zdravotní pojištění';
const VZP_URL = 'https://www.zakonyprolidi.cz/cs/1992-592';
const ZNP = 'zákon č. 187/2006 Sb., o nemocenském pojištění';
const ZNP_URL = 'https://www.zakonyprolidi.cz/cs/2006-187';

const f = (value: number, source: string, url?: string, verified = true): Figure => ({
  value,
  source,
  ...(url ? { url } : {}),
  verified,
});

/** Figures that did not change between 2025 and 2026. */
const RATES = {
  socialEmployeeRate: f(710, `${POJ}, § 7 odst. 1 písm. b) (6.5 % pension + 0.6 % sickness since 2024)`, POJ_URL),
  socialEmployerRate: f(2480, `${POJ}, § 7 odst. 1 písm. a) (21.5 % + 2.1 % + 1.2 %)`, POJ_URL),
  healthRate: f(1350, `${VZP}, § 2 odst. 1 (13.5 %) and § 9 odst. 1 (employee one third)`, VZP_URL),
  taxRate: f(1500, `${ZDP}, § 16 odst. 1`, ZDP_URL),
  taxRateHigh: f(2300, `${ZDP}, § 16 odst. 1 and § 38h odst. 2`, ZDP_URL),
  withholdingRate: f(1500, `${ZDP}, § 36 odst. 2 písm. p) (dependent activity under § 6 odst. 4)`, ZDP_URL),
  taxpayerCredit: f(2570, `${ZDP}, § 35ba odst. 1 písm. a) (30,840 a year; one twelfth a month, § 35d)`, ZDP_URL),
  childCredits: [
    f(1267, `${ZDP}, § 35c odst. 1 písm. a) (15,204 a year)`, ZDP_URL),
    f(1860, `${ZDP}, § 35c odst. 1 písm. b) (22,320 a year)`, ZDP_URL),
    f(2320, `${ZDP}, § 35c odst. 1 písm. c) (27,840 a year)`, ZDP_URL),
  ] as [Figure, Figure, Figure],
  taxBonusMinimum: f(50, `${ZDP}, § 35d odst. 4 (a monthly bonus of at least 50 CZK)`, ZDP_URL),
};

/**
 * The annual settlement's limits, the same in 2025 and 2026. Each was checked against the cited page
 * (read 2026-12-07); `verified: false` where the pages found did not settle it.
 */
const SETTLEMENT: SettlementLimits = {
  giftsMinShare: f(
    200,
    `${ZDP}, § 15 odst. 1 (more than 2 % of the base; dauc.cz, "Prokázání odpočtu dle § 15 ZDP")`,
    'https://www.dauc.cz/clanky/8428/prokazani-odpoctu-dle-15-zdp-v-ramci-rocniho-zuctovani-a-v-ramci-danoveho-priznani',
  ),
  giftsMinAmount: f(1_000, `${ZDP}, § 15 odst. 1 (or at least 1,000 CZK; same source)`),
  giftsMaxShare: f(1500, `${ZDP}, § 15 odst. 1 (at most 15 % of the base; same source)`),
  mortgageInterest: f(
    150_000,
    `${ZDP}, § 15 odst. 4 as amended by zákon č. 386/2020 Sb. (housing acquired from 1 Jan 2021)`,
    'https://www.dauc.cz/clanky/8150/uplatneni-odpoctu-uroku-z-hypotecnich-uveru',
  ),
  mortgageInterestBefore2021: f(
    300_000,
    `${ZDP}, § 15 odst. 4 before zákon č. 386/2020 Sb., kept for housing acquired before 1 Jan 2021 (PwC Česká republika, "Snížení limitu pro odpočet úroků z hypotečních úvěrů", January 2021)`,
    'https://blog.pwc.cz/pwc_ceska_republika_news/2021/01/sn%C3%AD%C5%BEen%C3%AD-limitu-pro-odpo%C4%8Det-%C3%BArok%C5%AF-z-hypote%C4%8Dn%C3%ADch-%C3%BAv%C4%9Br%C5%AF.html',
  ),
  mortgageInterestMonths: f(
    12,
    `${ZDP}, § 15 odst. 4 (interest paid for part of the year: 1/12 of the limit for each month paid; read in the law's text as remembered, no page found to cite)`,
    undefined,
    false,
  ),
  retirementProducts: f(
    48_000,
    `${ZDP}, § 15a as amended by zákon č. 462/2023 Sb. (one limit for pension savings, life insurance and DIP since 2024)`,
    'https://www.penize.cz/zivotni-pojisteni/447613-rodi-se-nova-danova-vyhoda-ma-podporit-pojisteni-dlouhodobe-pece',
  ),
  longTermCare: f(
    48_000,
    `${ZDP}, § 15c (zákon č. 462/2023 Sb.): 48,000 verified; whether it is a limit of its own or shared with § 15a the pages found disagree — applied as its own`,
    'https://archiv.hn.cz/c1-67308910-s-vlnou-nemohoucich-husakovych-deti-mel-pomoci-byznys-zvyhodnene-pojisteni-trvale-pece-ale-zatim-netahne',
    false,
  ),
  unionDuesShare: f(
    150,
    `${ZDP}, § 15 odst. 7 (1.5 % of income under § 6 without income taxed by withholding)`,
    'https://www.dauc.cz/dokument/?modul=li&cislo=210221',
  ),
  unionDuesMax: f(3_000, `${ZDP}, § 15 odst. 7 (at most 3,000 CZK; same source)`),
  exams: f(
    10_000,
    `${ZDP}, § 15 odst. 8 (10,000 CZK)`,
    'https://neotax.eu/cs/blog/slovnicek/zkousky-overujici-vysledky-dalsiho-vzdelavani-odpocet-dane',
  ),
  examsDisabled: f(13_000, `${ZDP}, § 15 odst. 8 (13,000 CZK for a disabled taxpayer; same source)`),
  examsSeverelyDisabled: f(15_000, `${ZDP}, § 15 odst. 8 (15,000 CZK for a severely disabled taxpayer; same source)`),
  spouseCredit: f(
    24_840,
    `${ZDP}, § 35ba odst. 1 písm. b) (24,840 a year, 49,680 with ZTP/P; annual only: in the settlement or the return — Finanční správa, 17. 2. 2025)`,
    'https://www.komora-khk.cz/informacni-servis-khk-khk/dane-a-ucetnictvi/dane-informace-nejen-pro-podnikatele-161/',
  ),
  spouseIncomeLimit: f(
    68_000,
    `${ZDP}, § 35bb odst. 2 (spouse's own income ≤ 68,000; since 2024 only with the taxpayer's dependent child under 3 in the household)`,
    'https://tcc.cz/inspirace/mzdy-a-pracovni-pravo/663-sleva-na-manzela-manzelku-registrovaneho-partnera-partnerku-a-dite-do-3-let-veku',
  ),
};

export const PAYROLL_YEARS: Record<number, PayrollYear> = {
  2025: {
    year: 2025,
    minimumWage: f(
      20_800,
      'nařízení vlády č. 567/2006 Sb. ve znění nařízení vlády č. 285/2024 Sb., § 2',
      'https://www.zakonyprolidi.cz/cs/2006-567',
      false,
    ),
    averageWage: f(
      46_557,
      'nařízení vlády č. 282/2024 Sb. (průměrná mzda pro rok 2025, § 15a zákona č. 589/1992 Sb.)',
      undefined,
      false,
    ),
    socialMaxBase: f(2_234_736, `${POJ}, § 15a odst. 1 (48 × 46,557)`, POJ_URL),
    dppThreshold: f(11_500, `${ZNP}, § 7 odst. 1 písm. b) (25 % of the average wage, rounded down to 500)`, ZNP_URL),
    smallScopeThreshold: f(4_500, `${ZNP}, § 6 odst. 1 (10 % of the average wage, rounded down to 500)`, ZNP_URL),
    highTaxThresholdMonthly: f(139_671, `${ZDP}, § 38h odst. 2 (3 × 46,557)`, ZDP_URL),
    highTaxThresholdAnnual: f(1_676_052, `${ZDP}, § 16 odst. 2 (36 × 46,557)`, ZDP_URL),
    sickReductionThresholds: [
      f(
        1_552,
        'sdělení MPSV č. 280/2024 Sb. (redukční hranice 2025), § 22 odst. 3 zákona č. 187/2006 Sb.',
        undefined,
        false,
      ),
      f(2_328, 'sdělení MPSV č. 280/2024 Sb. (redukční hranice 2025)', undefined, false),
      f(4_656, 'sdělení MPSV č. 280/2024 Sb. (redukční hranice 2025)', undefined, false),
    ],
    ...RATES,
    settlement: SETTLEMENT,
  },
  2026: {
    year: 2026,
    minimumWage: f(
      22_400,
      'nařízení vlády č. 567/2006 Sb. as amended for 2026 (issue 13 figure; minimum wage 22,400 CZK)',
      'https://www.zakonyprolidi.cz/cs/2006-567',
      false,
    ),
    averageWage: f(
      48_967,
      'nařízení vlády o průměrné mzdě pro rok 2026 (§ 15a zákona č. 589/1992 Sb.; issue 13 figure)',
      undefined,
      false,
    ),
    socialMaxBase: f(2_350_416, `${POJ}, § 15a odst. 1 (48 × 48,967)`, POJ_URL),
    dppThreshold: f(12_000, `${ZNP}, § 7 odst. 1 písm. b) (25 % of 48,967 rounded down to 500)`, ZNP_URL),
    smallScopeThreshold: f(4_500, `${ZNP}, § 6 odst. 1 (10 % of 48,967 rounded down to 500)`, ZNP_URL),
    highTaxThresholdMonthly: f(146_901, `${ZDP}, § 38h odst. 2 (3 × 48,967)`, ZDP_URL),
    highTaxThresholdAnnual: f(1_762_812, `${ZDP}, § 16 odst. 2 (36 × 48,967)`, ZDP_URL),
    sickReductionThresholds: [
      f(
        1_633,
        'vyhláška MPSV č. 397/2025 Sb. (redukční hranice 2026), § 22 odst. 3 zákona č. 187/2006 Sb.',
        'https://www.podnikatel.cz/clanky/nahrada-mzdy-2026-vyssi-upravuji-se-povinnosti-pro-nemocenske-daky/',
        false,
      ),
      f(2_449, 'vyhláška MPSV č. 397/2025 Sb. (redukční hranice 2026)', undefined, false),
      f(4_897, 'vyhláška MPSV č. 397/2025 Sb. (redukční hranice 2026)', undefined, false),
    ],
    ...RATES,
    settlement: SETTLEMENT,
  },
};

/** Fixed rules (not yearly figures), with their sources, used by the calculation. */
export const RULES = {
  sickPayRate: f(
    6000,
    'zákoník práce (zákon č. 262/2006 Sb.), § 192 odst. 2: 60 % of the reduced average hourly earnings',
    'https://www.zakonyprolidi.cz/cs/2006-262#p192',
  ),
  sickHourlyCoefficient: f(
    0.175,
    'zákoník práce § 192 odst. 3: daily thresholds × 0.175, rounded up to haléře',
    'https://www.zakonyprolidi.cz/cs/2006-262#p192',
  ),
  sickReductionShares: [
    f(9000, 'zákoník práce § 192 odst. 3: 90 % up to the first threshold'),
    f(6000, 'zákoník práce § 192 odst. 3: 60 % between the first and second'),
    f(3000, 'zákoník práce § 192 odst. 3: 30 % between the second and third; nothing above'),
  ],
  taxBonusIncomeShareOfMinimumWage: f(
    5000,
    `${ZDP}, § 35d odst. 4: income of at least half the minimum wage in the month`,
    ZDP_URL,
  ),
  /**
   * The annual tax settlement (roční zúčtování záloh a daňového zvýhodnění, § 38ch): the annual
   * child tax bonus is paid only from this amount up, and only if the year's income reached this
   * multiple of the monthly minimum wage. Read from secondary sources (not the collection of laws):
   * unverified.
   */
  annualTaxBonusMinimum: f(100, `${ZDP}, § 35c odst. 3 (an annual bonus of at least 100 CZK)`, ZDP_URL, false),
  annualTaxBonusIncomeMultiple: f(
    6,
    `${ZDP}, § 35c odst. 4 (income of at least 6 × the minimum wage in the year)`,
    ZDP_URL,
    false,
  ),
  rounding: {
    social: `${POJ}, § 7 odst. 2: each contribution rounded up to whole CZK`,
    health: `${VZP}, § 5 and § 9: rounded up to whole CZK; the employee's third of the whole`,
    advanceBase: `${ZDP}, § 38h odst. 2: the base rounded up to whole hundreds when over 100 CZK, else to whole CZK`,
    advance: `${ZDP}, § 38h odst. 1: the advance rounded up to whole CZK`,
    withholding: `${ZDP}, § 36 odst. 3: base and tax rounded down to whole CZK`,
    annualBase: `${ZDP}, § 16 odst. 1: the annual base less the non-taxable parts rounded down to whole hundreds`,
    annualTax: 'zákon č. 280/2009 Sb., daňový řád, § 146 odst. 1: the tax rounded up to whole CZK',
  },
} as const;

export class UnknownPayrollYear extends Error {}

/** The parameters in force in a year; throws for a year with no table (add one above). */
export function payrollYear(year: number): PayrollYear {
  const y = PAYROLL_YEARS[year];
  if (!y) throw new UnknownPayrollYear(`No payroll parameters for ${year}`);
  return y;
}
