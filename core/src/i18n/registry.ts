/**
 * Every declared message by id, and the string (`ref`) that stands for one where only a string fits.
 * Kept apart from the ICU formatter so the browser can resolve a schema's field message without it.
 */

/** A message in every language, written in ICU MessageFormat (`{count, plural, one {…} few {…} other {…}}`). */
export interface MessageText {
  en: string;
  cs: string;
}

/** One declared message. `key` is its short name (and the problem `code` it gives by default). */
export interface Message extends MessageText {
  /** `<namespace>.<key>`, unique across core and plugins. */
  readonly id: string;
  readonly key: string;
  /** A string that stands for this message where only a string fits (a zod schema's custom message). */
  readonly ref: string;
  /** A field message (defineFieldMessages): its field error keeps zod's issue code rather than `key`. */
  readonly keepsIssueCode?: true;
}

export const REF_PREFIX = 'i18n:';

const registry = new Map<string, Message>();

/** Adds a message under its id; an id is declared once. */
export function register(message: Message): Message {
  if (registry.has(message.id)) throw new Error(`Message ${message.id} is defined twice`);
  registry.set(message.id, message);
  return message;
}

/** A declared message by id (`core.not_found`) or by its `ref`. */
export function messageById(idOrRef: string): Message | undefined {
  return registry.get(idOrRef.startsWith(REF_PREFIX) ? idOrRef.slice(REF_PREFIX.length) : idOrRef);
}

/** Every declared message (tests check the catalogue as a whole). */
export function allMessages(): Message[] {
  return [...registry.values()];
}
