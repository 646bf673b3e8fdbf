import { createPdf, profileAddressLines, readCompanyProfile } from '@bureau/core';
import { getCashDocument } from './cash-book.ts';
import { type Ctx, dbOf } from './context.ts';
import { displayAmount, displayDate, type Lang } from './pdf.ts';

const T = {
  cs: {
    receipt: 'Příjmový pokladní doklad',
    payment: 'Výdajový pokladní doklad',
    firm: 'Účetní jednotka',
    ico: 'IČO',
    dic: 'DIČ',
    desk: 'Pokladna',
    date: 'Datum',
    from: 'Přijato od',
    to: 'Vyplaceno',
    purpose: 'Účel platby',
    amount: 'Částka',
    rate: 'Kurz',
    functional: 'V účetní měně',
    posting: 'Zaúčtování (MD / D)',
    pays: 'Úhrada dokladu',
    entry: 'Účetní zápis',
    cancels: 'Stornuje doklad',
    cancelledBy: 'STORNOVÁNO dokladem',
    made: 'Vyhotovil',
    approved: 'Schválil',
    signReceipt: 'Přijal (pokladník)',
    signPayment: 'Příjemce',
  },
  en: {
    receipt: 'Cash receipt',
    payment: 'Cash payment voucher',
    firm: 'Entity',
    ico: 'Company ID',
    dic: 'VAT ID',
    desk: 'Cash desk',
    date: 'Date',
    from: 'Received from',
    to: 'Paid to',
    purpose: 'Purpose',
    amount: 'Amount',
    rate: 'Rate',
    functional: 'In the functional currency',
    posting: 'Posting (Dr / Cr)',
    pays: 'Pays document',
    entry: 'Journal entry',
    cancels: 'Cancels document',
    cancelledBy: 'CANCELLED by',
    made: 'Prepared by',
    approved: 'Approved by',
    signReceipt: 'Received by (cashier)',
    signPayment: 'Recipient',
  },
};

/**
 * A cash document as an A4 PDF with what § 11 of the Czech accounting act asks of an accounting
 * document: its number, the firm, the parties, the purpose, the amount, the dates, the posting and
 * the signatures of who prepared, approved and handed over or took the cash.
 */
export async function cashDocumentPdf(ctx: Ctx, id: string): Promise<{ bytes: Buffer; fileName: string }> {
  const v = await getCashDocument(ctx, id);
  const db = dbOf(ctx);
  const profile = await readCompanyProfile(db, ctx.tenant);
  const desk = await db
    .selectFrom('accounting.cash_desks as k')
    .innerJoin('accounting.accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'k.tenant_id').onRef('a.id', '=', 'k.account_id'),
    )
    .select(['a.code'])
    .where('k.tenant_id', '=', ctx.tenant.id)
    .where('k.id', '=', v.desk.id)
    .executeTakeFirstOrThrow();
  const functionalCurrency = (
    await db
      .selectFrom('accounting.settings')
      .select('currency')
      .where('tenant_id', '=', ctx.tenant.id)
      .executeTakeFirstOrThrow()
  ).currency;
  // The other side: the account given, or the receivable/payable the paid document was posted to.
  const other =
    v.account?.code ??
    (
      await db
        .selectFrom('accounting.journal_lines as l')
        .innerJoin('accounting.accounts as a', (j) =>
          j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'),
        )
        .select('a.code')
        .where('l.tenant_id', '=', ctx.tenant.id)
        .where('l.entry_id', '=', v.entry.id)
        .where('a.code', '<>', desk.code)
        .orderBy('l.line_no')
        .executeTakeFirst()
    )?.code;
  const lang: Lang = ctx.tenant.locale.toLowerCase().startsWith('cs') ? 'cs' : 'en';
  const t = T[lang];
  const title = `${v.kind === 'receipt' ? t.receipt : t.payment} ${v.number}`;
  const { doc, finish } = createPdf({
    size: 'A4',
    margin: 48,
    info: { Title: title, Author: profile.legalName, Subject: v.number },
  });
  const left = 48;
  const width = doc.page.width - 96;
  doc.font('Sans-Bold').fontSize(18).text(title, left, 48);
  if (v.cancelledBy)
    doc
      .font('Sans-Bold')
      .fontSize(11)
      .fillColor('#b00')
      .text(`${t.cancelledBy} ${v.cancelledBy.number}`)
      .fillColor('#000');
  doc.moveDown(1);
  const firm = [profile.legalName, ...profileAddressLines(profile)];
  if (profile.ico) firm.push(`${t.ico}: ${profile.ico}`);
  if (profile.dic) firm.push(`${t.dic}: ${profile.dic}`);
  doc.font('Sans-Bold').fontSize(9).fillColor('#666').text(t.firm.toUpperCase(), left, doc.y);
  doc.font('Sans').fontSize(10).fillColor('#000');
  for (const l of firm) doc.text(l, left, doc.y, { width });
  doc.moveDown(1);

  const fmt = (amount: string, currency: string) => displayAmount(amount, currency, lang);
  const facts: [string, string][] = [
    [t.desk, `${v.desk.name} (${v.desk.code})`],
    [t.date, displayDate(v.date, lang)],
  ];
  const party = v.partner?.name ?? v.person;
  if (party)
    facts.push([
      v.kind === 'receipt' ? t.from : t.to,
      v.person && v.partner ? `${v.partner.name}, ${v.person}` : party,
    ]);
  facts.push([t.purpose, v.description], [t.amount, fmt(v.amount, v.currency)]);
  if (v.currency !== functionalCurrency)
    facts.push([t.rate, v.rate], [t.functional, fmt(v.functional, functionalCurrency)]);
  if (other) facts.push([t.posting, v.kind === 'receipt' ? `${desk.code} / ${other}` : `${other} / ${desk.code}`]);
  if (v.document?.number) facts.push([t.pays, v.document.number]);
  facts.push([t.entry, v.entry.number]);
  if (v.cancels) facts.push([t.cancels, v.cancels.number]);
  for (const [k, val] of facts) {
    const y = doc.y;
    doc.font('Sans').fontSize(10).fillColor('#555').text(k, left, y, { width: 170 });
    doc
      .font('Sans-Bold')
      .fillColor('#000')
      .text(val, left + 175, y, { width: width - 175 });
    doc.moveDown(0.2);
  }
  doc.moveDown(3);
  // Signatures: who prepared it (the user who wrote it), who approved it, who took or gave the cash.
  const y = doc.y;
  const third = width / 3;
  const signs = [
    [t.made, v.createdBy ?? ''],
    [t.approved, ''],
    [v.kind === 'receipt' ? t.signReceipt : t.signPayment, ''],
  ] as const;
  signs.forEach(([label, name], i) => {
    const x = left + i * third;
    doc
      .moveTo(x, y + 30)
      .lineTo(x + third - 16, y + 30)
      .strokeColor('#999')
      .stroke();
    doc
      .font('Sans')
      .fontSize(9)
      .fillColor('#555')
      .text(label, x, y + 34, { width: third - 16 });
    if (name)
      doc
        .font('Sans')
        .fontSize(9)
        .fillColor('#000')
        .text(name, x, y + 14, { width: third - 16 });
  });
  const bytes = await finish();
  await ctx.auditRead('accounting.cash_document', id);
  return { bytes, fileName: `${v.number.replace(/[^\w.-]/g, '_')}.pdf` };
}
