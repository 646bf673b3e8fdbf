import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import { fromMilli, milli } from './quantity.ts';

export interface WaveLine {
  location: string;
  pickPath: number;
  productId: string;
  sku: string;
  gtin: string | null;
  name: string;
  lot: string;
  /** Units still to pick at this bin, over all the wave's orders. */
  quantity: number;
  orders: Array<{ orderId: string; number: string; quantity: number }>;
}

/**
 * A pick list for a wave of orders: what is reserved and not yet picked, summed per bin, product and
 * lot, in the order of the pick walk (pick path, bin code, SKU), each line saying which orders take
 * how much. Without `orderIds`, every order that is confirmed or being picked.
 */
export async function waveList(
  ctx: PluginContext,
  orderIds: string[] | undefined,
): Promise<{ orders: Array<{ id: string; number: string }>; lines: WaveLine[] }> {
  const rows = await sql<Record<string, any>>`
    select o.id as order_id, o.number, a.product_id, a.lot, a.quantity, a.picked,
           p.sku, p.gtin, p.name_cs, p.name_en, loc.code, loc.pick_path
      from orders.allocations a
      join orders.orders o on o.tenant_id = a.tenant_id and o.id = a.order_id
      join orders.products p on p.tenant_id = a.tenant_id and p.id = a.product_id
      join orders.locations loc on loc.tenant_id = a.tenant_id and loc.id = a.location_id
     where a.tenant_id = ${ctx.tenant.id} and not a.shipped and a.quantity > a.picked
       and o.status in ('confirmed', 'picking')
       ${orderIds?.length ? sql`and o.id in (${sql.join(orderIds)})` : sql``}
     order by loc.pick_path, loc.code, p.sku, a.lot, o.number`.execute(ctx.db);
  const lines = new Map<string, WaveLine & { milli: number }>();
  const orders = new Map<string, string>();
  for (const r of rows.rows) {
    orders.set(r.order_id, r.number);
    const key = `${r.code}|${r.product_id}|${r.lot}`;
    const left = milli(r.quantity) - milli(r.picked);
    const line = lines.get(key) ?? {
      location: r.code,
      pickPath: Number(r.pick_path),
      productId: r.product_id,
      sku: r.sku,
      gtin: r.gtin ?? null,
      name: ctx.tenant.locale === 'en' ? r.name_en : r.name_cs,
      lot: r.lot,
      quantity: 0,
      milli: 0,
      orders: [] as WaveLine['orders'],
    };
    line.milli += left;
    line.quantity = fromMilli(line.milli);
    const existing = line.orders.find((o) => o.orderId === r.order_id);
    if (existing) existing.quantity = fromMilli(milli(existing.quantity) + left);
    else line.orders.push({ orderId: r.order_id, number: r.number, quantity: fromMilli(left) });
    lines.set(key, line);
  }
  return {
    orders: [...orders].map(([id, number]) => ({ id, number })).sort((a, b) => a.number.localeCompare(b.number)),
    lines: [...lines.values()].map(({ milli: _, ...l }) => l),
  };
}
