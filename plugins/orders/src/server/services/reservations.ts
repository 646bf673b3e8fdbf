import { newId, type PluginContext, Problem } from '@bureau/core';
import { m } from '../messages.ts';
import { kitParts } from './products.ts';
import { fromMilli, milli, qtyText } from './quantity.ts';
import { type LevelRow, lockLevels, type MoveInput, postMoves } from './stock.ts';

export interface Requirement {
  lineId: string;
  lineNo: number;
  sku: string;
  productId: string;
  /** Thousandths still to reserve. */
  quantity: number;
}

export interface Shortage {
  lineNo: number;
  productId: string;
  sku: string;
  requested: number;
  available: number;
}

/**
 * What an order's lines still need reserved, per stocked product (a kit line needs its components):
 * the line quantity less what was shipped and what is allocated now.
 */
export async function requirements(ctx: PluginContext, orderId: string): Promise<Requirement[]> {
  const lines = await ctx.db
    .selectFrom('orders.order_lines as l')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'),
    )
    .select(['l.id', 'l.line_no', 'l.product_id', 'l.quantity', 'l.shipped', 'p.is_kit'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
  const allocated = await ctx.db
    .selectFrom('orders.allocations')
    .select(['line_id', 'product_id', 'quantity'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('shipped', '=', false)
    .execute();
  const skus = new Map(
    (
      await ctx.db.selectFrom('orders.products').select(['id', 'sku']).where('tenant_id', '=', ctx.tenant.id).execute()
    ).map((p) => [p.id, p.sku]),
  );
  const out: Requirement[] = [];
  for (const l of lines) {
    const open = milli(l.quantity) - milli(l.shipped);
    const parts = l.is_kit ? await kitParts(ctx, l.product_id) : [{ productId: l.product_id, perKit: 1000 }];
    for (const part of parts) {
      const need = Math.round((open * part.perKit) / 1000);
      const have = allocated
        .filter((a) => a.line_id === l.id && a.product_id === part.productId)
        .reduce((s, a) => s + milli(a.quantity), 0);
      if (need - have > 0)
        out.push({
          lineId: l.id,
          lineNo: l.line_no,
          sku: skus.get(part.productId) ?? '',
          productId: part.productId,
          quantity: need - have,
        });
    }
  }
  return out;
}

/**
 * Reserves what an order still needs from the bins of its warehouse, in pick-path order. The level
 * rows are locked first (FOR UPDATE, in a fixed order), so of concurrent orders for the last units
 * exactly as many succeed as there is stock; the rest see the committed levels and are refused.
 * `partial` reserves what there is and leaves the rest as a backorder; otherwise any shortage is
 * 409 `insufficient_stock` naming the lines, and nothing is reserved.
 */
export async function reserve(
  ctx: PluginContext,
  order: { id: string; number: string; warehouse_id: string },
  options: { partial?: boolean } = {},
): Promise<{ shortages: Shortage[] }> {
  const needs = await requirements(ctx, order.id);
  const levels = await lockLevels(
    ctx,
    needs.map((n) => n.productId),
    order.warehouse_id,
  );
  const bins = levels
    .filter((l) => l.kind === 'bin')
    .sort((a, b) => a.pickPath - b.pickPath || a.code.localeCompare(b.code) || a.lot.localeCompare(b.lot));
  const free = new Map<LevelRow, number>(bins.map((l) => [l, l.onHand - l.reserved]));
  const allocations: Array<Record<string, unknown>> = [];
  const moves: MoveInput[] = [];
  const short = new Map<number, Shortage>();
  for (const need of needs) {
    let left = need.quantity;
    for (const level of bins) {
      if (left === 0) break;
      if (level.productId !== need.productId) continue;
      const take = Math.min(left, free.get(level) ?? 0);
      if (take <= 0) continue;
      free.set(level, (free.get(level) ?? 0) - take);
      left -= take;
      allocations.push({
        tenant_id: ctx.tenant.id,
        id: newId(),
        order_id: order.id,
        line_id: need.lineId,
        product_id: need.productId,
        location_id: level.locationId,
        lot: level.lot,
        quantity: qtyText(take),
      });
      moves.push({
        productId: need.productId,
        locationId: level.locationId,
        lot: level.lot,
        kind: 'reservation',
        reserved: take,
        orderId: order.id,
        document: order.number,
      });
    }
    if (left > 0 && !short.has(need.lineNo))
      short.set(need.lineNo, {
        lineNo: need.lineNo,
        productId: need.productId,
        sku: need.sku,
        requested: fromMilli(need.quantity),
        available: fromMilli(need.quantity - left),
      });
  }
  const shortages = [...short.values()];
  if (shortages.length && !options.partial)
    throw new Problem(409, 'insufficient_stock', m.insufficient_stock, {
      params: {
        count: shortages.length,
        lines: shortages.map((s) => `#${s.lineNo} ${s.sku} (${s.available}/${s.requested})`).join(', '),
      },
      extra: { lines: shortages },
    });
  if (allocations.length) await ctx.db.insertInto('orders.allocations').values(allocations).execute();
  await postMoves(ctx, moves);
  return { shortages };
}

/** Gives back an order's unpicked reservations and returns picked goods from dispatch to their bins. */
export async function releaseAll(
  ctx: PluginContext,
  order: { id: string; number: string; warehouse_id: string },
  dispatchId: string,
): Promise<void> {
  const rows = await ctx.db
    .selectFrom('orders.allocations')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', order.id)
    .where('shipped', '=', false)
    .orderBy('product_id')
    .orderBy('location_id')
    .execute();
  const moves: MoveInput[] = [];
  for (const a of rows) {
    const picked = milli(a.picked);
    const unpicked = milli(a.quantity) - picked;
    const base = { productId: a.product_id, lot: a.lot, orderId: order.id, document: order.number };
    if (unpicked > 0) moves.push({ ...base, locationId: a.location_id, kind: 'release', reserved: -unpicked });
    if (picked > 0) {
      moves.push({ ...base, locationId: dispatchId, kind: 'release', onHand: -picked, reserved: -picked });
      moves.push({ ...base, locationId: a.location_id, kind: 'return', onHand: picked });
    }
  }
  await postMoves(ctx, moves);
  await ctx.db
    .deleteFrom('orders.allocations')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', order.id)
    .where('shipped', '=', false)
    .execute();
}
