import { newId, type PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import { STOCK_LOW, type StockLow } from '../../contract.ts';
import { fromMilli, milli, qtyText } from './quantity.ts';

export type MoveKind =
  | 'receipt'
  | 'reservation'
  | 'release'
  | 'pick'
  | 'ship'
  | 'return'
  | 'adjustment'
  | 'count'
  | 'scrap';

export interface MoveInput {
  productId: string;
  locationId: string;
  lot?: string | undefined;
  kind: MoveKind;
  /** Change of on hand and reserved, in thousandths of the unit. */
  onHand?: number;
  reserved?: number;
  orderId?: string | null;
  document?: string | null;
  reason?: string | null;
}

/** Constraint names on orders.stock_levels that mean "not enough stock". */
const STOCK_CHECKS = ['stock_on_hand_nonnegative', 'stock_reserved_nonnegative', 'stock_available_nonnegative'];

/** Whether a database error is the stock wall (a level would go negative). */
export function isStockViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23514' && STOCK_CHECKS.some((c) => e.constraint === c || e.message?.includes(c));
}

/** Available stock in bins (thousandths) of those products that have a reorder point. */
async function watched(ctx: PluginContext, productIds: string[]) {
  const rows = await sql<{ id: string; sku: string; reorder_point: string; available: string }>`
    select p.id, p.sku, p.reorder_point,
           coalesce(sum(l.on_hand - l.reserved) filter (where loc.kind = 'bin'), 0) as available
      from orders.products p
      left join orders.stock_levels l on l.tenant_id = p.tenant_id and l.product_id = p.id
      left join orders.locations loc on loc.tenant_id = l.tenant_id and loc.id = l.location_id
     where p.tenant_id = ${ctx.tenant.id} and p.id in (${sql.join(productIds)}) and p.reorder_point is not null
     group by p.tenant_id, p.id`.execute(ctx.db);
  return new Map(
    rows.rows.map((r) => [r.id, { sku: r.sku, reorderPoint: milli(r.reorder_point), available: milli(r.available) }]),
  );
}

/**
 * Writes moves to the ledger. The insert trigger applies each to stock_levels, whose CHECKs refuse a
 * level below zero: callers lock and check first to name what is short, the database is the wall.
 * A product whose available stock crosses its reorder point downwards (from above it to at or below
 * it) emits `orders.stock.low`, once per crossing.
 */
export async function postMoves(ctx: PluginContext, moves: MoveInput[]): Promise<void> {
  if (moves.length === 0) return;
  const before = await watched(ctx, [...new Set(moves.map((m) => m.productId))]);
  await insertMoves(ctx, moves);
  if (before.size === 0) return;
  const after = await watched(ctx, [...before.keys()]);
  for (const [productId, was] of before) {
    const now = after.get(productId);
    if (!now || was.available <= was.reorderPoint || now.available > now.reorderPoint) continue;
    const payload: StockLow = {
      productId,
      sku: now.sku,
      available: fromMilli(now.available),
      reorderPoint: fromMilli(now.reorderPoint),
    };
    await ctx.emit(STOCK_LOW, payload);
  }
}

async function insertMoves(ctx: PluginContext, moves: MoveInput[]): Promise<void> {
  const at = ctx.now();
  const actor = ctx.actor ? ctx.actor.label : 'system';
  await ctx.db
    .insertInto('orders.stock_moves')
    .values(
      moves.map((m) => ({
        tenant_id: ctx.tenant.id,
        id: newId(),
        product_id: m.productId,
        location_id: m.locationId,
        lot: m.lot ?? '',
        kind: m.kind,
        on_hand_delta: qtyText(m.onHand ?? 0),
        reserved_delta: qtyText(m.reserved ?? 0),
        order_id: m.orderId ?? null,
        document: m.document ?? null,
        reason: m.reason ?? null,
        actor,
        created_at: at,
      })),
    )
    .execute();
}

export interface LevelRow {
  productId: string;
  locationId: string;
  lot: string;
  /** Thousandths. */
  onHand: number;
  reserved: number;
  kind: string;
  code: string;
  pickPath: number;
  warehouseId: string;
}

/**
 * The stock levels of products, locked for this transaction (FOR UPDATE), in one fixed order
 * (product, location, lot) so that concurrent reservations cannot deadlock. Under READ COMMITTED a
 * lock that had to wait returns the row as the other transaction committed it.
 */
export async function lockLevels(ctx: PluginContext, productIds: string[], warehouseId?: string): Promise<LevelRow[]> {
  if (productIds.length === 0) return [];
  const ids = [...new Set(productIds)].sort();
  const rows = await sql<Record<string, any>>`
    select l.product_id, l.location_id, l.lot, l.on_hand, l.reserved, loc.kind, loc.code, loc.pick_path, loc.warehouse_id
      from orders.stock_levels l
      join orders.locations loc on loc.tenant_id = l.tenant_id and loc.id = l.location_id
     where l.tenant_id = ${ctx.tenant.id} and l.product_id in (${sql.join(ids)})
       ${warehouseId ? sql`and loc.warehouse_id = ${warehouseId}` : sql``}
     order by l.product_id, l.location_id, l.lot
       for update of l`.execute(ctx.db);
  return rows.rows.map((r) => ({
    productId: r.product_id,
    locationId: r.location_id,
    lot: r.lot,
    onHand: milli(r.on_hand),
    reserved: milli(r.reserved),
    kind: r.kind,
    code: r.code,
    pickPath: Number(r.pick_path),
    warehouseId: r.warehouse_id,
  }));
}

export interface StockFigures {
  onHand: number;
  reserved: number;
  available: number;
}

/** On hand, reserved and available of a product (optionally at one location), as numbers of units. */
export async function stockOf(
  ctx: PluginContext,
  productId: string,
  filter: { locationId?: string | undefined; warehouseId?: string | undefined } = {},
): Promise<
  StockFigures & {
    scrapped: number;
    locations: Array<StockFigures & { locationId: string; code: string; lot: string }>;
  }
> {
  let q = ctx.db
    .selectFrom('orders.stock_levels as l')
    .innerJoin('orders.locations as loc', (j) =>
      j.onRef('loc.tenant_id', '=', 'l.tenant_id').onRef('loc.id', '=', 'l.location_id'),
    )
    .select(['l.location_id', 'l.lot', 'l.on_hand', 'l.reserved', 'loc.code', 'loc.kind'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.product_id', '=', productId);
  if (filter.locationId) q = q.where('l.location_id', '=', filter.locationId);
  if (filter.warehouseId) q = q.where('loc.warehouse_id', '=', filter.warehouseId);
  const rows = await q.orderBy('loc.pick_path').orderBy('loc.code').orderBy('l.lot').execute();
  let onHand = 0;
  let reserved = 0;
  let scrapped = 0;
  const locations = [];
  for (const r of rows) {
    const h = milli(r.on_hand);
    const s = milli(r.reserved);
    if (h === 0 && s === 0) continue;
    if (r.kind === 'scrap') {
      scrapped += h;
      continue;
    }
    onHand += h;
    reserved += s;
    locations.push({
      locationId: r.location_id,
      code: r.code,
      lot: r.lot,
      onHand: fromMilli(h),
      reserved: fromMilli(s),
      available: fromMilli(h - s),
    });
  }
  return {
    onHand: fromMilli(onHand),
    reserved: fromMilli(reserved),
    available: fromMilli(onHand - reserved),
    scrapped: fromMilli(scrapped),
    locations,
  };
}
