/**
 * Reading and writing numbers and dates the way people type them: Czech `10,5`, `1 234,50` and
 * `5. 3. 2026`; English `10.5`, `1,234.50` and `05/03/2026`. Values travel as the API's canonical
 * strings: decimals `"1234.5"`, business dates `"2026-03-05"`.
 */
import type { Locale } from './types.ts';

export type ParseResult = { ok: true; value: string } | { ok: false; reason: 'invalid' | 'decimals' };

const SPACES = /[\s\u00a0\u202f\u2009'’_]/g;
const CURRENCY = /^(?:[A-Z]{3}|Kč|€|\$|£)\s*|\s*(?:[A-Z]{3}|Kč|€|\$|£|,-|,–)$/i;
const DECIMAL_SEPARATOR: Record<Locale, ',' | '.'> = { cs: ',', en: '.' };

/**
 * A typed decimal as a canonical string, or why not. Spaces and apostrophes group digits; when both
 * `,` and `.` appear the later one is the decimal point; a lone one is the decimal point unless it
 * is the other locale's separator followed by exactly three digits (`1.234` in Czech is 1234,
 * `1,234` in English too), and repeated it only groups. `maxDecimals` limits the fraction.
 */
export function parseDecimal(text: string, locale: Locale, maxDecimals?: number): ParseResult {
  let s = text.trim().replace(CURRENCY, '').replace(CURRENCY, '').replace(SPACES, '');
  let sign = '';
  if (/^[-−–]/.test(s)) {
    sign = '-';
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, reason: 'invalid' };
  const commas = s.split(',').length - 1;
  const dots = s.split('.').length - 1;
  let intPart = s;
  let frac = '';
  if (commas > 0 && dots > 0) {
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    if (s.split(dec).length - 1 > 1) return { ok: false, reason: 'invalid' };
    const [a = '', b = ''] = s.split(dec);
    intPart = a.split(group).join('');
    frac = b;
    if (!validGroups(a, group)) return { ok: false, reason: 'invalid' };
  } else if (commas + dots === 1) {
    const sep = commas ? ',' : '.';
    const [a = '', b = ''] = s.split(sep);
    const groups = sep !== DECIMAL_SEPARATOR[locale] && /^\d{3}$/.test(b) && a.length > 0 && a.length <= 3;
    if (groups) intPart = a + b;
    else {
      intPart = a;
      frac = b;
    }
  } else if (commas + dots > 1) {
    const sep = commas ? ',' : '.';
    if (!validGroups(s, sep)) return { ok: false, reason: 'invalid' };
    intPart = s.split(sep).join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || (intPart === '' && frac === '')) {
    return { ok: false, reason: 'invalid' };
  }
  const trimmedFrac = frac.replace(/0+$/, '');
  if (maxDecimals !== undefined && trimmedFrac.length > maxDecimals) return { ok: false, reason: 'decimals' };
  const whole = intPart.replace(/^0+(?=\d)/, '') || '0';
  const value = trimmedFrac ? `${whole}.${trimmedFrac}` : whole;
  return { ok: true, value: sign && /[1-9]/.test(value) ? `-${value}` : value };
}

/** `1.234.567` groups of three after the first (1–3 digits). */
function validGroups(s: string, sep: string): boolean {
  const parts = s.split(sep);
  return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/**
 * A canonical decimal for an input field: locale separators, digit grouping, and at least
 * `minDecimals` decimals (money shows `1 234,50`). Not a decimal: returned unchanged.
 */
export function formatDecimalInput(value: string, locale: Locale, minDecimals = 0): string {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign = '', whole = '0', frac = ''] = m;
  const group = locale === 'cs' ? '\u00a0' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const f = frac.padEnd(minDecimals, '0');
  return `${sign}${grouped}${f ? DECIMAL_SEPARATOR[locale] + f : ''}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * A typed date as `YYYY-MM-DD`, or null. Czech: `5.3.2026`, `05. 03. 2026`, `5.3.` (this year),
 * `5.3.26`; English: `5/3/2026`, `05/03/26` (day first, as en-GB); both: ISO `2026-03-05`.
 * Two-digit years are 2000–2099. Impossible dates (31.2.) are null.
 */
export function parseDateInput(text: string, locale: Locale, today: Date = new Date()): string | null {
  const s = text.trim().replace(/\s+/g, '');
  if (!s) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let y: number;
  let m: number;
  let d: number;
  if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else {
    const sep = locale === 'cs' ? '[.]' : '[/.-]';
    const re = new RegExp(`^(\\d{1,2})${sep}(\\d{1,2})(?:${sep}(\\d{2}|\\d{4})?)?$`);
    const p = re.exec(s);
    if (!p) return null;
    d = Number(p[1]);
    m = Number(p[2]);
    const yy = p[3];
    y = yy === undefined ? today.getFullYear() : yy.length === 2 ? 2000 + Number(yy) : Number(yy);
  }
  return validYmd(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** `2026-03-05` as typed in the locale: `5. 3. 2026` would be Czech prose; inputs use `05.03.2026` / `05/03/2026`. */
export function formatDateInput(ymd: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return locale === 'cs' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}
