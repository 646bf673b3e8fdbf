import type { Hook } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { type FieldError, Problem } from './problem.ts';

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** The validation hook every route uses: a 400 problem with field errors, never a thrown 500. */
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) {
    throw new Problem(400, 'invalid_input', 'The input is invalid', { errors: zodFieldErrors(result.error) });
  }
};
