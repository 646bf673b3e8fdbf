import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from './locale.ts';
import { type Message, type MessageText, REF_PREFIX, register } from './registry.ts';

export type { Message, MessageText } from './registry.ts';
export { allMessages, messageById, REF_PREFIX } from './registry.ts';

/** Values for a message's `{placeholders}`. Arrays are joined as a list in the reader's language. */
export type Params = Record<string, unknown>;

/**
 * Declares a set of messages with both languages side by side, checked when the module loads: each
 * text must parse as ICU MessageFormat and both languages must use the same placeholders.
 *
 * ```ts
 * export const m = defineMessages('fleet', {
 *   plate_taken: { en: 'Plate {plate} is registered already', cs: 'SPZ {plate} už je v evidenci' },
 * });
 * throw problem(409, m.plate_taken, { plate });
 * ```
 */
export function defineMessages<K extends string>(namespace: string, texts: Record<K, MessageText>): Record<K, Message> {
  const out = {} as Record<K, Message>;
  for (const key of Object.keys(texts) as K[]) {
    const text = texts[key];
    const id = `${namespace}.${key}`;
    const en = placeholders(text.en, 'en', id);
    const cs = placeholders(text.cs, 'cs', id);
    const missing = [...en].filter((p) => !cs.has(p)).concat([...cs].filter((p) => !en.has(p)));
    if (missing.length) throw new Error(`Message ${id}: en and cs differ in placeholders (${missing.join(', ')})`);
    out[key] = register({ id, key, en: text.en, cs: text.cs, ref: `${REF_PREFIX}${id}` });
  }
  return out;
}

function placeholders(text: string, locale: Locale, id: string): Set<string> {
  let ast: unknown;
  try {
    ast = new IntlMessageFormat(text, locale).getAst();
  } catch (e) {
    throw new Error(`Message ${id} (${locale}) is not valid ICU MessageFormat: ${(e as Error).message}`);
  }
  const names = new Set<string>();
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes as { type: number; value?: string; options?: Record<string, { value: unknown }> }[]) {
      // Literal (0) and pound (7) nodes name no argument; tags (8) hold children.
      if (n.type !== 0 && n.type !== 7 && typeof n.value === 'string') names.add(n.value);
      if (n.options) for (const o of Object.values(n.options)) walk(o.value);
      if ('children' in n) walk((n as { children: unknown }).children);
    }
  };
  walk(ast);
  return names;
}
