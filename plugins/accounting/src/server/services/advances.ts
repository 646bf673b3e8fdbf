import { badRequest, conflict, newId } from '@bureau/core';
import { allocateProportionally, money, parseDecimal } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import type { DocumentLineInput } from './document-compute.ts';
import { issueDocument } from './document-issue.ts';
import { createDocument, draftOf, getDocument, updateDocument } from './documents.ts';
import { postLedgerEntry } from './ledger.ts';
import { roleAccount } from './settings.ts';
import { bookText, jt } from './texts.ts';

/**
 * Advances received (zálohy). An advance invoice (zálohová faktura, `type: advance`, series ZF) is no
 * tax document and posts nothing. When a payment is allocated to it:
 *  1. the payment moves from the receivable to advances received: Dr 311 / Cr 324;
 *  2. a tax document for the received payment (daňový doklad k přijaté platbě, ZDPH § 20a odst. 1
 *     and § 28 odst. 1, series DZ) is issued on the day of the payment, its VAT computed from the
 *     amount received including VAT (§ 37 odst. 2: VAT = amount × rate / (100 + rate)), spread over
 *     the advance invoice's lines by their gross amounts, and posted Dr 324 / Cr 343 (VAT only);
 *     its VAT records put the advance in that month's return and control statement.
 * The final invoice deducts it (`POST /invoices/:id/advances`): a line per tax document line with the
 * base and VAT already taxed, negative, on 324, so the final invoice taxes only the rest and clears 324.
 */

/** VAT in an amount including VAT, half away from zero (ZDPH § 37 odst. 2). */
export function vatIncluded(gross: bigint, ratePercent: string): bigint {
  const r = parseDecimal(ratePercent);
  if (!r || r.num === 0n) return 0n;
  const scale = 10n ** BigInt(r.scale);
  const num = gross * r.num;
  const den = 100n * scale + r.num;
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (abs * 2n + den) / (2n * den);
  return neg ? -q : q;
}

async function advancesCode(ctx: Ctx): Promise<string> {
  const id = await roleAccount(ctx, 'advances');
  const a = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select('code')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return a.code;
}

/** Called by a payment's allocation to an advance invoice (in the payment's transaction). */
export async function receiveAdvance(
  ctx: Ctx,
  payment: { id: string; date: string; partner_id: string },
  advance: { id: string; number: string | null; currency: string; regime: string; vat_payer: boolean },
  amount: bigint,
): Promise<void> {
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const partner = await db
    .selectFrom('accounting.partners')
    .select('name')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', payment.partner_id)
    .executeTakeFirstOrThrow();
  await postLedgerEntry(ctx, {
    date: payment.date,
    memo: bookText(ctx, jt.advance_received, { number: advance.number ?? '', partner: partner.name }),
    source: { type: 'accounting.advance', id: newId() },
    lines: [
      {
        accountId: await roleAccount(ctx, 'receivable'),
        debit: amount,
        credit: 0n,
        currency: settings.currency,
        amount,
        rate: '1',
        partnerId: payment.partner_id,
      },
      {
        accountId: await roleAccount(ctx, 'advances'),
        debit: 0n,
        credit: amount,
        currency: settings.currency,
        amount,
        rate: '1',
        partnerId: payment.partner_id,
      },
    ],
  });
  // No Czech VAT on the advance of a supply taxed elsewhere, nor on a non-payer's.
  if (advance.regime !== 'domestic' || !advance.vat_payer) return;
  const lines = await db
    .selectFrom('accounting.document_lines')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', advance.id)
    .orderBy('line_no')
    .execute();
  const gross = lines.map((l) => BigInt(l.net) + BigInt(l.vat));
  const parts = allocateProportionally(amount, gross);
  const code = await advancesCode(ctx);
  const taxLines: DocumentLineInput[] = [];
  for (const [i, l] of lines.entries()) {
    const part = parts[i] ?? 0n;
    if (part === 0n) continue;
    const vat = vatIncluded(part, l.vat_rate);
    taxLines.push({
      description: l.description,
      unitPrice: money(part - vat, settings.currency),
      vat: l.vat_code,
      supply: l.supply,
      account: code,
      fixedVat: money(vat, settings.currency),
    });
  }
  if (!taxLines.length) return;
  const draft = await createDocument(ctx, 'invoice', {
    partnerId: payment.partner_id,
    type: 'advance_tax',
    issueDate: payment.date,
    taxDate: payment.date,
    dueDate: payment.date,
    reference: advance.number,
    lines: taxLines,
  });
  await db
    .updateTable('accounting.documents')
    .set({ advance_id: advance.id, advance_payment_id: payment.id })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', draft.id)
    .execute();
  await issueDocument(ctx, 'invoice', draft.id);
}

/**
 * Deducts a paid advance from a draft final invoice of the same customer: one line per line of the
 * advance's tax documents, negative, with the VAT as taxed then. 409 `advance_settled` when another
 * invoice deducted it already, `advance_not_paid` when nothing was received on it.
 */
export async function deductAdvance(ctx: Ctx, invoiceId: string, advanceId: string) {
  const invoice = await draftOf(ctx, 'invoice', invoiceId);
  if (invoice.status !== 'draft')
    throw conflict('not_draft', {
      en: `Invoice ${invoice.number} is ${invoice.status}`,
      cs: `Faktura ${invoice.number ?? ''} už není koncept`,
    });
  if (invoice.type !== 'invoice')
    throw conflict('not_final_invoice', { en: 'Only an invoice deducts advances', cs: 'Zálohy odečítá jen faktura' });
  const db = dbOf(ctx);
  const advance = await db
    .selectFrom('accounting.documents')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', advanceId)
    .where('kind', '=', 'invoice')
    .where('type', '=', 'advance')
    .executeTakeFirst();
  if (!advance || advance.partner_id !== invoice.partner_id) {
    throw badRequest(
      'invalid_input',
      { en: 'No such advance invoice of this customer', cs: 'Tento odběratel takovou zálohovou fakturu nemá' },
      [
        {
          path: 'advanceId',
          message: { en: 'Not an advance invoice of the customer', cs: 'Není zálohová faktura odběratele' },
        },
      ],
    );
  }
  if (advance.currency !== invoice.currency) {
    throw badRequest(
      'currency_mismatch',
      { en: `The advance is in ${advance.currency}`, cs: `Záloha je v ${advance.currency}` },
      [{ path: 'advanceId', message: { en: 'Currencies differ', cs: 'Měny se liší' } }],
    );
  }
  const used = await db
    .selectFrom('accounting.document_lines as l')
    .innerJoin('accounting.documents as d', (j) =>
      j.onRef('d.tenant_id', '=', 'l.tenant_id').onRef('d.id', '=', 'l.document_id'),
    )
    .select('d.id')
    .where('l.tenant_id', '=', ctx.tenant.id)
    .where('l.advance_id', '=', advanceId)
    .where('d.status', '<>', 'cancelled')
    .where('d.type', '=', 'invoice')
    .executeTakeFirst();
  if (used)
    throw conflict('advance_settled', {
      en: `The advance ${advance.number} is deducted already`,
      cs: `Záloha ${advance.number} už je odečtená`,
    });
  if (BigInt(advance.paid) <= 0n)
    throw conflict('advance_not_paid', {
      en: `Nothing was received on ${advance.number}`,
      cs: `Na zálohu ${advance.number} nebylo nic přijato`,
    });
  const taxDocs = await db
    .selectFrom('accounting.documents')
    .select(['id', 'number'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('advance_id', '=', advanceId)
    .where('type', '=', 'advance_tax')
    .where('status', '<>', 'cancelled')
    .orderBy('number')
    .execute();
  const code = await advancesCode(ctx);
  const settings = await settingsOf(ctx);
  const deductions: DocumentLineInput[] = [];
  let taxed = 0n;
  for (const t of taxDocs) {
    const lines = await db
      .selectFrom('accounting.document_lines')
      .selectAll()
      .where('tenant_id', '=', ctx.tenant.id)
      .where('document_id', '=', t.id)
      .orderBy('line_no')
      .execute();
    for (const l of lines) {
      taxed += BigInt(l.net) + BigInt(l.vat);
      deductions.push({
        description: `${l.description} – ${t.number}`,
        unitPrice: money(-BigInt(l.net), invoice.currency),
        vat: l.vat_code,
        supply: l.supply,
        account: code,
        advanceId,
        fixedVat: money(-BigInt(l.vat), invoice.currency),
      });
    }
  }
  // What was received without a tax document (an advance outside the domestic regime) is deducted without VAT.
  const untaxed = BigInt(advance.paid) - taxed;
  if (untaxed > 0n) {
    deductions.push({
      description: advance.number ?? 'Advance',
      unitPrice: money(-untaxed, invoice.currency),
      vat: 'zero',
      account: code,
      advanceId,
      fixedVat: money(0n, settings.currency),
    });
  }
  const current = await getDocument(ctx, 'invoice', invoiceId);
  const keep: DocumentLineInput[] = current.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    unitPrice: l.unitPrice,
    account: l.account,
    vat: l.vat,
    supply: l.supply,
    exemption: l.exemptionGiven,
    reverseChargeCode: l.reverseChargeCode,
    costCenter: l.costCenter,
    advanceId: l.advanceId,
    fixedVat: l.advanceId ? l.vatAmount : null,
  }));
  return updateDocument(ctx, 'invoice', invoiceId, { lines: [...keep, ...deductions] });
}
