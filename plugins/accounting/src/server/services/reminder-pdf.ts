import { createPdf, payToAccount, profileAddressLines, readCompanyProfile } from '@bureau/core';
import { lateInterestRateFor } from '../data/cz-late-interest.ts';
import { money } from './amounts.ts';
import { type Ctx, dbOf } from './context.ts';
import { addDays } from './dates.ts';
import { displayAmount, displayDate, drawQr, spayd } from './pdf.ts';
import { LEVEL_NAMES } from './reminder-texts.ts';
import { getReminder, minorOf } from './reminders.ts';

const T = {
  cs: {
    invoice: 'faktura',
    seller: 'Dodavatel',
    buyer: 'Odběratel',
    ico: 'IČO',
    dic: 'DIČ',
    date: 'Datum upomínky',
    number: 'Číslo faktury',
    issued: 'Datum vystavení',
    due: 'Datum splatnosti',
    overdue: 'Dní po splatnosti',
    vs: 'Variabilní symbol',
    account: 'Bankovní účet',
    total: 'Celkem k úhradě na faktuře',
    paid: 'Uhrazeno',
    remaining: 'Zbývá uhradit',
    interest: 'Zákonný úrok z prodlení',
    interestBasis: (rate: string, days: number) =>
      `${rate} % ročně za ${days} ${days === 1 ? 'den' : days <= 4 ? 'dny' : 'dní'} (nařízení vlády č. 351/2013 Sb.: repo sazba ČNB platná k prvnímu dni pololetí, v němž prodlení nastalo, + 8 p. b.)`,
    interestUnknown: 'Sazba pro pololetí, v němž prodlení nastalo, není v datech aplikace; úrok není vyčíslen.',
    body: 'Dovolujeme si vás upozornit, že výše uvedená faktura dosud nebyla plně uhrazena. Prosíme o úhradu zbývající částky bez zbytečného odkladu. Pokud jste již zaplatili, považujte prosím tuto upomínku za bezpředmětnou.',
    finalBody:
      'Toto je poslední upomínka. Neobdržíme-li úhradu, budeme nuceni pohledávku vymáhat, včetně zákonného úroku z prodlení.',
    qr: 'QR Platba',
  },
  en: {
    invoice: 'invoice',
    seller: 'Seller',
    buyer: 'Buyer',
    ico: 'Company ID',
    dic: 'VAT ID',
    date: 'Reminder date',
    number: 'Invoice number',
    issued: 'Issue date',
    due: 'Due date',
    overdue: 'Days overdue',
    vs: 'Payment reference (VS)',
    account: 'Bank account',
    total: 'Invoice total',
    paid: 'Paid',
    remaining: 'Amount due',
    interest: 'Statutory late-payment interest',
    interestBasis: (rate: string, days: number) =>
      `${rate} % a year for ${days} ${days === 1 ? 'day' : 'days'} (Czech Government Regulation No. 351/2013 Coll.: the ČNB repo rate on the first day of the half-year the delay began in + 8 percentage points)`,
    interestUnknown:
      'The rate for the half-year the delay began in is not in the application’s data; no interest is stated.',
    body: 'Our records show that the invoice above has not been paid in full. Please pay the amount due without delay. If you have paid it already, please disregard this reminder.',
    finalBody:
      'This is our final notice. Unless we receive payment we will have to pursue the debt, with the statutory interest for late payment.',
    qr: 'QR payment',
  },
};

/**
 * A reminder as an A4 letter in the customer's language (as recorded on the reminder): seller from the
 * company profile, buyer, the invoice's dates, what is left as of the reminder, the statutory interest
 * and a QR Platba code for the rest.
 */
export async function reminderPdf(ctx: Ctx, id: string): Promise<{ bytes: Buffer; fileName: string }> {
  const r = await getReminder(ctx, id);
  const db = dbOf(ctx);
  const d = await db
    .selectFrom('accounting.documents as d')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'),
    )
    .select([
      'd.number',
      'd.issue_date',
      'd.due_date',
      'd.total',
      'd.variable_symbol',
      'p.name',
      'p.street',
      'p.city',
      'p.postal_code',
      'p.country',
      'p.ico',
      'p.dic',
    ])
    .where('d.tenant_id', '=', ctx.tenant.id)
    .where('d.id', '=', r.documentId)
    .executeTakeFirstOrThrow();
  const profile = await readCompanyProfile(db, ctx.tenant);
  const lang = r.locale;
  const t = T[lang];
  const number = d.number ?? '';
  const title = `${LEVEL_NAMES[lang][r.level]} – ${t.invoice} ${number}`;
  const { doc, finish } = createPdf({ size: 'A4', margin: 48, info: { Title: title, Author: profile.legalName } });
  const left = 48;
  const width = doc.page.width - 96;
  const half = width / 2 - 12;
  doc.font('Sans-Bold').fontSize(18).text(title, left, 48);
  doc.moveDown(1);

  const block = (
    label: string,
    name: string,
    lines: string[],
    ico: string | null,
    dic: string | null,
    x: number,
    y: number,
  ) => {
    doc.font('Sans-Bold').fontSize(9).fillColor('#666').text(label.toUpperCase(), x, y);
    doc
      .font('Sans-Bold')
      .fontSize(11)
      .fillColor('#000')
      .text(name, x, doc.y + 2, { width: half });
    doc.font('Sans').fontSize(10);
    const all = [...lines];
    if (ico) all.push(`${t.ico}: ${ico}`);
    if (dic) all.push(`${t.dic}: ${dic}`);
    for (const l of all) doc.text(l, x, doc.y, { width: half });
    return doc.y;
  };
  const top = doc.y;
  const sellerBottom = block(
    t.seller,
    profile.legalName,
    profileAddressLines(profile),
    profile.ico,
    profile.dic,
    left,
    top,
  );
  const buyerLines = [d.street ?? '', `${d.postal_code ?? ''} ${d.city ?? ''}`.trim(), d.country].filter((l) =>
    l.trim(),
  );
  const buyerBottom = block(t.buyer, d.name, buyerLines, d.ico, d.dic, left + width / 2, top);
  doc.y = Math.max(sellerBottom, buyerBottom) + 16;

  const fmt = (a: string) => displayAmount(a, r.currency, lang);
  const account = payToAccount(profile, r.currency);
  const total = money(d.total, r.currency);
  const paid = money(BigInt(d.total) - minorOf(r.remaining, r.currency), r.currency);
  const facts: [string, string][] = [
    [t.date, displayDate(r.asOf, lang)],
    [t.number, number],
    [t.issued, displayDate(d.issue_date, lang)],
    [t.due, displayDate(d.due_date, lang)],
    [t.overdue, String(r.daysOverdue)],
    [t.vs, d.variable_symbol ?? number],
  ];
  if (account?.iban || account?.accountNumber) facts.push([t.account, account.iban ?? account.accountNumber ?? '']);
  facts.push([t.total, fmt(total)]);
  if (/[1-9]/.test(paid)) facts.push([t.paid, fmt(paid)]);
  facts.push([t.remaining, fmt(r.remaining)]);
  for (const [k, val] of facts) {
    const y = doc.y;
    doc.font('Sans').fontSize(10).fillColor('#555').text(k, left, y, { width: 190 });
    doc
      .font('Sans-Bold')
      .fillColor('#000')
      .text(val, left + 195, y, { width: width - 195 });
    doc.moveDown(0.2);
  }
  doc.moveDown(0.6);
  doc.font('Sans-Bold').fontSize(10).text(t.interest, left, doc.y);
  const rate = lateInterestRateFor(addDays(d.due_date, 1));
  doc.font('Sans').fontSize(10);
  if (r.interest && rate) {
    doc.text(`${fmt(r.interest)} — ${t.interestBasis(rate.rate, r.daysOverdue)}`, left, doc.y, { width });
  } else {
    doc.text(t.interestUnknown, left, doc.y, { width });
  }
  doc.moveDown(1);
  doc.text(t.body, left, doc.y, { width });
  if (r.level === 3) {
    doc.moveDown(0.5);
    doc.font('Sans-Bold').text(t.finalBody, left, doc.y, { width });
  }
  doc.moveDown(1);
  const qr = spayd({
    iban: account?.iban ?? null,
    bic: account?.bic ?? null,
    amount: r.remaining,
    currency: r.currency,
    variableSymbol: d.variable_symbol,
    message: `${lang === 'cs' ? 'Faktura' : 'Invoice'} ${number}`,
  });
  if (qr) {
    doc.font('Sans-Bold').fontSize(9).fillColor('#000').text(t.qr, left, doc.y);
    drawQr(doc, qr, left, doc.y + 2);
  }
  const bytes = await finish();
  return { bytes, fileName: `${number}-${r.level}.pdf`.replace(/[^\w.-]/g, '_') };
}
