import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { fm } from '../i18n/core-field-messages.ts';
import { isValidIco } from './vat.ts';

/** The seller printed on every invoice: the company that runs this Bureau instance. */
export interface Seller {
  name: string;
  ico: string;
  dic: string | null;
  street: string;
  city: string;
  zip: string;
  country: string;
  email: string;
  iban: string;
  bic: string | null;
  /** Free text printed under the seller (e.g. the commercial register entry). */
  registration: string;
}

export interface BillingConfig {
  /** Length of the free trial new tenants get. */
  trialDays: number;
  /** Plan code a new tenant's trial runs on. */
  trialPlan: string;
  /** Days from issue to due date. */
  dueDays: number;
  /** Days past due on which a reminder e-mail goes out. */
  reminderDays: number[];
  /** Days past due after which the tenant is suspended (read-only). */
  suspendDays: number;
  /** Days past due after which the subscription is canceled. */
  cancelDays: number;
  /** Days a canceled tenant's data is kept (reads and export keep working). */
  retentionDays: number;
  /** Time zone of business dates (invoice dates, periods, due dates). */
  timeZone: string;
  seller: Seller;
}

const days = (d: number) => z.coerce.number().int().min(0).max(3650).default(d);

const schema = z.object({
  BILLING_TRIAL_DAYS: days(14),
  BILLING_TRIAL_PLAN: z.string().min(1).default('standard'),
  BILLING_DUE_DAYS: days(14),
  BILLING_REMINDER_DAYS: z
    .string()
    .default('1,7')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(z.array(z.number().int().min(1).max(3650))),
  BILLING_SUSPEND_DAYS: days(14),
  BILLING_CANCEL_DAYS: days(45),
  BILLING_RETENTION_DAYS: days(90),
  BILLING_TIMEZONE: z
    .string()
    .default('Europe/Prague')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, fm.time_zone.ref),
  BILLING_SELLER_NAME: z.string().default('Bureau Software s.r.o.'),
  BILLING_SELLER_ICO: z.string().default('12345679'),
  BILLING_SELLER_DIC: z.string().default('CZ12345679'),
  BILLING_SELLER_STREET: z.string().default('Vodičkova 1'),
  BILLING_SELLER_CITY: z.string().default('Praha 1'),
  BILLING_SELLER_ZIP: z.string().default('110 00'),
  BILLING_SELLER_COUNTRY: z.string().length(2).default('CZ'),
  BILLING_SELLER_EMAIL: z.string().default('billing@bureau.localhost'),
  BILLING_SELLER_IBAN: z.string().default('CZ6508000000192000145399'),
  BILLING_SELLER_BIC: z.string().default('GIBACZPX'),
  BILLING_SELLER_REGISTRATION: z.string().default('Zapsáno v obchodním rejstříku vedeném Městským soudem v Praze'),
});

/** Reads the BILLING_* variables (see docs/billing.md). */
export function loadBillingConfig(env: Record<string, string | undefined>): BillingConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  if (!(e.BILLING_SUSPEND_DAYS <= e.BILLING_CANCEL_DAYS)) {
    throw new Error('Invalid configuration: BILLING_SUSPEND_DAYS must not exceed BILLING_CANCEL_DAYS');
  }
  if (!isValidIBAN(electronicFormatIBAN(e.BILLING_SELLER_IBAN) ?? '')) {
    throw new Error('Invalid configuration: BILLING_SELLER_IBAN is not a valid IBAN');
  }
  if (e.BILLING_SELLER_COUNTRY.toUpperCase() === 'CZ' && !isValidIco(e.BILLING_SELLER_ICO)) {
    throw new Error('Invalid configuration: BILLING_SELLER_ICO is not a valid IČO');
  }
  return {
    trialDays: e.BILLING_TRIAL_DAYS,
    trialPlan: e.BILLING_TRIAL_PLAN,
    dueDays: e.BILLING_DUE_DAYS,
    reminderDays: [...new Set(e.BILLING_REMINDER_DAYS)].sort((a, b) => a - b),
    suspendDays: e.BILLING_SUSPEND_DAYS,
    cancelDays: e.BILLING_CANCEL_DAYS,
    retentionDays: e.BILLING_RETENTION_DAYS,
    timeZone: e.BILLING_TIMEZONE,
    seller: {
      name: e.BILLING_SELLER_NAME,
      ico: e.BILLING_SELLER_ICO,
      dic: e.BILLING_SELLER_DIC || null,
      street: e.BILLING_SELLER_STREET,
      city: e.BILLING_SELLER_CITY,
      zip: e.BILLING_SELLER_ZIP,
      country: e.BILLING_SELLER_COUNTRY.toUpperCase(),
      email: e.BILLING_SELLER_EMAIL,
      iban: e.BILLING_SELLER_IBAN.replace(/\s+/g, '').toUpperCase(),
      bic: e.BILLING_SELLER_BIC || null,
      registration: e.BILLING_SELLER_REGISTRATION,
    },
  };
}
