import {
  type FieldError,
  fieldError,
  formatMoney,
  newId,
  type PluginContext,
  Problem,
  parseMoney,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import type { ProductInput } from '../../schema.ts';
import { type VatClass, vatClassOf, vatPercent } from '../data/vat-rates.ts';
import { m } from '../messages.ts';
import { isValidGtin } from './gtin.ts';
import { fromMilli, milli, qtyText } from './quantity.ts';

export const Product = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    gtin: z.string().nullable(),
    name: z.string(),
    names: z.object({ cs: z.string(), en: z.string() }),
    unit: z.string(),
    wholeUnits: z.boolean(),
    unitPrice: z.string(),
    currency: z.string(),
    cost: z.string().nullable(),
    vatRate: z.string(),
    vatPercent: z.number(),
    weightGrams: z.number().nullable(),
    dimensionsMm: z.object({ length: z.number(), width: z.number(), height: z.number() }).nullable(),
    tracking: z.enum(['none', 'lot', 'serial']),
    isKit: z.boolean(),
    kitComponents: z.array(z.object({ productId: z.string(), sku: z.string(), quantity: z.number() })),
    variantOf: z.string().nullable(),
    variantAttributes: z.record(z.string(), z.string()).nullable(),
    reorderPoint: z.number().nullable(),
    imageUrl: z.string().nullable(),
    prices: z.array(
      z.object({
        id: z.string(),
        currency: z.string(),
        price: z.string(),
        validFrom: z.string(),
        validTo: z.string().nullable(),
      }),
    ),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('OrdersProduct');
export type Product = z.infer<typeof Product>;

/** A `date` column from either driver (PGlite gives a Date at UTC midnight, pg a string). */
export const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

export const moneyMinor = (v: string | number): bigint | null =>
  parseMoney(typeof v === 'number' ? v.toFixed(2) : v.replace(',', '.'));

export const today = (ctx: PluginContext) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(ctx.now());

export function toProduct(
  r: Record<string, any>,
  locale: string,
  extra: { components?: Product['kitComponents']; prices?: Product['prices'] } = {},
): Product {
  return {
    id: r.id,
    sku: r.sku,
    gtin: r.gtin ?? null,
    name: locale === 'cs' ? r.name_cs : r.name_en,
    names: { cs: r.name_cs, en: r.name_en },
    unit: r.unit,
    wholeUnits: r.whole_units,
    unitPrice: formatMoney(r.unit_price_minor),
    currency: r.currency,
    cost: r.cost_minor === null ? null : formatMoney(r.cost_minor),
    vatRate: r.vat_rate,
    vatPercent: vatPercent(r.vat_rate, ymd(r.created_at)),
    weightGrams: r.weight_g ?? null,
    dimensionsMm:
      r.length_mm === null ? null : { length: r.length_mm, width: r.width_mm ?? 0, height: r.height_mm ?? 0 },
    tracking: r.tracking,
    isKit: r.is_kit,
    kitComponents: extra.components ?? [],
    variantOf: r.variant_of ?? null,
    variantAttributes: r.variant_attributes ?? null,
    reorderPoint: r.reorder_point === null ? null : Number(r.reorder_point),
    imageUrl: r.image_url ?? null,
    prices: extra.prices ?? [],
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const invalid = (errors: FieldError[]) =>
  new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? m.unknown_product, { errors });

/** Creates a product; 400 with field errors (GTIN check digit, VAT rate, kit parts), 409 `sku_taken`/`gtin_taken`. */
export async function createProduct(ctx: PluginContext, input: ProductInput): Promise<string> {
  const date = today(ctx);
  const errors: FieldError[] = [];
  if (input.gtin && !isValidGtin(input.gtin)) errors.push(fieldError('gtin', m.invalid_gtin, { gtin: input.gtin }));
  const vatClass = vatClassOf(String(input.vatRate), date);
  if (!vatClass) errors.push(fieldError('vatRate', m.invalid_vat_rate, { rate: String(input.vatRate) }));
  const price = moneyMinor(input.unitPrice);
  const cost = input.cost == null ? null : moneyMinor(input.cost);
  const components = input.kitComponents ?? [];
  if (components.length > 0) {
    const rows = await ctx.db
      .selectFrom('orders.products')
      .select(['id', 'is_kit'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where(
        'id',
        'in',
        components.map((c) => c.productId),
      )
      .execute();
    components.forEach((c, i) => {
      const row = rows.find((r) => r.id === c.productId);
      if (!row) errors.push(fieldError(`kitComponents.${i}.productId`, m.unknown_product));
      else if (row.is_kit) errors.push(fieldError(`kitComponents.${i}.productId`, m.kit_component_kit));
      if (milli(c.quantity) <= 0) errors.push(fieldError(`kitComponents.${i}.quantity`, m.invalid_quantity));
    });
  }
  if (input.variantOf) {
    const parent = await ctx.db
      .selectFrom('orders.products')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.variantOf)
      .executeTakeFirst();
    if (!parent) errors.push(fieldError('variantOf', m.variant_not_found));
  }
  if (errors.length) throw invalid(errors);

  const taken = await ctx.db
    .selectFrom('orders.products')
    .select(['sku', 'gtin'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where((eb) => eb.or([eb('sku', '=', input.sku), ...(input.gtin ? [eb('gtin', '=', input.gtin)] : [])]))
    .executeTakeFirst();
  if (taken?.sku === input.sku)
    throw new Problem(409, 'sku_taken', m.sku_taken, {
      params: { sku: input.sku },
      errors: [fieldError('sku', m.sku_taken, { sku: input.sku })],
    });
  if (taken)
    throw new Problem(409, 'gtin_taken', m.gtin_taken, {
      params: { gtin: input.gtin ?? '' },
      errors: [fieldError('gtin', m.gtin_taken, { gtin: input.gtin ?? '' })],
    });

  const id = newId();
  const names = typeof input.name === 'string' ? { cs: input.name, en: input.name } : input.name;
  await ctx.db
    .insertInto('orders.products')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      sku: input.sku,
      gtin: input.gtin ?? null,
      name_en: names.en,
      name_cs: names.cs,
      unit: input.unit ?? 'pcs',
      whole_units: input.wholeUnits ?? true,
      vat_rate: vatClass as VatClass,
      unit_price_minor: String(price),
      currency: input.currency ?? (ctx.tenant.currency === 'EUR' ? 'EUR' : 'CZK'),
      cost_minor: cost === null ? null : String(cost),
      weight_g: input.weightGrams ?? null,
      length_mm: input.dimensionsMm?.length ?? null,
      width_mm: input.dimensionsMm?.width ?? null,
      height_mm: input.dimensionsMm?.height ?? null,
      tracking: input.tracking ?? 'none',
      is_kit: components.length > 0,
      variant_of: input.variantOf ?? null,
      variant_attributes: input.variantAttributes ? JSON.stringify(input.variantAttributes) : null,
      reorder_point: input.reorderPoint == null ? null : qtyText(milli(input.reorderPoint)),
      image_url: input.imageUrl ?? null,
      active: true,
      created_at: ctx.now(),
    })
    .execute();
  if (components.length)
    await ctx.db
      .insertInto('orders.kit_components')
      .values(
        components.map((c) => ({
          tenant_id: ctx.tenant.id,
          kit_id: id,
          component_id: c.productId,
          quantity: qtyText(milli(c.quantity)),
        })),
      )
      .execute();
  for (const p of input.prices ?? [])
    await ctx.db
      .insertInto('orders.prices')
      .values({
        tenant_id: ctx.tenant.id,
        id: newId(),
        product_id: id,
        currency: p.currency,
        price_minor: String(moneyMinor(p.price)),
        valid_from: p.validFrom,
        valid_to: p.validTo ?? null,
      })
      .execute();
  return id;
}

/** A product with its kit components and price list; 404 when absent. */
export async function getProduct(ctx: PluginContext, id: string, locale: string): Promise<Product> {
  const row = await ctx.db
    .selectFrom('orders.products')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new Problem(404, 'not_found', m.product_not_found);
  const components = await ctx.db
    .selectFrom('orders.kit_components as k')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'k.tenant_id').onRef('p.id', '=', 'k.component_id'),
    )
    .select(['k.component_id', 'p.sku', 'k.quantity'])
    .where('k.tenant_id', '=', ctx.tenant.id)
    .where('k.kit_id', '=', id)
    .orderBy('p.sku')
    .execute();
  const prices = await ctx.db
    .selectFrom('orders.prices')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('product_id', '=', id)
    .orderBy('currency')
    .orderBy('valid_from')
    .execute();
  return toProduct(row, locale, {
    components: components.map((c) => ({ productId: c.component_id, sku: c.sku, quantity: Number(c.quantity) })),
    prices: prices.map((p) => ({
      id: p.id,
      currency: p.currency,
      price: formatMoney(p.price_minor),
      validFrom: ymd(p.valid_from),
      validTo: p.valid_to ? ymd(p.valid_to) : null,
    })),
  });
}

/** The unit price of a product in a currency on a date: the price list entry valid then, else its base price. */
export async function priceOf(
  ctx: PluginContext,
  product: { id: string; unit_price_minor: string | number | bigint; currency: string },
  currency: string,
  date: string,
): Promise<bigint | null> {
  const listed = await sql<{ price_minor: string }>`
    select price_minor from orders.prices
     where tenant_id = ${ctx.tenant.id} and product_id = ${product.id} and currency = ${currency}
       and valid_from <= ${date}::date and (valid_to is null or valid_to >= ${date}::date)
     order by valid_from desc limit 1`.execute(ctx.db);
  if (listed.rows[0]) return BigInt(listed.rows[0].price_minor);
  return product.currency === currency ? BigInt(product.unit_price_minor) : null;
}

/** What a kit is made of (component id → quantity in thousandths per kit); empty for a plain product. */
export async function kitParts(
  ctx: PluginContext,
  kitId: string,
): Promise<Array<{ productId: string; perKit: number }>> {
  const rows = await ctx.db
    .selectFrom('orders.kit_components')
    .select(['component_id', 'quantity'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kit_id', '=', kitId)
    .orderBy('component_id')
    .execute();
  return rows.map((r) => ({ productId: r.component_id, perKit: milli(r.quantity) }));
}

export { fromMilli };
