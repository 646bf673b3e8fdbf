import { createPdf, drawBarcode, formatMoney, type PluginContext, translate } from '@bureau/core';
import type { OrderRow } from '../services/orders.ts';
import { formats, type Lang } from './format.ts';
import { pm } from './messages.ts';
import { addressLines, senderOf } from './sender.ts';

const MM = 72 / 25.4;
/** A6 portrait, the usual size of a parcel label (105 × 148 mm, ISO 216). */
const PAGE = { width: 105 * MM, height: 148 * MM };
const PAD = 5 * MM;

export interface LabelPackage {
  packageNo: number;
  weightGrams: number;
  trackingNumber: string | null;
}

/**
 * Shipping labels of an order as an A6 PDF, one page per package: the sender (the tenant's billing
 * details), the recipient (the ship-to address, else the customer), the order number as a Code 128
 * barcode and in text, the package's number and weight, the carrier and a cash-on-delivery amount.
 */
export async function labelPdf(
  ctx: PluginContext,
  order: OrderRow,
  packages: LabelPackage[],
  lang: Lang,
): Promise<Buffer> {
  const t = (msg: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, msg, params);
  const f = formats(lang);
  const sender = await senderOf(ctx);
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const recipient = parse(order.ship_to) ?? parse(order.customer);
  const { doc, finish } = createPdf({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    info: { Title: order.number, Author: sender.name },
  });
  const width = PAGE.width - 2 * PAD;
  for (const p of packages) {
    doc.addPage();
    let y = PAD;
    const heading = (text: string) => {
      doc.font('Sans').fontSize(7).fillColor('#555').text(text.toUpperCase(), PAD, y, { width });
      y += 10;
    };
    const lines = (rows: string[], size: number) => {
      rows.forEach((r, i) => {
        doc
          .font(i === 0 ? 'Sans-Bold' : 'Sans')
          .fontSize(size)
          .fillColor('#000')
          .text(r, PAD, y, {
            width,
            lineBreak: false,
            ellipsis: true,
          });
        y += size * 1.3;
      });
    };
    heading(t(pm.label_from));
    lines(addressLines(sender), 8);
    y += 4;
    doc
      .moveTo(PAD, y)
      .lineTo(PAD + width, y)
      .lineWidth(0.5)
      .stroke('#000');
    y += 6;
    heading(t(pm.label_to));
    lines(addressLines(recipient), 13);
    if (recipient.phone) lines([`☎ ${recipient.phone}`], 10);
    y += 6;
    doc
      .moveTo(PAD, y)
      .lineTo(PAD + width, y)
      .lineWidth(0.5)
      .stroke('#000');
    y += 6;
    const carrier = t(pm[`carrier_${order.carrier}` as 'carrier_packeta']);
    doc.font('Sans').fontSize(9).fillColor('#000').text(t(pm.label_carrier, { carrier }), PAD, y, { width });
    y += 12;
    const kg = f.number(p.weightGrams / 1000, 1);
    doc.text(t(pm.label_parcel, { n: p.packageNo, count: packages.length, weight: kg }), PAD, y, { width });
    y += 12;
    if (order.cash_on_delivery) {
      const amount = f.money(formatMoney(order.total_minor), order.currency);
      doc.font('Sans-Bold').fontSize(12).text(t(pm.label_cod, { amount }), PAD, y, { width });
      y += 16;
    }
    const barTop = PAGE.height - PAD - 30 * MM;
    drawBarcode(doc, 'code128', order.number, { x: PAD, y: barTop, width, height: 22 * MM });
    doc
      .font('Sans-Bold')
      .fontSize(12)
      .text(order.number, PAD, barTop + 23 * MM, { width, align: 'center' });
    if (p.trackingNumber)
      doc
        .font('Sans')
        .fontSize(8)
        .text(p.trackingNumber, PAD, barTop + 23 * MM + 15, { width, align: 'center' });
  }
  return finish();
}
