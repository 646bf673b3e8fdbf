/** The languages Bureau speaks. `en` is the reference; every message has both. */
export type Locale = 'en' | 'cs';
export const LOCALES: readonly Locale[] = ['en', 'cs'];

export const isLocale = (v: unknown): v is Locale => v === 'en' || v === 'cs';

/**
 * The first language of an `Accept-Language` header that we speak, by the header's order and
 * q-values (`cs-CZ,cs;q=0.9,en;q=0.8` → cs). Slovak readers get Czech, as the web app does.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
  if (!header || header.length > 500) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q=([\d.]+)\s*$/.exec(a)?.[1]).find(Boolean);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    if (r.base === 'cs' || r.base === 'sk') return 'cs';
    if (r.base === 'en') return 'en';
  }
  return null;
}
