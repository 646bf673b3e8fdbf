import { roundHalfAway } from '../lib/money.ts';

/**
 * Proration by day (docs/billing.md, "Proration").
 *
 * A period is paid in advance at the price of the state the subscription had when the period
 * started (`paid`). Whatever is held during the period above that price is charged on the next
 * invoice, by day: for each day of the period, the price of the most expensive state held at any
 * moment of that day counts; the day adds `max(0, dayPrice − paid) / days` of a full period.
 * Downgrades are not credited (no charge can be negative).
 *
 * Rounding: the sum over all days is exact (a fraction with the period's day count as
 * denominator) and is rounded once, half away from zero, to the minor unit. Lines (one per run of
 * days at the same price) are the differences of the rounded running sums, so they never go
 * negative and always add up to the rounded total. The total therefore never exceeds
 * `max(state price) − paid`, which is at most the full-period price of the most expensive state.
 */

export interface PriceState {
  /** Full-period price of the state, in minor units. */
  price: bigint;
  label: string;
}

export interface PriceChange extends PriceState {
  /** Day of the period (0 = first day) from which the state holds. */
  day: number;
}

export interface ProrationInput {
  /** Days in the period (28–31 for a month, 365/366 for a year). */
  days: number;
  /** Price paid in advance for the period. */
  paid: bigint;
  /** State at the start of the period. */
  initial: PriceState;
  /** Changes during the period in the order they happened. */
  changes: readonly PriceChange[];
}

export interface ProrationLine {
  /** First day (inclusive) and last day (exclusive) of the run. */
  fromDay: number;
  toDay: number;
  /** Full-period price held above what was paid. */
  excess: bigint;
  label: string;
  amount: bigint;
}

export interface Proration {
  total: bigint;
  lines: ProrationLine[];
}

export function prorate(input: ProrationInput): Proration {
  const D = input.days;
  if (!Number.isInteger(D) || D <= 0) throw new Error('a period has at least one day');
  const byDay = new Map<number, PriceChange[]>();
  for (const ch of input.changes) {
    if (ch.day < 0 || ch.day >= D) continue;
    byDay.set(ch.day, [...(byDay.get(ch.day) ?? []), ch]);
  }
  let current: PriceState = input.initial;
  const denominator = BigInt(D);
  const lines: ProrationLine[] = [];
  let cumulative = 0n;
  let billed = 0n;
  let run: { fromDay: number; excess: bigint; label: string } | null = null;

  const close = (toDay: number) => {
    if (!run) return;
    const rounded = roundHalfAway(cumulative, denominator);
    lines.push({ fromDay: run.fromDay, toDay, excess: run.excess, label: run.label, amount: rounded - billed });
    billed = rounded;
    run = null;
  };

  for (let d = 0; d < D; d++) {
    // The most expensive state held at any moment of the day: the one carried in, or any set that day.
    let top = current;
    for (const ch of byDay.get(d) ?? []) {
      if (ch.price > top.price) top = ch;
      current = ch;
    }
    const excess = top.price > input.paid ? top.price - input.paid : 0n;
    const r = run as { fromDay: number; excess: bigint; label: string } | null;
    if (!r || r.excess !== excess || r.label !== top.label) {
      close(d);
      if (excess > 0n) run = { fromDay: d, excess, label: top.label };
    }
    cumulative += excess;
  }
  close(D);
  return {
    total: roundHalfAway(cumulative, denominator),
    lines: lines.filter((l) => l.amount !== 0n || l.excess > 0n),
  };
}
