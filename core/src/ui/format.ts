import type { Locale } from './types.ts';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

const intlLocale = (locale: Locale) => (locale === 'cs' ? 'cs-CZ' : 'en-GB');

/** Minor-unit digits of a currency according to Intl (2 for CZK/EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Formats a decimal-string amount ("1234.50") as money in the locale, exactly: the integer part is
 * formatted as a BigInt and the fraction digits are spliced in, so no float ever rounds an amount.
 * Returns the input unchanged when it is not a plain decimal.
 */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  if (typeof amount !== 'string') return '—';
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole = '0', rawFrac = ''] = m;
  const digits = Math.max(currencyDigits(currency), Math.min(rawFrac.replace(/0+$/, '').length, 4));
  const frac = rawFrac.padEnd(digits, '0').slice(0, digits);
  const intValue = BigInt(whole);
  const negative = Boolean(sign) && (intValue !== 0n || /[1-9]/.test(rawFrac));
  let nf: Intl.NumberFormat;
  try {
    nf = new Intl.NumberFormat(intlLocale(locale), {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  } catch {
    return `${amount} ${currency}`;
  }
  // Format a stand-in with the right sign and integer part, then replace the fraction with our digits.
  const standIn = negative ? -(intValue === 0n ? 1n : intValue) : intValue;
  const parts = nf.formatToParts(standIn);
  let integerSeen = false;
  return parts
    .map((p) => {
      if (p.type === 'fraction') return frac;
      if (p.type === 'integer' && intValue === 0n) {
        if (integerSeen) return '';
        integerSeen = true;
        return '0';
      }
      if (p.type === 'group' && intValue === 0n) return '';
      return p.value;
    })
    .join('');
}

/** Formats a number or numeric string (quantities, rates) with locale separators, keeping its decimals. */
export function formatNumber(value: number | string, locale: Locale): string {
  if (typeof value === 'number') return new Intl.NumberFormat(intlLocale(locale)).format(value);
  if (typeof value !== 'string') return '—';
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const [, sign, whole = '0', frac = ''] = m;
  const nf = new Intl.NumberFormat(intlLocale(locale));
  const intText = nf.format(BigInt(whole));
  if (!frac) return `${sign ?? ''}${intText}`;
  const decimal = nf.formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${sign ?? ''}${intText}${decimal}${frac}`;
}

/** Formats a business date ('YYYY-MM-DD') without any timezone shift. */
export function formatDate(ymd: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return ymd;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** Formats an instant (ISO timestamp) in the viewer's timezone. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** "3 days ago" / "před 3 dny". */
export function formatRelative(iso: string, locale: Locale, now = Date.now()): string {
  const d = new Date(iso).getTime();
  if (Number.isNaN(d)) return iso;
  const seconds = Math.round((d - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(seconds / 86400), 'day');
  if (abs < 86400 * 365) return rtf.format(Math.round(seconds / (86400 * 30)), 'month');
  return rtf.format(Math.round(seconds / (86400 * 365)), 'year');
}

/**
 * Today as YYYY-MM-DD on the firm's calendar (Europe/Prague, the zone the server dates documents,
 * runs and deadlines in), not the browser's: between midnight in Prague and midnight where the
 * viewer is, the two differ by a day.
 */
export function businessToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(now);
}
