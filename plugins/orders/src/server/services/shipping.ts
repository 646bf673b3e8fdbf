import { newId, type PluginContext, storedText } from '@bureau/core';
import { m } from '../messages.ts';
import { orderWorkflow } from '../workflow.ts';
import { createOrder, orderRow } from './orders.ts';
import { milli, qtyText } from './quantity.ts';
import { releaseAll, reserve } from './reservations.ts';
import { type MoveInput, postMoves } from './stock.ts';
import { warehouseLocations } from './warehouses.ts';

/**
 * Packs what was picked: the packages given (weights in grams), or one package weighing what its
 * goods weigh (at least 100 g for the box) when the packer entered none.
 */
export async function ensurePackages(ctx: PluginContext, orderId: string): Promise<void> {
  const existing = await ctx.db
    .selectFrom('orders.packages')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (existing) return;
  const rows = await ctx.db
    .selectFrom('orders.allocations as a')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.product_id'),
    )
    .select(['a.picked', 'p.weight_g'])
    .where('a.tenant_id', '=', ctx.tenant.id)
    .where('a.order_id', '=', orderId)
    .where('a.shipped', '=', false)
    .execute();
  const grams = rows.reduce((s, r) => s + Math.round((milli(r.picked) * (r.weight_g ?? 0)) / 1000), 0);
  await addPackage(ctx, orderId, Math.max(100, grams));
}

export async function addPackage(ctx: PluginContext, orderId: string, weightGrams: number) {
  const last = await ctx.db
    .selectFrom('orders.packages')
    .select((eb) => eb.fn.max('package_no').as('n'))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  const id = newId();
  await ctx.db
    .insertInto('orders.packages')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      order_id: orderId,
      package_no: Number(last?.n ?? 0) + 1,
      weight_g: weightGrams,
      created_at: ctx.now(),
    })
    .execute();
  return id;
}

export interface ShipOutcome {
  /** Lines shipped now: line id → thousandths. */
  shipped: Map<string, number>;
  backorderId: string | null;
}

/**
 * Ships what is picked: the goods leave the dispatch location (on hand and reservation drop), each
 * line counts what left (a kit line whole kits). What was ordered and not shipped becomes a
 * backorder: a new confirmed order for the rest that takes over its unpicked reservations.
 */
export async function shipPicked(ctx: PluginContext, orderId: string): Promise<ShipOutcome> {
  const order = await orderRow(ctx, orderId);
  const { dispatchId } = await warehouseLocations(ctx, order.warehouse_id);
  const allocations = await ctx.db
    .selectFrom('orders.allocations')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('shipped', '=', false)
    .orderBy('product_id')
    .execute();
  const moves: MoveInput[] = [];
  const pickedByLineProduct = new Map<string, number>();
  for (const a of allocations) {
    const picked = milli(a.picked);
    if (picked === 0) continue;
    moves.push({
      productId: a.product_id,
      locationId: dispatchId,
      lot: a.lot,
      kind: 'ship',
      onHand: -picked,
      reserved: -picked,
      orderId,
      document: order.number,
    });
    const key = `${a.line_id}|${a.product_id}`;
    pickedByLineProduct.set(key, (pickedByLineProduct.get(key) ?? 0) + picked);
  }
  await postMoves(ctx, moves);

  const lines = await ctx.db
    .selectFrom('orders.order_lines as l')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'),
    )
    .select(['l.id', 'l.product_id', 'l.quantity', 'l.shipped', 'l.discount_percent', 'p.is_kit'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
  const shipped = new Map<string, number>();
  const rest: Array<{ productId: string; quantityMilli: number; discountPercent: number }> = [];
  for (const l of lines) {
    let units: number;
    if (l.is_kit) {
      const parts = await ctx.db
        .selectFrom('orders.kit_components')
        .select(['component_id', 'quantity'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('kit_id', '=', l.product_id)
        .execute();
      units = Math.min(
        ...parts.map(
          (p) => Math.floor((pickedByLineProduct.get(`${l.id}|${p.component_id}`) ?? 0) / milli(p.quantity)) * 1000,
        ),
      );
    } else units = pickedByLineProduct.get(`${l.id}|${l.product_id}`) ?? 0;
    shipped.set(l.id, units);
    const total = milli(l.shipped) + units;
    await ctx.db
      .updateTable('orders.order_lines')
      .set({ shipped: qtyText(total) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', l.id)
      .execute();
    const open = milli(l.quantity) - total;
    if (open > 0)
      rest.push({ productId: l.product_id, quantityMilli: open, discountPercent: Number(l.discount_percent) });
  }
  // Picked allocations left; the unpicked part of them is handed to the backorder below.
  await ctx.db
    .updateTable('orders.allocations')
    .set({ shipped: true })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', orderId)
    .where('shipped', '=', false)
    .where('picked', '>', '0')
    .execute();
  const unpickedLeft = allocations.some((a) => milli(a.picked) < milli(a.quantity));
  if (unpickedLeft) {
    // The unpicked part of a partly picked allocation stays reserved: release it here and reserve again below.
    for (const a of allocations.filter((x) => milli(x.picked) > 0 && milli(x.picked) < milli(x.quantity)))
      await postMoves(ctx, [
        {
          productId: a.product_id,
          locationId: a.location_id,
          lot: a.lot,
          kind: 'release',
          reserved: milli(a.picked) - milli(a.quantity),
          orderId,
          document: order.number,
        },
      ]);
    await releaseAll(ctx, order, dispatchId);
  }
  let backorderId: string | null = null;
  if (rest.length) {
    const customer = typeof order.customer === 'string' ? JSON.parse(order.customer) : order.customer;
    const shipTo = typeof order.ship_to === 'string' ? JSON.parse(order.ship_to) : order.ship_to;
    backorderId = await createOrder(
      ctx,
      {
        customer: customer.partyId && customer.name === customer.partyId ? { partyId: customer.partyId } : customer,
        shipTo,
        currency: order.currency,
        carrier: order.carrier,
        cashOnDelivery: order.cash_on_delivery,
        warehouseId: order.warehouse_id,
        note: storedText(ctx.tenant, m.backorder_note, { number: order.number }),
        lines: [],
      },
      { backorderOf: orderId, status: 'confirmed', lines: rest },
    );
    await ctx.workflow(orderWorkflow).start(backorderId, order.number);
    const backorder = await orderRow(ctx, backorderId);
    await reserve(ctx, backorder, { partial: true });
  }
  return { shipped, backorderId };
}
