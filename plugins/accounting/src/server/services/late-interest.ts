import { roundHalfAway } from '@bureau/core';
import { lateInterestRateFor } from '../data/cz-late-interest.ts';
import { parseDecimal } from './amounts.ts';
import { addDays, daysBetween } from './dates.ts';

export interface LateInterest {
  /** Minor units of the document's currency. */
  amount: bigint;
  /** Percent per year. */
  rate: string;
  days: number;
  source: string;
}

/**
 * Statutory interest on `remaining` (minor units) for a debt due on `dueDate`, counted for each day
 * of delay from the day after the due date through `asOf`: remaining × rate / 100 × days / 365,
 * rounded half away from zero. Null when not overdue or when the rate of the half-year the delay
 * began in is not in `data/cz-late-interest.ts`.
 */
export function lateInterest(remaining: bigint, dueDate: string, asOf: string): LateInterest | null {
  const days = daysBetween(dueDate, asOf);
  if (days <= 0 || remaining <= 0n) return null;
  const row = lateInterestRateFor(addDays(dueDate, 1));
  if (!row) return null;
  const rate = parseDecimal(row.rate);
  if (!rate) return null;
  const amount = roundHalfAway(remaining * rate.num * BigInt(days), 100n * 10n ** BigInt(rate.scale) * 365n);
  return { amount, rate: row.rate, days, source: row.source };
}
