import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { cm } from '../i18n/core-messages.ts';
import { translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Message, MessageText, Params } from '../i18n/messages.ts';

/**
 * What a person reads: a declared message or an `{ en, cs }` pair (rendered in their language), or
 * text that is not ours (shown as it is).
 */
export type Text = string | Message | MessageText | ((locale: Locale) => string);

const render = (locale: Locale, text: Text, params?: Params) =>
  typeof text === 'function' ? text(locale) : translate(locale, text, params);

export interface FieldError {
  /** Dotted path of the offending field, e.g. `tenant.slug` or `lines.0.debit`. */
  path: string;
  message: Text;
  params?: Params;
  /** A stable code for the field's problem (a message's key, or zod's issue code). */
  code?: string;
}

/** A field error as the client receives it. */
export interface RenderedFieldError {
  path: string;
  message: string;
  code?: string;
}

export interface ProblemOptions {
  /** Values for the message's placeholders (`extra`'s values are available too). */
  params?: Params;
  errors?: FieldError[];
  /** Extra members of the problem body (machine-readable details: `missing`, `addon`, …). */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * An error that becomes an `application/problem+json` response (RFC 9457) with a stable `code`.
 * Throw it anywhere in a request; the error handler renders it in the reader's language and the
 * tenant transaction rolls back. `message` (Error's) is the English text, for logs.
 */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly text: Text;
  readonly params: Params | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: ContentfulStatusCode, code: string, message: Text, options: ProblemOptions = {}) {
    super(render('en', message, { ...options.extra, ...options.params }));
    this.status = status;
    this.code = code;
    this.text = message;
    this.params = options.params;
    this.errors = options.errors;
    this.extra = options.extra;
    this.headers = options.headers;
  }

  /** The problem+json body in a language. */
  toJSON(locale: Locale = 'en') {
    return {
      type: `https://bureau.dev/problems/${this.code}`,
      title: render(locale, this.text, { ...this.extra, ...this.params }),
      status: this.status,
      code: this.code,
      ...(this.errors ? { errors: this.errors.map((e) => renderFieldError(e, locale)) } : {}),
      ...this.extra,
    };
  }
}

export function renderFieldError(e: FieldError, locale: Locale): RenderedFieldError {
  const code = e.code ?? (typeof e.message === 'object' && 'key' in e.message ? e.message.key : undefined);
  return { path: e.path, message: render(locale, e.message, e.params), ...(code ? { code } : {}) };
}

/**
 * A problem whose code is the message's key: `throw problem(409, m.period_locked, { period })`.
 * Params fill the message's placeholders; `options.extra` adds machine-readable members.
 */
export const problem = (
  status: ContentfulStatusCode,
  message: Message,
  params?: Params,
  options: Omit<ProblemOptions, 'params'> = {},
) => new Problem(status, message.key, message, { ...options, ...(params ? { params } : {}) });

/** A field error from a declared message: `fieldError('ico', m.bad_ico)`. */
export const fieldError = (path: string, message: Message, params?: Params): FieldError => ({
  path,
  message,
  code: message.key,
  ...(params ? { params } : {}),
});

export const badRequest = (code: string, message: Text, errors?: FieldError[]) =>
  new Problem(400, code, message, errors ? { errors } : {});
/** 404. Pass a message to say more; a plain string (the old form) says only "Not found". */
export const notFound = (what?: string | Message) =>
  new Problem(404, 'not_found', typeof what === 'object' ? what : cm.not_found);
export const conflict = (code: string, message: Text, extra?: Record<string, unknown>) =>
  new Problem(409, code, message, extra ? { extra } : {});
export const forbidden = (permission?: string) =>
  new Problem(403, 'forbidden', cm.forbidden, {
    params: { permission: permission ?? 'none' },
    ...(permission ? { extra: { permission } } : {}),
  });
export const unauthorized = () => new Problem(401, 'unauthenticated', cm.unauthenticated);
