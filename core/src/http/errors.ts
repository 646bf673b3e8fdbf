import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { Problem } from './problem.ts';
import { zodFieldErrors } from './validation.ts';

/** Postgres SQLSTATE classes that mean the input was wrong, not the server. */
const INPUT_ERRORS: Record<string, [number, string, string]> = {
  '22P02': [400, 'invalid_input', 'A value has the wrong format'],
  '22003': [400, 'out_of_range', 'A number is out of range'],
  '22007': [400, 'invalid_input', 'A date or time is invalid'],
  '22008': [400, 'invalid_input', 'A date or time is out of range'],
  '22001': [400, 'too_long', 'A value is too long'],
  '22021': [400, 'invalid_input', 'A value contains invalid characters'],
  '23505': [409, 'conflict', 'It already exists'],
  '23503': [409, 'conflict', 'It is still referenced, or refers to something missing'],
  '23514': [400, 'invalid_input', 'A value breaks a rule'],
  '40001': [409, 'retry', 'A concurrent change got in the way; try again'],
  '40P01': [409, 'retry', 'A concurrent change got in the way; try again'],
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
  if (err instanceof ZodError)
    return new Problem(400, 'invalid_input', 'The input is invalid', { errors: zodFieldErrors(err) });
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 400 ? 'invalid_input' : `http_${status}`;
    return new Problem(status as Problem['status'], code, err.message || 'Request refused');
  }
  if (isUnavailable(err))
    return new Problem(503, 'unavailable', 'The database is unavailable; try again shortly', {
      headers: { 'Retry-After': '2' },
    });
  const pgCode = (err as { code?: string })?.code;
  if (pgCode && INPUT_ERRORS[pgCode]) {
    const [status, code, message] = INPUT_ERRORS[pgCode];
    return new Problem(status as Problem['status'], code, message);
  }
  if (err instanceof SyntaxError) return new Problem(400, 'malformed_json', 'The body is not valid JSON');
  return new Problem(500, 'internal', 'Something went wrong on our side');
}

export function renderProblem(c: Context, problem: Problem): Response {
  const res = c.json(problem.toJSON(), problem.status, problem.headers);
  res.headers.set('content-type', 'application/problem+json');
  return res;
}
