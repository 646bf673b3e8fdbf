import QRCode from 'qrcode';
import { formatMoney, minorDigits } from '../lib/money.ts';
import { createPdf } from '../lib/pdf.ts';
import type { Seller } from './config.ts';
import { addDays, czDate } from './dates.ts';
import type { Buyer, Invoice } from './invoices.ts';
import { langFor } from './labels.ts';
import { epcQr, spayd } from './spayd.ts';

const T = {
  cs: {
    invoice: 'Faktura – daňový doklad',
    credit: 'Opravný daňový doklad (dobropis)',
    correcting: 'k faktuře',
    seller: 'Dodavatel',
    buyer: 'Odběratel',
    ico: 'IČO',
    dic: 'DIČ',
    issued: 'Datum vystavení',
    taxable: 'Datum zdanitelného plnění',
    due: 'Datum splatnosti',
    vs: 'Variabilní symbol',
    method: 'Forma úhrady',
    transfer: 'bankovním převodem',
    account: 'Účet (IBAN)',
    item: 'Položka',
    qty: 'Množství',
    unit: 'Cena za jedn.',
    amount: 'Celkem bez DPH',
    base: 'Základ daně',
    vat: 'DPH',
    total: 'Celkem k úhradě',
    totalCredit: 'Celkem k dobropisu',
    paid: 'Uhrazeno',
    qr: 'QR Platba',
    period: 'Období',
  },
  en: {
    invoice: 'Invoice – tax document',
    credit: 'Credit note',
    correcting: 'for invoice',
    seller: 'Seller',
    buyer: 'Buyer',
    ico: 'Company ID',
    dic: 'VAT ID',
    issued: 'Issue date',
    taxable: 'Tax point date',
    due: 'Due date',
    vs: 'Payment reference (VS)',
    method: 'Payment',
    transfer: 'bank transfer',
    account: 'Account (IBAN)',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit price',
    amount: 'Net amount',
    base: 'Net total',
    vat: 'VAT',
    total: 'Total due',
    totalCredit: 'Total credited',
    paid: 'Paid',
    qr: 'Scan to pay',
    period: 'Period',
  },
};

function money(v: bigint, currency: string, lang: 'cs' | 'en'): string {
  const s = formatMoney(v, minorDigits(currency));
  const [whole, frac] = s.replace('-', '').split('.');
  const sep = lang === 'cs' ? '\u00a0' : ',';
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const num = `${v < 0n ? '-' : ''}${grouped}${frac ? (lang === 'cs' ? ',' : '.') + frac : ''}`;
  return lang === 'cs' && currency === 'CZK' ? `${num}\u00a0Kč` : `${num}\u00a0${currency}`;
}

const ibanGroups = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/** The payment QR payload: SPAYD for CZK, EPC (SEPA) for EUR; none for a credit note or nothing to pay. */
export function paymentQr(inv: Invoice): { kind: 'spayd' | 'epc'; text: string } | null {
  const due = inv.total - inv.amountSettled;
  if (inv.kind !== 'invoice' || due <= 0n) return null;
  const message = `Faktura ${inv.number}`;
  if (inv.currency === 'EUR') {
    return {
      kind: 'epc',
      text: epcQr({
        iban: inv.seller.iban,
        bic: inv.seller.bic,
        name: inv.seller.name,
        amount: due,
        variableSymbol: inv.variableSymbol,
        message,
      }),
    };
  }
  return {
    kind: 'spayd',
    text: spayd({
      iban: inv.seller.iban,
      bic: inv.seller.bic,
      amount: due,
      currency: inv.currency,
      variableSymbol: inv.variableSymbol,
      dueOn: inv.dueOn,
      recipient: inv.seller.name,
      message,
    }),
  };
}

/** Renders an invoice or credit note as an A4 PDF. */
export async function invoicePdf(inv: Invoice, original?: Invoice | null): Promise<Buffer> {
  const lang = langFor(inv.buyer.country);
  const t = T[lang];
  const { doc, finish } = createPdf({
    size: 'A4',
    margin: 48,
    info: { Title: `Invoice ${inv.number}`, Author: inv.seller.name, Subject: `VS ${inv.variableSymbol}` },
  });
  const left = 48;
  const width = doc.page.width - 96;
  const fmt = (v: bigint) => money(v, inv.currency, lang);

  // Title
  doc
    .font('Sans-Bold')
    .fontSize(18)
    .text(`${inv.kind === 'invoice' ? t.invoice : t.credit} ${inv.number}`, left, 48);
  if (original)
    doc
      .font('Sans')
      .fontSize(10)
      .text(`${t.correcting} ${original.number} (${czDate(original.issuedOn)})`);
  doc.moveDown(1);

  // Parties
  const partyBlock = (title: string, p: Seller | Buyer, x: number, y: number) => {
    doc.font('Sans-Bold').fontSize(9).fillColor('#666').text(title.toUpperCase(), x, y);
    doc
      .font('Sans-Bold')
      .fontSize(11)
      .fillColor('#000')
      .text(p.name, x, doc.y + 2, { width: width / 2 - 12 });
    doc.font('Sans').fontSize(10);
    const lines = [p.street, `${p.zip} ${p.city}`.trim(), p.country];
    if (p.ico) lines.push(`${t.ico}: ${p.ico}`);
    if (p.dic) lines.push(`${t.dic}: ${p.dic}`);
    for (const line of lines.filter((l) => l.trim())) doc.text(line, x, doc.y, { width: width / 2 - 12 });
    return doc.y;
  };
  const top = doc.y;
  const sellerBottom = partyBlock(t.seller, inv.seller, left, top);
  if ('registration' in inv.seller && inv.seller.registration) {
    doc
      .fontSize(8)
      .fillColor('#666')
      .text(inv.seller.registration, left, doc.y + 2, { width: width / 2 - 12 });
    doc.fillColor('#000');
  }
  const afterSeller = Math.max(sellerBottom, doc.y);
  const buyerBottom = partyBlock(t.buyer, inv.buyer, left + width / 2, top);
  doc.y = Math.max(afterSeller, buyerBottom) + 16;

  // Dates and payment
  const facts: [string, string][] = [
    [t.issued, czDate(inv.issuedOn)],
    [t.taxable, czDate(inv.taxableOn)],
  ];
  if (inv.kind === 'invoice') {
    facts.push([t.due, czDate(inv.dueOn)], [t.vs, inv.variableSymbol], [t.method, t.transfer]);
    facts.push([t.account, ibanGroups(inv.seller.iban) + (inv.seller.bic ? `  (BIC ${inv.seller.bic})` : '')]);
  }
  if (inv.periodStart && inv.periodEnd)
    facts.push([t.period, `${czDate(inv.periodStart)} – ${czDate(addDays(inv.periodEnd, -1))}`]);
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.font('Sans').fontSize(10).fillColor('#555').text(k, left, y, { width: 170 });
    doc
      .font('Sans-Bold')
      .fillColor('#000')
      .text(v, left + 175, y, { width: width - 175 });
  }
  doc.moveDown(1);

  // Lines
  const cols = [left, left + width - 250, left + width - 190, left + width - 95];
  const header = doc.y;
  doc.font('Sans-Bold').fontSize(9).fillColor('#555');
  doc.text(t.item, cols[0], header, { width: cols[1]! - cols[0]! - 8 });
  doc.text(t.qty, cols[1], header, { width: 55, align: 'right' });
  doc.text(t.unit, cols[2], header, { width: 90, align: 'right' });
  doc.text(t.amount, cols[3], header, { width: 95, align: 'right' });
  doc
    .moveTo(left, doc.y + 3)
    .lineTo(left + width, doc.y + 3)
    .strokeColor('#999')
    .stroke();
  doc.moveDown(0.6);
  doc.font('Sans').fontSize(9).fillColor('#000');
  for (const l of inv.lines) {
    if (doc.y > doc.page.height - 220) doc.addPage();
    const y = doc.y;
    doc.text(l.description, cols[0], y, { width: cols[1]! - cols[0]! - 8 });
    const after = doc.y;
    doc.text(String(l.quantity), cols[1], y, { width: 55, align: 'right' });
    doc.text(fmt(l.unitPrice), cols[2], y, { width: 90, align: 'right' });
    doc.text(fmt(l.amount), cols[3], y, { width: 95, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
  }
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .strokeColor('#999')
    .stroke();
  doc.moveDown(0.6);

  // Totals
  const totalsTop = doc.y;
  const rate = inv.vatRate.replace(/\.0+$/, '');
  const totals: [string, string, boolean][] = [
    [t.base, fmt(inv.subtotal), false],
    [`${t.vat} ${rate} %`, fmt(inv.vatTotal), false],
    [inv.kind === 'invoice' ? t.total : t.totalCredit, fmt(inv.total), true],
  ];
  if (inv.kind === 'invoice' && inv.amountSettled > 0n) totals.push([t.paid, fmt(inv.amountSettled), false]);
  for (const [k, v, strong] of totals) {
    const y = doc.y;
    doc.font(strong ? 'Sans-Bold' : 'Sans').fontSize(strong ? 12 : 10);
    doc.text(k, left + width - 300, y, { width: 180, align: 'right' });
    doc.text(v, left + width - 115, y, { width: 115, align: 'right' });
  }
  if (inv.note) {
    doc.moveDown(1);
    doc
      .font('Sans')
      .fontSize(9)
      .fillColor('#333')
      .text(inv.note, left, doc.y, { width: width - 170 });
    doc.fillColor('#000');
  }

  // QR payment code (SPAYD / EPC), drawn as vector modules.
  const qr = paymentQr(inv);
  if (qr) {
    const code = QRCode.create(qr.text, { errorCorrectionLevel: 'M' });
    const size = code.modules.size;
    const box = 130;
    const cell = box / (size + 8);
    const x0 = left;
    const y0 = Math.max(totalsTop, doc.y + 12);
    doc
      .font('Sans-Bold')
      .fontSize(9)
      .text(qr.kind === 'spayd' ? t.qr : `${t.qr} (EPC)`, x0, y0);
    const qy = doc.y + 2;
    doc.rect(x0, qy, box, box).fill('#fff');
    doc.fillColor('#000');
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        if (code.modules.get(r, c)) doc.rect(x0 + (c + 4) * cell, qy + (r + 4) * cell, cell, cell);
      }
    }
    doc.fill('#000');
    doc.y = qy + box + 4;
  }
  return finish();
}
