import type { Runtime } from '../runtime.ts';

export type Lang = 'cs' | 'en';

/** Invoices and e-mails are in Czech for Czech buyers, English for everyone else. */
export const langFor = (country: string): Lang => (country.toUpperCase() === 'CZ' ? 'cs' : 'en');

export function moduleTitle(runtime: Pick<Runtime, 'plugins'>, moduleId: string, lang: Lang): string {
  const plugin = runtime.plugins.find((p) => p.id === moduleId);
  return plugin ? plugin.title[lang] : moduleId;
}

export const periodWord = (period: 'month' | 'year', lang: Lang) =>
  lang === 'cs' ? (period === 'month' ? 'měsíčně' : 'ročně') : period === 'month' ? 'monthly' : 'yearly';

export const L = {
  plan: (lang: Lang, name: string, period: 'month' | 'year') =>
    lang === 'cs'
      ? `Předplatné ${name} (${periodWord(period, lang)})`
      : `${name} subscription (${periodWord(period, lang)})`,
  seats: (lang: Lang) => (lang === 'cs' ? 'Další uživatelé nad rámec tarifu' : 'Extra seats beyond the plan'),
  addon: (lang: Lang, title: string) => (lang === 'cs' ? `Modul ${title} (doplněk)` : `${title} module (add-on)`),
  extraSeatsShort: (lang: Lang, n: number) => (lang === 'cs' ? `${n} další uživ.` : `${n} extra seats`),
  proration: (lang: Lang, label: string, from: string, to: string, n: number, of: number) =>
    lang === 'cs'
      ? `Doplatek za změnu předplatného: ${label}, ${from} – ${to} (${n} z ${of} dní)`
      : `Prorated upgrade: ${label}, ${from} – ${to} (${n} of ${of} days)`,
  client: (lang: Lang, name: string) => (lang === 'cs' ? `Klient ${name}: ` : `Client ${name}: `),
};
