import { z } from 'zod';

/**
 * What a new employee takes: one schema for the API (the server validates with it) and the form
 * (the page checks with it before sending, and shows the server's field errors the same way).
 */
export const EmployeeInput = z.object({
  name: z.string().trim().min(1).max(200),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'Letters, digits, . _ -')
    .optional(),
  dueDate: z.iso.date().optional(),
  amount: z
    .string()
    .regex(/^-?\d{1,12}(\.\d{1,2})?$/)
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  note: z.string().trim().max(2000).optional(),
});
export type EmployeeInput = z.infer<typeof EmployeeInput>;
