/**
 * Westgard multirules (Westgard JO, Barry PL, Hunt MR, Groth T. A multi-rule Shewhart chart for
 * quality control in clinical chemistry. Clin Chem 1981;27(3):493–501; definitions as restated at
 * westgard.com/westgard-rules): each control observation is judged by its distance from the
 * material's target mean in units of its SD.
 *
 * - 1-2s  one observation exceeds mean ± 2 SD (warning);
 * - 1-3s  one observation exceeds mean ± 3 SD;
 * - 2-2s  two consecutive observations exceed the same limit, mean + 2 SD or mean − 2 SD: the last
 *         two of one material (across runs) or two materials in the same run;
 * - R-4s  in one run, one observation exceeds mean + 2 SD and another exceeds mean − 2 SD;
 * - 4-1s  four consecutive observations of one material exceed the same limit, mean + 1 SD or mean − 1 SD;
 * - 10x   ten consecutive observations of one material fall on the same side of the mean.
 *
 * "Exceeds" is strict: an observation exactly on a limit does not exceed it, and one exactly on the
 * mean is on neither side. Every rule is applied to every observation (not only after a 1-2s
 * warning), so a 4-1s or 10x shift is caught even when no single value passes 2 SD. Arithmetic is
 * exact: values, means and SDs are decimals compared as scaled integers, never floats.
 */

export type WestgardRule = '1-2s' | '1-3s' | '2-2s' | 'R-4s' | '4-1s' | '10x';
export const REJECTION_RULES: readonly WestgardRule[] = ['1-3s', '2-2s', 'R-4s', '4-1s', '10x'];
export type QcStatus = 'accepted' | 'warning' | 'rejected';

/** One control observation: its deviation from the target mean and the material's SD, exact. */
export interface Observation {
  /** value − mean, scaled (see `toScaled`). */
  dev: bigint;
  /** SD, scaled the same way; positive. */
  sd: bigint;
}

const SCALE = 6;

/** A decimal string or number as an integer of millionths (values with more decimals are refused). */
export function toScaled(v: string | number): bigint {
  const s = typeof v === 'number' ? numberText(v) : v.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) throw new RangeError(`not a decimal with at most ${SCALE} places: ${s}`);
  const n = BigInt(m[2] as string) * 10n ** BigInt(SCALE) + BigInt((m[3] ?? '').padEnd(SCALE, '0') || '0');
  return m[1] ? -n : n;
}

function numberText(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError('not a finite number');
  const s = v.toFixed(SCALE).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

export function observation(value: string | number, mean: string | number, sd: string | number): Observation {
  const s = toScaled(sd);
  if (s <= 0n) throw new RangeError('SD must be positive');
  return { dev: toScaled(value) - toScaled(mean), sd: s };
}

/** +1 above `k` SD, −1 below −`k` SD, 0 within (k = 0: the side of the mean). */
const beyond = (o: Observation, k: bigint): -1 | 0 | 1 => (o.dev > k * o.sd ? 1 : o.dev < -k * o.sd ? -1 : 0);

/** All of `obs` beyond the same `k` SD limit (or side); needs exactly `n` observations. */
function sameSide(obs: readonly Observation[], n: number, k: bigint): boolean {
  if (obs.length < n) return false;
  const tail = obs.slice(-n);
  const side = beyond(tail[0] as Observation, k);
  return side !== 0 && tail.every((o) => beyond(o, k) === side);
}

export interface Evaluation {
  violations: WestgardRule[];
  status: QcStatus;
}

/**
 * Judges the newest observation of a material. `series` is that material's observations oldest
 * first, ending with the new one; `run` holds the other materials' observations in the same run
 * (other levels of the same test).
 */
export function evaluate(series: readonly Observation[], run: readonly Observation[] = []): Evaluation {
  const current = series[series.length - 1];
  if (!current) return { violations: [], status: 'accepted' };
  const v: WestgardRule[] = [];
  const side2 = beyond(current, 2n);
  if (side2 !== 0) v.push('1-2s');
  if (beyond(current, 3n) !== 0) v.push('1-3s');
  if (side2 !== 0 && (sameSide(series, 2, 2n) || run.some((o) => beyond(o, 2n) === side2))) v.push('2-2s');
  if (side2 !== 0 && run.some((o) => beyond(o, 2n) === -side2)) v.push('R-4s');
  if (sameSide(series, 4, 1n)) v.push('4-1s');
  if (sameSide(series, 10, 0n)) v.push('10x');
  const rejected = v.some((r) => REJECTION_RULES.includes(r));
  return { violations: v, status: rejected ? 'rejected' : v.length > 0 ? 'warning' : 'accepted' };
}

/** The z-score for charts (an approximation of the exact judgement above). */
export const zScore = (o: Observation) => Number(o.dev) / Number(o.sd);
