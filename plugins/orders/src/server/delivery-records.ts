import { type DataSubject, type PersonalDataItem, type PluginContext, pragueDay } from '@bureau/core';

/**
 * The personal data of own-courier stops: who took the parcel (`recipient_name`) and the driver's
 * note on a failed stop (`failure_note`, which may say who was met or why). Both go with the
 * order's delivery records (or the order itself); the cash figures and the stop stay.
 */
export async function forgetStops(
  ctx: PluginContext,
  by: { orderIds?: readonly string[]; stopIds?: readonly string[] },
) {
  const ids = by.orderIds ?? by.stopIds ?? [];
  if (!ids.length) return;
  await ctx.db
    .updateTable('orders.delivery_stops')
    .set({ recipient_name: null, failure_note: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where(by.orderIds ? 'order_id' : 'id', 'in', [...ids])
    .execute();
}

/**
 * The stops that speak of the person: those of their own orders (`orderIds`) and those they took
 * for someone else (the recipient's name, case-insensitive), as items of the delivery records class.
 */
export async function stopsOfSubject(
  ctx: PluginContext,
  subject: DataSubject,
  orderIds: readonly string[],
): Promise<PersonalDataItem[]> {
  const name = subject.name?.trim().toLowerCase();
  if (!name && !orderIds.length) return [];
  const rows = await ctx.db
    .selectFrom('orders.delivery_stops as s')
    .innerJoin('orders.orders as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.order_id'))
    .innerJoin('orders.delivery_runs as r', (j) =>
      j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.run_id'),
    )
    .select(['s.id', 's.order_id', 'o.number', 'r.number as run_number', 'r.run_date', 's.recipient_name'])
    .select(['s.failure_reason', 's.failure_note'])
    .select(pragueDay('s.done_at').as('done_on'))
    .where('s.tenant_id', '=', ctx.tenant.id)
    .where((eb) => eb.or([eb('s.recipient_name', 'is not', null), eb('s.failure_note', 'is not', null)]))
    .where((eb) => {
      const any = [];
      if (orderIds.length) any.push(eb('s.order_id', 'in', [...orderIds]));
      if (name) any.push(eb(eb.fn('lower', [eb.fn('btrim', ['s.recipient_name'])]), '=', name));
      return eb.or(any);
    })
    .orderBy('s.done_at')
    .execute();
  return rows.map((r) => ({
    recordClass: 'orders.deliveries',
    id: r.id as string,
    label: `${r.number} · ${r.run_number}`,
    triggerDate: (r.done_on ?? String(r.run_date).slice(0, 10)) as string,
    entityType: 'orders.order',
    entityId: r.order_id as string,
    data: {
      order: r.number,
      run: r.run_number,
      recipientName: r.recipient_name,
      failureReason: r.failure_reason,
      failureNote: r.failure_note,
    },
  }));
}
