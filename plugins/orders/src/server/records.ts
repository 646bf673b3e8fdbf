import {
  type ClassRecordQuery,
  type DataSubject,
  idsOrNone,
  onlyTriggered,
  type PersonalDataItem,
  type PluginContext,
  type PluginPersonalData,
  type PluginRecords,
  pragueDay,
  yearEnd,
} from '@bureau/core';
import { sql } from 'kysely';
import { forgetStops, stopsOfSubject } from './delivery-records.ts';

/**
 * Orders' records (issue 18): the kinds of records the module keeps, how long and why, and what
 * disposal does to each. Periods come from core's statutory data (core/src/records/statutes.ts,
 * each figure with its provision); the reasoning for each class is next to it.
 *
 * Orders counts its periods from 31 December of the year a record concerns (`year_end`): it does
 * not know the firm's accounting period (that is accounting's setting), and the end of the
 * calendar year is never before the end of the VAT tax period (a month or a quarter, VAT act
 * § 99, § 99a). An accounting period ends at most twelve months after the end of that calendar
 * year, so where the accounting act's five years apply the class adds one year of its own (six
 * years from the year end are never shorter than five from the accounting period's end).
 */

/**
 * Sales orders with their receipts (účtenky, issued by orders without accounting): a shipped
 * order is a taxable supply; its documents are tax and accounting documents. Triggered at the
 * end of the year of shipment; a cancelled order at the end of the year it was entered; an open
 * order not yet.
 */
export async function salesRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('orders.orders')
    .select(['id', 'number', 'status', 'customer', pragueDay('shipped_at').as('shipped_on')])
    .select(pragueDay('created_at').as('created_on'))
    .where('tenant_id', '=', ctx.tenant.id);
  if (q.ids) query = query.where('id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: r.number as string,
      triggerDate: r.shipped_on
        ? yearEnd(r.shipped_on)
        : r.status === 'cancelled' && r.created_on
          ? yearEnd(r.created_on)
          : null,
      entityType: 'orders.order',
      entityId: r.id as string,
      customer: (typeof r.customer === 'string' ? JSON.parse(r.customer) : r.customer) as Record<string, unknown>,
    })),
    q,
  );
}

/**
 * Delivery records: where a shipped order went (the delivery address, when it differs from the
 * customer's) and its tracking numbers. Kept as evidence for claims (warranty, delivery disputes),
 * counted from the delivery (or the shipment, for an order not marked delivered).
 */
export async function deliveryRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('orders.orders')
    .select(['id', 'number', 'ship_to', 'tracking_number'])
    .select(pragueDay('shipped_at').as('shipped_on'))
    .select(pragueDay('delivered_at').as('delivered_on'))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('shipped_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('ship_to', 'is not', null),
        eb('tracking_number', 'is not', null),
        eb.exists(
          eb
            .selectFrom('orders.delivery_stops as s')
            .select('s.id')
            .whereRef('s.tenant_id', '=', 'orders.orders.tenant_id')
            .whereRef('s.order_id', '=', 'orders.orders.id')
            .where((e) => e.or([e('s.recipient_name', 'is not', null), e('s.failure_note', 'is not', null)])),
        ),
      ]),
    );
  if (q.ids) query = query.where('id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('shipped_at').orderBy('id').execute();
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: r.number as string,
      triggerDate: (r.delivered_on ?? r.shipped_on) as string,
    })),
    q,
  );
}

/**
 * Purchase orders with their goods receipts (příjemky, the inventory records of the books); the
 * vendor's bill itself is accounting's. Triggered when the purchase order is finished (received,
 * closed or cancelled), at the end of the year of its last receipt (or of its entry, with none).
 */
export async function purchaseRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('orders.purchase_orders as p')
    .leftJoin('orders.purchase_receipts as r', (j) =>
      j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.purchase_id', '=', 'p.id'),
    )
    .select(['p.id', 'p.number', 'p.status'])
    .select(
      sql<string>`to_char(coalesce(max(r.created_at), p.created_at) at time zone 'Europe/Prague', 'YYYY-MM-DD')`.as(
        'last_on',
      ),
    )
    .where('p.tenant_id', '=', ctx.tenant.id)
    .groupBy(['p.tenant_id', 'p.id']);
  if (q.ids) query = query.where('p.id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('p.id').execute();
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: r.number as string,
      triggerDate: ['received', 'closed', 'cancelled'].includes(r.status as string) ? yearEnd(r.last_on) : null,
      entityType: 'orders.purchase',
      entityId: r.id as string,
    })),
    q,
  );
}

/**
 * Returns: the authorisation and what came back to stock or to scrap (inventory records; the
 * credit note is accounting's). Triggered at the end of the year of receipt, or of the
 * authorisation for a cancelled one.
 */
export async function returnRecords(ctx: PluginContext, q: ClassRecordQuery) {
  let query = ctx.db
    .selectFrom('orders.returns')
    .select(['id', 'number', 'status'])
    .select(pragueDay('received_at').as('received_on'))
    .select(pragueDay('created_at').as('created_on'))
    .where('tenant_id', '=', ctx.tenant.id);
  if (q.ids) query = query.where('id', 'in', idsOrNone(q.ids));
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return onlyTriggered(
    rows.map((r) => ({
      id: r.id as string,
      label: r.number as string,
      triggerDate: r.received_on
        ? yearEnd(r.received_on)
        : r.status === 'cancelled' && r.created_on
          ? yearEnd(r.created_on)
          : null,
      entityType: 'orders.return',
      entityId: r.id as string,
    })),
    q,
  );
}

/** The customer becomes a neutral name; amounts, lines and the stock ledger stay. */
export async function anonymiseOrders(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  await ctx.db
    .updateTable('orders.orders')
    .set({
      customer: sql`jsonb_build_object('partyId', null, 'name', '— ' || right(id::text, 6))`,
      customer_party_id: null,
      ship_to: null,
      note: null,
    })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', [...ids])
    .execute();
  await forgetStops(ctx, { orderIds: ids });
}

/** The delivery address, tracking numbers and the courier's recipient and notes go; the order stays. */
export async function forgetDeliveries(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  await ctx.db
    .updateTable('orders.orders')
    .set({ ship_to: null, tracking_number: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', [...ids])
    .execute();
  await ctx.db
    .updateTable('orders.packages')
    .set({ tracking_number: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', 'in', [...ids])
    .execute();
  await forgetStops(ctx, { orderIds: ids });
}

/** The stock ledger refers to these rows: they stay, their files go (core deletes attachments). */
export async function archiveRows(_ctx: PluginContext, _ids: readonly string[]) {}

/** A return's free text (the customer's words) goes; its lines and stock moves stay. */
export async function anonymiseReturns(ctx: PluginContext, ids: readonly string[]) {
  if (!ids.length) return;
  await ctx.db
    .updateTable('orders.returns')
    .set({ reason: '—', note: null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', [...ids])
    .execute();
}

export const RECORD_CLASSES: NonNullable<PluginRecords['classes']> = {
  // Tax documents 10 years from the end of the tax period (VAT act § 35), accounting documents 5
  // years from the end of the accounting period (§ 31): 10 years from the year end cover both.
  'orders.sales-documents': {
    label: { en: 'Sales orders and receipts', cs: 'Objednávky a účtenky' },
    statutes: ['cz.vat.documents', 'cz.accounting.books'],
    trigger: 'year_end',
    disposal: 'anonymise',
    records: salesRecords,
    dispose: anonymiseOrders,
  },
  // Evidence for claims: the general limitation period (civil code § 629(1)) is the default, not a
  // duty; a firm may lengthen it.
  'orders.deliveries': {
    label: { en: 'Delivery and shipping records', cs: 'Záznamy o doručení a přepravě' },
    statutes: ['cz.civil.limitation'],
    trigger: 'last_contact',
    disposal: 'anonymise',
    records: deliveryRecords,
    dispose: forgetDeliveries,
  },
  // Goods receipts are inventory records of the books (accounting act § 31); one year of the
  // class's own covers an accounting period that ends after the calendar year (see above).
  'orders.purchasing': {
    label: { en: 'Purchase orders and goods receipts', cs: 'Nákupní objednávky a příjemky' },
    statutes: ['cz.accounting.books'],
    period: { years: 6, months: 0 },
    trigger: 'year_end',
    disposal: 'archive',
    records: purchaseRecords,
    dispose: archiveRows,
  },
  // Goods back to stock or scrap are inventory records (§ 31), and a return is evidence for the
  // customer's claim (civil code § 629(1)).
  'orders.returns': {
    label: { en: 'Returns', cs: 'Vratky' },
    statutes: ['cz.accounting.books', 'cz.civil.limitation'],
    period: { years: 6, months: 0 },
    trigger: 'year_end',
    disposal: 'anonymise',
    records: returnRecords,
    dispose: anonymiseReturns,
  },
};

/** Orders whose customer is the person: the same e-mail, or the same name (case-insensitive). */
async function ordersOf(ctx: PluginContext, subject: DataSubject) {
  const email = subject.email?.trim().toLowerCase();
  const name = subject.name?.trim().toLowerCase();
  if (!email && !name) return [];
  const all = await salesRecords(ctx, {});
  return all.filter(
    (o) =>
      (email && String(o.customer.email ?? '').toLowerCase() === email) ||
      (name &&
        String(o.customer.name ?? '')
          .trim()
          .toLowerCase() === name),
  );
}

/**
 * Customers who are people: their orders (the customer as the order keeps it), and the courier's
 * stops of their orders or received by them (recipient's name, failure note), which may go on
 * request: no duty keeps them.
 */
export const personalData: PluginPersonalData = {
  fields: {
    'orders.order': ['customer', 'ship_to', 'note'],
    'orders.delivery_stop': ['recipient_name', 'failure_note', 'proof_record_id'],
  },
  async export(ctx, subject) {
    const orders = await ordersOf(ctx, subject);
    const stops = await stopsOfSubject(
      ctx,
      subject,
      orders.map((o) => o.id),
    );
    return orders
      .map(
        (o): PersonalDataItem => ({
          recordClass: 'orders.sales-documents',
          id: o.id,
          label: o.label,
          triggerDate: o.triggerDate,
          entityType: 'orders.order',
          entityId: o.id,
          data: { number: o.label, customer: o.customer },
        }),
      )
      .concat(stops);
  },
  async erase(ctx, items) {
    await anonymiseOrders(
      ctx,
      items.filter((i) => i.recordClass === 'orders.sales-documents').map((i) => i.id),
    );
    await forgetStops(ctx, {
      stopIds: items.filter((i) => i.recordClass === 'orders.deliveries').map((i) => i.id),
    });
  },
};
