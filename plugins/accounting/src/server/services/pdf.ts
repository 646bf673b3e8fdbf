import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  czechAccountToIban,
  parseCzechAccount,
  payToAccount,
  profileAddressLines,
  readCompanyLogo,
  readCompanyProfile,
} from '@bureau/core';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { type Ctx, dbOf } from './context.ts';
import type { DocumentKind } from './db.ts';
import { type DocumentView, getDocument } from './documents.ts';

// DejaVu Sans (the dejavu-fonts-ttf package) covers Czech diacritics; pdfkit embeds a subset of it.
const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

export type Lang = 'cs' | 'en';

const T = {
  cs: {
    invoice: 'Faktura – daňový doklad',
    plainInvoice: 'Faktura',
    nonPayer: 'Nejsem plátce DPH.',
    bill: 'Přijatá faktura',
    draft: 'koncept',
    cancelled: 'STORNOVÁNO',
    seller: 'Dodavatel',
    buyer: 'Odběratel',
    ico: 'IČO',
    dic: 'DIČ',
    number: 'Číslo dokladu',
    reference: 'Číslo dokladu dodavatele',
    issued: 'Datum vystavení',
    taxable: 'Datum zdanitelného plnění',
    due: 'Datum splatnosti',
    vs: 'Variabilní symbol',
    account: 'Bankovní účet (IBAN)',
    item: 'Položka',
    qty: 'Množství',
    unit: 'Cena za jedn.',
    vatRate: 'DPH %',
    net: 'Bez DPH',
    recap: 'Rekapitulace DPH',
    rate: 'Sazba',
    base: 'Základ',
    vat: 'DPH',
    subtotal: 'Celkem bez DPH',
    total: 'Celkem',
    paid: 'Uhrazeno',
    remaining: 'Zbývá uhradit',
    qr: 'QR Platba',
  },
  en: {
    invoice: 'Invoice – tax document',
    plainInvoice: 'Invoice',
    nonPayer: 'Not a VAT payer.',
    bill: 'Purchase bill',
    draft: 'draft',
    cancelled: 'CANCELLED',
    seller: 'Seller',
    buyer: 'Buyer',
    ico: 'Company ID',
    dic: 'VAT ID',
    number: 'Document number',
    reference: "Vendor's number",
    issued: 'Issue date',
    taxable: 'Tax point date',
    due: 'Due date',
    vs: 'Payment reference (VS)',
    account: 'Bank account (IBAN)',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit price',
    vatRate: 'VAT %',
    net: 'Net',
    recap: 'VAT summary',
    rate: 'Rate',
    base: 'Net',
    vat: 'VAT',
    subtotal: 'Total net',
    total: 'Total',
    paid: 'Paid',
    remaining: 'Amount due',
    qr: 'QR payment',
  },
};

/** Displays a decimal string ("-1234.50") with grouped thousands, in the language's style. */
export function displayAmount(amount: string, currency: string, lang: Lang): string {
  const negative = amount.startsWith('-');
  const [whole = '0', frac] = amount.replace('-', '').split('.');
  const sep = lang === 'cs' ? '\u00a0' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const num = `${negative ? '-' : ''}${grouped}${frac ? (lang === 'cs' ? ',' : '.') + frac : ''}`;
  return lang === 'cs' && currency === 'CZK' ? `${num}\u00a0Kč` : `${num}\u00a0${currency}`;
}

export const displayDate = (d: string, lang: Lang) => {
  const [y, m, day] = d.split('-');
  return lang === 'cs' ? `${Number(day)}. ${Number(m)}. ${y}` : d;
};
const ibanGroups = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/** Strips diacritics and what QR payment formats do not allow. */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '');

/**
 * QR Platba (SPAYD 1.0): `SPD*1.0*ACC:<IBAN>[+BIC]*AM:<amount>*CC:<currency>*X-VS:<vs>*DT:<due>*MSG:<text>`.
 * Null when the payment cannot be described (no valid IBAN, nothing to pay, a currency other than CZK/EUR).
 */
export function spayd(p: {
  iban: string | null;
  bic?: string | null;
  amount: string;
  currency: string;
  variableSymbol: string | null;
  dueDate?: string;
  message?: string;
}): string | null {
  const iban = p.iban ? electronicFormatIBAN(p.iban) : null;
  if (!iban || !isValidIBAN(iban)) return null;
  if (p.currency !== 'CZK' && p.currency !== 'EUR') return null;
  if (!/^\d+(\.\d+)?$/.test(p.amount) || !/[1-9]/.test(p.amount)) return null;
  const esc = (s: string) => ascii(s).replace(/\*/g, '%2A');
  const parts = ['SPD', '1.0', `ACC:${iban}${p.bic ? `+${p.bic}` : ''}`, `AM:${p.amount}`, `CC:${p.currency}`];
  if (p.variableSymbol && /^\d{1,10}$/.test(p.variableSymbol)) parts.push(`X-VS:${p.variableSymbol}`);
  if (p.dueDate) parts.push(`DT:${p.dueDate.replace(/-/g, '')}`);
  if (p.message) parts.push(`MSG:${esc(p.message).slice(0, 60)}`);
  return parts.join('*');
}

interface Party {
  name: string;
  lines: string[];
  ico?: string | null;
  dic?: string | null;
}

export interface PdfDocument {
  view: DocumentView;
  /** For invoices the tenant is the seller and the partner the buyer; for bills the other way round. */
  tenant: Party;
  partner: Party;
  bank: { iban: string | null; bic: string | null; accountNumber: string | null } | null;
  lang: Lang;
  /** The firm's logo (PNG or JPEG), printed top right. */
  logo?: Uint8Array | null;
}

/** Loads what the PDF shows: the document, its partner's details and the bank account to pay to. 404 if unknown. */
export async function loadPdfDocument(ctx: Ctx, kind: DocumentKind, id: string): Promise<PdfDocument> {
  const view = await getDocument(ctx, kind, id);
  const db = dbOf(ctx);
  const p = await db
    .selectFrom('accounting.partners')
    .select(['name', 'ico', 'dic', 'street', 'city', 'postal_code', 'country', 'iban', 'bic', 'bank_account'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', view.partner.id)
    .executeTakeFirstOrThrow();
  const partner: Party = {
    name: p.name,
    lines: [p.street ?? '', `${p.postal_code ?? ''} ${p.city ?? ''}`.trim(), p.country].filter((l) => l.trim()),
    ico: p.ico,
    dic: p.dic,
  };
  // The firm itself as core's company profile (Settings → Company) describes it.
  const profile = await readCompanyProfile(db, ctx.tenant);
  const tenant: Party = {
    name: profile.legalName,
    lines: [...profileAddressLines(profile), ...(profile.registration ? [profile.registration] : [])],
    ico: profile.ico,
    dic: profile.dic,
  };
  const logo = await readCompanyLogo(db, ctx.tenant.id);
  let bank: PdfDocument['bank'] = null;
  const profileAccount = kind === 'invoice' ? payToAccount(profile, view.currency) : null;
  if (profileAccount) {
    bank = { iban: profileAccount.iban, bic: profileAccount.bic, accountNumber: profileAccount.accountNumber };
  } else if (kind === 'invoice') {
    // Else the first active ledger bank account in the invoice's currency (never one in another
    // currency: the QR code would ask for CZK into a EUR account). A Czech account kept only as a
    // domestic number gets its IBAN derived.
    const accounts = await db
      .selectFrom('accounting.bank_accounts')
      .select(['iban', 'bic', 'account_number', 'currency'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('active', '=', true)
      .where('currency', '=', view.currency)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const a of accounts) {
      const domestic = a.account_number ? parseCzechAccount(a.account_number) : null;
      const iban = a.iban ?? (domestic ? czechAccountToIban(domestic) : null);
      if (!iban) continue;
      bank = { iban, bic: a.bic, accountNumber: a.account_number };
      break;
    }
  } else if (p.iban || p.bank_account) {
    bank = { iban: p.iban, bic: p.bic, accountNumber: p.bank_account };
  }
  const lang: Lang = ctx.tenant.locale.toLowerCase().startsWith('cs') ? 'cs' : 'en';
  return { view, tenant, partner, bank, lang, logo: logo?.bytes ?? null };
}

/** The QR Platba payload of an issued, unpaid invoice (null for bills, drafts, paid or cancelled documents). */
export function invoiceQr(d: PdfDocument): string | null {
  const v = d.view;
  if (v.kind !== 'invoice' || v.status !== 'issued' || !d.bank?.iban) return null;
  return spayd({
    iban: d.bank.iban,
    bic: d.bank.bic,
    amount: v.remaining,
    currency: v.currency,
    variableSymbol: v.variableSymbol,
    dueDate: v.dueDate,
    message: `${d.lang === 'cs' ? 'Faktura' : 'Invoice'} ${v.number ?? ''}`.trim(),
  });
}

/** Renders a sales invoice (with QR Platba when payable) or a purchase bill as an A4 PDF. */
export async function renderDocumentPdf(d: PdfDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const { view: v, lang } = d;
  const t = T[lang];
  const isInvoice = v.kind === 'invoice';
  // A non-payer's invoice is no tax document: no tax point, no VAT, and it says why.
  const noVat = isInvoice && !v.vatPayer;
  const title = `${isInvoice ? (noVat ? t.plainInvoice : t.invoice) : t.bill} ${v.number ?? `(${t.draft})`}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: title, Author: d.tenant.name, Subject: v.number ?? '' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('Sans', regular);
  doc.registerFont('Sans-Bold', bold);
  const left = 48;
  const width = doc.page.width - 96;
  const fmt = (amount: string) => displayAmount(amount, v.currency, lang);

  if (d.logo) {
    try {
      doc.image(Buffer.from(d.logo), left + width - 140, 40, { fit: [140, 48], align: 'right' });
    } catch {
      // A logo pdfkit cannot decode is left out rather than failing the document.
    }
  }
  doc.font('Sans-Bold').fontSize(18).text(title, left, 48);
  if (v.status === 'cancelled')
    doc.font('Sans-Bold').fontSize(11).fillColor('#b00').text(t.cancelled).fillColor('#000');
  doc.moveDown(1);

  // Parties: an invoice is sold by the tenant, a bill by the vendor.
  const [seller, buyer] = isInvoice ? [d.tenant, d.partner] : [d.partner, d.tenant];
  const half = width / 2 - 12;
  const partyBlock = (label: string, p: Party, x: number, y: number) => {
    doc.font('Sans-Bold').fontSize(9).fillColor('#666').text(label.toUpperCase(), x, y);
    doc
      .font('Sans-Bold')
      .fontSize(11)
      .fillColor('#000')
      .text(p.name, x, doc.y + 2, { width: half });
    doc.font('Sans').fontSize(10);
    const lines = [...p.lines];
    if (p.ico) lines.push(`${t.ico}: ${p.ico}`);
    if (p.dic) lines.push(`${t.dic}: ${p.dic}`);
    for (const l of lines) doc.text(l, x, doc.y, { width: half });
    return doc.y;
  };
  const top = doc.y;
  const sellerBottom = partyBlock(t.seller, seller, left, top);
  const buyerBottom = partyBlock(t.buyer, buyer, left + width / 2, top);
  doc.y = Math.max(sellerBottom, buyerBottom) + 16;

  // Dates and payment.
  const facts: [string, string][] = [];
  if (v.number) facts.push([t.number, v.number]);
  if (v.reference && !isInvoice) facts.push([t.reference, v.reference]);
  facts.push([t.issued, displayDate(v.issueDate, lang)]);
  if (!noVat) facts.push([t.taxable, displayDate(v.taxDate, lang)]);
  facts.push([t.due, displayDate(v.dueDate, lang)]);
  if (v.variableSymbol) facts.push([t.vs, v.variableSymbol]);
  if (d.bank?.iban) facts.push([t.account, ibanGroups(d.bank.iban) + (d.bank.bic ? `  (BIC ${d.bank.bic})` : '')]);
  else if (d.bank?.accountNumber) facts.push([t.account, d.bank.accountNumber]);
  for (const [k, val] of facts) {
    const y = doc.y;
    doc.font('Sans').fontSize(10).fillColor('#555').text(k, left, y, { width: 170 });
    doc
      .font('Sans-Bold')
      .fillColor('#000')
      .text(val, left + 175, y, { width: width - 175 });
  }
  doc.moveDown(1);

  // Lines: description, quantity, unit price, VAT rate, net.
  const cols = [left, left + width - 285, left + width - 225, left + width - 140, left + width - 95];
  const widths = [cols[1]! - cols[0]! - 8, 55, 80, 40, 95];
  const row = (cells: string[], font: string, size: number, color = '#000') => {
    const y = doc.y;
    doc.font(font).fontSize(size).fillColor(color);
    let bottom = y;
    cells.forEach((cell, i) => {
      doc.text(cell, cols[i], y, { width: widths[i], align: i === 0 ? 'left' : 'right' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom + 3;
  };
  const rule = () => {
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .strokeColor('#999')
      .stroke();
    doc.y += 4;
  };
  row([t.item, t.qty, t.unit, noVat ? '' : t.vatRate, noVat ? t.total : t.net], 'Sans-Bold', 9, '#555');
  rule();
  for (const l of v.lines) {
    if (doc.y > doc.page.height - 200) doc.addPage();
    const qty = l.unit ? `${l.quantity} ${l.unit}` : l.quantity;
    row([l.description, qty, fmt(l.unitPrice), noVat ? '' : `${l.vatRate}`, fmt(l.net)], 'Sans', 9);
  }
  rule();

  // VAT summary per rate, then totals.
  if (doc.y > doc.page.height - 220) doc.addPage();
  const totalsTop = doc.y;
  const tx = left + width - 300;
  const recap = (cells: string[], font: string) => {
    const y = doc.y;
    doc.font(font).fontSize(9);
    doc.text(cells[0]!, tx, y, { width: 80, align: 'right' });
    doc.text(cells[1]!, tx + 85, y, { width: 105, align: 'right' });
    doc.text(cells[2]!, tx + 195, y, { width: 105, align: 'right' });
  };
  if (noVat) {
    doc.font('Sans-Bold').fontSize(10).text(t.nonPayer, tx, doc.y, { width: 300, align: 'right' });
  } else {
    doc.font('Sans-Bold').fontSize(9).fillColor('#555').text(t.recap, tx, doc.y, { width: 300, align: 'right' });
    doc.fillColor('#000');
    recap([t.rate, t.base, t.vat], 'Sans-Bold');
    for (const b of v.vatBreakdown) recap([`${b.rate} %`, fmt(b.base), fmt(b.vat)], 'Sans');
  }
  doc.moveDown(0.8);
  const totals: [string, string, boolean][] = noVat
    ? [[t.total, fmt(v.total), true]]
    : [
        [t.subtotal, fmt(v.subtotal), false],
        [t.vat, fmt(v.vatTotal), false],
        [t.total, fmt(v.total), true],
      ];
  if (v.paid !== '0' && /[1-9]/.test(v.paid))
    totals.push([t.paid, fmt(v.paid), false], [t.remaining, fmt(v.remaining), true]);
  for (const [k, val, strong] of totals) {
    const y = doc.y;
    doc.font(strong ? 'Sans-Bold' : 'Sans').fontSize(strong ? 12 : 10);
    doc.text(k, tx, y, { width: 180, align: 'right' });
    doc.text(val, tx + 185, y, { width: 115, align: 'right' });
  }
  const totalsBottom = doc.y;
  if (v.memo) {
    doc.moveDown(1);
    doc
      .font('Sans')
      .fontSize(9)
      .fillColor('#333')
      .text(v.memo, left, doc.y, { width: width - 170 });
    doc.fillColor('#000');
  }

  // QR Platba, drawn as vector modules left of the totals.
  const qr = invoiceQr(d);
  if (qr) {
    doc.font('Sans-Bold').fontSize(9).fillColor('#000').text(t.qr, left, totalsTop);
    const bottom = drawQr(doc, qr, left, doc.y + 2);
    doc.y = Math.max(bottom, totalsBottom);
  }
  doc.end();
  return done;
}

/** Draws a QR code of `text` as vector modules in a 120 pt box at (x, y); returns the y below it. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number): number {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = code.modules.size;
  const box = 120;
  const cell = box / (size + 8);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (code.modules.get(r, c)) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
    }
  }
  doc.fill('#000');
  return y + box + 4;
}
