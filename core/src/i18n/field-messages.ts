import { type Message, type MessageText, messageById, REF_PREFIX, register } from './registry.ts';

/**
 * Declares what a field must look like, for a schema's own message (`.regex(re, fm.tag.ref)`), in
 * both languages. The field error's `code` stays zod's issue code (`invalid_format`, `custom`), as
 * when the schema's message was plain English; only the text follows the reader's language. Plain
 * text without placeholders, so a form in the browser shows it without the ICU formatter.
 *
 * ```ts
 * const fm = defineFieldMessages('it', { tag: { en: 'Letters, digits, . _ / -', cs: 'Písmena, číslice, . _ / -' } });
 * export const Tag = z.string().regex(/^[A-Za-z0-9._/-]+$/, fm.tag.ref);
 * ```
 */
export function defineFieldMessages<K extends string>(
  namespace: string,
  texts: Record<K, MessageText>,
): Record<K, Message> {
  const out = {} as Record<K, Message>;
  for (const key of Object.keys(texts) as K[]) {
    const id = `${namespace}.field.${key}`;
    const { en, cs } = texts[key];
    if (/[{}]/.test(en + cs)) throw new Error(`Field message ${id} is plain text: no ICU placeholders`);
    out[key] = register({ id, key, en, cs, ref: `${REF_PREFIX}${id}`, keepsIssueCode: true });
  }
  return out;
}

/** A schema issue's text in a language when it names a field message, else undefined. */
export function fieldMessageText(message: string, locale: keyof MessageText): string | undefined {
  if (!message.startsWith(REF_PREFIX)) return undefined;
  const own = messageById(message);
  return own?.keepsIssueCode ? own[locale] : undefined;
}
