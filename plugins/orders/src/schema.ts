import { z } from 'zod';
import { fm } from './field-messages.ts';

/**
 * Inputs shared by the API (the server validates with them) and the forms (the pages check with
 * them before sending). Quantities and prices are decimal strings or numbers; names are one text
 * (both languages) or `{ cs, en }`.
 */
const decimal = (digits: number) =>
  z.union([z.number().nonnegative(), z.string().regex(new RegExp(`^\\d{1,12}([.,]\\d{1,${digits}})?$`), fm.price.ref)]);

export const LocalizedName = z.union([
  z.string().trim().min(1).max(200),
  z.object({ cs: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
]);

export const PriceInput = z.object({
  currency: z.enum(['CZK', 'EUR']),
  price: decimal(2),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable().optional(),
});

export const ProductInput = z.object({
  sku: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, fm.tag.ref),
  gtin: z
    .string()
    .trim()
    .regex(/^(\d{8}|\d{12,14})$/, fm.gtin.ref)
    .nullable()
    .optional(),
  name: LocalizedName,
  unit: z.string().trim().min(1).max(10).optional(),
  wholeUnits: z.boolean().optional(),
  unitPrice: decimal(2),
  currency: z.enum(['CZK', 'EUR']).optional(),
  cost: decimal(2).nullable().optional(),
  vatRate: z.union([z.string().trim().min(1).max(10), z.number()]),
  weightGrams: z.number().int().nonnegative().max(10_000_000).nullable().optional(),
  dimensionsMm: z
    .object({
      length: z.number().int().nonnegative().max(100_000),
      width: z.number().int().nonnegative().max(100_000),
      height: z.number().int().nonnegative().max(100_000),
    })
    .nullable()
    .optional(),
  tracking: z.enum(['none', 'lot', 'serial']).optional(),
  reorderPoint: decimal(3).nullable().optional(),
  variantOf: z.uuid().nullable().optional(),
  variantAttributes: z.record(z.string().max(40), z.string().max(100)).nullable().optional(),
  kitComponents: z
    .array(z.object({ productId: z.uuid(), quantity: decimal(3) }))
    .max(50)
    .optional(),
  imageUrl: z.url().max(500).nullable().optional(),
  prices: z.array(PriceInput).max(50).optional(),
});
export type ProductInput = z.infer<typeof ProductInput>;

const quantity = z.union([z.number(), z.string().regex(/^-?\d{1,11}([.,]\d{1,3})?$/, fm.number.ref)]);

export const AdjustmentInput = z.object({
  productId: z.uuid(),
  quantity,
  reason: z.string().trim().min(1).max(200),
  locationId: z.uuid().optional(),
  lot: z.string().trim().min(1).max(60).optional(),
});

export const CustomerInput = z.union([
  z.object({ partyId: z.string().trim().min(1).max(64) }),
  z.object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(200).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    ico: z
      .string()
      .regex(/^\d{8}$/)
      .nullable()
      .optional(),
    street: z.string().trim().max(200).nullable().optional(),
    city: z.string().trim().max(100).nullable().optional(),
    postalCode: z.string().trim().max(20).nullable().optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
  }),
]);

export const AddressInput = z.object({
  name: z.string().trim().min(1).max(200),
  street: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('CZ'),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  /** Packeta's pickup point (výdejní místo) id, when the parcel goes to one. */
  pickupPointId: z
    .string()
    .regex(/^\d{1,10}$/)
    .nullable()
    .optional(),
});

export const OrderLineInput = z.object({
  productId: z.uuid(),
  quantity,
  discountPercent: z.number().min(0).max(100).optional(),
});

export const OrderInput = z.object({
  customer: CustomerInput,
  shipTo: AddressInput.nullable().optional(),
  currency: z.enum(['CZK', 'EUR']).optional(),
  carrier: z.enum(['packeta', 'courier', 'pickup']).optional(),
  cashOnDelivery: z.boolean().optional(),
  warehouseId: z.uuid().optional(),
  orderDate: z.iso.date().optional(),
  promisedDate: z.iso.date().nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
  lines: z.array(OrderLineInput).min(1).max(500),
});
export type OrderInput = z.infer<typeof OrderInput>;

/** A return authorisation: why, and which order lines in what quantity (default: all that is returnable). */
export const ReturnInput = z.object({
  reason: z.string().trim().min(1).max(200),
  note: z.string().trim().max(2000).nullable().optional(),
  lines: z
    .array(z.object({ lineId: z.uuid(), quantity }))
    .min(1)
    .max(500)
    .optional(),
});
export type ReturnInput = z.infer<typeof ReturnInput>;

/**
 * What came back of a return: per return line, how much goes back to stock (into a bin, default the
 * warehouse's first) and how much to scrap; without lines everything authorised goes back to stock.
 */
export const ReturnReceiveInput = z.object({
  lines: z
    .array(
      z.object({
        lineId: z.uuid(),
        restock: quantity.optional(),
        scrap: quantity.optional(),
        locationId: z.uuid().optional(),
        lot: z.string().trim().min(1).max(60).optional(),
      }),
    )
    .min(1)
    .max(500)
    .optional(),
});
export type ReturnReceiveInput = z.infer<typeof ReturnReceiveInput>;

/** A purchase order: the vendor (a party, or the details to find or add one) and what is ordered at what unit cost. */
export const PurchaseOrderInput = z.object({
  vendor: CustomerInput,
  currency: z.enum(['CZK', 'EUR']).optional(),
  warehouseId: z.uuid().optional(),
  orderDate: z.iso.date().optional(),
  expectedDate: z.iso.date().nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
  lines: z
    .array(z.object({ productId: z.uuid(), quantity, unitCost: decimal(2).optional() }))
    .min(1)
    .max(500),
});
export type PurchaseOrderInput = z.infer<typeof PurchaseOrderInput>;

/** A delivery against a purchase order: per line what arrived, into which bin and lot. */
export const PurchaseReceiptInput = z.object({
  deliveryNote: z.string().trim().max(60).nullable().optional(),
  lines: z
    .array(
      z.object({
        lineId: z.uuid(),
        quantity,
        locationId: z.uuid().optional(),
        lot: z.string().trim().min(1).max(60).optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type PurchaseReceiptInput = z.infer<typeof PurchaseReceiptInput>;

/** The vendor's bill for what was received and not billed yet. */
export const PurchaseBillInput = z.object({
  vendorNumber: z.string().trim().min(1).max(40),
  issueDate: z.iso.date().optional(),
  taxDate: z.iso.date().optional(),
  dueDate: z.iso.date().optional(),
});
export type PurchaseBillInput = z.infer<typeof PurchaseBillInput>;

/** A delivery run for a date and a driver, with its first stops (packed own-courier orders) in order. */
export const RunInput = z.object({
  date: z.iso.date(),
  driverUserId: z.uuid(),
  orderIds: z.array(z.uuid()).max(200).optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

/** Why a courier could not deliver: a fixed list, `other` with a note. */
export const FailureInput = z.object({
  reason: z.enum(['nobody_home', 'refused', 'wrong_address', 'damaged', 'other']),
  note: z.string().trim().max(500).nullable().optional(),
});

/** A stop delivered: who took it and the cash collected (default what the order asks). */
export const DeliveredInput = z.object({
  recipientName: z.string().trim().min(1).max(200),
  /** Proof of delivery: the signature drawn on the phone (canvas PNG) or a photo, as a data URL. */
  proof: z
    .object({
      kind: z.enum(['signature', 'photo']),
      dataUrl: z
        .string()
        .max(8_000_000)
        .regex(/^data:image\/[a-z+.-]+;base64,[A-Za-z0-9+/=]+$/, fm.image_data_url.ref),
    })
    .optional(),
  codCollected: decimal(2).optional(),
  acceptDifference: z.boolean().optional(),
});

/** The cash a driver hands over at the end of the run. */
export const HandoverInput = z.object({
  cashHandedOver: decimal(2),
  acceptDifference: z.boolean().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
