import { createPdf, formatMoney, type PluginContext, translate } from '@bureau/core';
import { lineAmounts, type OrderRow } from '../services/orders.ts';
import { milli } from '../services/quantity.ts';
import { formats, type Lang } from './format.ts';
import { pm } from './messages.ts';
import { addressLines, senderOf } from './sender.ts';

const LEFT = 48;
const WIDTH = 595.28 - 2 * LEFT;
/** Columns of the line table: item, quantity, unit price, VAT %, net (x and width in points). */
const COLS = [
  { x: LEFT, w: 230, align: 'left' },
  { x: LEFT + 232, w: 50, align: 'right' },
  { x: LEFT + 284, w: 80, align: 'right' },
  { x: LEFT + 366, w: 45, align: 'right' },
  { x: LEFT + 413, w: WIDTH - 413, align: 'right' },
] as const;

interface ReceiptLine {
  sku: string;
  description: string;
  quantity: number;
  unitPriceMinor: bigint;
  discountPercent: number;
  vatPercent: number;
  net: bigint;
  vat: bigint;
}

/** What the receipt bills: the shipped quantity of each line, priced as the order was. */
export async function receiptLines(ctx: PluginContext, orderId: string): Promise<ReceiptLine[]> {
  const rows = await ctx.db
    .selectFrom('orders.order_lines as l')
    .innerJoin('orders.products as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'),
    )
    .select(['p.sku', 'l.description', 'l.shipped', 'l.unit_price_minor', 'l.discount_percent', 'l.vat_percent'])
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.order_id', '=', orderId)
    .where('l.shipped', '>', '0')
    .orderBy('l.line_no')
    .execute();
  return rows.map((r) => {
    const unitPriceMinor = BigInt(r.unit_price_minor);
    const discountPercent = Number(r.discount_percent);
    const vatPercent = Number(r.vat_percent);
    const { net, vat } = lineAmounts(milli(r.shipped), unitPriceMinor, discountPercent, vatPercent);
    return {
      sku: r.sku,
      description: r.description,
      quantity: Number(r.shipped),
      unitPriceMinor,
      discountPercent,
      vatPercent,
      net,
      vat,
    };
  });
}

/**
 * The receipt (účtenka) of an order invoiced without accounting, as an A4 PDF in Czech or English:
 * the seller (the tenant's billing details), the customer, what was shipped with unit prices, VAT
 * per rate, the totals and, for cash on delivery, the amount collected.
 */
export async function receiptPdf(ctx: PluginContext, order: OrderRow, lang: Lang): Promise<Buffer> {
  const t = (msg: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, msg, params);
  const f = formats(lang);
  const sender = await senderOf(ctx);
  const customer = typeof order.customer === 'string' ? JSON.parse(order.customer) : order.customer;
  const lines = await receiptLines(ctx, order.id);
  const { doc, finish } = createPdf({
    size: 'A4',
    margin: LEFT,
    info: { Title: t(pm.receipt_title, { number: order.receipt_number }), Author: sender.name },
  });
  doc
    .font('Sans-Bold')
    .fontSize(18)
    .text(t(pm.receipt_title, { number: order.receipt_number }), LEFT, 48);
  const top = 84;
  const block = (x: number, title: string, rows: string[]) => {
    doc.font('Sans').fontSize(8).fillColor('#555').text(title.toUpperCase(), x, top);
    doc.font('Sans').fontSize(10).fillColor('#000');
    rows.forEach((r, i) => {
      doc.font(i === 0 ? 'Sans-Bold' : 'Sans').text(r, x, top + 12 + i * 13, { width: 240 });
    });
  };
  block(LEFT, t(pm.seller), [
    ...addressLines(sender),
    ...(sender.ico ? [t(pm.ico, { ico: sender.ico })] : []),
    ...(sender.dic ? [t(pm.dic, { dic: sender.dic })] : []),
  ]);
  block(LEFT + 260, t(pm.customer), [
    ...addressLines(customer),
    ...(customer.ico ? [t(pm.ico, { ico: customer.ico })] : []),
  ]);
  let y = top + 110;
  const fact = (k: string, v: string) => {
    doc.font('Sans').fontSize(9).fillColor('#555').text(k, LEFT, y, { width: 120 });
    doc
      .font('Sans-Bold')
      .fontSize(10)
      .fillColor('#000')
      .text(v, LEFT + 125, y);
    y += 15;
  };
  fact(t(pm.order), order.number);
  fact(t(pm.issued), f.date(ctx.now()));
  if (order.shipped_at) fact(t(pm.shipped), f.date(order.shipped_at));
  y += 10;
  const row = (cells: string[], bold = false) => {
    doc
      .font(bold ? 'Sans-Bold' : 'Sans')
      .fontSize(9)
      .fillColor('#000');
    let h = 0;
    cells.forEach((c, i) => {
      const col = COLS[i] ?? COLS[0];
      doc.text(c, col.x, y, { width: col.w, align: col.align });
      h = Math.max(h, doc.heightOfString(c, { width: col.w }));
    });
    y += h + 4;
  };
  row([t(pm.col_item), t(pm.col_quantity), t(pm.col_unit_price), t(pm.col_vat), t(pm.col_net)], true);
  doc
    .moveTo(LEFT, y - 2)
    .lineTo(LEFT + WIDTH, y - 2)
    .lineWidth(0.5)
    .stroke('#999');
  const money = (minor: bigint) => f.money(formatMoney(minor), order.currency);
  const byRate = new Map<number, { base: bigint; vat: bigint }>();
  let net = 0n;
  let vat = 0n;
  for (const l of lines) {
    const discount = l.discountPercent ? ` (−${f.number(l.discountPercent)} %)` : '';
    row([
      `${l.sku} ${l.description}${discount}`,
      f.number(l.quantity),
      money(l.unitPriceMinor),
      f.number(l.vatPercent),
      money(l.net),
    ]);
    const r = byRate.get(l.vatPercent) ?? { base: 0n, vat: 0n };
    r.base += l.net;
    r.vat += l.vat;
    byRate.set(l.vatPercent, r);
    net += l.net;
    vat += l.vat;
  }
  y += 8;
  const right = (text: string, bold = false, size = 10) => {
    doc
      .font(bold ? 'Sans-Bold' : 'Sans')
      .fontSize(size)
      .fillColor('#000')
      .text(text, LEFT, y, { width: WIDTH, align: 'right' });
    y += size + 6;
  };
  for (const [rate, r] of [...byRate].sort((a, b) => b[0] - a[0]))
    right(t(pm.vat_recap, { rate: f.number(rate), base: money(r.base), vat: money(r.vat) }), false, 9);
  right(`${t(pm.subtotal)}: ${money(net)}`);
  right(`${t(pm.vat_total)}: ${money(vat)}`);
  right(`${t(pm.total)}: ${money(net + vat)}`, true, 13);
  if (order.cash_on_delivery) right(t(pm.cod, { amount: money(net + vat) }));
  y += 16;
  doc.font('Sans').fontSize(9).fillColor('#555').text(t(pm.thanks), LEFT, y);
  return finish();
}
