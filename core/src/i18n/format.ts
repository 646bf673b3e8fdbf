import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from './locale.ts';
import { type Message, type MessageText, messageById, type Params, REF_PREFIX } from './messages.ts';

const compiled = new Map<string, IntlMessageFormat>();

function formatter(template: string, locale: Locale): IntlMessageFormat {
  const key = `${locale}\u0000${template}`;
  let f = compiled.get(key);
  if (!f) {
    f = new IntlMessageFormat(template, locale);
    if (compiled.size > 5000) compiled.clear();
    compiled.set(key, f);
  }
  return f;
}

const isText = (v: unknown): v is MessageText =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as MessageText).en === 'string' &&
  typeof (v as MessageText).cs === 'string';

/** One value as text: a `{ en, cs }` pair (a module's title) in the reader's language. */
const textOf = (v: unknown, locale: Locale): string => (isText(v) ? v[locale] : String(v));

/**
 * Values as ICU wants them: `{ en, cs }` pairs in the reader's language, lists joined the way the
 * language joins them ("A, B a C"), bigints as numbers, nothing undefined.
 */
function prepare(params: Params | undefined, locale: Locale): Record<string, string | number | boolean | Date> {
  const out: Record<string, string | number | boolean | Date> = {};
  if (!params) return out;
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) out[k] = '';
    else if (Array.isArray(v))
      out[k] = new Intl.ListFormat(locale, { type: 'conjunction' }).format(v.map((x) => textOf(x, locale)));
    else if (isText(v)) out[k] = v[locale];
    else if (typeof v === 'bigint') out[k] = Number(v);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) out[k] = v;
    else out[k] = JSON.stringify(v);
  }
  return out;
}

/**
 * Renders a message in a language. A `Message` (or its `ref` string) is looked up and formatted
 * with ICU rules (Czech plurals one/few/many/other, numbers as `10,5`); any other string is
 * returned as it is (text that is not ours, such as a bank's message).
 */
export function translate(locale: Locale, message: Message | MessageText | string, params?: Params): string {
  let text: MessageText | undefined;
  if (typeof message === 'string') {
    if (!message.startsWith(REF_PREFIX)) return message;
    text = messageById(message);
    if (!text) return message;
  } else {
    text = message;
  }
  const template = text[locale] ?? text.en;
  try {
    return String(formatter(template, locale).format(prepare(params, locale)));
  } catch {
    // A missing value must not turn a refusal into a 500: show the template's text.
    return template;
  }
}

/** A message rendered in both languages (stored automatic texts that either reader may see). */
export function translateBoth(message: Message | MessageText, params?: Params): MessageText {
  return { en: translate('en', message, params), cs: translate('cs', message, params) };
}

/** A translator bound to one language: `const t = translator('cs'); t(m.welcome, { name })`. */
export const translator =
  (locale: Locale) =>
  (message: Message | MessageText | string, params?: Params): string =>
    translate(locale, message, params);
