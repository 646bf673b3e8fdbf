export type Lang = 'cs' | 'en';

/** Number and date formats of a PDF's language (dates in Prague time). */
export function formats(lang: Lang) {
  const locale = lang === 'cs' ? 'cs-CZ' : 'en-GB';
  return {
    money: (v: string, currency: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 }).format(Number(v)),
    number: (v: number, decimals = 0) =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: decimals,
        maximumFractionDigits: Math.max(decimals, 3),
      }).format(v),
    date: (d: string | Date) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Prague' }).format(new Date(d)),
  };
}
