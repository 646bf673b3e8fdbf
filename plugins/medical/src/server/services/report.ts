import { createPdf, type PluginContext, translate } from '@bureau/core';
import { m } from '../messages.ts';
import type { CumulativeSeries } from './cumulative.ts';
import type { OrderBundle } from './order-detail.ts';

export type Lang = 'en' | 'cs';

const ZONE = 'Europe/Prague';
const LEFT = 48;

function formats(lang: Lang) {
  const locale = lang === 'cs' ? 'cs-CZ' : 'en-GB';
  return {
    date: (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: ZONE }).format(new Date(d)),
    dateTime: (d: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(new Date(d)),
    number: (v: string | null, decimals: number) =>
      v === null
        ? ''
        : new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
            Number(v),
          ),
  };
}

const rangeText = (low: string, high: string) =>
  low && high ? `${low} – ${high}` : low ? `≥ ${low}` : high ? `≤ ${high}` : '';

function header(doc: PDFKit.PDFDocument, lab: string, title: string) {
  doc.font('Sans').fontSize(9).fillColor('#555').text(lab, LEFT, 40);
  doc.font('Sans-Bold').fontSize(16).fillColor('#000').text(title, LEFT, 54);
  doc.moveDown(0.6);
}

function facts(doc: PDFKit.PDFDocument, rows: [string, string][], width: number) {
  for (const [k, v] of rows) {
    if (!v) continue;
    const y = doc.y;
    doc.font('Sans').fontSize(9).fillColor('#555').text(k, LEFT, y, { width: 130 });
    doc
      .font('Sans-Bold')
      .fontSize(10)
      .fillColor('#000')
      .text(v, LEFT + 135, y, { width: width - 135 });
  }
}

function patientFacts(doc: PDFKit.PDFDocument, p: OrderBundle['patient'], lang: Lang, width: number) {
  const t = (msg: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, msg, params);
  const f = formats(lang);
  facts(
    doc,
    [
      [t(m.report_patient), `${p.lastName} ${p.firstName}`],
      [t(m.report_born), `${f.date(p.birthDate)} (${t(m[`sex_${p.sex}`])})`],
      [t(m.report_birth_number), p.birthNumber ?? ''],
      [t(m.report_insurer), p.insurer ?? ''],
    ],
    width,
  );
}

/**
 * The lab report of an order as an A4 PDF in Czech or English: the patient, the requisition, every
 * test with its current released value, unit, flag and the reference range it was judged by,
 * comments, amendments with their reason, critical call-backs, rejected specimens, and who released
 * each result when. Tests not yet released are listed as pending.
 */
export async function orderReportPdf(ctx: PluginContext, bundle: OrderBundle, lang: Lang): Promise<Buffer> {
  const { order, tests } = bundle;
  const t = (msg: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, msg, params);
  const f = formats(lang);
  const { doc, finish } = createPdf({
    size: 'A4',
    margin: LEFT,
    bufferPages: true,
    info: { Title: `${t(m.report_title)} ${order.number}`, Author: ctx.tenant.name },
  });
  const width = doc.page.width - 2 * LEFT;
  header(doc, ctx.tenant.name, `${t(m.report_title)} · ${order.number}`);
  patientFacts(doc, order.patient, lang, width);
  doc.moveDown(0.4);
  facts(
    doc,
    [
      [t(m.report_order), order.number],
      [t(m.report_ordered), f.dateTime(order.orderedAt)],
      [t(m.report_priority), t(m[`priority_${order.priority}`])],
      [t(m.report_clinic), order.clinicName ?? ''],
      [t(m.report_clinician), order.clinician ?? ''],
      [t(m.report_note), order.clinicalNote ?? ''],
    ],
    width,
  );
  doc.moveDown(0.8);

  const cols = [LEFT, LEFT + 190, LEFT + 290, LEFT + 330] as const;
  const head = doc.y;
  doc.font('Sans-Bold').fontSize(9).fillColor('#555');
  doc.text(t(m.report_test), cols[0], head, { width: 185 });
  doc.text(t(m.report_result), cols[1], head, { width: 95, align: 'right' });
  doc.text(t(m.report_flag), cols[2], head, { width: 35, align: 'center' });
  doc.text(t(m.report_range), cols[3], head, { width: width - 330 });
  doc
    .moveTo(LEFT, doc.y + 2)
    .lineTo(LEFT + width, doc.y + 2)
    .strokeColor('#999')
    .stroke();
  doc.moveDown(0.5);

  const rejected = order.specimens.filter((s) => s.status === 'rejected');
  const ordered = order.specimens.filter((s) => s.status !== 'rejected').flatMap((s) => s.tests);
  const releasers = new Map<string, string>();
  for (const code of [...new Set(ordered)]) {
    const test = tests.find((x) => x.code === code);
    if (!test) continue;
    const r = order.results.find((x) => x.test === code && x.status === 'released');
    if (doc.y > doc.page.height - 120) doc.addPage();
    const y = doc.y;
    const critical = r?.flag === 'HH' || r?.flag === 'LL';
    doc
      .font('Sans')
      .fontSize(10)
      .fillColor('#000')
      .text(lang === 'cs' ? test.name.cs : test.name.en, cols[0], y, { width: 185 });
    const afterName = doc.y;
    const value = r
      ? `${r.value === null ? (r.valueText ?? '') : f.number(r.value, test.decimals)} ${test.unit}`
      : t(m.report_pending);
    doc
      .font(r?.flag ? 'Sans-Bold' : 'Sans')
      .fillColor(critical ? '#b00020' : '#000')
      .text(value, cols[1], y, { width: 95, align: 'right' });
    doc.text(r?.flag ?? '', cols[2], y, { width: 35, align: 'center' });
    doc
      .font('Sans')
      .fillColor('#000')
      .text(r ? rangeText(f.number(r.refLow, test.decimals), f.number(r.refHigh, test.decimals)) : '', cols[3], y, {
        width: width - 330,
      });
    doc.y = Math.max(afterName, doc.y);
    const notes: string[] = [];
    if (r?.amendReason) notes.push(t(m.report_amended, { version: r.version, reason: r.amendReason }));
    if (r?.comment) notes.push(r.comment);
    if (r?.callbackTo && r.callbackAt)
      notes.push(t(m.report_callback, { to: r.callbackTo, at: f.dateTime(r.callbackAt) }));
    for (const n of notes)
      doc
        .fontSize(8)
        .fillColor('#444')
        .text(n, cols[0] + 10, doc.y, { width: width - 10 });
    if (r?.releasedAt) releasers.set(r.releasedByLabel ?? '—', r.releasedAt);
    doc.moveDown(0.3);
  }
  for (const s of rejected) {
    doc
      .fontSize(9)
      .fillColor('#b00020')
      .text(
        t(m.report_rejected, {
          barcode: s.barcode,
          reason: s.rejectionReason ? t(m[`reason_${s.rejectionReason}` as 'reason_clotted']) : '',
        }),
        LEFT,
        doc.y,
        { width },
      );
  }
  doc.moveDown(0.8);
  doc.fontSize(8).fillColor('#555').text(t(m.report_legend), LEFT, doc.y, { width });
  doc.moveDown(0.4);
  doc.font('Sans').fontSize(9).fillColor('#000');
  for (const [who, at] of releasers)
    doc.text(t(m.report_released_by, { who, at: f.dateTime(at) }), LEFT, doc.y, { width });
  footer(doc, t, f.dateTime(ctx.now().toISOString()));
  return finish();
}

function footer(
  doc: PDFKit.PDFDocument,
  t: (msg: Parameters<typeof translate>[1], params?: Record<string, string | number>) => string,
  printed: string,
) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - 36;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Sans')
      .fontSize(8)
      .fillColor('#777')
      .text(
        `${t(m.report_printed, { at: printed })} · ${t(m.report_page, { page: i + 1, pages: range.count })}`,
        LEFT,
        bottom,
        { width: doc.page.width - 2 * LEFT, align: 'right', lineBreak: false },
      );
    doc.page.margins.bottom = saved;
  }
}

/**
 * A patient's cumulative report: for each test, a line chart of its released values over time with
 * the reference band shaded, then the values in a table (date, value, flag).
 */
export async function cumulativePdf(
  ctx: PluginContext,
  patient: OrderBundle['patient'],
  series: CumulativeSeries[],
  lang: Lang,
): Promise<Buffer> {
  const t = (msg: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, msg, params);
  const f = formats(lang);
  const { doc, finish } = createPdf({
    size: 'A4',
    margin: LEFT,
    bufferPages: true,
    info: { Title: t(m.report_cumulative), Author: ctx.tenant.name },
  });
  const width = doc.page.width - 2 * LEFT;
  header(doc, ctx.tenant.name, t(m.report_cumulative));
  patientFacts(doc, patient, lang, width);
  doc.moveDown(0.8);
  if (series.length === 0) doc.font('Sans').fontSize(10).text(t(m.report_no_results), LEFT, doc.y);
  for (const s of series) {
    const numeric = s.points.filter((p) => p.value !== null);
    const tableHeight = 14 * s.points.length + 20;
    const chartHeight = numeric.length > 0 ? 100 : 0;
    if (doc.y + chartHeight + tableHeight > doc.page.height - 80) doc.addPage();
    doc
      .font('Sans-Bold')
      .fontSize(11)
      .fillColor('#000')
      .text(`${lang === 'cs' ? s.name.cs : s.name.en} (${s.unit})`, LEFT, doc.y);
    doc.moveDown(0.3);
    if (numeric.length > 0) {
      drawChart(doc, s, LEFT, doc.y, width, 86);
      doc.y += chartHeight;
    }
    for (const p of s.points) {
      const y = doc.y;
      doc.font('Sans').fontSize(9).fillColor('#000').text(f.dateTime(p.at), LEFT, y, { width: 150 });
      doc
        .font(p.flag ? 'Sans-Bold' : 'Sans')
        .fillColor(p.flag === 'HH' || p.flag === 'LL' ? '#b00020' : '#000')
        .text(p.value === null ? (p.valueText ?? '') : f.number(p.value, s.decimals), LEFT + 155, y, {
          width: 80,
          align: 'right',
        });
      doc.text(p.flag ?? '', LEFT + 245, y, { width: 30 });
      doc
        .font('Sans')
        .fillColor('#555')
        .text(rangeText(f.number(p.refLow, s.decimals), f.number(p.refHigh, s.decimals)), LEFT + 280, y, {
          width: width - 280,
        });
    }
    doc.moveDown(0.8);
  }
  doc.fontSize(8).fillColor('#555').text(t(m.report_legend), LEFT, doc.y, { width });
  footer(doc, t, f.dateTime(ctx.now().toISOString()));
  return finish();
}

/** A small line chart: the reference band of the latest value shaded, points joined in time order. */
function drawChart(doc: PDFKit.PDFDocument, s: CumulativeSeries, x: number, y: number, w: number, h: number) {
  const pts = s.points.filter((p) => p.value !== null);
  const values = pts.map((p) => Number(p.value));
  const last = pts[pts.length - 1];
  const low = last?.refLow === null || last?.refLow === undefined ? null : Number(last.refLow);
  const high = last?.refHigh === null || last?.refHigh === undefined ? null : Number(last.refHigh);
  const all = [...values, ...(low === null ? [] : [low]), ...(high === null ? [] : [high])];
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.1;
  min -= pad;
  max += pad;
  const sy = (v: number) => y + h - ((v - min) / (max - min)) * h;
  const sx = (i: number) => x + 30 + (pts.length === 1 ? (w - 40) / 2 : (i / (pts.length - 1)) * (w - 40));
  doc
    .rect(x + 30, y, w - 30, h)
    .strokeColor('#ccc')
    .lineWidth(0.5)
    .stroke();
  if (low !== null || high !== null) {
    const top = sy(high ?? max);
    const bottom = sy(low ?? min);
    doc
      .rect(x + 30, top, w - 30, bottom - top)
      .fillColor('#2e7d32')
      .fillOpacity(0.12)
      .fill();
    doc.fillOpacity(1);
  }
  doc.font('Sans').fontSize(7).fillColor('#777');
  doc.text(String(Number(max.toFixed(s.decimals))), x, y, { width: 28, align: 'right' });
  doc.text(String(Number(min.toFixed(s.decimals))), x, y + h - 8, { width: 28, align: 'right' });
  doc.strokeColor('#1f4fbf').lineWidth(1.2);
  pts.forEach((p, i) => {
    const px = sx(i);
    const py = sy(Number(p.value));
    if (i === 0) doc.moveTo(px, py);
    else doc.lineTo(px, py);
  });
  if (pts.length > 1) doc.stroke();
  pts.forEach((p, i) => {
    doc
      .circle(sx(i), sy(Number(p.value)), 2.5)
      .fillColor(p.flag ? '#b00020' : '#1f4fbf')
      .fill();
  });
  doc.fillColor('#000').strokeColor('#000').lineWidth(1);
}
