import {
  type FieldError,
  fieldError,
  formatMoney,
  newId,
  type PluginContext,
  Problem,
  roundHalfAway,
  z,
} from '@bureau/core';
import type { OrderInput } from '../../schema.ts';
import { type VatClass, vatPercent } from '../data/vat-rates.ts';
import { m } from '../messages.ts';
import { quantityErrors } from './adjustments.ts';
import { resolveParty } from './customers.ts';
import { nextNumber } from './numbers.ts';
import { priceOf, today, ymd } from './products.ts';
import { fromMilli, milli, qtyText } from './quantity.ts';
import { settingsOf, warehouseErrors } from './warehouses.ts';

export const OrderLine = z.object({
  id: z.string(),
  lineNo: z.number(),
  productId: z.string(),
  sku: z.string(),
  gtin: z.string().nullable(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: z.string(),
  discountPercent: z.number(),
  vatRate: z.string(),
  vatPercent: z.number(),
  net: z.string(),
  vat: z.string(),
  reserved: z.number(),
  picked: z.number(),
  shipped: z.number(),
});

export const Order = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: z.string(),
    customer: z.object({ partyId: z.string().nullable(), name: z.string() }).passthrough(),
    shipTo: z.record(z.string(), z.unknown()).nullable(),
    currency: z.string(),
    carrier: z.string(),
    cashOnDelivery: z.boolean(),
    warehouseId: z.string(),
    orderDate: z.string(),
    promisedDate: z.string().nullable(),
    backorderOf: z.string().nullable(),
    subtotal: z.string(),
    vat: z.string(),
    total: z.string(),
    note: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    invoice: z.object({ documentId: z.string().nullable(), number: z.string().nullable() }),
    receiptNumber: z.string().nullable(),
    codSettledAt: z.string().nullable(),
    /** The delivery run or carrier payout (`CP-…`) that settled the cash on delivery. */
    codSettlement: z.string().nullable(),
    createdAt: z.string(),
    confirmedAt: z.string().nullable(),
    shippedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('OrdersOrder');
export type Order = z.infer<typeof Order>;

export const OrderDetail = Order.extend({
  lines: z.array(OrderLine),
  packages: z.array(
    z.object({ id: z.string(), packageNo: z.number(), weightGrams: z.number(), trackingNumber: z.string().nullable() }),
  ),
}).openapi('OrdersOrderDetail');
export type OrderDetail = z.infer<typeof OrderDetail>;

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export function toOrder(r: Record<string, any>): Order {
  const customer = typeof r.customer === 'string' ? JSON.parse(r.customer) : r.customer;
  const shipTo = typeof r.ship_to === 'string' ? JSON.parse(r.ship_to) : r.ship_to;
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    customer,
    shipTo: shipTo ?? null,
    currency: r.currency,
    carrier: r.carrier,
    cashOnDelivery: r.cash_on_delivery,
    warehouseId: r.warehouse_id,
    orderDate: ymd(r.order_date),
    promisedDate: r.promised_date ? ymd(r.promised_date) : null,
    backorderOf: r.backorder_of ?? null,
    subtotal: formatMoney(r.subtotal_minor),
    vat: formatMoney(r.vat_minor),
    total: formatMoney(r.total_minor),
    note: r.note ?? null,
    trackingNumber: r.tracking_number ?? null,
    invoice: { documentId: r.invoice_document_id ?? null, number: r.invoice_number ?? null },
    receiptNumber: r.receipt_number ?? null,
    codSettledAt: iso(r.cod_settled_at),
    codSettlement: r.cod_settlement ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    confirmedAt: iso(r.confirmed_at),
    shippedAt: iso(r.shipped_at),
    deliveredAt: iso(r.delivered_at),
  };
}

/** Net and VAT of a line in minor units: quantity × price less the discount, VAT per line, half away from zero. */
export function lineAmounts(qtyMilli: number, priceMinor: bigint, discountPercent: number, vatPct: number) {
  const bp = BigInt(Math.round(discountPercent * 100));
  const net = roundHalfAway(BigInt(qtyMilli) * priceMinor * (10000n - bp), 10_000_000n);
  const vat = roundHalfAway(net * BigInt(Math.round(vatPct * 100)), 10_000n);
  return { net, vat };
}

interface LineDraft {
  productId: string;
  quantityMilli: number;
  discountPercent: number;
}

/**
 * Creates a draft order: each line priced from the price list valid on the order date in the order's
 * currency (else the product's base price in its currency), discounts and VAT per line. Unknown or
 * inactive products and bad quantities are 400 with a field error per line; nothing is written.
 */
export async function createOrder(
  ctx: PluginContext,
  input: OrderInput,
  options: { backorderOf?: string; status?: string; lines?: LineDraft[] } = {},
): Promise<string> {
  const settings = await settingsOf(ctx);
  const date = input.orderDate ?? today(ctx);
  const currency = input.currency ?? (ctx.tenant.currency === 'EUR' ? 'EUR' : 'CZK');
  const drafts: LineDraft[] =
    options.lines ??
    input.lines.map((l) => ({
      productId: l.productId,
      quantityMilli: milli(l.quantity),
      discountPercent: l.discountPercent ?? 0,
    }));
  const ids = [...new Set(drafts.map((l) => l.productId))];
  const products = await ctx.db
    .selectFrom('orders.products')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', ids)
    .execute();
  const errors: FieldError[] = [];
  const priced: Array<LineDraft & { product: Record<string, any>; price: bigint }> = [];
  for (const [i, l] of drafts.entries()) {
    const p: any = products.find((x) => x.id === l.productId);
    if (!p) {
      errors.push(fieldError(`lines.${i}.productId`, m.unknown_product));
      continue;
    }
    if (!p.active) {
      errors.push(fieldError(`lines.${i}.productId`, m.inactive_product, { sku: p.sku }));
      continue;
    }
    const qErrors = quantityErrors(p, l.quantityMilli, `lines.${i}.quantity`, { positive: true });
    if (p.tracking === 'serial' && l.quantityMilli % 1000 === 0 && l.quantityMilli > 0) qErrors.splice(0);
    errors.push(...qErrors);
    const price = await priceOf(ctx, p, currency, date);
    if (price === null) errors.push(fieldError(`lines.${i}.productId`, m.price_missing, { sku: p.sku, currency }));
    else priced.push({ ...l, product: p, price });
  }
  errors.push(...(await warehouseErrors(ctx, input.warehouseId)));
  if (errors.length) throw new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? '', { errors });

  const customer = await resolveParty(ctx, input.customer);
  const id = newId();
  let subtotal = 0n;
  let vatTotal = 0n;
  const lines = priced.map((l, i) => {
    const pct = vatPercent(l.product.vat_rate as VatClass, date);
    const { net, vat } = lineAmounts(l.quantityMilli, l.price, l.discountPercent, pct);
    subtotal += net;
    vatTotal += vat;
    return {
      tenant_id: ctx.tenant.id,
      id: newId(),
      order_id: id,
      line_no: i + 1,
      product_id: l.productId,
      description: ctx.tenant.locale === 'en' ? l.product.name_en : l.product.name_cs,
      quantity: qtyText(l.quantityMilli),
      unit_price_minor: String(l.price),
      discount_percent: l.discountPercent.toFixed(2),
      vat_rate: l.product.vat_rate,
      vat_percent: pct.toFixed(2),
      net_minor: String(net),
      vat_minor: String(vat),
    };
  });
  await ctx.db
    .insertInto('orders.orders')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      number: await nextNumber(ctx, 'SO', date),
      status: options.status ?? 'draft',
      customer_party_id: customer.partyId,
      customer: JSON.stringify(customer),
      ship_to: input.shipTo ? JSON.stringify(input.shipTo) : null,
      currency,
      warehouse_id: input.warehouseId ?? settings.warehouseId,
      carrier: input.carrier ?? 'packeta',
      cash_on_delivery: input.cashOnDelivery ?? false,
      order_date: date,
      promised_date: input.promisedDate ?? null,
      backorder_of: options.backorderOf ?? null,
      subtotal_minor: String(subtotal),
      vat_minor: String(vatTotal),
      total_minor: String(subtotal + vatTotal),
      note: input.note ?? null,
      created_at: ctx.now(),
      confirmed_at: options.status === 'confirmed' ? ctx.now() : null,
    })
    .execute();
  await ctx.db.insertInto('orders.order_lines').values(lines).execute();
  return id;
}

export type OrderRow = Record<string, any> & { id: string; number: string; warehouse_id: string; status: string };

export async function orderRow(ctx: PluginContext, id: string, lock = false): Promise<OrderRow> {
  let q = ctx.db.selectFrom('orders.orders').selectAll().where('tenant_id', '=', ctx.tenant.id).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new Problem(404, 'not_found', m.order_not_found);
  return row as OrderRow;
}

/** An order with its lines (reserved, picked and shipped per line; a kit line counts whole kits) and packages. */
export async function orderDetail(ctx: PluginContext, id: string): Promise<OrderDetail> {
  const row = await orderRow(ctx, id);
  const lines = await ctx.db
    .selectFrom('orders.order_lines as l')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'),
    )
    .selectAll('l')
    .select(['p.sku', 'p.gtin', 'p.is_kit'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const progress = await lineProgress(ctx, id);
  const packages = await ctx.db
    .selectFrom('orders.packages')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', id)
    .orderBy('package_no')
    .execute();
  return {
    ...toOrder(row),
    lines: lines.map((l) => {
      const p = progress.get(l.id);
      return {
        id: l.id,
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        gtin: l.gtin ?? null,
        description: l.description,
        quantity: Number(l.quantity),
        unitPrice: formatMoney(l.unit_price_minor),
        discountPercent: Number(l.discount_percent),
        vatRate: l.vat_rate,
        vatPercent: Number(l.vat_percent),
        net: formatMoney(l.net_minor),
        vat: formatMoney(l.vat_minor),
        reserved: fromMilli(p?.reserved ?? 0),
        picked: fromMilli(p?.picked ?? 0),
        shipped: Number(l.shipped),
      };
    }),
    packages: packages.map((p) => ({
      id: p.id,
      packageNo: p.package_no,
      weightGrams: p.weight_g,
      trackingNumber: p.tracking_number ?? null,
    })),
  };
}

/**
 * How much of each line is reserved and picked now (allocations not yet shipped), in thousandths
 * of the line's unit: for a kit, the number of whole kits its components cover.
 */
export async function lineProgress(ctx: PluginContext, orderId: string) {
  const rows = await ctx.db
    .selectFrom('orders.allocations as a')
    .innerJoin('orders.order_lines as l', (j) =>
      j.onRef('l.tenant_id', '=', 'a.tenant_id').onRef('l.id', '=', 'a.line_id'),
    )
    .select(['a.line_id', 'a.product_id', 'a.quantity', 'a.picked', 'l.product_id as line_product'])
    .where('a.tenant_id', '=', ctx.tenant.id)
    .where('a.order_id', '=', orderId)
    .where('a.shipped', '=', false)
    .execute();
  const kits = await ctx.db
    .selectFrom('orders.kit_components as k')
    .innerJoin('orders.order_lines as l', (j) =>
      j.onRef('l.tenant_id', '=', 'k.tenant_id').onRef('l.product_id', '=', 'k.kit_id'),
    )
    .select(['l.id as line_id', 'k.component_id', 'k.quantity'])
    .where('k.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .execute();
  const byLine = new Map<string, Map<string, { reserved: number; picked: number }>>();
  for (const r of rows) {
    const perProduct = byLine.get(r.line_id) ?? new Map();
    const cur = perProduct.get(r.product_id) ?? { reserved: 0, picked: 0 };
    cur.reserved += milli(r.quantity);
    cur.picked += milli(r.picked);
    perProduct.set(r.product_id, cur);
    byLine.set(r.line_id, perProduct);
  }
  const out = new Map<string, { reserved: number; picked: number }>();
  for (const [lineId, perProduct] of byLine) {
    const parts = kits.filter((k) => k.line_id === lineId);
    if (parts.length === 0) {
      out.set(lineId, [...perProduct.values()][0] ?? { reserved: 0, picked: 0 });
      continue;
    }
    let reserved = Number.POSITIVE_INFINITY;
    let picked = Number.POSITIVE_INFINITY;
    for (const k of parts) {
      const per = milli(k.quantity);
      const got = perProduct.get(k.component_id) ?? { reserved: 0, picked: 0 };
      reserved = Math.min(reserved, Math.floor(got.reserved / per) * 1000);
      picked = Math.min(picked, Math.floor(got.picked / per) * 1000);
    }
    out.set(lineId, { reserved, picked });
  }
  return out;
}
