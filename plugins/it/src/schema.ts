import { z } from 'zod';
import { fm } from './field-messages.ts';

/**
 * The IT department's input schemas: one schema for the API (the server validates with it) and the
 * forms (the pages check with it before sending, and show the server's field errors the same way).
 */

const Money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/);
const Text = (max: number) => z.string().trim().min(1).max(max);

/** An asset tag: what the label's QR code / barcode encodes. */
export const Tag = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, fm.tag.ref);

/** A custom field a category adds to its assets (e.g. IMEI for phones, odometer for vehicles). */
export const CustomField = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: Text(80),
  type: z.enum(['text', 'number', 'date']).default('text'),
  required: z.boolean().default(false),
});
export type CustomField = z.infer<typeof CustomField>;

export const CategoryInput = z.object({
  name: Text(80),
  fields: z
    .array(CustomField)
    .max(30)
    .default([])
    .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, fm.field_keys_unique.ref),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

export const LocationInput = z.object({ name: Text(120) });

/** A new asset (issue 16's API contract: `{ name, category, tag?, serialNumber?, purchaseDate?, purchasePrice?, warrantyUntil? }`). */
export const AssetInput = z.object({
  name: Text(200),
  /** A category's id, or its name (an unknown name creates the category). */
  category: Text(80),
  tag: Tag.optional(),
  serialNumber: z.string().trim().min(1).max(80).optional(),
  model: z.string().trim().max(120).optional(),
  /** The vendor: a party of the address book by id, or (without it) a name found or added there. */
  vendorId: z.uuid().optional(),
  vendor: z.string().trim().max(200).optional(),
  purchaseDate: z.iso.date().optional(),
  purchasePrice: Money.optional(),
  invoiceRef: z.string().trim().max(80).optional(),
  warrantyUntil: z.iso.date().optional(),
  locationId: z.uuid().optional(),
  custom: z.record(z.string(), z.union([z.string().max(500), z.number()])).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type AssetInput = z.infer<typeof AssetInput>;

/** A value that may be cleared: null removes it, leaving the key out keeps it. */
const clearable = <T extends z.ZodType>(t: T) => t.nullable().optional();

/**
 * Changing an asset: the fields sent (null clears one; `custom` is replaced whole and checked against
 * the category). The tag stays (labels are printed) and so does the category (its custom fields).
 */
export const AssetPatch = z.object({
  name: Text(200).optional(),
  serialNumber: clearable(z.string().trim().min(1).max(80)),
  model: clearable(z.string().trim().max(120)),
  vendorId: clearable(z.uuid()),
  vendor: clearable(z.string().trim().max(200)),
  purchaseDate: clearable(z.iso.date()),
  purchasePrice: clearable(Money),
  invoiceRef: clearable(z.string().trim().max(80)),
  warrantyUntil: clearable(z.iso.date()),
  locationId: clearable(z.uuid()),
  custom: z.record(z.string(), z.union([z.string().max(500), z.number()])).optional(),
  note: clearable(z.string().trim().max(2000)),
});
export type AssetPatch = z.infer<typeof AssetPatch>;

/** A CSV file of assets to import: `dryRun` checks every row and writes nothing. */
export const AssetImportInput = z.object({
  csv: z.string().min(1).max(2_000_000),
  dryRun: z.boolean().default(false),
});

/**
 * Check-out: to exactly one holder — a member (userId), an HR employee, a location or another
 * asset. The server adds the "exactly one" rule with its localized message (workflow.ts).
 */
export const CheckoutFields = z.object({
  userId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  expectedBack: z.iso.date().optional(),
});
export type CheckoutInput = z.infer<typeof CheckoutFields>;

/** How many of a counted item (accessories and consumables are counted in whole units). */
const Count = z.number().int().min(1).max(1_000_000);

/** An accessory (lent and returned: headsets, docks, cables) or a consumable (issued: toner, batteries). */
export const StockItemInput = z.object({
  kind: z.enum(['accessory', 'consumable']),
  name: Text(200),
  model: z.string().trim().max(120).optional(),
  /** The unit it is counted in (pcs, boxes, m); default `ks` for a Czech firm, else `pcs`. */
  unit: Text(20).optional(),
  /** How many are in stock at registration. */
  quantity: z.number().int().min(0).max(1_000_000).default(0),
  /** Alert when what is available falls to or below this. */
  minQuantity: z.number().int().min(0).max(1_000_000).optional(),
  locationId: z.uuid().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type StockItemInput = z.infer<typeof StockItemInput>;

export const ReceiveInput = z.object({ quantity: Count, note: z.string().trim().max(500).optional() });
/** A stock count: the quantity actually on hand (the difference is recorded). */
export const CountInput = z.object({
  onHand: z.number().int().min(0).max(1_000_000),
  note: z.string().trim().max(500).optional(),
});
/** Lending accessories or issuing consumables, to one holder (issuing may name none). */
export const StockOutInput = z.object({
  quantity: Count,
  userId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  note: z.string().trim().max(500).optional(),
});
export type StockOutInput = z.infer<typeof StockOutInput>;

/** A software licence with a number of seats (people or devices). */
export const LicenceInput = z.object({
  name: Text(200),
  vendor: z.string().trim().max(200).optional(),
  seats: z.number().int().min(1).max(1_000_000),
  expiresOn: z.iso.date().optional(),
  /** Alert this many days before it expires. */
  noticeDays: z.number().int().min(0).max(365).default(30),
  cost: Money.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type LicenceInput = z.infer<typeof LicenceInput>;

/** Changing seats or renewing (a new expiry date re-arms the expiry alert). */
export const LicenceUpdate = z.object({
  seats: z.number().int().min(1).max(1_000_000).optional(),
  expiresOn: z.iso.date().nullable().optional(),
  noticeDays: z.number().int().min(0).max(365).optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});

/** A seat goes to a member, an HR employee or a device (an asset). */
export const SeatInput = z.object({
  userId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  assetId: z.uuid().optional(),
});

/** Meters a maintenance plan can count: kilometres, operating hours, printed pages, cycles. */
export const METERS = ['km', 'hours', 'pages', 'cycles'] as const;
const Quantity = z.string().regex(/^\d{1,12}(\.\d{1,3})?$/);

/**
 * A maintenance plan (issue 16's contract: `{ assetId? | categoryId?, everyDays? | everyMonths? | everyMeter?, checklist }`).
 * The server adds "exactly one target" and "exactly one interval" with its localized messages.
 */
export const PlanInput = z.object({
  title: Text(200),
  assetId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  everyDays: z.number().int().min(1).max(3660).optional(),
  everyMonths: z.number().int().min(1).max(120).optional(),
  everyMeter: z.number().int().min(1).max(100_000_000).optional(),
  meter: z.enum(METERS).optional(),
  /** The meter reading the thresholds count from (every 15,000 km from 0: 15,000, 30,000 …). */
  meterStart: z.number().int().min(0).max(1_000_000_000).optional(),
  /** Open the work order this many units before the threshold. */
  leadMeter: z.number().int().min(0).max(100_000_000).optional(),
  /** `fixed`: due on the calendar whatever happened; `floating`: the interval counts from the last completion. */
  basis: z.enum(['fixed', 'floating']).default('fixed'),
  /** The first due date (default: today plus the interval). */
  startsOn: z.iso.date().optional(),
  /** A due date on a day off moves to the working day before or after it (never into another period). */
  shift: z.enum(['none', 'before', 'after']).default('none'),
  /** Open the work order this many days before the due date. */
  leadDays: z.number().int().min(0).max(365).default(7),
  checklist: z.array(Text(300)).min(1).max(50),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
  estimatedMinutes: z.number().int().min(1).max(100_000).optional(),
  instructions: z.string().trim().max(5000).optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

/** A part used on a work order: what, how many, what it cost (in the tenant's currency). */
export const PartInput = z.object({ name: Text(200), quantity: Quantity.default('1'), cost: Money.optional() });

/** Completing a work order: one tick per checklist item, and what it took. */
export const CompleteInput = z.object({
  checklist: z.array(z.boolean()).max(50),
  notes: z.string().trim().max(5000).optional(),
  minutesSpent: z.number().int().min(0).max(100_000).optional(),
  parts: z.array(PartInput).max(50).default([]),
  /** The total cost; the parts' costs summed when absent. */
  cost: Money.optional(),
  /** The meter at completion (recorded as a reading of the plan's meter). */
  meterReading: z.number().int().min(0).max(1_000_000_000).optional(),
});
export type CompleteInput = z.infer<typeof CompleteInput>;

export const SkipInput = z.object({ reason: Text(500) });

export const ReadingInput = z.object({
  meter: z.enum(METERS),
  value: z.number().int().min(0).max(1_000_000_000),
});

/** Drops the empty strings a form holds for fields left blank, so optional fields check as absent. */
const withoutEmpty = (v: unknown) =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) : v;

/** The new-asset form's check: the API's schema with blank fields left out (as the form sends them). */
export const AssetForm = z.preprocess(withoutEmpty, AssetInput);

/** The edit form's check: blank fields sent as null (cleared). */
export const AssetPatchForm = z.preprocess(
  (v) =>
    v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' ? null : x])) : v,
  AssetPatch,
);

/** The new-item and new-licence forms' checks (blank fields left out). */
export const StockItemForm = z.preprocess(withoutEmpty, StockItemInput);
export const LicenceForm = z.preprocess(withoutEmpty, LicenceInput);

/** A device's patch state as an agent or a CSV file reports it. */
export const PatchState = z.enum(['up_to_date', 'updates_pending', 'unsupported']);
export type PatchState = z.infer<typeof PatchState>;

/**
 * One health report about a device, found by its asset tag or else its serial number: its operating
 * system and version, the day it last took updates, its patch state and when it was last seen.
 */
export const HealthReport = z.object({
  tag: z.string().trim().min(1).max(40).optional(),
  serialNumber: z.string().trim().min(1).max(80).optional(),
  os: Text(80),
  osVersion: z.string().trim().max(80).optional(),
  lastUpdateOn: z.iso.date().optional(),
  patchState: PatchState,
  lastSeenAt: z.iso.datetime({ offset: true }).optional(),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** What a script or agent posts: one report per device (at most 1,000 at once). */
export const HealthPost = z.object({ readings: z.array(HealthReport).min(1).max(1000) });

/** The compliance report's two horizons, in days. */
export const ComplianceQuery = z.object({
  updatedWithinDays: z.coerce.number().int().min(1).max(3650).default(30),
  warrantyWithinDays: z.coerce.number().int().min(0).max(3650).default(60),
  format: z.enum(['json', 'csv']).default('json'),
  lang: z.enum(['en', 'cs']).optional(),
});
