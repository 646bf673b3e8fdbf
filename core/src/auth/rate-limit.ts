import { Problem } from '../http/problem.ts';
import { cm } from '../i18n/core-messages.ts';

/**
 * Fixed-window attempt counters per key (an account or an IP), in process memory.
 * One process serves a deployment today; a shared store is needed before running several.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.now = now;
  }

  /** Counts one attempt; throws 429 with Retry-After once the key is over its limit. */
  hit(key: string): void {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    w.count += 1;
    if (w.count > this.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
      throw new Problem(429, 'too_many_attempts', cm.throttled, {
        params: { seconds: retryAfter },
        headers: { 'Retry-After': String(retryAfter) },
        extra: { retryAfter },
      });
    }
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

/** Limits for login and password reset: per account and per client address. */
export function createAuthLimiters(now: () => number) {
  const fifteenMinutes = 15 * 60 * 1000;
  return {
    account: new RateLimiter(10, fifteenMinutes, now),
    ip: new RateLimiter(100, fifteenMinutes, now),
  };
}
export type AuthLimiters = ReturnType<typeof createAuthLimiters>;
