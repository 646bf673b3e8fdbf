import { z } from 'zod';

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
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'Letters, digits, . _ / -');

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
    .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, 'Field keys must differ'),
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
