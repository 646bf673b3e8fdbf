import { defineWorkflow } from '@bureau/core';
import { invoiceOrder } from './services/invoicing.ts';
import { orderRow } from './services/orders.ts';
import { pickedTotal } from './services/picking.ts';
import { releaseAll, reserve } from './services/reservations.ts';
import { ensurePackages, shipPicked } from './services/shipping.ts';
import { settingsOf, warehouseLocations } from './services/warehouses.ts';

const NOTHING_PICKED = {
  en: 'Nothing was picked: pick the goods first',
  cs: 'Nic nebylo vychystáno: nejdřív vychystejte zboží',
};
const NOTHING_RESERVED = {
  en: 'No stock is reserved for this order yet',
  cs: 'Pro tuto objednávku zatím není rezervována žádná zásoba',
};

const stamp = async (ctx: Parameters<typeof orderRow>[0], id: string, column: string) =>
  ctx.db
    .updateTable('orders.orders')
    .set({ [column]: ctx.now() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();

const NO_COURIER_STOP = {
  en: 'The order is not on a run out for delivery',
  cs: 'Objednávka není na trase, která je na cestě',
};

async function delivered(ctx: Parameters<typeof orderRow>[0], id: string) {
  await stamp(ctx, id, 'delivered_at');
  if ((await settingsOf(ctx)).invoiceOn === 'deliver') await invoiceOrder(ctx, id);
}

/**
 * A sales order: draft → confirmed (stock reserved) → picking → packed → shipped → delivered (by
 * hand, or `courier_deliver` from a stop of an own-courier delivery run), and
 * cancelled (reservations released, picked goods back to their bins) from any state before shipped.
 * Each step is a named transition with its permission, status history, audit and the event
 * `orders.order.<transition>` (`orders.order.ship`, `orders.order.deliver`, …).
 */
export const orderWorkflow = defineWorkflow({
  table: 'orders.orders',
  readPermission: 'orders.read',
  initial: 'draft',
  states: {
    draft: { label: { en: 'Draft', cs: 'Rozpracovaná' }, tone: 'neutral' },
    confirmed: { label: { en: 'Confirmed', cs: 'Potvrzená' }, tone: 'info' },
    picking: { label: { en: 'Picking', cs: 'Vychystává se' }, tone: 'accent' },
    packed: { label: { en: 'Packed', cs: 'Zabalená' }, tone: 'accent' },
    shipped: { label: { en: 'Shipped', cs: 'Odeslaná' }, tone: 'warning' },
    delivered: { label: { en: 'Delivered', cs: 'Doručená' }, tone: 'success', final: true },
    cancelled: { label: { en: 'Cancelled', cs: 'Zrušená' }, tone: 'neutral', final: true },
  },
  transitions: {
    confirm: {
      from: 'draft',
      to: 'confirmed',
      permission: 'orders.sell',
      label: { en: 'Confirm', cs: 'Potvrdit' },
      async run({ ctx, id }) {
        const order = await orderRow(ctx, id);
        await reserve(ctx, order);
        await stamp(ctx, id, 'confirmed_at');
      },
    },
    backorder: {
      from: 'draft',
      to: 'confirmed',
      permission: 'orders.sell',
      label: { en: 'Confirm what is in stock, backorder the rest', cs: 'Potvrdit co je skladem, zbytek doobjednat' },
      async run({ ctx, id }) {
        const order = await orderRow(ctx, id);
        const { shortages } = await reserve(ctx, order, { partial: true });
        await stamp(ctx, id, 'confirmed_at');
        return { shortages };
      },
    },
    pick: {
      from: 'confirmed',
      to: 'picking',
      permission: 'orders.fulfil',
      label: { en: 'Start picking', cs: 'Začít vychystávat' },
      async guard(ctx, record: { id: string }) {
        const n = await ctx.db
          .selectFrom('orders.allocations')
          .select('id')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('order_id', '=', record.id)
          .where('shipped', '=', false)
          .executeTakeFirst();
        return n ? undefined : NOTHING_RESERVED;
      },
    },
    pack: {
      from: 'picking',
      to: 'packed',
      permission: 'orders.fulfil',
      label: { en: 'Packed', cs: 'Zabaleno' },
      async guard(ctx, record: { id: string }) {
        return (await pickedTotal(ctx, record.id)) > 0 ? undefined : NOTHING_PICKED;
      },
      async run({ ctx, id }) {
        await ensurePackages(ctx, id);
      },
    },
    ship: {
      from: 'packed',
      to: 'shipped',
      permission: 'orders.fulfil',
      label: { en: 'Ship', cs: 'Odeslat' },
      async guard(ctx, record: { id: string }) {
        return (await pickedTotal(ctx, record.id)) > 0 ? undefined : NOTHING_PICKED;
      },
      async run({ ctx, id }) {
        const { backorderId } = await shipPicked(ctx, id);
        await stamp(ctx, id, 'shipped_at');
        if ((await settingsOf(ctx)).invoiceOn === 'ship') await invoiceOrder(ctx, id);
        return { backorderId };
      },
    },
    deliver: {
      from: 'shipped',
      to: 'delivered',
      permission: 'orders.fulfil',
      label: { en: 'Delivered', cs: 'Doručeno' },
      run: ({ ctx, id }) => delivered(ctx, id),
    },
    courier_deliver: {
      from: 'shipped',
      to: 'delivered',
      permission: 'orders.deliver',
      label: { en: 'Delivered by our courier', cs: 'Doručeno naším kurýrem' },
      // Only the delivery run's stop runs it (services/delivery.ts): the order must wait on a run out for delivery.
      async guard(ctx, record: { id: string }) {
        const stop = await ctx.db
          .selectFrom('orders.delivery_stops as s')
          .innerJoin('orders.delivery_runs as r', (j) =>
            j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.run_id'),
          )
          .select('s.id')
          .where('s.tenant_id', '=', ctx.tenant.id)
          .where('s.order_id', '=', record.id)
          .where('s.status', '=', 'pending')
          .where('r.status', '=', 'out')
          .executeTakeFirst();
        return stop ? undefined : NO_COURIER_STOP;
      },
      run: ({ ctx, id }) => delivered(ctx, id),
    },
    cancel: {
      from: ['draft', 'confirmed', 'picking', 'packed'],
      to: 'cancelled',
      permission: 'orders.sell',
      label: { en: 'Cancel', cs: 'Zrušit' },
      danger: true,
      async run({ ctx, id }) {
        const order = await orderRow(ctx, id);
        const { dispatchId } = await warehouseLocations(ctx, order.warehouse_id);
        await releaseAll(ctx, order, dispatchId);
      },
    },
  },
});
