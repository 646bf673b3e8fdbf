import { defineWorkflow } from '@bureau/core';
import { receivedAny } from './services/purchasing.ts';
import { milli } from './services/quantity.ts';

const RECEIVED_SOME = {
  en: 'Goods were received already: close the purchase order instead',
  cs: 'Zboží už bylo přijato: nákupní objednávku místo toho uzavřete',
};
const OPEN_LINES = {
  en: 'Not everything ordered has arrived: receive the rest or close the order',
  cs: 'Nedorazilo vše objednané: přijměte zbytek, nebo objednávku uzavřete',
};

/**
 * A purchase order: draft → ordered (sent to the vendor) → received (everything arrived; run by the
 * last receipt), or closed (stop waiting for the rest), or cancelled before anything arrived.
 * Events `orders.purchase.order|complete|close|cancel`.
 */
export const purchaseWorkflow = defineWorkflow({
  table: 'orders.purchase_orders',
  readPermission: 'orders.read',
  initial: 'draft',
  states: {
    draft: { label: { en: 'Draft', cs: 'Rozpracovaná' }, tone: 'neutral' },
    ordered: { label: { en: 'Ordered', cs: 'Objednaná' }, tone: 'info' },
    received: { label: { en: 'Received', cs: 'Přijatá' }, tone: 'success', final: true },
    closed: { label: { en: 'Closed', cs: 'Uzavřená' }, tone: 'neutral', final: true },
    cancelled: { label: { en: 'Cancelled', cs: 'Zrušená' }, tone: 'neutral', final: true },
  },
  transitions: {
    order: {
      from: 'draft',
      to: 'ordered',
      permission: 'orders.purchase',
      label: { en: 'Order', cs: 'Objednat' },
    },
    complete: {
      from: 'ordered',
      to: 'received',
      permission: 'orders.stock',
      label: { en: 'Everything received', cs: 'Vše přijato' },
      async guard(ctx, record: { id: string }) {
        const lines = await ctx.db
          .selectFrom('orders.purchase_lines')
          .select(['quantity', 'received'])
          .where('tenant_id', '=', ctx.tenant.id)
          .where('purchase_id', '=', record.id)
          .execute();
        return lines.every((l) => milli(l.received) >= milli(l.quantity)) ? undefined : OPEN_LINES;
      },
    },
    close: {
      from: 'ordered',
      to: 'closed',
      permission: 'orders.purchase',
      label: { en: 'Close (expect no more)', cs: 'Uzavřít (nic dalšího nečekat)' },
    },
    cancel: {
      from: ['draft', 'ordered'],
      to: 'cancelled',
      permission: 'orders.purchase',
      label: { en: 'Cancel', cs: 'Zrušit' },
      danger: true,
      async guard(ctx, record: { id: string }) {
        return (await receivedAny(ctx, record.id)) ? RECEIVED_SOME : undefined;
      },
    },
  },
});
