import { type DataSubject, type PersonalDataItem, type PluginContext, pragueDay } from '@bureau/core';

/**
 * The personal data of own-courier stops: who took the parcel (`recipient_name`), their signature
 * or the photo (`proof_record_id`, an attachment of the order) and the driver's note on a failed
 * stop (`failure_note`, which may say who was met or why). They go with the order's delivery records
 * (or the order itself); the cash figures, the stop and the order's other files stay.
 */
export async function forgetStops(
  ctx: PluginContext,
  by: { orderIds?: readonly string[]; stopIds?: readonly string[] },
) {
  const ids = by.orderIds ?? by.stopIds ?? [];
  if (!ids.length) return;
  const key = by.orderIds ? 'order_id' : 'id';
  // The signature or photo shows the recipient: it goes with their name; the order's other files stay.
  const proofs = await ctx.db
    .selectFrom('orders.delivery_stops')
    .select(['order_id', 'proof_record_id'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where(key, 'in', [...ids])
    .where('proof_record_id', 'is not', null)
    .execute();
  for (const p of proofs)
    await ctx.deleteAttachments({
      entityType: 'orders.order',
      entityId: p.order_id,
      ids: [p.proof_record_id as string],
    });
  await ctx.db
    .updateTable('orders.delivery_stops')
    .set({ recipient_name: null, failure_note: null, proof_record_id: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where(key, 'in', [...ids])
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
    data: {
      order: r.number,
      run: r.run_number,
      recipientName: r.recipient_name,
      failureReason: r.failure_reason,
      failureNote: r.failure_note,
    },
  }));
}
