import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request cost: the statements it sent to the database (each one round trip on
 * PostgreSQL; a transaction's BEGIN and COMMIT count as one each, whatever the driver does inside)
 * and the time spent in each phase of the request path (docs/performance.md). Counted for every
 * request; reported in a `Server-Timing` header when BUREAU_SERVER_TIMING=1.
 */
export interface RequestStats {
  roundTrips: number;
  /** Milliseconds per phase, in the order the phases first ran. */
  phases: Map<string, number>;
}

const current = new AsyncLocalStorage<RequestStats>();

/** Runs `fn` (the rest of a request) with a fresh stats record. */
export function withRequestStats<T>(stats: RequestStats, fn: () => Promise<T>): Promise<T> {
  return current.run(stats, fn);
}

export const newRequestStats = (): RequestStats => ({ roundTrips: 0, phases: new Map() });

export const requestStats = (): RequestStats | undefined => current.getStore();

/** Counts one statement sent to the database by the current request (if any). */
export function countRoundTrip(n = 1): void {
  const s = current.getStore();
  if (s) s.roundTrips += n;
}

/** Adds `ms` to a phase of the current request. */
export function addPhase(name: string, ms: number): void {
  const s = current.getStore();
  if (s) s.phases.set(name, (s.phases.get(name) ?? 0) + ms);
}

/** Times `fn` as a phase of the current request. */
export async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    addPhase(name, performance.now() - t0);
  }
}

/** The `Server-Timing` header value: one metric per phase, and the round-trip count. */
export function serverTiming(stats: RequestStats, totalMs: number): string {
  const parts = [...stats.phases].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`);
  parts.push(`total;dur=${totalMs.toFixed(2)}`, `roundtrips;desc=${stats.roundTrips}`);
  return parts.join(', ');
}
