import { type Accessor, createContext, createSignal, type JSX, useContext } from 'solid-js';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatRelative } from './format.ts';
import type { Locale, LocalizedText } from './types.ts';

export type Messages = Record<string, string>;
/** One dictionary per locale; `en` is the reference, `cs` must have the same keys. */
export type Dictionaries<K extends string = string> = { en: Record<K, string>; cs: Record<K, string> };
export type Params = Record<string, string | number>;

export interface I18n {
  locale: Accessor<Locale>;
  setLocale(locale: Locale): void;
  /** Translates a key of the shell's dictionaries; `{name}` placeholders; `count` picks `key_one|few|many|other`. */
  t(key: string, params?: Params): string;
  /** Picks the current language from a LocalizedText. */
  text(value: LocalizedText | undefined | null): string;
  date(ymd: string): string;
  dateTime(iso: string): string;
  relative(iso: string): string;
  number(value: number | string): string;
  money(amount: string, currency: string): string;
}

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function lookup(dict: Messages | undefined, locale: Locale, key: string, params?: Params): string | undefined {
  if (!dict) return undefined;
  if (params && typeof params.count === 'number') {
    const form = new Intl.PluralRules(locale).select(params.count);
    const plural = dict[`${key}_${form}`] ?? dict[`${key}_other`];
    if (plural !== undefined) return interpolate(plural, params);
  }
  const msg = dict[key];
  return msg === undefined ? undefined : interpolate(msg, params);
}

/** The locale a browser asks for, limited to the ones we speak. */
export function browserLocale(): Locale {
  const langs = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const l of langs) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'cs' || base === 'sk') return 'cs';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function createI18n(options: {
  /** Filled by `load` when given: a locale is switched to once its dictionary is in. */
  dictionaries: Partial<Dictionaries>;
  initial: Locale;
  onChange?: (locale: Locale) => void;
  /** Fetches a locale's dictionary into `dictionaries` (the shell loads only the language it shows). */
  load?: (locale: Locale) => Promise<void>;
}): I18n {
  const [locale, setLocaleSignal] = createSignal<Locale>(options.initial);
  let wanted = options.initial;
  const apply = (l: Locale) => {
    if (l !== wanted || l === locale()) return;
    // <html lang> first: effects of the signal that reload data send it as Accept-Language (languageHeaders).
    if (typeof document !== 'undefined') document.documentElement.lang = l;
    setLocaleSignal(l);
    options.onChange?.(l);
  };
  const setLocale = (l: Locale) => {
    wanted = l;
    if (options.dictionaries[l] || !options.load) apply(l);
    // A dictionary that cannot be fetched (offline, a redeployed build) leaves the language as it is.
    else
      options.load(l).then(
        () => apply(l),
        () => undefined,
      );
  };
  if (typeof document !== 'undefined') document.documentElement.lang = options.initial;
  return {
    locale,
    setLocale,
    t: (key, params) =>
      lookup(options.dictionaries[locale()], locale(), key, params) ??
      lookup(options.dictionaries.en, 'en', key, params) ??
      key,
    text: (value) => (value ? (value[locale()] ?? value.en) : ''),
    date: (ymd) => formatDate(ymd, locale()),
    dateTime: (iso) => formatDateTime(iso, locale()),
    relative: (iso) => formatRelative(iso, locale()),
    number: (v) => formatNumber(v, locale()),
    money: (amount, currency) => formatMoney(amount, currency, locale()),
  };
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: { value: I18n; children: JSX.Element }) {
  return <I18nContext.Provider value={props.value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n() outside <I18nProvider>');
  return ctx;
}

/**
 * A plugin's own messages: `const t = useMessages({ en: { title: 'Employees' }, cs: { title: 'Zaměstnanci' } })`.
 * Keys are typed from the English dictionary; the current locale comes from the shell.
 */
export function useMessages<K extends string>(dictionaries: Dictionaries<K>): (key: K, params?: Params) => string {
  const i18n = useI18n();
  return (key, params) =>
    lookup(dictionaries[i18n.locale()], i18n.locale(), key, params) ??
    lookup(dictionaries.en, 'en', key, params) ??
    key;
}
