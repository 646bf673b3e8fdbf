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
import type { ReturnInput, ReturnReceiveInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { quantityErrors } from './adjustments.ts';
import { ACCOUNTS, discountedUnit } from './invoicing.ts';
import { nextNumber } from './numbers.ts';
import { lineAmounts, orderRow } from './orders.ts';
import { kitParts, today } from './products.ts';
import { fromMilli, milli, qtyText } from './quantity.ts';
import { lockLevels, type MoveInput, postMoves } from './stock.ts';
import { binIn, warehouseLocations } from './warehouses.ts';

export const ReturnLine = z.object({
  id: z.string(),
  lineNo: z.number(),
  orderLineId: z.string(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  quantity: z.number(),
  restocked: z.number(),
  scrapped: z.number(),
});

export const Return = z
  .object({
    id: z.uuid(),
    number: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    customer: z.string(),
    status: z.string(),
    reason: z.string(),
    note: z.string().nullable(),
    currency: z.string(),
    credit: z.string(),
    creditNote: z.object({ documentId: z.string().nullable(), number: z.string().nullable() }),
    createdAt: z.string(),
    receivedAt: z.string().nullable(),
  })
  .openapi('OrdersReturn');
export type Return = z.infer<typeof Return>;

export const ReturnDetail = Return.extend({ lines: z.array(ReturnLine) }).openapi('OrdersReturnDetail');
export type ReturnDetail = z.infer<typeof ReturnDetail>;

export function toReturn(r: Record<string, any>): Return {
  const customer = typeof r.customer === 'string' ? JSON.parse(r.customer) : r.customer;
  return {
    id: r.id,
    number: r.number,
    orderId: r.order_id,
    orderNumber: r.order_number,
    customer: customer?.name ?? '',
    status: r.status,
    reason: r.reason,
    note: r.note ?? null,
    currency: r.currency,
    credit: formatMoney(r.credit_minor),
    creditNote: { documentId: r.credit_document_id ?? null, number: r.credit_number ?? null },
    createdAt: new Date(r.created_at).toISOString(),
    receivedAt: r.received_at ? new Date(r.received_at).toISOString() : null,
  };
}

/** The returns of a tenant joined with their order (number, customer, currency), for lists and details. */
export function returnsQuery(ctx: PluginContext) {
  return ctx.db
    .selectFrom('orders.returns as r')
    .innerJoin('orders.orders as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.order_id'))
    .selectAll('r')
    .select(['o.number as order_number', 'o.customer', 'o.currency'])
    .where('r.tenant_id', '=', ctx.tenant.id);
}

export async function returnDetail(ctx: PluginContext, id: string): Promise<ReturnDetail> {
  const row = await returnsQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new Problem(404, 'not_found', m.return_not_found);
  const lines = await ctx.db
    .selectFrom('orders.return_lines as rl')
    .innerJoin('orders.order_lines as l', (j) =>
      j.onRef('l.tenant_id', '=', 'rl.tenant_id').onRef('l.id', '=', 'rl.order_line_id'),
    )
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'rl.tenant_id').onRef('p.id', '=', 'rl.product_id'),
    )
    .selectAll('rl')
    .select(['p.sku', 'l.description'])
    .where('rl.tenant_id', '=', ctx.tenant.id)
    .where('rl.return_id', '=', id)
    .orderBy('rl.line_no')
    .execute();
  return {
    ...toReturn(row),
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      orderLineId: l.order_line_id,
      productId: l.product_id,
      sku: l.sku,
      description: l.description,
      quantity: Number(l.quantity),
      restocked: Number(l.restocked),
      scrapped: Number(l.scrapped),
    })),
  };
}

/**
 * What of each line of an order can still be returned (thousandths): shipped, less what open
 * authorisations claim and what received returns took back. A cancelled return frees its claim.
 */
export async function returnable(ctx: PluginContext, orderId: string) {
  const lines = await ctx.db
    .selectFrom('orders.order_lines as l')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'),
    )
    .select(['l.id', 'l.line_no', 'l.product_id', 'l.shipped', 'p.sku', 'p.whole_units', 'p.tracking'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
  const claimed = await ctx.db
    .selectFrom('orders.return_lines as rl')
    .innerJoin('orders.returns as r', (j) =>
      j.onRef('r.tenant_id', '=', 'rl.tenant_id').onRef('r.id', '=', 'rl.return_id'),
    )
    .select(['rl.order_line_id', 'rl.quantity', 'rl.restocked', 'rl.scrapped', 'r.status'])
    .where('rl.tenant_id', '=', ctx.tenant.id)
    .where('r.order_id', '=', orderId)
    .where('r.status', '<>', 'cancelled')
    .execute();
  const used = new Map<string, number>();
  for (const c of claimed) {
    const q = c.status === 'received' ? milli(c.restocked) + milli(c.scrapped) : milli(c.quantity);
    used.set(c.order_line_id, (used.get(c.order_line_id) ?? 0) + q);
  }
  return lines.map((l) => ({
    lineId: l.id,
    lineNo: l.line_no,
    productId: l.product_id,
    sku: l.sku,
    whole_units: l.whole_units,
    // A kit line is returned in whole kits; its components come back at receipt.
    tracking: 'none',
    returnable: milli(l.shipped) - (used.get(l.id) ?? 0),
  }));
}

/**
 * Authorises a return of a shipped or delivered order: the lines and quantities given, each at
 * most what is still returnable (400 `return_exceeds` at the line), or everything returnable.
 * Nothing moves in stock until the goods are received.
 */
export async function authoriseReturn(ctx: PluginContext, orderId: string, input: ReturnInput): Promise<string> {
  const order = await orderRow(ctx, orderId, true);
  if (order.status !== 'shipped' && order.status !== 'delivered')
    throw new Problem(409, 'not_returnable', m.not_returnable, { extra: { status: order.status } });
  const lines = await returnable(ctx, orderId);
  const wanted: Array<{ lineId: string; productId: string; quantity: number }> = [];
  const errors: FieldError[] = [];
  if (input.lines) {
    for (const [i, l] of input.lines.entries()) {
      const line = lines.find((x) => x.lineId === l.lineId);
      if (!line) {
        errors.push(fieldError(`lines.${i}.lineId`, m.return_line_unknown));
        continue;
      }
      const q = milli(l.quantity);
      const qErrors = quantityErrors(line, q, `lines.${i}.quantity`, { positive: true });
      if (qErrors.length) errors.push(...qErrors);
      else if (q + wanted.filter((w) => w.lineId === l.lineId).reduce((s, w) => s + w.quantity, 0) > line.returnable)
        errors.push(
          fieldError(`lines.${i}.quantity`, m.return_exceeds, {
            sku: line.sku,
            returnable: fromMilli(Math.max(0, line.returnable)),
          }),
        );
      else wanted.push({ lineId: line.lineId, productId: line.productId, quantity: q });
    }
  } else {
    for (const line of lines)
      if (line.returnable > 0)
        wanted.push({ lineId: line.lineId, productId: line.productId, quantity: line.returnable });
    if (wanted.length === 0) throw new Problem(409, 'nothing_returnable', m.nothing_returnable);
  }
  if (errors.length) throw new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? '', { errors });
  const id = newId();
  await ctx.db
    .insertInto('orders.returns')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      number: await nextNumber(ctx, 'RMA', today(ctx)),
      order_id: orderId,
      status: 'authorised',
      reason: input.reason,
      note: input.note ?? null,
      created_at: ctx.now(),
    })
    .execute();
  await ctx.db
    .insertInto('orders.return_lines')
    .values(
      wanted.map((w, i) => ({
        tenant_id: ctx.tenant.id,
        id: newId(),
        return_id: id,
        line_no: i + 1,
        order_line_id: w.lineId,
        product_id: w.productId,
        quantity: qtyText(w.quantity),
      })),
    )
    .execute();
  return id;
}

/** The lots of a product that left with an order (for putting a return back under the same lot). */
async function shippedLots(ctx: PluginContext, orderId: string, productId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('orders.allocations')
    .select('lot')
    .distinct()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('product_id', '=', productId)
    .where('shipped', '=', true)
    .execute();
  return rows.map((r) => r.lot);
}

/**
 * Receives a return: per line, what goes back to stock (a `return` move into a bin of the order's
 * warehouse) and what to scrap (a `scrap` move into its scrap location); a kit comes back as its
 * components. Lot-tracked goods go back under the lot they left with, or the one given. Then the
 * customer is credited for everything received: a credit note to the order's invoice through
 * accounting (and the cost of goods sold taken back for what was restocked), or, without an
 * invoice there, the amount due back is recorded on the return.
 */
export async function receiveReturn(ctx: PluginContext, returnId: string, input: ReturnReceiveInput): Promise<void> {
  const detail = await returnDetail(ctx, returnId);
  const order = await orderRow(ctx, detail.orderId);
  const warehouse = await warehouseLocations(ctx, order.warehouse_id);
  const products = await ctx.db
    .selectFrom('orders.products')
    .select(['id', 'sku', 'whole_units', 'tracking', 'is_kit', 'cost_minor'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', [...new Set(detail.lines.map((l) => l.productId))])
    .execute();
  const given: NonNullable<ReturnReceiveInput['lines']> =
    input.lines ?? detail.lines.map((l) => ({ lineId: l.id, restock: l.quantity }));
  const errors: FieldError[] = [];
  const moves: MoveInput[] = [];
  const received = new Map<string, { restock: number; scrap: number }>();
  const base = { orderId: order.id, document: detail.number, reason: detail.reason };
  for (const [i, g] of given.entries()) {
    const line = detail.lines.find((l) => l.id === g.lineId);
    const product = products.find((p) => p.id === line?.productId);
    if (!line || !product) {
      errors.push(fieldError(`lines.${i}.lineId`, m.return_line_unknown));
      continue;
    }
    const restock = milli(g.restock ?? 0);
    const scrap = milli(g.scrap ?? 0);
    const before = errors.length;
    for (const [q, key] of [
      [restock, 'restock'],
      [scrap, 'scrap'],
    ] as const)
      if (q !== 0)
        errors.push(...quantityErrors({ ...product, tracking: 'none' }, q, `lines.${i}.${key}`, { positive: true }));
    const sum = (received.get(line.id)?.restock ?? 0) + (received.get(line.id)?.scrap ?? 0) + restock + scrap;
    if (sum > milli(line.quantity))
      errors.push(
        fieldError(`lines.${i}.restock`, m.receive_exceeds, {
          sku: line.sku,
          received: fromMilli(sum),
          authorised: line.quantity,
        }),
      );
    const locationId = await binIn(ctx, warehouse, g.locationId, `lines.${i}.locationId`, errors);
    if (errors.length > before) continue;
    const cur = received.get(line.id) ?? { restock: 0, scrap: 0 };
    received.set(line.id, { restock: cur.restock + restock, scrap: cur.scrap + scrap });
    const parts = product.is_kit ? await kitParts(ctx, product.id) : [{ productId: product.id, perKit: 1000 }];
    for (const part of parts) {
      const tracked = part.productId === product.id ? product : await trackingOf(ctx, part.productId);
      let lot = '';
      if (tracked.tracking !== 'none') {
        const lots = g.lot ? [g.lot] : await shippedLots(ctx, order.id, part.productId);
        if (lots.length !== 1) {
          errors.push(fieldError(`lines.${i}.lot`, m.lot_required, { sku: tracked.sku }));
          continue;
        }
        lot = lots[0] as string;
      }
      const units = (q: number) => Math.round((q * part.perKit) / 1000);
      if (restock > 0)
        moves.push({ ...base, productId: part.productId, locationId, lot, kind: 'return', onHand: units(restock) });
      if (scrap > 0)
        moves.push({
          ...base,
          productId: part.productId,
          locationId: warehouse.scrapId,
          lot,
          kind: 'scrap',
          onHand: units(scrap),
        });
    }
  }
  if (errors.length) throw new Problem(400, errors[0]?.code ?? 'invalid_input', errors[0]?.message ?? '', { errors });
  if (moves.length === 0)
    throw new Problem(400, 'nothing_received', m.nothing_received, {
      errors: [fieldError('lines', m.nothing_received)],
    });
  // Take the level rows in the same order a reservation does, so a receipt racing confirms cannot deadlock.
  await lockLevels(
    ctx,
    moves.map((mv) => mv.productId),
  );
  await postMoves(ctx, moves);
  for (const [lineId, r] of received)
    await ctx.db
      .updateTable('orders.return_lines')
      .set({ restocked: qtyText(r.restock), scrapped: qtyText(r.scrap) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', lineId)
      .execute();
  await ctx.db
    .updateTable('orders.returns')
    .set({ received_at: ctx.now() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', returnId)
    .execute();
  await creditReturn(ctx, returnId);
}

async function trackingOf(ctx: PluginContext, productId: string) {
  return ctx.db
    .selectFrom('orders.products')
    .select(['sku', 'tracking'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', productId)
    .executeTakeFirstOrThrow();
}

/**
 * Credits what a received return took back, at the order lines' prices after discount and their VAT:
 * the amount is kept on the return; when the order was invoiced through accounting, a credit note to
 * that invoice is issued (the correcting tax document of ZDPH § 42) and the cost of what went back to stock
 * is taken off the cost of goods sold (132 / 504). Idempotent by the return.
 */
async function creditReturn(ctx: PluginContext, returnId: string): Promise<void> {
  const detail = await returnDetail(ctx, returnId);
  const order = await orderRow(ctx, detail.orderId);
  const lines = await ctx.db
    .selectFrom('orders.return_lines as rl')
    .innerJoin('orders.order_lines as l', (j) =>
      j.onRef('l.tenant_id', '=', 'rl.tenant_id').onRef('l.id', '=', 'rl.order_line_id'),
    )
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'rl.tenant_id').onRef('p.id', '=', 'rl.product_id'),
    )
    .select([
      'rl.restocked',
      'rl.scrapped',
      'l.description',
      'l.unit_price_minor',
      'l.discount_percent',
      'l.vat_rate',
      'l.vat_percent',
      'p.sku',
      'p.unit',
      'p.cost_minor',
    ])
    .where('rl.tenant_id', '=', ctx.tenant.id)
    .where('rl.return_id', '=', returnId)
    .orderBy('rl.line_no')
    .execute();
  let credit = 0n;
  let cost = 0n;
  const credited = [];
  for (const l of lines) {
    const q = milli(l.restocked) + milli(l.scrapped);
    if (q === 0) continue;
    const { net, vat } = lineAmounts(q, BigInt(l.unit_price_minor), Number(l.discount_percent), Number(l.vat_percent));
    credit += net + vat;
    if (l.cost_minor !== null) cost += roundHalfAway(BigInt(milli(l.restocked)) * BigInt(l.cost_minor), 1000n);
    credited.push({
      description: `${l.sku} ${l.description}`,
      quantity: String(fromMilli(q)),
      unit: l.unit,
      unitPrice: formatMoney(discountedUnit(l.unit_price_minor, l.discount_percent)),
      vat: l.vat_rate,
      supply: 'goods' as const,
      account: ACCOUNTS.revenue,
    });
  }
  const set: Record<string, unknown> = { credit_minor: String(credit) };
  if (order.invoice_document_id && credited.length && (await ctx.isEnabled('accounting'))) {
    const date = today(ctx);
    const { document } = await ctx.use(documentsService).correct(order.invoice_document_id, {
      source: { type: 'orders.return', id: returnId },
      type: 'credit_note',
      date,
      reason: `${detail.number}: ${detail.reason}`,
      lines: credited,
    });
    set.credit_document_id = document.id;
    set.credit_number = document.number;
    if (cost > 0n)
      await ctx.use(postingService).post({
        date,
        memo: `${detail.number}: returned goods back in stock`,
        source: { type: 'orders.return-cogs', id: returnId },
        lines: [
          { account: ACCOUNTS.goods, debit: formatMoney(cost) },
          { account: ACCOUNTS.cogs, credit: formatMoney(cost) },
        ],
      });
  }
  await ctx.db
    .updateTable('orders.returns')
    .set(set)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', returnId)
    .execute();
}
