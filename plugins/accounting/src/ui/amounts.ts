/**
 * Exact decimal arithmetic for the forms: amounts typed by people ("1 234,50", "1234.5") become
 * decimal strings and BigInt minor units; no float ever touches an amount.
 */

/**
 * Minor-unit digits of a currency according to Intl (2 for CZK/EUR, 0 for JPY); the same rule as the
 * kit's `currencyDigits`, repeated here so this module stays free of UI imports (and testable in Node).
 */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Normalizes what a person typed into a plain decimal string ("1 234,50" → "1234.50"), or null when
 * it is not an amount. Spaces (also non-breaking) are thousands separators; the last of "," and "."
 * is the decimal separator when both appear, a lone "," is a decimal comma (Czech).
 */
export function normalizeDecimal(input: string): string | null {
  let s = input.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return null;
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    s = s.split(group).join('').replace(dec, '.');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return null;
    s = s.replace(',', '.');
  }
  if (!/^\d+(\.\d+)?$/.test(s) && !/^\.\d+$/.test(s)) return null;
  if (s.startsWith('.')) s = `0${s}`;
  s = s.replace(/^0+(?=\d)/, '');
  return negative ? `-${s}` : s;
}

/** Minor units of a decimal string in a currency, or null when it has more decimals than the currency. */
export function toMinor(decimal: string, digits: number): bigint | null {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) return null;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > digits) return null;
  const v = BigInt(m[2] as string) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  return m[1] ? -v : v;
}

/** A decimal string from minor units: 123450n, 2 → "1234.50". */
export function fromMinor(value: bigint, digits: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  if (digits === 0) return `${negative ? '-' : ''}${abs}`;
  const s = abs.toString().padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export type Parsed =
  | { ok: true; value: string; minor: bigint }
  | { ok: false; error: 'invalid' | 'precision' | 'negative' }
  | null;

/** An amount typed into a field: its decimal string in the currency's digits, or an error key. */
export function parseAmount(input: string, currency: string, options: { allowNegative?: boolean } = {}): Parsed {
  if (input.trim() === '') return null;
  const d = normalizeDecimal(input);
  if (d === null) return { ok: false, error: 'invalid' };
  if (d.startsWith('-') && !options.allowNegative) return { ok: false, error: 'negative' };
  const digits = currencyDigits(currency);
  const minor = toMinor(d, digits);
  if (minor === null) return { ok: false, error: 'precision' };
  return { ok: true, value: fromMinor(minor, digits), minor };
}

/** Sums decimal strings exactly (for totals of rows the API sent). */
export function sumDecimals(values: readonly string[], digits: number): string {
  let total = 0n;
  for (const v of values) total += toMinor(v, Math.max(digits, (v.split('.')[1] ?? '').length)) ?? 0n;
  return fromMinor(total, digits);
}

/** Is a decimal string negative / zero? */
export const isNegative = (d: string) => d.trim().startsWith('-') && /[1-9]/.test(d);
export const isZero = (d: string) => !/[1-9]/.test(d);

/** YYYY-MM-DD arithmetic in UTC (no time-zone shifts). */
export function addDaysYmd(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
export const monthStartYmd = (ymd: string) => `${ymd.slice(0, 7)}-01`;
export function monthEndYmd(ymd: string): string {
  const [y, m] = ymd.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** An exact decimal: value = num / 10^scale. */
export interface Decimal {
  num: bigint;
  scale: number;
}

/** A plain decimal string ("1.5", "-2") as an exact Decimal, or null. */
export function decimalOf(s: string): Decimal | null {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[3] ?? '';
  const num = BigInt((m[2] as string) + frac);
  return { num: m[1] ? -num : num, scale: frac.length };
}

/** n / d rounded half away from zero (d > 0). */
export function roundHalfAway(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** minor × decimal, rounded half away from zero (a line's net: unit price × quantity). */
export const multiplyMinor = (minor: bigint, d: Decimal) => roundHalfAway(minor * d.num, 10n ** BigInt(d.scale));

/** minor × percent / 100, rounded half away from zero (VAT of a line). */
export const percentOfMinor = (minor: bigint, percent: Decimal) =>
  roundHalfAway(minor * percent.num, 100n * 10n ** BigInt(percent.scale));
