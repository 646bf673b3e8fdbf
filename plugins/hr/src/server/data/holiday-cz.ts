/**
 * Czech holiday (dovolená) in hours, the rules in force since 1 January 2021 (zákon č. 285/2020 Sb.,
 * which rewrote zákoník práce § 211–§ 223). Each figure with the provision it comes from; `verified:
 * false` marks a figure read in a secondary publication, not in the law's own text.
 */
import type { Figure } from './payroll-cz.ts';

export const HOLIDAY_DATA_VERSION = '2026-12';

const ZP = 'zákon č. 262/2006 Sb., zákoník práce, ve znění zákona č. 285/2020 Sb.';
const LAW_URL = 'https://podnikatel.cz/zakony/zakon-c-262-2006-sb-zakonik-prace/zneni-20221201/f3054745';

export const HOLIDAY_CZ = {
  /** Weeks of holiday a year at least (výměra dovolené); an employer may give more (set per employee). */
  weeks: { value: 4, source: `${ZP}, § 212 odst. 1`, url: LAW_URL, verified: true },
  /**
   * A whole year's holiday is the weekly working time × the weeks, for 52 weeks worked in the
   * continuous employment (§ 213 odst. 1, part-time by its shorter week, odst. 2); a week of working
   * time is the unit of the pro rata part below.
   */
  weeksInYear: { value: 52, source: `${ZP}, § 213 odst. 1 a 4`, url: LAW_URL, verified: true },
  /**
   * Without a whole year: the pro rata part needs at least 4 weeks of continuous employment and 4 ×
   * the weekly working time worked in the year (§ 213 odst. 3); it is 1/52 of the year's holiday for
   * each whole weekly working time worked (§ 213 odst. 4).
   */
  minimumWeeksWorked: { value: 4, source: `${ZP}, § 213 odst. 3`, url: LAW_URL, verified: true },
  /**
   * Ordinary sick leave (not from a work injury) and parental leave beyond the maternity period count
   * as work for holiday up to 20 × the weekly working time in the year, and only if the employee
   * worked at least 12 × it outside them (§ 216 odst. 2 písm. c) a odst. 3 as amended). Read in
   * mesec.cz's explanation of 285/2020 Sb., not in the consolidated text.
   */
  creditedAbsenceWeeks: {
    value: 20,
    source: `${ZP}, § 216 odst. 2 písm. c) a odst. 3`,
    url: 'https://www.mesec.cz/clanky/jak-ovlivnuje-cerpani-materske-a-rodicovske-dovolene-narok-na-delku-dovolene/',
    verified: false,
  },
  creditedAbsenceCondition: {
    value: 12,
    source: `${ZP}, § 216 odst. 3`,
    url: 'https://www.mesec.cz/clanky/jak-ovlivnuje-cerpani-materske-a-rodicovske-dovolene-narok-na-delku-dovolene/',
    verified: false,
  },
  /**
   * The holiday in hours is rounded up to whole hours (the 2021 rules; read in secondary summaries,
   * e.g. acmcert.cz "Neúplné hodiny při výpočtu dovolené se budou zaokrouhlovat nahoru").
   */
  roundUpToHours: {
    value: 1,
    source: `${ZP}, § 213 (zaokrouhlení na celé hodiny nahoru)`,
    url: 'https://acmcert.cz/459',
    verified: false,
  },
  /**
   * Since 1 January 2024 agreements (DPP, DPČ) earn holiday too: for holiday a week of working time
   * is 20 hours (§ 77 odst. 5 as amended by zákon č. 281/2023 Sb.), so each 20 hours worked under the
   * agreement in the year give 1/52 of the year's holiday (4 weeks × 20 h = 80 h), e.g. 300 h of a
   * DPP → 15 × 80 / 52 = 23.08 → 24 h. Read in mesec.cz's explanation, not in the consolidated text.
   */
  agreementWeeklyHours: {
    value: 20,
    source: `${ZP}, § 77 odst. 5 ve znění zákona č. 281/2023 Sb. (účinnost od 1. 1. 2024)`,
    url: 'https://www.mesec.cz/clanky/prvnim-dohodarum-uz-vznikl-narok-na-placenou-dovolenou-kolik-volna-si-uziji/',
    verified: false,
  },
  /**
   * An agreement earns holiday in a year only when it lasted at least 28 calendar days and at least
   * 4 × 20 = 80 hours were worked under it (the 4 weeks of § 213 odst. 3 at the 20-hour week).
   */
  agreementMinimumDays: {
    value: 28,
    source: `${ZP}, § 77 odst. 5 ve spojení s § 213 odst. 3`,
    url: 'https://www.mesec.cz/clanky/prvnim-dohodarum-uz-vznikl-narok-na-placenou-dovolenou-kolik-volna-si-uziji/',
    verified: false,
  },
  /** The first year agreements earn holiday (zákon č. 281/2023 Sb., účinnost od 1. 1. 2024). */
  agreementFromYear: {
    value: 2024,
    source: 'zákon č. 281/2023 Sb. (dovolená u dohod s účinností od 1. 1. 2024)',
    url: 'https://www.finance.cz/clanky/545648-dohoda-o-provedeni-prace-pracovni-cinnosti-narok-na-dovolenou/',
    verified: false,
  },
  /** Working days in a week of the regular schedule (Monday–Friday): a day's hours are the week's / 5. */
  workingDaysInWeek: {
    value: 5,
    source: `${ZP}, § 216 odst. 4 (5 pracovních dnů v týdnu)`,
    url: LAW_URL,
    verified: false,
  },
} satisfies Record<string, Figure>;
