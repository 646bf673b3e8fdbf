import { z } from '@hono/zod-openapi';

export const upper = (s: string) => s.toUpperCase();
/** Optional text: blank and null become null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

export const BankAccount = z
  .object({
    /** Either the IBAN or the Czech account number; the other is derived for Czech accounts. */
    iban: optionalText(42),
    bic: optionalText(11),
    /** The Czech domestic form ("19-2000145399/0800"), printed beside the IBAN on Czech invoices. */
    accountNumber: optionalText(30),
    currency: z.string().trim().length(3).transform(upper),
    isDefault: z.boolean().default(false),
    label: optionalText(80),
  })
  .openapi('CompanyBankAccount');

export const CompanyProfileInput = z
  .object({
    legalName: z.string().trim().min(1).max(200),
    ico: optionalText(20),
    dic: optionalText(20),
    vatPayer: z.boolean().default(false),
    vatPeriod: z.enum(['monthly', 'quarterly']).nullable().optional(),
    street: z.string().trim().max(200).default(''),
    city: z.string().trim().max(100).default(''),
    zip: z.string().trim().max(20).default(''),
    country: z.string().trim().length(2).transform(upper),
    /** E.g. "Zapsáno v obchodním rejstříku vedeném Městským soudem v Praze, oddíl C, vložka 123". */
    registration: optionalText(300),
    email: z.string().trim().toLowerCase().max(254).email().nullable().optional(),
    phone: optionalText(40),
    web: optionalText(200),
    defaultCurrency: z.string().trim().length(3).transform(upper),
    locale: z.enum(['cs', 'en']),
    bankAccounts: z.array(BankAccount).max(20).default([]),
  })
  .openapi('CompanyProfileInput');

export const CompanyProfileSchema = z
  .object({
    legalName: z.string(),
    ico: z.string().nullable(),
    dic: z.string().nullable(),
    vatPayer: z.boolean(),
    vatPeriod: z.enum(['monthly', 'quarterly']).nullable(),
    street: z.string(),
    city: z.string(),
    zip: z.string(),
    country: z.string(),
    registration: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    web: z.string().nullable(),
    defaultCurrency: z.string(),
    locale: z.enum(['cs', 'en']),
    bankAccounts: z.array(
      z.object({
        iban: z.string(),
        bic: z.string().nullable(),
        accountNumber: z.string().nullable(),
        currency: z.string(),
        isDefault: z.boolean(),
        label: z.string().nullable(),
      }),
    ),
    hasLogo: z.boolean(),
    /** Null until the firm saves its details for the first time (the values are then defaults). */
    updatedAt: z.string().nullable(),
  })
  .openapi('CompanyProfile');

export type CompanyProfileInput = z.infer<typeof CompanyProfileInput>;
export type CompanyProfile = z.infer<typeof CompanyProfileSchema>;
export type CompanyBankAccount = CompanyProfile['bankAccounts'][number];
