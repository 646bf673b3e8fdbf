import { createPdf, profileAddressLines, readCompanyProfile } from '@bureau/core';
import { getCashClose } from './cash-close.ts';
import { type Ctx, dbOf } from './context.ts';
import { displayAmount, displayDate, type Lang } from './pdf.ts';

const T = {
  cs: {
    title: 'Denní uzávěrka pokladny',
    firm: 'Účetní jednotka',
    ico: 'IČO',
    desk: 'Pokladna',
    date: 'Den',
    opening: 'Počáteční stav',
    receipts: 'Příjmy dne',
    payments: 'Výdaje dne',
    book: 'Stav podle pokladní knihy',
    counted: 'Napočítaná hotovost',
    difference: 'Rozdíl (+ přebytek / − manko)',
    document: 'Rozdíl zaúčtován dokladem',
    closed: 'Uzavřeno',
    cashier: 'Pokladník',
    checked: 'Kontroloval',
  },
  en: {
    title: 'Daily close of the cash desk',
    firm: 'Entity',
    ico: 'Company ID',
    desk: 'Cash desk',
    date: 'Day',
    opening: 'Opening balance',
    receipts: 'Receipts of the day',
    payments: 'Payments of the day',
    book: 'Balance per the cash book',
    counted: 'Cash counted',
    difference: 'Difference (+ surplus / − shortage)',
    document: 'Difference posted by document',
    closed: 'Closed',
    cashier: 'Cashier',
    checked: 'Checked by',
  },
};

/** The close document: the firm, the desk and day, the book against the count, the difference and signatures. */
export async function cashClosePdf(ctx: Ctx, id: string): Promise<{ bytes: Buffer; fileName: string }> {
  const c = await getCashClose(ctx, id);
  const profile = await readCompanyProfile(dbOf(ctx), ctx.tenant);
  const lang: Lang = ctx.tenant.locale.toLowerCase().startsWith('cs') ? 'cs' : 'en';
  const t = T[lang];
  const title = `${t.title} ${c.desk.code} ${displayDate(c.date, lang)}`;
  const { doc, finish } = createPdf({ size: 'A4', margin: 48, info: { Title: title, Author: profile.legalName } });
  const left = 48;
  const width = doc.page.width - 96;
  doc.font('Sans-Bold').fontSize(18).text(title, left, 48);
  doc.moveDown(1);
  doc.font('Sans-Bold').fontSize(9).fillColor('#666').text(t.firm.toUpperCase(), left, doc.y);
  doc.font('Sans').fontSize(10).fillColor('#000');
  for (const l of [
    profile.legalName,
    ...profileAddressLines(profile),
    ...(profile.ico ? [`${t.ico}: ${profile.ico}`] : []),
  ])
    doc.text(l, left, doc.y, { width });
  doc.moveDown(1);
  const fmt = (a: string) => displayAmount(a, c.desk.currency, lang);
  const facts: [string, string][] = [
    [t.desk, `${c.desk.name} (${c.desk.code})`],
    [t.date, displayDate(c.date, lang)],
    [t.opening, fmt(c.opening)],
    [t.receipts, fmt(c.receipts)],
    [t.payments, fmt(c.payments)],
    [t.book, fmt(c.bookBalance)],
    [t.counted, fmt(c.counted)],
    [t.difference, fmt(c.difference)],
  ];
  if (c.differenceDocument) facts.push([t.document, c.differenceDocument.number]);
  facts.push([t.closed, `${c.closedAt.slice(0, 16).replace('T', ' ')} UTC${c.closedBy ? ` – ${c.closedBy}` : ''}`]);
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.font('Sans').fontSize(10).fillColor('#555').text(k, left, y, { width: 220 });
    doc
      .font('Sans-Bold')
      .fillColor('#000')
      .text(v, left + 225, y, { width: width - 225 });
    doc.moveDown(0.2);
  }
  doc.moveDown(3);
  const y = doc.y;
  const half = width / 2;
  [t.cashier, t.checked].forEach((label, i) => {
    const x = left + i * half;
    doc
      .moveTo(x, y + 30)
      .lineTo(x + half - 24, y + 30)
      .strokeColor('#999')
      .stroke();
    doc
      .font('Sans')
      .fontSize(9)
      .fillColor('#555')
      .text(label, x, y + 34, { width: half - 24 });
  });
  const bytes = await finish();
  return { bytes, fileName: `${c.desk.code}-${c.date}-uzaverka.pdf` };
}
