import { formatMoney, type PluginContext, z } from '@bureau/core';
import { sql } from 'kysely';
import { runRow } from './delivery.ts';
import { ymd } from './products.ts';

export const Stop = z.object({
  id: z.string(),
  seq: z.number(),
  orderId: z.string(),
  orderNumber: z.string(),
  orderStatus: z.string(),
  customer: z.string(),
  shipTo: z.record(z.string(), z.unknown()).nullable(),
  packages: z.number(),
  status: z.enum(['pending', 'delivered', 'failed']),
  codDue: z.string(),
  codCollected: z.string().nullable(),
  recipientName: z.string().nullable(),
  proofRecordId: z.string().nullable(),
  failureReason: z.string().nullable(),
  failureNote: z.string().nullable(),
  doneAt: z.string().nullable(),
});

export const Run = z
  .object({
    id: z.string(),
    number: z.string(),
    date: z.string(),
    driverUserId: z.string(),
    status: z.enum(['planned', 'out', 'completed']),
    currency: z.string(),
    note: z.string().nullable(),
    stopCount: z.number(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .openapi('OrdersDeliveryRun');
export type Run = z.infer<typeof Run>;

export const RunDetail = Run.extend({
  stops: z.array(Stop),
  cash: z.object({
    due: z.string(),
    collected: z.string(),
    handedOver: z.string().nullable(),
    /** Handed over less collected; null until the run is closed. */
    difference: z.string().nullable(),
    /** Stops whose collected cash differs from what the order asked. */
    stopDifferences: z.array(z.object({ stopId: z.string(), orderNumber: z.string(), difference: z.string() })),
  }),
}).openapi('OrdersDeliveryRunDetail');
export type RunDetail = z.infer<typeof RunDetail>;

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

export function toRun(r: Record<string, any>): z.infer<typeof Run> {
  return {
    id: r.id,
    number: r.number,
    date: ymd(r.run_date),
    driverUserId: r.driver_user_id,
    status: r.status,
    currency: r.currency,
    note: r.note,
    stopCount: Number(r.stop_count ?? 0),
    createdAt: iso(r.created_at) as string,
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
  };
}

/** Runs with their stop counts, newest date first; a driver's own only when `driverUserId` is given. */
export function runsQuery(ctx: PluginContext) {
  return ctx.db
    .selectFrom('orders.delivery_runs as r')
    .selectAll('r')
    .select(
      sql<number>`(select count(*) from orders.delivery_stops s where s.tenant_id = r.tenant_id and s.run_id = r.id)`.as(
        'stop_count',
      ),
    )
    .where('r.tenant_id', '=', ctx.tenant.id);
}

/** A run with its stops in order (address, phone, packages, cash to collect) and its cash reconciliation. */
export async function runDetail(ctx: PluginContext, runId: string): Promise<RunDetail> {
  await runRow(ctx, runId);
  const run = await runsQuery(ctx).where('r.id', '=', runId).executeTakeFirstOrThrow();
  const rows = await ctx.db
    .selectFrom('orders.delivery_stops as s')
    .innerJoin('orders.orders as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.order_id'))
    .selectAll('s')
    .select(['o.number', 'o.status as order_status', 'o.customer', 'o.ship_to'])
    .select(
      sql<number>`(select count(*) from orders.packages p where p.tenant_id = o.tenant_id and p.order_id = o.id)`.as(
        'package_count',
      ),
    )
    .where('s.tenant_id', '=', ctx.tenant.id)
    .where('s.run_id', '=', runId)
    .orderBy('s.seq')
    .execute();
  const stops = rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    orderId: r.order_id,
    orderNumber: r.number,
    orderStatus: r.order_status,
    customer: json(r.customer)?.name ?? '',
    shipTo: json(r.ship_to) ?? null,
    packages: Number(r.package_count),
    status: r.status,
    codDue: formatMoney(r.cod_due_minor),
    codCollected: r.cod_collected_minor === null ? null : formatMoney(r.cod_collected_minor),
    recipientName: r.recipient_name,
    proofRecordId: r.proof_record_id,
    failureReason: r.failure_reason,
    failureNote: r.failure_note,
    doneAt: iso(r.done_at),
  }));
  const due = rows.reduce((s, r) => s + (r.status === 'failed' ? 0n : BigInt(r.cod_due_minor)), 0n);
  const collected = rows.reduce((s, r) => s + BigInt(r.cod_collected_minor ?? 0), 0n);
  const handed = run.cash_handed_minor === null ? null : BigInt(run.cash_handed_minor);
  return {
    ...toRun(run),
    stops,
    cash: {
      due: formatMoney(due),
      collected: formatMoney(collected),
      handedOver: handed === null ? null : formatMoney(handed),
      difference: handed === null ? null : formatMoney(handed - collected),
      stopDifferences: rows
        .filter((r) => r.status === 'delivered' && BigInt(r.cod_collected_minor) !== BigInt(r.cod_due_minor))
        .map((r) => ({
          stopId: r.id,
          orderNumber: r.number,
          difference: formatMoney(BigInt(r.cod_collected_minor) - BigInt(r.cod_due_minor)),
        })),
    },
  };
}

export const OrderDelivery = z
  .object({
    stopId: z.string(),
    runId: z.string(),
    runNumber: z.string(),
    runDate: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    recipientName: z.string().nullable(),
    proofRecordId: z.string().nullable(),
    failureReason: z.string().nullable(),
    failureNote: z.string().nullable(),
    doneAt: z.string().nullable(),
  })
  .openapi('OrdersOrderDelivery');
export type OrderDelivery = z.infer<typeof OrderDelivery>;

/** An order's own-courier stops, newest run first: who took it and when, its proof, or why it failed. */
export async function orderDeliveries(ctx: PluginContext, orderId: string): Promise<z.infer<typeof OrderDelivery>[]> {
  const rows = await ctx.db
    .selectFrom('orders.delivery_stops as s')
    .innerJoin('orders.delivery_runs as r', (j) =>
      j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.run_id'),
    )
    .select(['s.id', 's.run_id', 'r.number', 'r.run_date', 's.status', 's.recipient_name', 's.proof_record_id'])
    .select(['s.failure_reason', 's.failure_note', 's.done_at'])
    .where('s.tenant_id', '=', ctx.tenant.id)
    .where('s.order_id', '=', orderId)
    .orderBy('r.run_date', 'desc')
    .orderBy('r.number', 'desc')
    .execute();
  return rows.map((r) => ({
    stopId: r.id,
    runId: r.run_id,
    runNumber: r.number,
    runDate: ymd(r.run_date),
    status: r.status,
    recipientName: r.recipient_name,
    proofRecordId: r.proof_record_id,
    failureReason: r.failure_reason,
    failureNote: r.failure_note,
    doneAt: iso(r.done_at),
  }));
}
