import { createPdf, type PluginContext, translate } from '@bureau/core';
import type { RunDetail } from '../services/delivery-view.ts';
import { formats, type Lang } from './format.ts';
import { pm } from './messages.ts';
import { addressLines } from './sender.ts';

const LEFT = 48;
const WIDTH = 595.28 - 2 * LEFT;
const BOTTOM = 841.89 - 48;
/** Height of one stop's block: address on the left, the recipient's name and signature boxes on the right. */
const STOP_HEIGHT = 92;

/**
 * The run sheet for a driver without a phone, as an A4 PDF in Czech or English: the run's number,
 * date and driver, then each stop in order with its order number, address, phone, packages and the
 * cash to collect, and boxes for the recipient's name and signature; the cash total at the end.
 */
export async function runSheetPdf(ctx: PluginContext, run: RunDetail, driverName: string, lang: Lang): Promise<Buffer> {
  const t = (msg: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, msg, params);
  const f = formats(lang);
  const title = t(pm.sheet_title, { number: run.number });
  const { doc, finish } = createPdf({ size: 'A4', margin: LEFT, info: { Title: title, Author: ctx.tenant.name } });
  doc.font('Sans-Bold').fontSize(18).text(title, LEFT, 48);
  let y = 80;
  doc
    .font('Sans')
    .fontSize(10)
    .text(
      `${t(pm.sheet_date)}: ${f.date(`${run.date}T12:00:00Z`)} · ${t(pm.sheet_driver)}: ${driverName} · ${t(pm.sheet_stops, { count: run.stops.length })}`,
      LEFT,
      y,
      { width: WIDTH },
    );
  y += 24;
  const boxX = LEFT + 300;
  const boxW = WIDTH - 300;
  /** A rule across the page at the top of a block `height` tall, on a new page when it would not fit. */
  const ruleBefore = (height: number) => {
    if (y + height > BOTTOM) {
      doc.addPage();
      y = 48;
    }
    doc
      .moveTo(LEFT, y)
      .lineTo(LEFT + WIDTH, y)
      .lineWidth(0.5)
      .stroke('#999');
  };
  for (const stop of run.stops) {
    ruleBefore(STOP_HEIGHT);
    y += 6;
    const to = (stop.shipTo ?? { name: stop.customer }) as Parameters<typeof addressLines>[0] & { phone?: string };
    doc
      .font('Sans-Bold')
      .fontSize(11)
      .fillColor('#000')
      .text(`${stop.seq}. ${stop.orderNumber}`, LEFT, y, { width: 290 });
    let ly = y + 15;
    const line = (text: string, bold = false) => {
      doc
        .font(bold ? 'Sans-Bold' : 'Sans')
        .fontSize(9)
        .fillColor('#000')
        .text(text, LEFT, ly, { width: 290 });
      ly += 12;
    };
    for (const l of addressLines({ ...to, name: to.name || stop.customer })) line(l);
    if (to.phone) line(t(pm.sheet_phone, { phone: to.phone }));
    line(t(pm.sheet_packages, { count: stop.packages }));
    line(
      Number(stop.codDue) > 0 ? t(pm.sheet_cod, { amount: f.money(stop.codDue, run.currency) }) : t(pm.sheet_no_cod),
      Number(stop.codDue) > 0,
    );
    const box = (label: string, top: number, h: number) => {
      doc.rect(boxX, top, boxW, h).lineWidth(0.5).stroke('#666');
      doc
        .font('Sans')
        .fontSize(7)
        .fillColor('#555')
        .text(label, boxX + 3, top + 2, { width: boxW - 6 });
    };
    box(t(pm.sheet_recipient), y, 28);
    box(t(pm.sheet_signature), y + 32, 40);
    y += STOP_HEIGHT - 6;
  }
  ruleBefore(30);
  doc
    .font('Sans-Bold')
    .fontSize(11)
    .fillColor('#000')
    .text(t(pm.sheet_cod_total, { amount: f.money(run.cash.due, run.currency) }), LEFT, y + 8, {
      width: WIDTH,
      align: 'right',
    });
  return finish();
}
