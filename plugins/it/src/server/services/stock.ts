import { badRequest, conflict, newId, notFound, type PluginContext, problem } from '@bureau/core';
import { sql } from 'kysely';
import { STOCK_LOW, type StockLow } from '../../contract.ts';
import type { StockItemInput, StockOutInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { type Holder, resolveHolder } from './holders.ts';

/**
 * Accessories (lent and returned) and consumables (issued, used up). `on_hand` is what the firm has
 * (in the cupboard or on loan), `on_loan` what is lent out; available = on_hand − on_loan. The CHECKs
 * `stock_items_on_hand` and `stock_items_on_loan` refuse any change that would take more than is
 * available; each change is one `update … returning` (a row lock), so concurrent requests queue.
 */

export interface StockItem {
  id: string;
  kind: 'accessory' | 'consumable';
  name: string;
  model: string | null;
  unit: string;
  onHand: number;
  onLoan: number;
  available: number;
  minQuantity: number | null;
  low: boolean;
  locationId: string | null;
  location: string | null;
  note: string | null;
  createdAt: string;
}

export const toStockItem = (r: Record<string, any>): StockItem => {
  const onHand = Number(r.on_hand);
  const onLoan = Number(r.on_loan);
  const min = r.min_quantity === null || r.min_quantity === undefined ? null : Number(r.min_quantity);
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    model: r.model ?? null,
    unit: r.unit,
    onHand,
    onLoan,
    available: onHand - onLoan,
    minQuantity: min,
    low: min !== null && onHand - onLoan <= min,
    locationId: r.location_id ?? null,
    location: r.location_name ?? null,
    note: r.note ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
};

export const stockQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.stock_items as s')
    .leftJoin('it.locations as l', (j) =>
      j.onRef('l.tenant_id', '=', 's.tenant_id').onRef('l.id', '=', 's.location_id'),
    )
    .selectAll('s')
    .select('l.name as location_name')
    .where('s.tenant_id', '=', ctx.tenant.id);

export async function getStockItem(ctx: PluginContext, id: string): Promise<StockItem | null> {
  const row = await stockQuery(ctx).where('s.id', '=', id).executeTakeFirst();
  return row ? toStockItem(row) : null;
}

async function requireItem(ctx: PluginContext, id: string): Promise<StockItem> {
  const item = await getStockItem(ctx, id);
  if (!item) throw notFound(m.stock_item_not_found);
  return item;
}

/** Whether a database error is one of the stock walls. */
const isStockWall = (e: unknown) => {
  const err = e as { code?: string; constraint?: string; message?: string };
  return (
    err?.code === '23514' &&
    ['stock_items_on_hand', 'stock_items_on_loan'].some((c) => err.constraint === c || err.message?.includes(c))
  );
};

/**
 * Applies a change of on hand / on loan in one statement; the CHECKs refuse going below what exists.
 * Returns the row after the change. A refused change is 409 `insufficient_stock` naming what is
 * available (read again after the failure is impossible in the aborted transaction, so from the
 * state we saw).
 */
async function change(ctx: PluginContext, item: StockItem, onHand: number, onLoan: number) {
  try {
    return await sql<Record<string, any>>`
      update it.stock_items set on_hand = on_hand + ${onHand}, on_loan = on_loan + ${onLoan}
       where tenant_id = ${ctx.tenant.id} and id = ${item.id}
      returning *`
      .execute(ctx.db)
      .then((r) => r.rows[0] as Record<string, any>);
  } catch (e) {
    if (isStockWall(e))
      throw problem(409, m.insufficient_stock, { name: item.name, available: item.available, unit: item.unit });
    throw e;
  }
}

/**
 * After a change: an item whose available quantity fell to or below its minimum is announced once
 * per dip (`low_since` set; the event `it.stock.low` and a notification to those who manage
 * assets); rising above the minimum re-arms the alert.
 */
async function watchLow(ctx: PluginContext, row: Record<string, any>) {
  const item = toStockItem(row);
  if (item.minQuantity === null) return;
  if (!item.low) {
    if (row.low_since)
      await ctx.db
        .updateTable('it.stock_items')
        .set({ low_since: null })
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', item.id)
        .execute();
    return;
  }
  if (row.low_since) return;
  await ctx.db
    .updateTable('it.stock_items')
    .set({ low_since: ctx.now() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', item.id)
    .execute();
  const payload: StockLow = {
    itemId: item.id,
    name: item.name,
    kind: item.kind,
    available: item.available,
    minQuantity: item.minQuantity,
  };
  await ctx.emit(STOCK_LOW, payload);
  await ctx.notify({
    to: { permission: 'it.assets.manage' },
    title: m.stock_low,
    body: m.stock_low_body,
    params: { name: item.name, available: item.available, unit: item.unit, min: item.minQuantity },
    link: `/it/stock/${item.id}`,
    severity: 'warning',
    category: 'it.stock_low',
  });
}

async function move(
  ctx: PluginContext,
  itemId: string,
  kind: 'receive' | 'issue' | 'checkout' | 'checkin' | 'count',
  quantity: number,
  onHandAfter: number,
  extra: { holder?: Holder | null; loanId?: string | null; note?: string | null | undefined } = {},
) {
  await ctx.db
    .insertInto('it.stock_moves')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId(),
      item_id: itemId,
      kind,
      quantity,
      on_hand_after: onHandAfter,
      holder_type: extra.holder?.type ?? null,
      holder_id: extra.holder?.id ?? null,
      holder_label: extra.holder?.label ?? null,
      loan_id: extra.loanId ?? null,
      note: extra.note ?? null,
      at: ctx.now(),
      by: ctx.actor?.label ?? null,
    })
    .execute();
}

export async function createStockItem(ctx: PluginContext, input: StockItemInput): Promise<string> {
  const taken = await ctx.db
    .selectFrom('it.stock_items')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where(sql`lower(name)`, '=', input.name.toLowerCase())
    .executeTakeFirst();
  if (taken) throw problem(409, m.stock_item_taken, { name: input.name });
  if (input.locationId) await resolveHolder(ctx, { locationId: input.locationId }, ['location']);
  const id = newId();
  const row = await ctx.db
    .insertInto('it.stock_items')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      kind: input.kind,
      name: input.name,
      model: input.model ?? null,
      unit: input.unit ?? (ctx.tenant.locale === 'cs' ? 'ks' : 'pcs'),
      on_hand: input.quantity,
      min_quantity: input.minQuantity ?? null,
      location_id: input.locationId ?? null,
      note: input.note ?? null,
      created_at: ctx.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.quantity > 0) await move(ctx, id, 'receive', input.quantity, input.quantity);
  await ctx.audit({ action: 'it.stock.created', entityType: 'it.stock_item', entityId: id, after: input });
  await watchLow(ctx, row);
  return id;
}

/** Units arrive (a delivery). */
export async function receive(ctx: PluginContext, id: string, quantity: number, note?: string) {
  const item = await requireItem(ctx, id);
  const row = await change(ctx, item, quantity, 0);
  await move(ctx, id, 'receive', quantity, Number(row.on_hand), { note });
  await ctx.audit({ action: 'it.stock.received', entityType: 'it.stock_item', entityId: id, after: { quantity } });
  await watchLow(ctx, row);
}

/** A stock count: sets on hand to what was counted (never below what is on loan). */
export async function count(ctx: PluginContext, id: string, onHand: number, note?: string) {
  // Locked first, so the difference is taken from the quantity no one else is changing.
  await sql`select 1 from it.stock_items where tenant_id = ${ctx.tenant.id} and id = ${id} for update`.execute(ctx.db);
  const item = await requireItem(ctx, id);
  if (onHand < item.onLoan) throw conflict('below_on_loan', m.below_on_loan, { onLoan: item.onLoan });
  const row = await change(ctx, item, onHand - item.onHand, 0);
  await move(ctx, id, 'count', onHand - item.onHand, onHand, { note });
  await ctx.audit({
    action: 'it.stock.counted',
    entityType: 'it.stock_item',
    entityId: id,
    before: { onHand: item.onHand },
    after: { onHand },
  });
  await watchLow(ctx, row);
}

const STOCK_HOLDERS = ['user', 'employee', 'location'] as const;

/**
 * Consumables are issued (used up: on hand decreases), optionally to someone; accessories are lent
 * (on loan increases, a loan row records who has how many). 409 `insufficient_stock` when fewer are
 * available.
 */
export async function giveOut(ctx: PluginContext, id: string, input: StockOutInput) {
  const item = await requireItem(ctx, id);
  const named = input.userId || input.employeeId || input.locationId;
  if (item.kind === 'consumable') {
    const holder = named ? await resolveHolder(ctx, input, [...STOCK_HOLDERS]) : null;
    const row = await change(ctx, item, -input.quantity, 0);
    await move(ctx, id, 'issue', -input.quantity, Number(row.on_hand), { holder, note: input.note });
    await ctx.audit({
      action: 'it.stock.issued',
      entityType: 'it.stock_item',
      entityId: id,
      after: { quantity: input.quantity, holder: holder?.label ?? null },
    });
    await watchLow(ctx, row);
    return { loanId: null };
  }
  const holder = await resolveHolder(ctx, input, [...STOCK_HOLDERS]);
  const row = await change(ctx, item, 0, input.quantity);
  const loanId = newId();
  await ctx.db
    .insertInto('it.stock_loans')
    .values({
      tenant_id: ctx.tenant.id,
      id: loanId,
      item_id: id,
      quantity: input.quantity,
      holder_type: holder.type,
      holder_id: holder.id,
      holder_label: holder.label,
      checked_out_at: ctx.now(),
      checked_out_by: ctx.actor?.label ?? null,
    })
    .execute();
  await move(ctx, id, 'checkout', input.quantity, Number(row.on_hand), { holder, loanId, note: input.note });
  await ctx.audit({
    action: 'it.stock.checked_out',
    entityType: 'it.stock_item',
    entityId: id,
    after: { quantity: input.quantity, holder: holder.label, loanId },
  });
  await watchLow(ctx, row);
  return { loanId };
}

/** An accessory loan comes back (all of it). 409 `loan_returned` the second time. */
export async function checkInLoan(ctx: PluginContext, itemId: string, loanId: string) {
  const item = await requireItem(ctx, itemId);
  if (item.kind !== 'accessory') throw badRequest('only_accessories', m.only_accessories);
  const loan = await ctx.db
    .updateTable('it.stock_loans')
    .set({ checked_in_at: ctx.now(), checked_in_by: ctx.actor?.label ?? null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('item_id', '=', itemId)
    .where('id', '=', loanId)
    .where('checked_in_at', 'is', null)
    .returning(['quantity', 'holder_type', 'holder_id', 'holder_label'])
    .executeTakeFirst();
  if (!loan) {
    const exists = await ctx.db
      .selectFrom('it.stock_loans')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('item_id', '=', itemId)
      .where('id', '=', loanId)
      .executeTakeFirst();
    if (!exists) throw notFound(m.loan_not_found);
    throw conflict('loan_returned', m.loan_returned);
  }
  const row = await change(ctx, item, 0, -loan.quantity);
  const holder: Holder = { type: loan.holder_type, id: loan.holder_id, label: loan.holder_label };
  await move(ctx, itemId, 'checkin', loan.quantity, Number(row.on_hand), { holder, loanId });
  await ctx.audit({
    action: 'it.stock.checked_in',
    entityType: 'it.stock_item',
    entityId: itemId,
    after: { quantity: loan.quantity, holder: loan.holder_label, loanId },
  });
  await watchLow(ctx, row);
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export const toLoan = (r: Record<string, any>) => ({
  id: r.id as string,
  itemId: r.item_id as string,
  itemName: (r.item_name ?? null) as string | null,
  unit: (r.unit ?? null) as string | null,
  quantity: Number(r.quantity),
  holderType: r.holder_type as 'user' | 'employee' | 'location',
  holderId: r.holder_id as string,
  holder: r.holder_label as string,
  checkedOutAt: new Date(r.checked_out_at).toISOString(),
  checkedOutBy: (r.checked_out_by ?? null) as string | null,
  checkedInAt: iso(r.checked_in_at),
  checkedInBy: (r.checked_in_by ?? null) as string | null,
});

export const loanQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.stock_loans as o')
    .innerJoin('it.stock_items as s', (j) => j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.id', '=', 'o.item_id'))
    .selectAll('o')
    .select(['s.name as item_name', 's.unit'])
    .where('o.tenant_id', '=', ctx.tenant.id)
    .orderBy('o.checked_out_at', 'desc')
    .orderBy('o.id', 'desc');

export const toMove = (r: Record<string, any>) => ({
  id: r.id as string,
  kind: r.kind as 'receive' | 'issue' | 'checkout' | 'checkin' | 'count',
  quantity: Number(r.quantity),
  onHandAfter: Number(r.on_hand_after),
  holder: (r.holder_label ?? null) as string | null,
  note: (r.note ?? null) as string | null,
  at: new Date(r.at).toISOString(),
  by: (r.by ?? null) as string | null,
});
