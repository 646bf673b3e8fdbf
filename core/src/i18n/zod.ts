import { z } from 'zod';
import { translate } from './format.ts';
import type { Locale } from './locale.ts';
import { type Message, messageById, type Params, REF_PREFIX } from './messages.ts';
import { zm } from './zod-messages.ts';

type RawIssue = Parameters<NonNullable<z.core.$ZodConfig['localeError']>>[0];
type Issue = z.core.$ZodIssue;

/** Which of our messages stands for a zod issue. Runs when zod builds the issue (the input is known). */
function messageFor(iss: RawIssue): Message {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? zm.required : zm.invalid_type;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? zm.required : iss.exact ? zm.length_exact : zm.too_short;
      if (iss.origin === 'array' || iss.origin === 'set') return zm.too_few;
      if (['number', 'int', 'bigint'].includes(iss.origin)) return iss.inclusive === false ? zm.more_than : zm.at_least;
      return zm.invalid;
    }
    case 'too_big':
      if (iss.origin === 'string') return iss.exact ? zm.length_exact : zm.too_long;
      if (iss.origin === 'array' || iss.origin === 'set') return zm.too_many;
      if (['number', 'int', 'bigint'].includes(iss.origin)) return iss.inclusive === false ? zm.less_than : zm.at_most;
      return zm.invalid;
    case 'invalid_format':
      if (iss.format === 'email') return zm.email;
      if (iss.format === 'url') return zm.url;
      if (['uuid', 'guid', 'uuidv4', 'uuidv6', 'uuidv7'].includes(iss.format)) return zm.uuid;
      if (iss.format === 'date') return zm.date;
      if (iss.format === 'datetime') return zm.datetime;
      return zm.format;
    case 'invalid_value':
      return zm.one_of;
    case 'unrecognized_keys':
      return zm.unknown_keys;
    case 'not_multiple_of':
      return zm.multiple_of;
    default:
      return zm.invalid;
  }
}

let installed = false;

/**
 * Makes zod describe every issue it finds with one of our messages (as a `ref`), so a field error
 * can be rendered later in the reader's language. A schema's own message (`.min(1, m.x.ref)`) wins.
 */
export function installZodMessages() {
  if (installed) return;
  installed = true;
  z.config({ localeError: (iss) => messageFor(iss).ref });
}

/** The placeholders of a finished issue: its bounds, the allowed values, the unknown keys. */
function paramsOf(issue: Issue, locale: Locale): Params {
  const i = issue as Issue & Record<string, unknown>;
  const disjunction = (xs: unknown[]) =>
    new Intl.ListFormat(locale, { type: 'disjunction' }).format(xs.map((x) => String(x)));
  return {
    expected: i.expected,
    minimum: typeof i.minimum === 'bigint' ? Number(i.minimum) : i.minimum,
    maximum: typeof i.maximum === 'bigint' ? Number(i.maximum) : i.maximum,
    length: i.exact ? Number(i.minimum ?? i.maximum) : undefined,
    values: Array.isArray(i.values) ? disjunction(i.values) : undefined,
    keys: Array.isArray(i.keys) ? i.keys : undefined,
    count: Array.isArray(i.keys) ? i.keys.length : undefined,
    divisor: i.divisor,
  };
}

/** An issue's message in a language: ours when it names one of our messages, otherwise as the schema wrote it. */
export function localizeIssue(issue: Issue, locale: Locale): { message: string; code: string } {
  const own = issue.message.startsWith(REF_PREFIX) ? messageById(issue.message) : undefined;
  if (!own) return { message: issue.message, code: issue.code };
  const code = own.id.startsWith('zod.') || own.keepsIssueCode ? issue.code : own.key;
  return { message: translate(locale, own, paramsOf(issue, locale)), code };
}
