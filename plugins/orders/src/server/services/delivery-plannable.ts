import { formatMoney, type PluginContext, z } from '@bureau/core';
import { sql } from 'kysely';
import { FAILURE_REASONS, type FailureReason } from './delivery.ts';
import { ymd } from './products.ts';

export const PlannableOrder = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['packed', 'shipped']),
    /** Who the stop is for: the delivery address's name, else the customer's. */
    name: z.string(),
    codDue: z.string(),
    currency: z.string(),
    /** Its last stop failed: the goods came back and it goes out again. */
    lastFailure: z
      .object({
        runNumber: z.string(),
        runDate: z.string(),
        reason: z.enum(FAILURE_REASONS),
        note: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('OrdersPlannableOrder');
export type PlannableOrder = z.infer<typeof PlannableOrder>;

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The own-courier orders a run can take now, by number: packed ones, and shipped ones whose stop
 * failed (or that were shipped by hand), none waiting on a run already. The same rule as planning
 * checks (services/delivery.ts), so what is offered can be planned.
 */
export async function ordersWaitingForRun(ctx: PluginContext, limit = 200): Promise<PlannableOrder[]> {
  const rows = await ctx.db
    .selectFrom('orders.orders as o')
    .select(['o.id', 'o.number', 'o.status', 'o.customer', 'o.ship_to', 'o.cash_on_delivery', 'o.total_minor'])
    .select('o.currency')
    .select((eb) =>
      eb
        .selectFrom('orders.delivery_stops as s')
        .innerJoin('orders.delivery_runs as r', (j) =>
          j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.run_id'),
        )
        .select(sql<string>`json_build_array(s.status, r.number, r.run_date, s.failure_reason, s.failure_note)`.as('x'))
        .whereRef('s.tenant_id', '=', 'o.tenant_id')
        .whereRef('s.order_id', '=', 'o.id')
        .orderBy('r.run_date', 'desc')
        .orderBy('r.number', 'desc')
        .limit(1)
        .as('last_stop'),
    )
    .where('o.tenant_id', '=', ctx.tenant.id)
    .where('o.carrier', '=', 'courier')
    .where('o.status', 'in', ['packed', 'shipped'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('orders.delivery_stops as p')
            .select('p.id')
            .whereRef('p.tenant_id', '=', 'o.tenant_id')
            .whereRef('p.order_id', '=', 'o.id')
            .where('p.status', '=', 'pending'),
        ),
      ),
    )
    .orderBy('o.number')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const last = json(r.last_stop) as [string, string, string, string, string | null] | null;
    return {
      id: r.id,
      number: r.number,
      status: r.status as 'packed' | 'shipped',
      name: json(r.ship_to)?.name || json(r.customer)?.name || '',
      codDue: formatMoney(r.cash_on_delivery ? BigInt(r.total_minor) : 0n),
      currency: r.currency,
      lastFailure:
        last?.[0] === 'failed'
          ? {
              runNumber: last[1],
              runDate: ymd(last[2]),
              reason: last[3] as FailureReason,
              note: last[4],
            }
          : null,
    };
  });
}
