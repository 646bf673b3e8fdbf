/**
 * Money is an integer count of minor units (bigint in memory, `bigint` in SQL) plus an ISO 4217
 * currency; in JSON it is a decimal string such as "1234.50". No float ever touches an amount.
 */

const DECIMAL = /^(-)?(\d{1,15})(?:\.(\d{1,4}))?$/;

/** Minor-unit digits per currency (ISO 4217); 2 unless listed. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, HUF: 2, BHD: 3, KWD: 3 };

export const minorDigits = (currency: string): number => MINOR_DIGITS[currency] ?? 2;

/** Parses "1234.5" → 123450n (2 digits). Returns null for anything that is not a plain decimal with at most `digits` decimals. */
export function parseMoney(text: string, digits = 2): bigint | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > digits) return null;
  const minor = BigInt(whole as string) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  return sign ? -minor : minor;
}

/** Formats 123450n → "1234.50" (2 digits). */
export function formatMoney(minor: bigint | string | number, digits = 2): string {
  const v = BigInt(minor);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  if (digits === 0) return `${neg ? '-' : ''}${abs}`;
  const base = 10n ** BigInt(digits);
  const whole = abs / base;
  const frac = (abs % base).toString().padStart(digits, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** Rounds a rational amount `num/den` of minor units half away from zero (commercial rounding). */
export function roundHalfAway(num: bigint, den: bigint): bigint {
  if (den < 0n) return roundHalfAway(-num, -den);
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (2n * den);
  return neg ? -q : q;
}
