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
import { documentsService, postingService } from '@bureau/plugin-accounting/contract';
import { sql } from 'kysely';
import type { PurchaseBillInput, PurchaseOrderInput, PurchaseReceiptInput } from '../../schema.ts';
import { type VatClass, vatPercent } from '../data/vat-rates.ts';
import { m } from '../messages.ts';
import { quantityErrors } from './adjustments.ts';
import { accountingPartyRef, type PartySnapshot, resolveParty } from './customers.ts';
import { ACCOUNTS } from './invoicing.ts';
import { nextNumber } from './numbers.ts';
import { lineAmounts } from './orders.ts';
import { moneyMinor, today, ymd } from './products.ts';
import { fromMilli, milli, qtyText } from './quantity.ts';
import { lockLevels, type MoveInput, postMoves } from './stock.ts';
import { binIn, settingsOf, warehouseErrors, warehouseLocations } from './warehouses.ts';

/** Goods bought and on their way into stock (Czech chart, method A: the bill to 131, the receipt 132 / 131). */
const PURCHASE_ACCOUNT = '131';

export const PurchaseLine = z.object({
  id: z.string(),
  lineNo: z.number(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  quantity: z.number(),
  unitCost: z.string(),
  vatRate: z.string(),
  net: z.string(),
  vat: z.string(),
  received: z.number(),
  billed: z.number(),
  open: z.number(),
});

export const PurchaseOrder = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: z.string(),
    vendor: z.object({ partyId: z.string().nullable(), name: z.string() }).passthrough(),
    currency: z.string(),
    warehouseId: z.string(),
    orderDate: z.string(),
    expectedDate: z.string().nullable(),
    subtotal: z.string(),
    vat: z.string(),
    total: z.string(),
    note: z.string().nullable(),
    bill: z.object({
      documentId: z.string().nullable(),
      number: z.string().nullable(),
      vendorNumber: z.string().nullable(),
    }),
    createdAt: z.string(),
  })
  .openapi('OrdersPurchaseOrder');
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

export const PurchaseOrderDetail = PurchaseOrder.extend({
  lines: z.array(PurchaseLine),
  receipts: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      deliveryNote: z.string().nullable(),
      value: z.string(),
      createdAt: z.string(),
    }),
  ),
}).openapi('OrdersPurchaseOrderDetail');
export type PurchaseOrderDetail = z.infer<typeof PurchaseOrderDetail>;

export function toPurchaseOrder(r: Record<string, any>): PurchaseOrder {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    vendor: typeof r.vendor === 'string' ? JSON.parse(r.vendor) : r.vendor,
    currency: r.currency,
    warehouseId: r.warehouse_id,
    orderDate: ymd(r.order_date),
    expectedDate: r.expected_date ? ymd(r.expected_date) : null,
    subtotal: formatMoney(r.subtotal_minor),
    vat: formatMoney(r.vat_minor),
    total: formatMoney(r.total_minor),
    note: r.note ?? null,
    bill: {
      documentId: r.bill_document_id ?? null,
      number: r.bill_number ?? null,
      vendorNumber: r.vendor_bill_number ?? null,
    },
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function purchaseRow(ctx: PluginContext, id: string, lock = false) {
  let q = ctx.db
    .selectFrom('orders.purchase_orders')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new Problem(404, 'not_found', m.purchase_not_found);
  return row as Record<string, any> & { id: string; number: string; status: string; warehouse_id: string };
}

async function purchaseLines(ctx: PluginContext, id: string) {
  return ctx.db
    .selectFrom('orders.purchase_lines as l')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'),
    )
    .selectAll('l')
    .select(['p.sku', 'p.unit', 'p.whole_units', 'p.tracking', 'p.currency as product_currency'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.purchase_id', '=', id)
    .orderBy('l.line_no')
    .execute();
}

export async function purchaseDetail(ctx: PluginContext, id: string): Promise<PurchaseOrderDetail> {
  const row = await purchaseRow(ctx, id);
  const lines = await purchaseLines(ctx, id);
  const receipts = await ctx.db
    .selectFrom('orders.purchase_receipts')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('purchase_id', '=', id)
    .orderBy('created_at')
    .orderBy('number')
    .execute();
  return {
    ...toPurchaseOrder(row),
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      sku: l.sku,
      description: l.description,
      quantity: Number(l.quantity),
      unitCost: formatMoney(l.unit_cost_minor),
      vatRate: l.vat_rate,
      net: formatMoney(l.net_minor),
      vat: formatMoney(l.vat_minor),
      received: Number(l.received),
      billed: Number(l.billed),
      open: fromMilli(milli(l.quantity) - milli(l.received)),
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      number: r.number,
      deliveryNote: r.delivery_note ?? null,
      value: formatMoney(r.value_minor),
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/**
 * A draft purchase order: the vendor found or added in the address book, each line at the unit cost
 * given or the product's cost, VAT per line at the product's class on the order date. Unknown
 * products, kits (they have no stock of their own), bad quantities and missing costs are 400 with a
 * field error per line; nothing is written.
 */
export async function createPurchaseOrder(ctx: PluginContext, input: PurchaseOrderInput): Promise<string> {
  const settings = await settingsOf(ctx);
  const date = input.orderDate ?? today(ctx);
  const currency = input.currency ?? (ctx.tenant.currency === 'EUR' ? 'EUR' : 'CZK');
  const products = await ctx.db
    .selectFrom('orders.products')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', [...new Set(input.lines.map((l) => l.productId))])
    .execute();
  const errors: FieldError[] = [];
  const lines = [];
  let subtotal = 0n;
  let vatTotal = 0n;
  const id = newId();
  for (const [i, l] of input.lines.entries()) {
    const p: any = products.find((x) => x.id === l.productId);
    if (!p) {
      errors.push(fieldError(`lines.${i}.productId`, m.unknown_product));
      continue;
    }
    if (p.is_kit) {
      errors.push(fieldError(`lines.${i}.productId`, m.kit_not_stocked));
      continue;
    }
    const q = milli(l.quantity);
    errors.push(...quantityErrors({ ...p, tracking: 'none' }, q, `lines.${i}.quantity`, { positive: true }));
    const cost =
      l.unitCost !== undefined
        ? moneyMinor(l.unitCost)
        : p.cost_minor !== null && p.currency === currency
          ? BigInt(p.cost_minor)
          : null;
    if (cost === null) {
      errors.push(fieldError(`lines.${i}.unitCost`, m.cost_required, { sku: p.sku }));
      continue;
    }
    const pct = vatPercent(p.vat_rate as VatClass, date);
    const { net, vat } = lineAmounts(q, cost, 0, pct);
    subtotal += net;
    vatTotal += vat;
    lines.push({
      tenant_id: ctx.tenant.id,
      id: newId(),
      purchase_id: id,
      line_no: lines.length + 1,
      product_id: p.id,
      description: ctx.tenant.locale === 'en' ? p.name_en : p.name_cs,
      quantity: qtyText(q),
      unit_cost_minor: String(cost),
      vat_rate: p.vat_rate,
      vat_percent: pct.toFixed(2),
      net_minor: String(net),
      vat_minor: String(vat),
    });
  }
  errors.push(...(await warehouseErrors(ctx, input.warehouseId)));
  if (errors.length) throw new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? '', { errors });
  const vendor = await resolveParty(ctx, input.vendor, 'vendor');
  await ctx.db
    .insertInto('orders.purchase_orders')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      number: await nextNumber(ctx, 'PO', date),
      status: 'draft',
      vendor_party_id: vendor.partyId,
      vendor: JSON.stringify(vendor),
      currency,
      warehouse_id: input.warehouseId ?? settings.warehouseId,
      order_date: date,
      expected_date: input.expectedDate ?? null,
      subtotal_minor: String(subtotal),
      vat_minor: String(vatTotal),
      total_minor: String(subtotal + vatTotal),
      note: input.note ?? null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.db.insertInto('orders.purchase_lines').values(lines).execute();
  return id;
}

/**
 * Receives a delivery against an ordered purchase order: per line at most what is still open
 * (400 `receipt_exceeds`), into a bin of the order's warehouse (default its first), lot-tracked goods
 * under their lot. Each line is a `receipt` move naming the goods receipt (`GR-2026-00001`); the
 * product's cost becomes the unit cost paid (last purchase price) when the currencies match. With
 * accounting enabled and the order in the books' currency, the value received is posted 132 / 131.
 * Answers whether everything ordered has now arrived.
 */
export async function receivePurchase(
  ctx: PluginContext,
  id: string,
  input: PurchaseReceiptInput,
): Promise<{ receiptId: string; complete: boolean }> {
  const po = await purchaseRow(ctx, id, true);
  if (po.status !== 'ordered') throw new Problem(409, 'not_ordered', m.not_ordered, { extra: { status: po.status } });
  const lines = await purchaseLines(ctx, id);
  const warehouse = await warehouseLocations(ctx, po.warehouse_id);
  const errors: FieldError[] = [];
  const moves: MoveInput[] = [];
  const received = new Map<string, number>();
  let value = 0n;
  const number = await nextNumber(ctx, 'GR', today(ctx));
  for (const [i, g] of input.lines.entries()) {
    const line = lines.find((l) => l.id === g.lineId);
    if (!line) {
      errors.push(fieldError(`lines.${i}.lineId`, m.purchase_line_unknown));
      continue;
    }
    const q = milli(g.quantity);
    const qErrors = quantityErrors(line, q, `lines.${i}.quantity`, { positive: true });
    const open = milli(line.quantity) - milli(line.received) - (received.get(line.id) ?? 0);
    if (qErrors.length) errors.push(...qErrors);
    else if (q > open)
      errors.push(fieldError(`lines.${i}.quantity`, m.receipt_exceeds, { sku: line.sku, open: fromMilli(open) }));
    if (line.tracking !== 'none' && !g.lot)
      errors.push(fieldError(`lines.${i}.lot`, m.lot_required, { sku: line.sku }));
    const locationId = await binIn(ctx, warehouse, g.locationId, `lines.${i}.locationId`, errors);
    if (errors.length) continue;
    received.set(line.id, (received.get(line.id) ?? 0) + q);
    value += roundHalfAway(BigInt(q) * BigInt(line.unit_cost_minor), 1000n);
    moves.push({
      productId: line.product_id,
      locationId,
      lot: g.lot ?? '',
      kind: 'receipt',
      onHand: q,
      document: number,
      reason: input.deliveryNote ? `${po.number} / ${input.deliveryNote}` : po.number,
    });
  }
  if (errors.length) throw new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? '', { errors });
  const receiptId = newId();
  await ctx.db
    .insertInto('orders.purchase_receipts')
    .values({
      tenant_id: ctx.tenant.id,
      id: receiptId,
      number,
      purchase_id: id,
      delivery_note: input.deliveryNote ?? null,
      value_minor: String(value),
      created_at: ctx.now(),
    })
    .execute();
  await lockLevels(
    ctx,
    moves.map((mv) => mv.productId),
  );
  await postMoves(ctx, moves);
  for (const [lineId, q] of received) {
    const line = lines.find((l) => l.id === lineId);
    if (!line) continue;
    await ctx.db
      .updateTable('orders.purchase_lines')
      .set({ received: qtyText(milli(line.received) + q) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', lineId)
      .execute();
    if (line.product_currency === po.currency)
      await ctx.db
        .updateTable('orders.products')
        .set({ cost_minor: String(line.unit_cost_minor) })
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', line.product_id)
        .execute();
  }
  if (value > 0n && po.currency === ctx.tenant.currency && (await ctx.isEnabled('accounting')))
    await ctx.use(postingService).post({
      date: today(ctx),
      memo: `${number}: goods received on ${po.number}`,
      source: { type: 'orders.goods-receipt', id: receiptId },
      lines: [
        { account: ACCOUNTS.goods, debit: formatMoney(value) },
        { account: PURCHASE_ACCOUNT, credit: formatMoney(value) },
      ],
    });
  const complete = lines.every((l) => milli(l.received) + (received.get(l.id) ?? 0) >= milli(l.quantity));
  return { receiptId, complete };
}

/**
 * Records the vendor's bill through accounting for what was received and not billed yet, at the
 * ordered unit costs and VAT classes, to 131 (goods being bought; the receipts moved it to 132).
 * 409 `accounting_disabled` without accounting, 409 `nothing_to_bill` when everything received is
 * billed. A later delivery is billed by a later bill.
 */
export async function billPurchase(ctx: PluginContext, id: string, input: PurchaseBillInput) {
  if (!(await ctx.isEnabled('accounting'))) throw new Problem(409, 'accounting_disabled', m.accounting_disabled);
  const po = await purchaseRow(ctx, id, true);
  const lines = (await purchaseLines(ctx, id)).filter((l) => milli(l.received) > milli(l.billed));
  if (lines.length === 0) throw new Problem(409, 'nothing_to_bill', m.nothing_to_bill);
  const vendor: PartySnapshot = typeof po.vendor === 'string' ? JSON.parse(po.vendor) : po.vendor;
  const { document } = await ctx.use(documentsService).recordBill({
    source: { type: 'orders.purchase-bill', id: newId() },
    vendor: accountingPartyRef(vendor),
    vendorNumber: input.vendorNumber,
    issueDate: input.issueDate,
    taxDate: input.taxDate,
    dueDate: input.dueDate,
    currency: po.currency,
    memo: po.number,
    lines: lines.map((l) => ({
      description: `${l.sku} ${l.description}`,
      quantity: String(fromMilli(milli(l.received) - milli(l.billed))),
      unit: l.unit,
      unitPrice: formatMoney(l.unit_cost_minor),
      vat: l.vat_rate,
      supply: 'goods' as const,
      account: PURCHASE_ACCOUNT,
    })),
  });
  for (const l of lines)
    await ctx.db
      .updateTable('orders.purchase_lines')
      .set({ billed: l.received })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', l.id)
      .execute();
  await ctx.db
    .updateTable('orders.purchase_orders')
    .set({ bill_document_id: document.id, bill_number: document.number, vendor_bill_number: input.vendorNumber })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  return document;
}

/** Whether anything of a purchase order was received (it cannot be cancelled then, only closed). */
export async function receivedAny(ctx: PluginContext, id: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('orders.purchase_lines')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('purchase_id', '=', id)
    .where('received', '>', '0')
    .executeTakeFirst();
  return !!row;
}

export const Suggestion = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  available: z.number(),
  onOrder: z.number(),
  reorderPoint: z.number(),
  suggested: z.number(),
  lastVendor: z.object({ partyId: z.string().nullable(), name: z.string() }).nullable(),
  lastUnitCost: z.string().nullable(),
});

/**
 * What to buy: active stocked products whose available stock (bins) plus what is on order (open
 * quantities of draft and ordered purchase orders) is at or below their reorder point, with the
 * quantity that brings it up to twice the reorder point (the rule: order up to 2 × the reorder
 * point; whole units rounded up) and the vendor and unit cost of the last purchase order.
 */
export async function reorderSuggestions(ctx: PluginContext): Promise<Array<z.infer<typeof Suggestion>>> {
  const rows = await sql<Record<string, any>>`
    select p.id, p.sku, p.name_en, p.name_cs, p.whole_units, p.reorder_point,
           coalesce((select sum(l.on_hand - l.reserved) from orders.stock_levels l
                       join orders.locations loc on loc.tenant_id = l.tenant_id and loc.id = l.location_id
                      where l.tenant_id = p.tenant_id and l.product_id = p.id and loc.kind = 'bin'), 0) as available,
           coalesce((select sum(pl.quantity - pl.received) from orders.purchase_lines pl
                       join orders.purchase_orders po on po.tenant_id = pl.tenant_id and po.id = pl.purchase_id
                      where pl.tenant_id = p.tenant_id and pl.product_id = p.id
                        and po.status in ('draft', 'ordered')), 0) as on_order,
           (select json_build_object('vendor', po.vendor, 'cost', pl.unit_cost_minor, 'currency', po.currency)
              from orders.purchase_lines pl
              join orders.purchase_orders po on po.tenant_id = pl.tenant_id and po.id = pl.purchase_id
             where pl.tenant_id = p.tenant_id and pl.product_id = p.id and po.status <> 'cancelled'
             order by po.created_at desc limit 1) as last
      from orders.products p
     where p.tenant_id = ${ctx.tenant.id} and p.active and not p.is_kit and p.reorder_point is not null
     order by p.sku`.execute(ctx.db);
  const out = [];
  for (const r of rows.rows) {
    const available = milli(r.available);
    const onOrder = milli(r.on_order);
    const point = milli(r.reorder_point);
    if (available + onOrder > point) continue;
    let suggested = Math.max(2 * point - available - onOrder, r.whole_units ? 1000 : 1);
    if (r.whole_units) suggested = Math.ceil(suggested / 1000) * 1000;
    const last = typeof r.last === 'string' ? JSON.parse(r.last) : r.last;
    const vendor = last ? (typeof last.vendor === 'string' ? JSON.parse(last.vendor) : last.vendor) : null;
    out.push({
      productId: r.id,
      sku: r.sku,
      name: ctx.tenant.locale === 'en' ? r.name_en : r.name_cs,
      available: fromMilli(available),
      onOrder: fromMilli(onOrder),
      reorderPoint: fromMilli(point),
      suggested: fromMilli(suggested),
      lastVendor: vendor ? { partyId: vendor.partyId ?? null, name: vendor.name } : null,
      lastUnitCost: last ? formatMoney(last.cost) : null,
    });
  }
  return out;
}
