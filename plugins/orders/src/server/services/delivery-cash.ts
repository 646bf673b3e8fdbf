import { fieldError, formatMoney, type PluginContext, Problem } from '@bureau/core';
import { m } from '../messages.ts';
import { settleCod } from './cod-settle.ts';
import { runRow } from './delivery.ts';
import { today } from './products.ts';

export interface HandoverInput {
  /** Cash the driver hands over, in minor units. */
  cashHandedMinor: bigint;
  acceptDifference?: boolean | undefined;
  note?: string | null | undefined;
}

/**
 * Closes a run once every stop is delivered or failed (409 `stops_pending`): the cash handed over is
 * kept, and a difference from what the stops collected only with the dispatcher's confirmation and a
 * note (400 `cash_difference`). Orders whose cash came in are marked settled by this run; with
 * accounting their invoices are paid by that cash through accounting's payments service.
 */
export async function completeRun(ctx: PluginContext, runId: string, input: HandoverInput): Promise<void> {
  const run = await runRow(ctx, runId, true);
  if (run.status !== 'out') throw new Problem(409, 'run_not_out', m.run_not_out);
  const stops = await ctx.db
    .selectFrom('orders.delivery_stops')
    .select(['order_id', 'status', 'cod_collected_minor'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('run_id', '=', runId)
    .execute();
  const waiting = stops.filter((s) => s.status === 'pending').length;
  if (waiting) throw new Problem(409, 'stops_pending', m.stops_pending, { params: { count: waiting } });
  const collected = stops.reduce((sum, s) => sum + BigInt(s.cod_collected_minor ?? 0), 0n);
  if (input.cashHandedMinor !== collected && !(input.acceptDifference && input.note?.trim())) {
    const params = {
      handed: formatMoney(input.cashHandedMinor),
      collected: `${formatMoney(collected)} ${run.currency}`,
    };
    throw new Problem(400, 'cash_difference', m.cash_difference, {
      params,
      errors: [fieldError('cashHandedOver', m.cash_difference, params)],
    });
  }
  await ctx.db
    .updateTable('orders.delivery_runs')
    .set({
      status: 'completed',
      completed_at: ctx.now(),
      cash_handed_minor: input.cashHandedMinor.toString(),
      note: input.note?.trim() || run.note,
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', runId)
    .execute();
  const paid = stops.filter((s) => s.status === 'delivered' && BigInt(s.cod_collected_minor ?? 0) > 0n);
  await settleCod(
    ctx,
    paid.map((s) => ({ orderId: s.order_id, amountMinor: BigInt(s.cod_collected_minor ?? 0) })),
    { settlement: run.number, date: today(ctx), method: 'cash' },
  );
  await ctx.audit({ action: 'orders.run.completed', entityType: 'orders.run', entityId: runId });
}
