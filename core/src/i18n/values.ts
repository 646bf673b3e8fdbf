import { formatMoney, minorDigits } from '../lib/money.ts';
import type { Locale } from './locale.ts';
import type { MessageText } from './messages.ts';

/**
 * Values that read differently per language, for message placeholders: pass the pair and the
 * message picks the reader's (`{ amount: moneyText(24900n, 'CZK') }` → "249,00 Kč" / "CZK 249.00").
 */

/** A decimal string ("1234.5") in a language's notation ("1 234,5"), keeping every given decimal. */
export function decimalIn(locale: Locale, value: string | number): string {
  const text = String(value);
  const decimals = text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    Number(text),
  );
}

/** An amount of minor units in a language's currency notation. */
export function moneyIn(locale: Locale, minor: bigint | string | number, currency: string): string {
  const digits = minorDigits(currency);
  const decimal = formatMoney(minor, digits);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(Number(decimal));
  } catch {
    return `${decimalIn(locale, decimal)} ${currency}`;
  }
}

export const moneyText = (minor: bigint | string | number, currency: string): MessageText => ({
  en: moneyIn('en', minor, currency),
  cs: moneyIn('cs', minor, currency),
});

/** A business date ('2025-03-01') as each language writes it ("1 March 2025" / "1. 3. 2025"). */
export function dateIn(locale: Locale, ymd: string): string {
  const [y, m, d] = ymd.slice(0, 10).split('-').map(Number);
  if (locale === 'cs') return `${d}. ${m}. ${y}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y as number, (m as number) - 1, d as number)),
  );
}

export const dateText = (ymd: string): MessageText => ({ en: dateIn('en', ymd), cs: dateIn('cs', ymd) });
