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
    if (w.count > this.limit) throw throttled(Math.max(1, Math.ceil((w.resetAt - now) / 1000)));
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

function throttled(retryAfter: number): Problem {
  return new Problem(429, 'too_many_attempts', cm.throttled, {
    params: { seconds: retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
    extra: { retryAfter },
  });
}

/**
 * Exponential backoff after failed attempts of one key (e.g. an account from one address): the
 * first `free` failures cost nothing; after that each attempt waits 2^(failures − free) seconds
 * after the last failure, capped at `maxDelayMs`. A success clears the key. Nothing is ever locked
 * for other keys, so a stranger's failures from their address never lock the owner out of theirs.
 */
export class BackoffThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();
  private readonly free: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;

  constructor(free: number, maxDelayMs: number, now: () => number = Date.now) {
    this.free = free;
    this.maxDelayMs = maxDelayMs;
    this.now = now;
  }

  /** Milliseconds `key` must still wait before its next attempt (0: it may try now). */
  waitMs(key: string): number {
    const f = this.failures.get(key);
    if (!f || f.count < this.free) return 0;
    const delay = Math.min(this.maxDelayMs, 1000 * 2 ** (f.count - this.free));
    return Math.max(0, f.last + delay - this.now());
  }

  /** Throws 429 with Retry-After while `key` is backing off; call before checking a secret. */
  check(key: string): void {
    const wait = this.waitMs(key);
    if (wait > 0) throw throttled(Math.max(1, Math.ceil(wait / 1000)));
  }

  fail(key: string): void {
    const now = this.now();
    const f = this.failures.get(key);
    // A day without failures forgets the key.
    if (!f || now - f.last > 86_400_000) this.failures.set(key, { count: 1, last: now });
    else {
      f.count += 1;
      f.last = now;
    }
    if (this.failures.size > 100_000) {
      for (const [k, v] of this.failures) if (now - v.last > 86_400_000) this.failures.delete(k);
    }
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}

/**
 * Limits of the anonymous and password-checking routes (docs/security.md, "Account attacks"):
 * - `ip`: every login, reset and confirmation attempt per client address (100 per 15 minutes);
 * - `account`: reset and confirmation mails per account (10 per 15 minutes);
 * - `login`: failed sign-ins per (account, client address) back off exponentially after 5;
 * - `password`: failed current-password checks per account back off after 3;
 * - `signup`: sign-ups per client address (`signupPerHour`, default 10 an hour).
 */
export function createAuthLimiters(now: () => number, options: { signupPerHour?: number } = {}) {
  const fifteenMinutes = 15 * 60 * 1000;
  return {
    account: new RateLimiter(10, fifteenMinutes, now),
    ip: new RateLimiter(100, fifteenMinutes, now),
    login: new BackoffThrottle(5, fifteenMinutes, now),
    password: new BackoffThrottle(3, fifteenMinutes, now),
    signup: new RateLimiter(options.signupPerHour ?? 10, 60 * 60 * 1000, now),
  };
}
export type AuthLimiters = ReturnType<typeof createAuthLimiters>;
