import type { Kysely } from 'kysely';
import type { TenantInfo } from '../http/env.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { CompanyBankAccount, CompanyProfile } from './schema.ts';
import type { ValidProfile } from './validate.ts';

const COLUMNS = [
  'legal_name',
  'ico',
  'dic',
  'vat_payer',
  'vat_period',
  'street',
  'city',
  'zip',
  'country',
  'registration',
  'email',
  'phone',
  'web',
  'default_currency',
  'locale',
  'bank_accounts',
  'updated_at',
] as const;

/**
 * The firm's own details, read in the tenant's transaction (row level security scopes it). Before the
 * firm saves them, the defaults come from the tenant (name, country, currency, locale) and billing's
 * buyer details (IČO, DIČ, address) the firm may have filled in already.
 */
export async function readCompanyProfile(db: Kysely<any>, tenant: TenantInfo): Promise<CompanyProfile> {
  const row = await db
    .selectFrom('core.company_profiles')
    .select([...COLUMNS, (eb) => eb('logo', 'is not', null).as('has_logo')])
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirst();
  if (row) {
    return {
      legalName: row.legal_name,
      ico: row.ico,
      dic: row.dic,
      vatPayer: row.vat_payer,
      vatPeriod: row.vat_period,
      street: row.street,
      city: row.city,
      zip: row.zip,
      country: row.country,
      registration: row.registration,
      email: row.email,
      phone: row.phone,
      web: row.web,
      defaultCurrency: row.default_currency,
      locale: row.locale,
      bankAccounts: row.bank_accounts as CompanyBankAccount[],
      hasLogo: Boolean(row.has_logo),
      updatedAt: isoOrNull(row.updated_at),
    };
  }
  const billing = await db
    .selectFrom('core.billing_profiles')
    .select(['name', 'ico', 'dic', 'street', 'city', 'zip', 'country', 'email'])
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirst();
  return {
    legalName: billing?.name || tenant.name,
    ico: billing?.ico ?? null,
    dic: billing?.dic ?? null,
    vatPayer: false,
    vatPeriod: null,
    street: billing?.street ?? '',
    city: billing?.city ?? '',
    zip: billing?.zip ?? '',
    country: billing?.country ?? tenant.country,
    registration: null,
    email: billing?.email ?? null,
    phone: null,
    web: null,
    defaultCurrency: tenant.currency,
    locale: tenant.locale === 'en' ? 'en' : 'cs',
    bankAccounts: [],
    hasLogo: false,
    updatedAt: null,
  };
}

/**
 * Saves the firm's details and copies name, IČO, DIČ and address into billing's buyer details, so
 * the platform's own invoices to the firm show the same (e-mail for invoices stays billing's own).
 */
export async function saveCompanyProfile(db: Kysely<any>, tenant: TenantInfo, p: ValidProfile, now: Date) {
  const values = {
    legal_name: p.legalName,
    ico: p.ico ?? null,
    dic: p.dic ?? null,
    vat_payer: p.vatPayer,
    vat_period: p.vatPeriod,
    street: p.street,
    city: p.city,
    zip: p.zip,
    country: p.country,
    registration: p.registration ?? null,
    email: p.email,
    phone: p.phone ?? null,
    web: p.web ?? null,
    default_currency: p.defaultCurrency,
    locale: p.locale,
    bank_accounts: JSON.stringify(p.bankAccounts),
    updated_at: now,
  };
  await db
    .insertInto('core.company_profiles')
    .values({ tenant_id: tenant.id, id: newId(), ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
  await db
    .updateTable('core.billing_profiles')
    .set({
      name: p.legalName,
      ico: p.ico ?? null,
      dic: p.dic ?? null,
      street: p.street,
      city: p.city,
      zip: p.zip,
      country: p.country,
      updated_at: now,
    })
    .where('tenant_id', '=', tenant.id)
    .execute();
}

/**
 * The account a document in `currency` asks to be paid to: the currency's default, else its first
 * account. Null when the firm has no account in that currency (an account in another currency would
 * make the payer's bank convert, so it is never offered instead).
 */
export function payToAccount(profile: CompanyProfile, currency: string): CompanyBankAccount | null {
  const inCurrency = profile.bankAccounts.filter((a) => a.currency === currency);
  return inCurrency.find((a) => a.isDefault) ?? inCurrency[0] ?? null;
}

/** The seller's address lines as printed on documents ("Street 1", "110 00 Praha", country). */
export function profileAddressLines(p: CompanyProfile): string[] {
  return [p.street, `${p.zip} ${p.city}`.trim(), p.country].filter((l) => l.trim());
}

export async function readCompanyLogo(
  db: Kysely<any>,
  tenantId: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string } | null> {
  const row = await db
    .selectFrom('core.company_profiles')
    .select(['logo', 'logo_type'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.logo && row.logo_type ? { bytes: Uint8Array.from(row.logo as Uint8Array), type: row.logo_type } : null;
}
