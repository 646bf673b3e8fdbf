/**
 * Choosing a patient's reference range and flagging a value against it. Pure: the rules live here
 * and are property-tested in test/ranges.test.ts.
 */

export type Sex = 'male' | 'female' | 'other' | 'unknown';
export type Flag = 'H' | 'L' | 'HH' | 'LL';

export interface RangeRow {
  id: string;
  sex: 'male' | 'female' | null;
  /** Inclusive lower bound of the age band, in days since birth (null: from birth). */
  ageFromDays: number | null;
  /** Exclusive upper bound of the age band, in days since birth (null: no upper bound). */
  ageToDays: number | null;
  method: string | null;
  low: number | null;
  high: number | null;
}

export interface Subject {
  sex: Sex;
  ageDays: number;
  /** The method the result was measured by (the test's method); method-specific ranges win. */
  method: string | null;
}

/** Whole days from the birth date to the collection day (both `YYYY-MM-DD`). */
export function ageInDays(birthDate: string, onDate: string): number {
  const ms = Date.parse(`${onDate.slice(0, 10)}T00:00:00Z`) - Date.parse(`${birthDate.slice(0, 10)}T00:00:00Z`);
  return Math.floor(ms / 86_400_000);
}

const applies = (r: RangeRow, s: Subject) =>
  (r.sex === null || r.sex === s.sex) &&
  (r.ageFromDays === null || s.ageDays >= r.ageFromDays) &&
  (r.ageToDays === null || s.ageDays < r.ageToDays) &&
  (r.method === null || r.method === s.method);

const width = (r: RangeRow) => (r.ageToDays ?? 1_000_000) - (r.ageFromDays ?? 0);

/**
 * The range that applies to the subject: of those whose sex, age band and method match, the most
 * specific — a method-specific one before a general one, then a sex-specific one before one for
 * both sexes, then the narrowest age band. Null when none applies (the result is then unflagged).
 */
export function pickRange<R extends RangeRow>(ranges: readonly R[], subject: Subject): R | null {
  let best: R | null = null;
  for (const r of ranges) {
    if (!applies(r, subject)) continue;
    if (!best || more(r, best)) best = r;
  }
  return best;
}

function more(a: RangeRow, b: RangeRow): boolean {
  if ((a.method !== null) !== (b.method !== null)) return a.method !== null;
  if ((a.sex !== null) !== (b.sex !== null)) return a.sex !== null;
  return width(a) < width(b);
}

export interface Limits {
  low: number | null;
  high: number | null;
  criticalLow: number | null;
  criticalHigh: number | null;
}

/**
 * The flag of a value: `LL`/`HH` at or beyond a critical limit (critical limits are alert
 * thresholds: a value equal to one is critical), else `L` below the reference range's low or `H`
 * above its high (the range's limits themselves are within range), else null.
 */
export function flagOf(value: number, limits: Limits): Flag | null {
  if (limits.criticalLow !== null && value <= limits.criticalLow) return 'LL';
  if (limits.criticalHigh !== null && value >= limits.criticalHigh) return 'HH';
  if (limits.low !== null && value < limits.low) return 'L';
  if (limits.high !== null && value > limits.high) return 'H';
  return null;
}

export const isCritical = (flag: Flag | null) => flag === 'HH' || flag === 'LL';

/** Percent change from the previous result (null when there is none or it was zero). */
export function deltaPercent(value: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  return Math.round(((value - previous) / Math.abs(previous)) * 1000) / 10;
}
