import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';

/** Products at or below their reorder point (available stock in bins, all warehouses). */
export async function lowStock(ctx: PluginContext) {
  const rows = await sql<Record<string, any>>`
    select p.id, p.sku, p.name_cs, p.name_en, p.reorder_point,
           coalesce(sum(l.on_hand - l.reserved) filter (where loc.kind = 'bin'), 0) as available
      from orders.products p
      left join orders.stock_levels l on l.tenant_id = p.tenant_id and l.product_id = p.id
      left join orders.locations loc on loc.tenant_id = l.tenant_id and loc.id = l.location_id
     where p.tenant_id = ${ctx.tenant.id} and p.reorder_point is not null and p.active and not p.is_kit
     group by p.tenant_id, p.id
    having coalesce(sum(l.on_hand - l.reserved) filter (where loc.kind = 'bin'), 0) <= p.reorder_point
     order by p.sku`.execute(ctx.db);
  return rows.rows.map((r) => ({
    productId: r.id as string,
    sku: r.sku as string,
    name: (ctx.tenant.locale === 'en' ? r.name_en : r.name_cs) as string,
    available: Number(r.available),
    reorderPoint: Number(r.reorder_point),
  }));
}
