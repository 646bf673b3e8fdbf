import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), as authenticator apps implement
 * them: HMAC-SHA-1, 30-second steps, 6 digits. The RFC's own test vectors are in
 * core/test/totp.test.ts. Implemented here on node:crypto rather than taken as a dependency: it is
 * twenty lines, and the vectors pin it.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC(key, counter) to `digits` decimal digits. */
export function hotp(
  key: Uint8Array,
  counter: number,
  digits = TOTP_DIGITS,
  algorithm: TotpAlgorithm = 'sha1',
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step of a moment (RFC 6238 §4.2, T0 = 0). */
export function totpStep(timeMs: number, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(timeMs / 1000 / period);
}

/** The code for a moment. */
export function totp(
  key: Uint8Array,
  timeMs: number,
  options: { digits?: number; period?: number; algorithm?: TotpAlgorithm } = {},
): string {
  return hotp(key, totpStep(timeMs, options.period), options.digits, options.algorithm);
}

/**
 * The step a code matches within ±`window` steps of now (clock drift), or null. Callers refuse a
 * step at or before the last one used, so a code works once.
 */
export function matchTotp(key: Uint8Array, code: string, timeMs: number, window = 1): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStep(timeMs);
  let found: number | null = null;
  for (let step = now - window; step <= now + window; step++) {
    // Compare every candidate in constant time; no early exit.
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code)) && found === null) found = step;
  }
  return found;
}

/** A new random key (160 bits, RFC 4226's recommended length). */
export function newTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The key as authenticator apps take it: base32 without padding. */
export function totpKeyBase32(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key);
}

/** The current code for a key given as base32 (what an authenticator app shows; tests and scripts). */
export function totpFromBase32(secret: string, timeMs: number): string {
  return totp(decodeBase32IgnorePadding(secret), timeMs);
}

/** The otpauth:// URI (Key Uri Format) a QR code carries to the app. */
export function otpauthUri(key: Uint8Array, account: string, issuer = 'Bureau'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({
    secret: totpKeyBase32(key),
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params}`;
}
