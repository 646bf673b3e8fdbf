import { formatMoney, type PluginContext, roundHalfAway } from '@bureau/core';
import { documentsService, postingService } from '@bureau/plugin-accounting/contract';
import { accountingPartyRef, type PartySnapshot } from './customers.ts';
import { nextNumber } from './numbers.ts';
import { orderRow } from './orders.ts';
import { today } from './products.ts';
import { milli } from './quantity.ts';

/** Revenue from goods and the cost of goods sold, Czech chart of accounts (vyhláška č. 500/2002 Sb.). */
export const ACCOUNTS = { revenue: '604', cogs: '504', goods: '132' } as const;

/** The net unit price after the line's discount, in minor units (half away from zero). */
export function discountedUnit(unitPriceMinor: string | number | bigint, discountPercent: string | number): bigint {
  const bp = BigInt(Math.round(Number(discountPercent) * 100));
  return roundHalfAway(BigInt(unitPriceMinor) * (10000n - bp), 10000n);
}

/**
 * Issues the order's tax document for what it shipped. With accounting enabled: an invoice through
 * accounting's documents service (numbered, posted, with QR payment and ISDOC there), and the cost
 * of goods sold posted (504 / 132) for products with a cost. Without accounting: a receipt (účtenka)
 * of orders' own series, printed by GET /orders/:id/receipt. Idempotent per order.
 */
export async function invoiceOrder(ctx: PluginContext, orderId: string): Promise<void> {
  const order = await orderRow(ctx, orderId, true);
  if (order.invoice_document_id || order.receipt_number) return;
  const date = today(ctx);
  if (!(await ctx.isEnabled('accounting'))) {
    await ctx.db
      .updateTable('orders.orders')
      .set({ receipt_number: await nextNumber(ctx, 'RC', date) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', orderId)
      .execute();
    return;
  }
  const lines = await ctx.db
    .selectFrom('orders.order_lines as l')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'),
    )
    .select([
      'l.description',
      'l.shipped',
      'l.unit_price_minor',
      'l.discount_percent',
      'l.vat_rate',
      'p.sku',
      'p.unit',
      'p.cost_minor',
      'p.id',
    ])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .where('l.shipped', '>', '0')
    .orderBy('l.line_no')
    .execute();
  if (lines.length === 0) return;
  const customer: PartySnapshot = typeof order.customer === 'string' ? JSON.parse(order.customer) : order.customer;
  const { document } = await ctx.use(documentsService).issueInvoice({
    source: { type: 'orders.order', id: orderId },
    customer: accountingPartyRef(customer),
    issueDate: date,
    currency: order.currency,
    reference: order.number,
    variableSymbol: order.number.replace(/\D/g, '').slice(-10),
    lines: lines.map((l) => ({
      description: `${l.sku} ${l.description}`,
      quantity: String(Number(l.shipped)),
      unit: l.unit,
      unitPrice: formatMoney(discountedUnit(l.unit_price_minor, l.discount_percent)),
      vat: l.vat_rate,
      supply: 'goods' as const,
      account: ACCOUNTS.revenue,
    })),
  });
  let cost = 0n;
  for (const l of lines)
    if (l.cost_minor !== null) cost += roundHalfAway(BigInt(milli(l.shipped)) * BigInt(l.cost_minor), 1000n);
  if (cost > 0n)
    await ctx.use(postingService).post({
      date,
      memo: `${order.number}: cost of goods sold`,
      source: { type: 'orders.cogs', id: orderId },
      lines: [
        { account: ACCOUNTS.cogs, debit: formatMoney(cost) },
        { account: ACCOUNTS.goods, credit: formatMoney(cost) },
      ],
    });
  await ctx.db
    .updateTable('orders.orders')
    .set({ invoice_document_id: document.id, invoice_number: document.number })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', orderId)
    .execute();
}

/** The invoice as accounting sees it now (its status says whether it is paid), or null. */
export async function invoiceStatus(ctx: PluginContext, documentId: string | null) {
  if (!documentId || !(await ctx.isEnabled('accounting'))) return null;
  const d = await ctx.use(documentsService).get(documentId);
  return { status: d.status, total: d.total, remaining: d.remaining, number: d.number, dueDate: d.dueDate };
}
