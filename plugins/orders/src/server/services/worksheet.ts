import { type PluginContext, z } from '@bureau/core';
import { sql } from 'kysely';
import { today, ymd } from './products.ts';
import { fromMilli, milli } from './quantity.ts';

export const WorksheetLine = z.object({
  lineNo: z.number(),
  sku: z.string(),
  /** Units still to ship (of the product picked: a kit line lists each component). */
  needed: z.number(),
  picked: z.number(),
  /** Reserved for the order and not picked yet: pickable now. */
  reserved: z.number(),
  /** Not reserved but free in the warehouse's bins, in queue order: pickable once reserved. */
  fromStock: z.number(),
  short: z.number(),
});

export const WorksheetRow = z
  .object({
    orderId: z.string(),
    number: z.string(),
    status: z.string(),
    customer: z.string(),
    orderDate: z.string(),
    promisedDate: z.string().nullable(),
    late: z.boolean(),
    /** full: everything still to ship can be picked now; partly: some of it; none: nothing. */
    verdict: z.enum(['full', 'partly', 'none']),
    lines: z.array(WorksheetLine),
    blocks: z.array(
      z.object({
        code: z.enum(['not_confirmed', 'short']),
        lineNo: z.number().nullable(),
        sku: z.string().nullable(),
        short: z.number().nullable(),
      }),
    ),
  })
  .openapi('OrdersWorksheetRow');
export type WorksheetRow = z.infer<typeof WorksheetRow>;

/**
 * The fulfilment worksheet (the one ERPNext users asked for in frappe/erpnext#3828): every open order
 * (draft, confirmed, being picked) in queue order — promised date, then order date and number — with
 * what of each line is picked, reserved and pickable now, what free stock in its warehouse's bins
 * would cover (handed out in queue order, so two orders never count the same unit), and what is
 * short. An order is `full` when nothing is short, `partly` when something is pickable and something
 * short, `none` when nothing is pickable; its blocks name the lines short and a draft still to confirm.
 */
export async function worksheet(
  ctx: PluginContext,
  filter: { warehouseId?: string | undefined; verdict?: WorksheetRow['verdict'] | undefined } = {},
): Promise<{ items: WorksheetRow[]; summary: Record<WorksheetRow['verdict'], number> }> {
  const id = ctx.tenant.id;
  const orders = await sql<Record<string, any>>`
    select o.id, o.number, o.status, o.customer, o.order_date, o.promised_date, o.warehouse_id
      from orders.orders o
     where o.tenant_id = ${id} and o.status in ('draft', 'confirmed', 'picking')
       ${filter.warehouseId ? sql`and o.warehouse_id = ${filter.warehouseId}` : sql``}
     order by o.promised_date nulls last, o.order_date, o.number
     limit 1000`.execute(ctx.db);
  const orderIds = orders.rows.map((o) => o.id as string);
  if (orderIds.length === 0) return { items: [], summary: { full: 0, partly: 0, none: 0 } };
  // Each line as what it needs of each product it is picked as: itself, or a kit's components.
  const needs = await sql<Record<string, any>>`
    select l.order_id, l.id as line_id, l.line_no, l.quantity, l.shipped,
           coalesce(k.component_id, l.product_id) as product_id, coalesce(k.quantity, 1) as per_unit,
           p.sku
      from orders.order_lines l
      left join orders.kit_components k on k.tenant_id = l.tenant_id and k.kit_id = l.product_id
      join orders.products p on p.tenant_id = l.tenant_id and p.id = coalesce(k.component_id, l.product_id)
     where l.tenant_id = ${id} and l.order_id in (${sql.join(orderIds)})
     order by l.line_no, p.sku`.execute(ctx.db);
  const allocations = await sql<Record<string, any>>`
    select line_id, product_id, sum(quantity) as quantity, sum(picked) as picked
      from orders.allocations
     where tenant_id = ${id} and order_id in (${sql.join(orderIds)}) and not shipped
     group by line_id, product_id`.execute(ctx.db);
  const free = await sql<Record<string, any>>`
    select loc.warehouse_id, l.product_id, sum(l.on_hand - l.reserved) as available
      from orders.stock_levels l
      join orders.locations loc on loc.tenant_id = l.tenant_id and loc.id = l.location_id
     where l.tenant_id = ${id} and loc.kind = 'bin'
     group by loc.warehouse_id, l.product_id`.execute(ctx.db);
  const pool = new Map(free.rows.map((r) => [`${r.warehouse_id}|${r.product_id}`, milli(r.available)]));
  const allocated = new Map(
    allocations.rows.map((a) => [
      `${a.line_id}|${a.product_id}`,
      { quantity: milli(a.quantity), picked: milli(a.picked) },
    ]),
  );
  const date = today(ctx);
  const items: WorksheetRow[] = [];
  for (const o of orders.rows) {
    const lines: WorksheetRow['lines'] = [];
    const blocks: WorksheetRow['blocks'] = [];
    if (o.status === 'draft') blocks.push({ code: 'not_confirmed', lineNo: null, sku: null, short: null });
    let pickable = 0;
    let short = 0;
    for (const n of needs.rows.filter((x) => x.order_id === o.id)) {
      const needed = Math.round(((milli(n.quantity) - milli(n.shipped)) * milli(n.per_unit)) / 1000);
      if (needed <= 0) continue;
      const a = allocated.get(`${n.line_id}|${n.product_id}`) ?? { quantity: 0, picked: 0 };
      const reserved = a.quantity - a.picked;
      const missing = Math.max(0, needed - a.picked - reserved);
      const key = `${o.warehouse_id}|${n.product_id}`;
      const fromStock = Math.min(missing, Math.max(0, pool.get(key) ?? 0));
      pool.set(key, (pool.get(key) ?? 0) - fromStock);
      const lineShort = missing - fromStock;
      pickable += reserved + fromStock;
      short += lineShort;
      lines.push({
        lineNo: n.line_no,
        sku: n.sku,
        needed: fromMilli(needed),
        picked: fromMilli(a.picked),
        reserved: fromMilli(reserved),
        fromStock: fromMilli(fromStock),
        short: fromMilli(lineShort),
      });
      if (lineShort > 0) blocks.push({ code: 'short', lineNo: n.line_no, sku: n.sku, short: fromMilli(lineShort) });
    }
    const verdict = short === 0 ? 'full' : pickable > 0 ? 'partly' : 'none';
    const customer = typeof o.customer === 'string' ? JSON.parse(o.customer) : o.customer;
    const promised = o.promised_date ? ymd(o.promised_date) : null;
    items.push({
      orderId: o.id,
      number: o.number,
      status: o.status,
      customer: customer?.name ?? '',
      orderDate: ymd(o.order_date),
      promisedDate: promised,
      late: promised !== null && promised < date,
      verdict,
      lines,
      blocks,
    });
  }
  const summary = { full: 0, partly: 0, none: 0 };
  for (const i of items) summary[i.verdict] += 1;
  return { items: filter.verdict ? items.filter((i) => i.verdict === filter.verdict) : items, summary };
}
