import { z } from '@hono/zod-openapi';
import { BankAccount, optionalText as text, upper } from '../profile/schema.ts';

const Country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/)
  .transform(upper);
/** A role key (`customer`, `vendor`, `clinic`…) or a tag: what other modules and filters match on. */
const Key = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
const Tag = z.string().trim().min(1).max(40);

/** The roles the address book names in both languages; modules may add others (any key). */
export const PARTY_ROLES = ['customer', 'vendor', 'clinic', 'carrier', 'employee'] as const;

export const PartyAddress = z
  .object({
    kind: z.enum(['billing', 'shipping']),
    street: z.string().trim().max(200).default(''),
    city: z.string().trim().max(100).default(''),
    zip: z.string().trim().max(20).default(''),
    /** Defaults to the party's country. */
    country: Country.optional(),
    label: text(80),
  })
  .openapi('PartyAddressInput');

export const PartyContact = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: text(100),
    email: z.string().trim().toLowerCase().max(254).email().nullable().optional(),
    phone: text(40),
  })
  .openapi('PartyContactInput');

/** Either the IBAN or the Czech account number (the other is derived for Czech accounts); CZK unless said. */
export const PartyBankAccount = BankAccount.extend({
  currency: z.string().trim().length(3).transform(upper).default('CZK'),
}).openapi('PartyBankAccountInput');

const fields = {
  type: z.enum(['company', 'person']).openapi({ description: 'A company (with an IČO) or a person' }),
  name: z.string().trim().min(1).max(200),
  ico: text(20),
  dic: text(20),
  /** ISO 3166 alpha-2; the tenant's country when left out. */
  country: Country,
  email: z.string().trim().toLowerCase().max(254).email().nullable(),
  phone: text(40),
  web: text(200),
  note: text(2000),
  addresses: z.array(PartyAddress).max(10),
  contacts: z.array(PartyContact).max(50),
  bankAccounts: z.array(PartyBankAccount).max(10),
  roles: z.array(Key).max(20),
  tags: z.array(Tag).max(20),
  active: z.boolean(),
};

/** A new party: a name and whatever else is known. */
export const PartyInput = z
  .object({ ...fields, name: fields.name })
  .partial()
  .required({ name: true })
  .openapi('PartyInput');

/** A change: only the fields sent change (lists are replaced whole). */
export const PartyPatch = z.object(fields).partial().openapi('PartyPatch');

export const PartySchema = z
  .object({
    id: z.string(),
    type: z.enum(['company', 'person']),
    name: z.string(),
    ico: z.string().nullable(),
    dic: z.string().nullable(),
    country: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    web: z.string().nullable(),
    note: z.string().nullable(),
    addresses: z.array(
      z.object({
        kind: z.enum(['billing', 'shipping']),
        street: z.string(),
        city: z.string(),
        zip: z.string(),
        country: z.string(),
        label: z.string().nullable(),
      }),
    ),
    contacts: z.array(
      z.object({
        name: z.string(),
        role: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
      }),
    ),
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
    roles: z.array(z.string()),
    tags: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Party');

export type PartyInput = z.input<typeof PartyInput>;
export type PartyPatch = z.input<typeof PartyPatch>;
export type Party = z.infer<typeof PartySchema>;
export type PartyAddress = Party['addresses'][number];
export type PartyContact = Party['contacts'][number];
export type PartyBankAccount = Party['bankAccounts'][number];
