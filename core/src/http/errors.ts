import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { cm } from '../i18n/core-messages.ts';
import type { Message } from '../i18n/messages.ts';
import { requestLocale } from './locale.ts';
import { Problem } from './problem.ts';
import { invalidInput } from './validation.ts';

/** Postgres SQLSTATE classes that mean the input was wrong, not the server. */
const INPUT_ERRORS: Record<string, [number, string, Message]> = {
  '22P02': [400, 'invalid_input', cm.wrong_format],
  '22003': [400, 'out_of_range', cm.out_of_range],
  '22007': [400, 'invalid_input', cm.bad_date],
  '22008': [400, 'invalid_input', cm.date_out_of_range],
  '22001': [400, 'too_long', cm.too_long],
  '22021': [400, 'invalid_input', cm.bad_characters],
  '23505': [409, 'conflict', cm.exists],
  '23503': [409, 'conflict', cm.still_referenced],
  '23514': [400, 'invalid_input', cm.breaks_rule],
  '40001': [409, 'retry', cm.retry],
  '40P01': [409, 'retry', cm.retry],
};

/** Errors that mean the database is unreachable: the request may succeed later. */
function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (!e || typeof e !== 'object') return false;
  if (
    e.code &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(
      e.code,
    )
  )
    return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof ZodError) return invalidInput(err);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 400 ? 'invalid_input' : `http_${status}`;
    const text = /json/i.test(err.message) ? cm.malformed_json : cm.request_refused;
    return new Problem(status as Problem['status'], code, text);
  }
  if (isUnavailable(err))
    return new Problem(503, 'unavailable', cm.unavailable, {
      headers: { 'Retry-After': '2' },
    });
  const pgCode = (err as { code?: string })?.code;
  if (pgCode && INPUT_ERRORS[pgCode]) {
    const [status, code, message] = INPUT_ERRORS[pgCode];
    return new Problem(status as Problem['status'], code, message);
  }
  if (err instanceof SyntaxError) return new Problem(400, 'malformed_json', cm.malformed_json);
  return new Problem(500, 'internal', cm.internal);
}

export function renderProblem(c: Context, problem: Problem): Response {
  const res = c.json(problem.toJSON(requestLocale(c)), problem.status, problem.headers);
  res.headers.set('content-language', requestLocale(c));
  res.headers.set('content-type', 'application/problem+json');
  return res;
}
