import { translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale.ts';
import { createPdf } from '../lib/pdf.ts';
import type { DataSubject } from './classes.ts';
import { mm } from './management-messages.ts';
import type { ModuleData } from './subjects.ts';

const noon = (ymd: string) => new Date(`${ymd}T12:00:00Z`);

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The readable copy of a data-subject export: one section per module, each record with its fields. */
export async function subjectPdf(args: {
  locale: Locale;
  firm: string;
  subject: DataSubject;
  receivedOn: string;
  today: string;
  modules: ModuleData[];
  withheld: readonly { en: string; cs: string }[];
}): Promise<Buffer> {
  const { doc, finish } = createPdf({ size: 'A4', margin: 50, info: { Title: 'Personal data export' } });
  const t = (m: (typeof mm)[keyof typeof mm], p?: Record<string, unknown>) => translate(args.locale, m, p);
  const name = args.subject.name ?? args.subject.email ?? args.subject.birthNumber ?? '';
  doc.font('Sans-Bold').fontSize(16).text(t(mm.pdf_title, { name }));
  doc
    .font('Sans')
    .fontSize(9)
    .fillColor('#555')
    .text(t(mm.pdf_intro, { firm: args.firm, received: noon(args.receivedOn), today: noon(args.today) }));
  doc.fillColor('#000').moveDown();
  const total = args.modules.reduce((n, m) => n + m.items.length, 0);
  if (!total) doc.fontSize(11).text(t(mm.pdf_none));
  for (const m of args.modules) {
    if (!m.items.length) continue;
    doc.moveDown(0.5).font('Sans-Bold').fontSize(13).text(m.title[args.locale]);
    for (const item of m.items) {
      doc.moveDown(0.3).font('Sans-Bold').fontSize(10).text(item.label);
      if (item.keepUntil) {
        doc
          .font('Sans')
          .fontSize(8)
          .fillColor('#555')
          .text(t(mm.pdf_kept_until, { until: noon(item.keepUntil) }));
        doc.fillColor('#000');
      }
      doc.font('Sans').fontSize(9);
      for (const [k, v] of Object.entries(item.data)) doc.text(`${k}: ${valueText(v)}`, { indent: 12 });
    }
  }
  if (args.withheld.length) {
    doc
      .moveDown()
      .font('Sans')
      .fontSize(9)
      .text(t(mm.pdf_withheld, { modules: args.withheld.map((w) => w[args.locale]).join(', ') }));
  }
  return finish();
}
