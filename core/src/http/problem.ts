import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `tenant.slug` or `lines.0.debit`. */
  path: string;
  message: string;
}

/**
 * An error that becomes an `application/problem+json` response (RFC 9457) with a stable `code`.
 * Throw it anywhere in a request; the error handler renders it and the tenant transaction rolls back.
 */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.extra = options.extra;
    this.headers = options.headers;
  }

  toJSON() {
    return {
      type: `https://bureau.dev/problems/${this.code}`,
      title: this.message,
      status: this.status,
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (code: string, message: string, errors?: FieldError[]) =>
  new Problem(400, code, message, errors ? { errors } : {});
export const notFound = (what = 'Resource') => new Problem(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new Problem(409, code, message, extra ? { extra } : {});
export const forbidden = (permission?: string) =>
  new Problem(403, 'forbidden', permission ? `Missing permission ${permission}` : 'Forbidden', {
    ...(permission ? { extra: { permission } } : {}),
  });
export const unauthorized = () => new Problem(401, 'unauthenticated', 'Sign in first');
