import { conflict, newId } from '@bureau/core';
import { type Ctx, dbOf } from './context.ts';
import { getDocument } from './documents.ts';
import { DOCUMENT_NAMES, im } from './invoice-mail-texts.ts';
import { invoiceIsdoc } from './isdoc.ts';
import { displayAmount, displayDate, type Lang, loadPdfDocument, renderDocumentPdf } from './pdf.ts';
import { customerLang } from './reminders.ts';

export interface DocumentMailView {
  id: string;
  sentTo: string;
  locale: Lang;
  attachments: string[];
  sentAt: string;
  sentBy: string | null;
}

/** Who an invoice goes to unless the person sending it says otherwise: the customer's address and language. */
async function recipientOf(ctx: Ctx, partnerId: string): Promise<{ to: string | null; locale: Lang }> {
  const p = await dbOf(ctx)
    .selectFrom('accounting.partners')
    .select(['email', 'country'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', partnerId)
    .executeTakeFirstOrThrow();
  return { to: p.email, locale: customerLang(p.country) };
}

/** The e-mails that sent a sales document, newest first, and the address and language a new one would use. */
export async function invoiceMails(
  ctx: Ctx,
  id: string,
): Promise<{ defaults: { to: string | null; locale: Lang }; mails: DocumentMailView[] }> {
  const view = await getDocument(ctx, 'invoice', id);
  const rows = await dbOf(ctx)
    .selectFrom('accounting.document_mails')
    .select(['id', 'sent_to', 'locale', 'attachments', 'sent_at', 'sent_by'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', id)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc') // UUIDv7: later ids were made later
    .execute();
  return {
    defaults: await recipientOf(ctx, view.partner.id),
    mails: rows.map((r) => ({
      id: r.id,
      sentTo: r.sent_to,
      locale: r.locale,
      attachments: r.attachments,
      sentAt: new Date(r.sent_at).toISOString(),
      sentBy: r.sent_by,
    })),
  };
}

/**
 * E-mails an issued sales document to `to` (default: the customer's address) in `locale` (default:
 * the customer's language) with its PDF in that language and its ISDOC, after commit; records and
 * audits the sending. 404 unknown; 409 `not_issued` (a draft), `document_cancelled`, `no_recipient`.
 */
export async function sendInvoiceMail(
  ctx: Ctx,
  id: string,
  input: { to?: string; locale?: Lang },
): Promise<DocumentMailView> {
  const view = await getDocument(ctx, 'invoice', id);
  if (view.status === 'draft' || !view.number)
    throw conflict('not_issued', {
      en: 'Only an issued document can be sent',
      cs: 'Odeslat lze jen vystavený doklad',
    });
  if (view.status === 'cancelled')
    throw conflict('document_cancelled', {
      en: 'A cancelled document is not sent',
      cs: 'Stornovaný doklad se neodesílá',
    });
  const defaults = await recipientOf(ctx, view.partner.id);
  const to = input.to ?? defaults.to;
  if (!to)
    throw conflict('no_recipient', {
      en: 'The customer has no e-mail address; enter one',
      cs: 'Odběratel nemá e-mailovou adresu; zadejte ji',
    });
  const lang = input.locale ?? defaults.locale;
  const pdfDoc = { ...(await loadPdfDocument(ctx, 'invoice', id)), lang };
  const pdf = await renderDocumentPdf(pdfDoc);
  const isdoc = await invoiceIsdoc(ctx, id);
  const base = view.number.replace(/[^\w.-]/g, '_');
  const attachments = [
    { filename: `${base}.pdf`, contentType: 'application/pdf', content: new Uint8Array(pdf) },
    {
      filename: isdoc.fileName.replace(/[^\w.-]/g, '_'),
      contentType: 'application/xml',
      content: new TextEncoder().encode(isdoc.xml),
    },
  ];
  const names = DOCUMENT_NAMES[view.type as keyof typeof DOCUMENT_NAMES] ?? DOCUMENT_NAMES.invoice;
  const bank = pdfDoc.bank;
  const toPay = view.type !== 'credit_note' && !/^-?0(\.0+)?$/.test(view.remaining);
  await ctx.mail({
    to,
    locale: lang,
    subject: im.subject,
    text: toPay ? im.text : im.text_nothing_to_pay,
    attachments,
    params: {
      document: names.title[lang],
      documentObject: names.object[lang],
      number: view.number,
      seller: pdfDoc.tenant.name,
      total: displayAmount(view.total, view.currency, lang),
      due: view.dueDate ? displayDate(view.dueDate, lang) : '—',
      account: bank?.iban ?? bank?.accountNumber ?? '—',
      vs: view.variableSymbol ?? view.number,
    },
  });
  const row = {
    tenant_id: ctx.tenant.id,
    id: newId(),
    document_id: id,
    sent_to: to,
    locale: lang,
    attachments: attachments.map((a) => a.filename),
    sent_at: ctx.now(),
    sent_by: ctx.actor?.label ?? null,
  };
  await dbOf(ctx).insertInto('accounting.document_mails').values(row).execute();
  await ctx.audit({
    action: 'accounting.invoice.mailed',
    entityType: 'accounting.invoice',
    entityId: id,
    after: { to, locale: lang, attachments: row.attachments },
  });
  return {
    id: row.id,
    sentTo: to,
    locale: lang,
    attachments: row.attachments,
    sentAt: row.sent_at.toISOString(),
    sentBy: row.sent_by,
  };
}
