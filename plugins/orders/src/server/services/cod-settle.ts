import { formatMoney, type PluginContext } from '@bureau/core';
import { paymentsService } from '@bureau/plugin-accounting/contract';

export interface CodReceipt {
  orderId: string;
  /** What came in for the order, in minor units of its currency. */
  amountMinor: bigint;
}

/**
 * Marks orders' cash on delivery settled by `settlement` (a delivery run or a payout batch number).
 * With accounting enabled each order's invoice is paid through accounting's payments service: cash
 * from the own courier to the cash account, a carrier's payout to money in transit. Orders already
 * settled are left alone. Returns the orders settled now.
 */
export async function settleCod(
  ctx: PluginContext,
  receipts: CodReceipt[],
  options: { settlement: string; date: string; method: 'cod' | 'cash' },
): Promise<string[]> {
  if (!receipts.length) return [];
  const orders = await ctx.db
    .selectFrom('orders.orders')
    .select(['id', 'invoice_document_id', 'currency'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where(
      'id',
      'in',
      receipts.map((r) => r.orderId),
    )
    .where('cod_settled_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  const accounting = await ctx.isEnabled('accounting');
  const settled: string[] = [];
  for (const o of orders) {
    const receipt = receipts.find((r) => r.orderId === o.id);
    if (!receipt) continue;
    if (accounting && o.invoice_document_id && receipt.amountMinor > 0n)
      await ctx.use(paymentsService).recordReceipt({
        documentId: o.invoice_document_id,
        amount: formatMoney(receipt.amountMinor),
        date: options.date,
        method: options.method,
        reference: options.settlement,
      });
    settled.push(o.id);
  }
  if (settled.length)
    await ctx.db
      .updateTable('orders.orders')
      .set({ cod_settled_at: ctx.now(), cod_settlement: options.settlement })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', 'in', settled)
      .execute();
  return settled;
}
