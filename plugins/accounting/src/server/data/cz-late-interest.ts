/**
 * The statutory late-payment interest (zákonný úrok z prodlení) of nařízení vlády č. 351/2013 Sb.
 * § 2: per year, the two-week repo rate the ČNB set for the first day of the calendar half-year in
 * which the delay began, plus 8 percentage points, for the whole delay. One row per half-year; a
 * delay that began in a half-year not listed here gets no figure (the reminder says so) rather than
 * a guessed one. Add the next half-year when the ČNB rate of its first day is known.
 */
export interface LateInterestRate {
  /** The half-year: the delay began on or after `from` and on or before `to`. */
  from: string;
  to: string;
  /** The ČNB two-week repo rate on `from`, percent. */
  repo: string;
  /** repo + 8, percent per year. */
  rate: string;
  source: string;
  /** False when the figure could not be checked against a published source in this session. */
  verified: boolean;
}

const NV = 'nařízení vlády č. 351/2013 Sb. § 2 (repo + 8 p. b.)';
const LIST =
  'published list of statutory interest by half-year (behounek.eu "Repo sazba ČNB a výše úroků z prodlení", 20. 3. 2024; bekrfacility.cz "ČNB upravila 2T reposazbu", 2022)';

export const CZ_LATE_INTEREST: readonly LateInterestRate[] = [
  { from: '2021-07-01', to: '2021-12-31', repo: '0.50', rate: '8.50', source: `${NV}; ${LIST}`, verified: true },
  { from: '2022-01-01', to: '2022-06-30', repo: '3.75', rate: '11.75', source: `${NV}; ${LIST}`, verified: true },
  {
    from: '2022-07-01',
    to: '2022-12-31',
    repo: '7.00',
    rate: '15.00',
    source: `${NV}; ČNB raised the 2T repo rate to 7.00 % from 23. 6. 2022; ${LIST}`,
    verified: true,
  },
  { from: '2023-01-01', to: '2023-06-30', repo: '7.00', rate: '15.00', source: `${NV}; ${LIST}`, verified: true },
  { from: '2023-07-01', to: '2023-12-31', repo: '7.00', rate: '15.00', source: `${NV}; ${LIST}`, verified: true },
  {
    from: '2024-01-01',
    to: '2024-06-30',
    repo: '6.75',
    rate: '14.75',
    source: `${NV}; repo 6.75 % on 1. 1. 2024 per ${LIST}`,
    verified: true,
  },
  {
    from: '2024-07-01',
    to: '2024-12-31',
    repo: '4.75',
    rate: '12.75',
    source: `${NV}; ČNB 2T repo 4.75 % after the board decision of 27. 6. 2024 (lidovky.cz, "Základní úroková sazba ČNB" list of 2T repo changes, 27. 6. 2024), so in force on 1. 7. 2024`,
    verified: true,
  },
  {
    from: '2025-01-01',
    to: '2025-06-30',
    repo: '4.00',
    rate: '12.00',
    source: `${NV}; ČNB 2T repo 4.00 % from 7. 11. 2024 — from memory of the ČNB announcement, not re-read in this session`,
    verified: false,
  },
  {
    from: '2025-07-01',
    to: '2025-12-31',
    repo: '3.50',
    rate: '11.50',
    source: `${NV}; ČNB 2T (limitní) repo 3.50 % in force from 9. 5. 2025 (cnb.cz "Denní likvidita bankovního sektoru", table "Úrokové sazby ČNB", December 2025), so in force on 1. 7. 2025`,
    verified: true,
  },
];

/** The rate for a delay that began on `delayStart` (the day after the due date), or null when not kept here. */
export function lateInterestRateFor(delayStart: string): LateInterestRate | null {
  return CZ_LATE_INTEREST.find((r) => r.from <= delayStart && delayStart <= r.to) ?? null;
}
