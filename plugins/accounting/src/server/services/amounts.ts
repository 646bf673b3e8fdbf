import { badRequest, formatMoney, minorDigits, parseMoney, roundHalfAway } from '@bureau/core';

/**
 * Amount arithmetic for the ledger. Amounts are bigint minor units; decimals (rates, quantities,
 * VAT percentages) are exact rationals `num / 10^scale`. Nothing here ever builds a JS number
 * from an amount.
 */

export interface Decimal {
  num: bigint;
  scale: number;
}

const DECIMAL = /^(-)?(\d{1,18})(?:\.(\d{1,12}))?$/;

/** Parses "25.125" → { num: 25125n, scale: 3 }; null if not a plain decimal. */
export function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const num = BigInt(`${whole}${frac}`);
  return { num: sign ? -num : num, scale: frac.length };
}

/** Canonical text of a decimal, trailing zeros removed ("25.1250" → "25.125", "1.0" → "1"). */
export function decimalText(d: Decimal): string {
  let { num, scale } = d;
  while (scale > 0 && num % 10n === 0n) {
    num /= 10n;
    scale -= 1;
  }
  const neg = num < 0n;
  const abs = (neg ? -num : num).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? abs : `${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
  return neg ? `-${text}` : text;
}

/** Text of a numeric column ("25.125000000000" → "25.125"). */
export const normalizeDecimal = (text: string): string => {
  const d = parseDecimal(text);
  return d ? decimalText(d) : text;
};

/** amount × d, rounded half away from zero to whole minor units. */
export function multiply(amount: bigint, d: Decimal): bigint {
  return roundHalfAway(amount * d.num, 10n ** BigInt(d.scale));
}

/** amount × percent / 100 (VAT), rounded half away from zero. */
export function percentOf(amount: bigint, percent: Decimal): bigint {
  return roundHalfAway(amount * percent.num, 100n * 10n ** BigInt(percent.scale));
}

/**
 * Converts an amount in `from` currency minor units to `to` currency minor units at `rate`
 * (units of `to` per one unit of `from`), rounded half away from zero.
 */
export function convert(amount: bigint, from: string, to: string, rate: Decimal): bigint {
  if (from === to) return amount;
  const fd = BigInt(minorDigits(from));
  const td = BigInt(minorDigits(to));
  return roundHalfAway(amount * rate.num * 10n ** td, 10n ** BigInt(rate.scale) * 10n ** fd);
}

export const ONE: Decimal = { num: 1n, scale: 0 };

/** Formats minor units of `currency` as a decimal string ("1234.50"). */
export const money = (minor: bigint | string, currency: string): string => formatMoney(minor, minorDigits(currency));

/**
 * Parses a decimal string amount of `currency` into minor units, or throws a 400 naming the field.
 * `allowNegative` / `allowZero` widen the accepted range (statement lines may be negative).
 */
export function amountOf(
  text: string,
  currency: string,
  path: string,
  opts: { allowNegative?: boolean; allowZero?: boolean } = {},
): bigint {
  const v = parseMoney(text, minorDigits(currency));
  if (v === null) {
    throw badRequest('invalid_amount', amountInvalid, [
      {
        path,
        message: {
          en: `Expected a decimal amount with at most ${minorDigits(currency)} decimals for ${currency}`,
          cs: `Očekávána částka s nejvýše ${minorDigits(currency)} desetinnými místy pro ${currency}`,
        },
      },
    ]);
  }
  if (v < 0n && !opts.allowNegative) {
    throw badRequest('invalid_amount', amountInvalid, [
      { path, message: { en: 'Must not be negative', cs: 'Nesmí být záporná' } },
    ]);
  }
  if (v === 0n && !opts.allowZero) {
    throw badRequest('invalid_amount', amountInvalid, [
      { path, message: { en: 'Must not be zero', cs: 'Nesmí být nulová' } },
    ]);
  }
  return v;
}

const amountInvalid = { en: 'An amount is invalid', cs: 'Neplatná částka' };
const DECIMAL_NAMES_CS: Record<string, string> = { rate: 'kurz', quantity: 'množství', value: 'hodnota' };

/** Parses a positive decimal (exchange rate, quantity) or throws a 400 naming the field. */
export function positiveDecimalOf(text: string, path: string, what = 'value'): Decimal {
  const d = parseDecimal(text);
  if (!d || d.num <= 0n) {
    const cs = DECIMAL_NAMES_CS[what] ?? what;
    throw badRequest('invalid_input', { en: `The ${what} is invalid`, cs: `Neplatná hodnota (${cs})` }, [
      { path, message: { en: `Expected a positive decimal ${what}`, cs: `Očekáváno kladné desetinné číslo (${cs})` } },
    ]);
  }
  return d;
}

/** Splits `total` into parts proportional to `weights`, exactly (largest remainder). */
export function allocateProportionally(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / sum);
  let rest = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, r: (total * w) % sum }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (rest === 0n) break;
    parts[i] = (parts[i] as bigint) + (rest > 0n ? 1n : -1n);
    rest += rest > 0n ? -1n : 1n;
  }
  return parts;
}

export const sum = (values: Iterable<bigint>): bigint => {
  let s = 0n;
  for (const v of values) s += v;
  return s;
};
