import { z } from '@hono/zod-openapi';
import { tm } from '../tenancy/messages.ts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  })
  .openapi('Problem');

/** Standard error responses for the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  ) as Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const Email = z.string().trim().toLowerCase().max(254).email();
export const Password = z.string().min(10, tm.password_length.ref).max(200);
export const Slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, tm.slug_format.ref)
  .refine((s) => !RESERVED_SLUGS.has(s), tm.slug_reserved.ref);
export const Locale = z.enum(['en', 'cs']);
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, tm.country_code.ref)
  .default('CZ');
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, tm.currency_code.ref);
/** A new tenant's identity, as sign-up and provider-created clients take it. */
export const NewTenantFields = {
  name: z.string().trim().min(1).max(120),
  slug: Slug,
  country: CountryCode,
  currency: CurrencyCode.optional(),
};

/** The currency a tenant of a country bills in unless it says otherwise. */
export const defaultCurrency = (country: string) =>
  country === 'CZ' ? 'CZK' : country === 'US' ? 'USD' : country === 'GB' ? 'GBP' : 'EUR';
export const IdParam = z.object({ id: z.uuid() });

const RESERVED_SLUGS = new Set(['api', 'admin', 'www', 'app', 'static', 'assets', 'login', 'signup', 'docs', 'new']);

export const Ok = z.object({ ok: z.literal(true) }).openapi('Ok');
