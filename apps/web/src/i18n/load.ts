import type { Dictionaries, Locale } from '@bureau/core/ui';

/**
 * The shell's messages, one language at a time: each dictionary is its own chunk, so the first page
 * downloads the language it shows and not the other (apps/web/scripts/bundle-report.ts counts it).
 */
export const dictionaries: Partial<Dictionaries> = {};

const loaders: Record<Locale, () => Promise<Dictionaries['en']>> = {
  en: () => import('./en.ts').then((m) => m.en),
  cs: () => import('./cs.ts').then((m) => m.cs),
};

export async function loadDictionary(locale: Locale): Promise<void> {
  dictionaries[locale] ??= await loaders[locale]();
}
