import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import { today } from './products.ts';

/**
 * What a fulfilment house acts on, per client (provider console): orders waiting to be picked
 * (confirmed or being picked), shipped today, and late (promised before today and not shipped yet).
 */
export async function summary(ctx: PluginContext): Promise<Record<string, unknown>> {
  const date = today(ctx);
  const row = await sql<{ to_pick: string; shipped_today: string; late: string }>`
    select count(*) filter (where status in ('confirmed', 'picking')) as to_pick,
           count(*) filter (where shipped_at is not null and (shipped_at at time zone 'Europe/Prague')::date = ${date}::date) as shipped_today,
           count(*) filter (where status in ('confirmed', 'picking', 'packed') and promised_date < ${date}::date) as late
      from orders.orders where tenant_id = ${ctx.tenant.id}`.execute(ctx.db);
  const r = row.rows[0];
  return { toPick: Number(r?.to_pick ?? 0), shippedToday: Number(r?.shipped_today ?? 0), late: Number(r?.late ?? 0) };
}
