import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { cm } from '../i18n/core-messages.ts';
import { installZodMessages, localizeIssue } from '../i18n/zod.ts';
import { type FieldError, Problem } from './problem.ts';

installZodMessages();

/** Zod's issues as field errors, rendered in the reader's language when the problem is sent. */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: localizeIssue(issue, 'en').code,
    message: (locale) => localizeIssue(issue, locale).message,
  }));
}

export const invalidInput = (error: z.ZodError) =>
  new Problem(400, 'invalid_input', cm.invalid_input, { errors: zodFieldErrors(error) });

/** The validation hook every route uses: a 400 problem with field errors, never a thrown 500. */
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) throw invalidInput(result.error as z.ZodError);
};
