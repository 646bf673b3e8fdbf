import { fieldError, type PluginContext, Problem } from '@bureau/core';
import { sql } from 'kysely';
import { m } from '../messages.ts';
import { orderRow } from './orders.ts';
import { fromMilli, milli, qtyText } from './quantity.ts';
import { lockLevels, type MoveInput, postMoves } from './stock.ts';
import { warehouseLocations } from './warehouses.ts';

export interface PickResult {
  productId: string;
  sku: string;
  picked: number;
  /** What of this product is still to pick on the order. */
  remaining: number;
  /** Whether the whole order is picked now. */
  complete: boolean;
}

/** Open allocations of an order, in pick-path order, with what is left to pick of each. */
async function openAllocations(ctx: PluginContext, orderId: string) {
  const rows = await sql<Record<string, any>>`
    select a.id, a.product_id, a.location_id, a.lot, a.quantity, a.picked, p.sku, p.gtin, loc.code, loc.pick_path
      from orders.allocations a
      join orders.products p on p.tenant_id = a.tenant_id and p.id = a.product_id
      join orders.locations loc on loc.tenant_id = a.tenant_id and loc.id = a.location_id
     where a.tenant_id = ${ctx.tenant.id} and a.order_id = ${orderId} and not a.shipped
     order by loc.pick_path, loc.code, p.sku, a.lot, a.id
       for update of a`.execute(ctx.db);
  return rows.rows.map((r) => ({
    id: r.id as string,
    product_id: r.product_id as string,
    location_id: r.location_id as string,
    lot: r.lot as string,
    picked: r.picked as string,
    sku: r.sku as string,
    left: milli(r.quantity) - milli(r.picked),
  }));
}

/**
 * Records picked goods on an order being picked: the scanned code (GTIN or SKU) names the product;
 * the quantity (default one unit) moves from its bins to the warehouse's dispatch location, still
 * reserved for the order. A code not on the order, or more than is left to pick, is refused with
 * the stock unchanged.
 */
export async function pick(
  ctx: PluginContext,
  orderId: string,
  input: {
    code?: string | undefined;
    quantity?: number | undefined;
    lot?: string | undefined;
    all?: boolean | undefined;
  },
): Promise<PickResult[]> {
  const order = await orderRow(ctx, orderId, true);
  if (order.status !== 'picking') throw new Problem(409, 'not_picking', m.not_picking);
  const open = (await openAllocations(ctx, orderId)).filter((a) => a.left > 0);
  let chosen: typeof open;
  let want: number;
  if (input.all) {
    chosen = open;
    want = Number.POSITIVE_INFINITY;
  } else {
    const code = (input.code ?? '').trim();
    const product = await ctx.db
      .selectFrom('orders.products')
      .select(['id', 'sku'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where((eb) => eb.or([eb('gtin', '=', code), eb('sku', '=', code)]))
      .executeTakeFirst();
    if (!product)
      throw new Problem(400, 'unknown_barcode', m.unknown_barcode, {
        params: { code },
        errors: [fieldError('code', m.unknown_barcode, { code })],
      });
    const onOrder = await ctx.db
      .selectFrom('orders.allocations')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('order_id', '=', orderId)
      .where('product_id', '=', product.id)
      .executeTakeFirst();
    if (!onOrder)
      throw new Problem(400, 'wrong_item', m.wrong_item, {
        params: { code },
        errors: [fieldError('code', m.wrong_item, { code })],
      });
    chosen = open.filter((a) => a.product_id === product.id && (!input.lot || a.lot === input.lot));
    want = milli(input.quantity ?? 1);
    const left = chosen.reduce((s, a) => s + a.left, 0);
    if (want <= 0)
      throw new Problem(400, 'invalid_quantity', m.invalid_quantity, {
        errors: [fieldError('quantity', m.invalid_quantity)],
      });
    if (left === 0 || want > left)
      throw new Problem(409, 'already_picked', m.already_picked, {
        params: { sku: product.sku },
        extra: { remaining: fromMilli(left) },
      });
  }
  const { dispatchId } = await warehouseLocations(ctx, order.warehouse_id);
  await lockLevels(
    ctx,
    chosen.map((a) => a.product_id),
    order.warehouse_id,
  );
  const moves: MoveInput[] = [];
  const picked = new Map<string, { sku: string; qty: number }>();
  for (const a of chosen) {
    if (want <= 0) break;
    const take = Math.min(a.left, want);
    want -= take;
    const base = { productId: a.product_id, lot: a.lot, orderId, document: order.number, kind: 'pick' as const };
    moves.push({ ...base, locationId: a.location_id, onHand: -take, reserved: -take });
    moves.push({ ...base, locationId: dispatchId, onHand: take, reserved: take });
    await ctx.db
      .updateTable('orders.allocations')
      .set({ picked: qtyText(milli(a.picked) + take) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', a.id)
      .execute();
    const cur = picked.get(a.product_id) ?? { sku: a.sku, qty: 0 };
    cur.qty += take;
    picked.set(a.product_id, cur);
  }
  await postMoves(ctx, moves);
  const after = await openAllocations(ctx, orderId);
  const complete = after.every((a) => a.left === 0);
  return [...picked].map(([productId, p]) => ({
    productId,
    sku: p.sku,
    picked: fromMilli(p.qty),
    remaining: fromMilli(after.filter((a) => a.product_id === productId).reduce((s, a) => s + a.left, 0)),
    complete,
  }));
}

/** What of an order is picked and waiting at dispatch (thousandths). */
export async function pickedTotal(ctx: PluginContext, orderId: string): Promise<number> {
  const rows = await ctx.db
    .selectFrom('orders.allocations')
    .select('picked')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('shipped', '=', false)
    .execute();
  return rows.reduce((s, r) => s + milli(r.picked), 0);
}
