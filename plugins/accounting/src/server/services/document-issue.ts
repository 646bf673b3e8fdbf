import { badRequest, conflict } from '@bureau/core';
import type { Selectable } from 'kysely';
import type { InvoiceIssuedPayload } from '../../contract.ts';
import { normalizeDecimal, sum } from './amounts.ts';
import { type Ctx, dbOf, guarded, settingsOf } from './context.ts';
import type { DocumentKind, DocumentLinesTable, DocumentsTable } from './db.ts';
import { aboutDocument, draftOf, getDocument, partnerOf, STATUS_CS } from './documents.ts';
import { assertOpen, type LedgerLine, postLedgerEntry, reverse } from './ledger.ts';
import { roleAccount } from './settings.ts';
import { bookText, jt } from './texts.ts';
import { isVatPayer } from './vat-payer.ts';
import { writeVatRecords } from './vat-records.ts';

type Doc = Selectable<DocumentsTable>;
type Line = Selectable<DocumentLinesTable>;

interface Roles {
  control: string;
  vatOutput: string;
  vatInput: string;
  advances: string | null;
}

/**
 * The journal lines of a document, before any credit-note flip:
 *  - invoice, debit note: Dr receivable (total) / Cr revenue per account (net) / Cr output VAT;
 *  - tax document of a received advance: Dr advances received / Cr output VAT (the VAT only);
 *  - bill: Dr expense per account (net, and any VAT that is not deductible) / Dr input VAT (the
 *    deductible part) / Cr payable; self-assessed also Cr output VAT; an import posts its VAT only.
 * Negative amounts (discounts, advance deductions) land on the other side.
 */
function postingLines(
  doc: Doc,
  lines: Line[],
  roles: Roles,
  memo: { main: string; vat: string; selfVat: string },
  functionalCurrency: string,
) {
  const out: LedgerLine[] = [];
  const fc = (functional: bigint, accountId: string, normalCredit: boolean, text: string, amount?: bigint) => {
    if (functional === 0n) return;
    const credit = normalCredit ? functional > 0n : functional < 0n;
    const abs = functional < 0n ? -functional : functional;
    const a = amount !== undefined ? (amount < 0n ? -amount : amount) : 0n;
    out.push({
      accountId,
      debit: credit ? 0n : abs,
      credit: credit ? abs : 0n,
      currency: amount !== undefined && a > 0n ? doc.currency : functionalCurrency,
      amount: amount !== undefined && a > 0n ? a : abs,
      rate: amount !== undefined && a > 0n ? normalizeDecimal(doc.rate) : '1',
      memo: text,
    });
  };
  const isInvoice = doc.kind === 'invoice';
  if (doc.type === 'advance') return out;
  if (doc.type === 'advance_tax') {
    const vat = sum(lines.map((l) => BigInt(l.vat_functional)));
    fc(vat, roles.advances as string, false, memo.main, sum(lines.map((l) => BigInt(l.vat))));
    fc(vat, roles.vatOutput, true, memo.vat, sum(lines.map((l) => BigInt(l.vat))));
    return out;
  }
  // The control line: receivable (debit) or payable (credit), the document's whole total.
  fc(BigInt(doc.total_functional), roles.control, !isInvoice, memo.main, BigInt(doc.total));
  const perAccount = new Map<
    string,
    { functional: bigint; amount: bigint; pure: boolean; costCenter: string | null }
  >();
  for (const l of lines) {
    const key = `${l.account_id}|${l.cost_center ?? ''}`;
    const a = perAccount.get(key) ?? { functional: 0n, amount: 0n, pure: true, costCenter: l.cost_center };
    const nonDeductible = isInvoice ? 0n : BigInt(l.vat_functional) - BigInt(l.deductible);
    const net = doc.kind === 'bill' && doc.regime === 'import' ? 0n : BigInt(l.net_functional);
    a.functional += net + nonDeductible;
    a.amount += doc.kind === 'bill' && doc.regime === 'import' ? 0n : BigInt(l.net);
    if (nonDeductible !== 0n || (doc.kind === 'bill' && doc.regime === 'import')) a.pure = false;
    perAccount.set(key, a);
  }
  for (const [key, a] of perAccount) {
    const before = out.length;
    fc(a.functional, key.split('|')[0] as string, isInvoice, memo.main, a.pure ? a.amount : undefined);
    if (out.length > before && a.costCenter) (out[out.length - 1] as LedgerLine).costCenter = a.costCenter;
  }
  if (isInvoice) {
    fc(
      sum(lines.map((l) => BigInt(l.vat_functional))),
      roles.vatOutput,
      true,
      memo.vat,
      sum(lines.map((l) => BigInt(l.vat))),
    );
  } else {
    fc(sum(lines.map((l) => BigInt(l.deductible))), roles.vatInput, false, memo.vat);
    if (doc.self_assessed) {
      fc(sum(lines.map((l) => BigInt(l.vat_functional))), roles.vatOutput, true, memo.selfVat);
    }
  }
  return out;
}

const flip = (l: LedgerLine): LedgerLine => ({ ...l, debit: l.credit, credit: l.debit });

/**
 * Issues a document (posts a bill): the database numbers it in its series and fiscal year, it is
 * posted on its tax date (DUZP), its VAT records are written for its VAT period, and a credit note
 * settles what it can of the document it corrects. An advance invoice is only numbered: it is no
 * tax document and posts nothing until it is paid.
 */
export async function issueDocument(ctx: Ctx, kind: DocumentKind, id: string) {
  const row = await draftOf(ctx, kind, id);
  if (row.status !== 'draft')
    throw conflict(
      'not_draft',
      aboutDocument(kind, row.number, `is already ${row.status}`, `už je ${STATUS_CS[row.status]}`),
    );
  const db = dbOf(ctx);
  const lines = await db
    .selectFrom('accounting.document_lines')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', id)
    .orderBy('line_no')
    .execute();
  const settlesAdvances = lines.some((l) => l.advance_id);
  const total = BigInt(row.total);
  if (total < 0n || (total === 0n && !settlesAdvances)) {
    throw badRequest(
      'invalid_total',
      kind === 'invoice'
        ? { en: 'A invoice must total more than zero', cs: 'Celková částka faktury musí být kladná' }
        : { en: 'A bill must total more than zero', cs: 'Celková částka přijaté faktury musí být kladná' },
    );
  }
  if (row.vat_payer !== (await isVatPayer(ctx))) {
    throw conflict('vat_payer_changed', {
      en: 'The company profile changed whether the firm is a VAT payer since this draft was saved; save the draft again',
      cs: 'Od uložení konceptu se v profilu firmy změnilo, zda jste plátce DPH; uložte koncept znovu',
    });
  }
  await assertOpen(ctx, row.tax_date);
  if (row.vat_date) await assertOpen(ctx, row.vat_date);
  await settingsOf(ctx);
  const partner = await partnerOf(ctx, kind, row.partner_id);
  // The database numbers the document in its series (and refuses a locked tax period).
  const numbered = await guarded(() =>
    db
      .updateTable('accounting.documents')
      .set({ status: 'issued', issued_at: ctx.now() })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .returning(['number', 'variable_symbol'])
      .executeTakeFirstOrThrow(),
  );
  const number = numbered.number as string;
  const doc = { ...row, number, variable_symbol: numbered.variable_symbol } as Doc;
  const original = row.corrects_id
    ? await db
        .selectFrom('accounting.documents')
        .select(['number'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', row.corrects_id)
        .executeTakeFirst()
    : undefined;
  const params = { number, partner: partner.name, original: original?.number ?? '', reference: row.reference ?? '' };
  const mainText =
    kind === 'invoice'
      ? {
          invoice: jt.invoice,
          credit_note: jt.credit_note,
          debit_note: jt.debit_note,
          advance: jt.invoice,
          advance_tax: jt.advance_tax,
          bill: jt.invoice,
        }[row.type]
      : row.type === 'credit_note'
        ? jt.bill_credit_note
        : row.type === 'debit_note'
          ? jt.bill_debit_note
          : jt.bill;
  const advance = row.advance_id
    ? await db
        .selectFrom('accounting.documents')
        .select('number')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', row.advance_id)
        .executeTakeFirst()
    : undefined;
  const memo = {
    main: bookText(ctx, mainText, { ...params, advance: advance?.number ?? '' }),
    vat: bookText(ctx, jt.vat_line, { number }),
    selfVat: bookText(ctx, jt.self_assessed_vat, { number }),
  };
  if (row.type !== 'advance') {
    const roles: Roles = {
      control: await roleAccount(ctx, kind === 'invoice' ? 'receivable' : 'payable'),
      vatOutput: await roleAccount(ctx, 'vatOutput'),
      vatInput: await roleAccount(ctx, 'vatInput'),
      advances: row.type === 'advance_tax' ? await roleAccount(ctx, 'advances') : null,
    };
    let ledgerLines = postingLines(doc, lines, roles, memo, (await settingsOf(ctx)).currency);
    if (row.type === 'credit_note') ledgerLines = ledgerLines.map(flip);
    for (const l of ledgerLines) if (l.accountId === roles.control) l.partnerId = row.partner_id;
    const entry = await postLedgerEntry(ctx, {
      date: row.tax_date,
      memo: memo.main,
      source: { type: `accounting.${kind}`, id },
      lines: ledgerLines,
    });
    await db
      .updateTable('accounting.documents')
      .set({ entry_id: entry.id, ...(total === 0n ? { status: 'paid', paid_at: row.tax_date } : {}) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
    await guarded(() =>
      writeVatRecords(ctx, doc, lines, { sign: 1n, vatDate: row.vat_date ?? row.tax_date, kind: row.type }),
    );
  }
  if (row.type === 'credit_note') {
    const { settleCreditNote } = await import('./corrections.ts');
    await settleCreditNote(ctx, id);
  }
  const view = await getDocument(ctx, kind, id);
  await ctx.audit({ action: `accounting.${kind}.issue`, entityType: `accounting.${kind}`, entityId: id, after: view });
  if (kind === 'invoice' && row.type === 'invoice') {
    const payload: InvoiceIssuedPayload = {
      invoiceId: id,
      number,
      customerId: partner.id,
      customerName: partner.name,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      currency: row.currency,
      total: view.total,
      variableSymbol: view.variableSymbol,
      entryId: view.entryId as string,
    };
    await ctx.emit('accounting.invoice.issued', payload);
  }
  return view;
}

/**
 * Cancels (stornuje) an issued, unpaid document: its entry is reversed and its VAT records are
 * mirrored in the period of the cancellation. A document that has been paid, or delivered and
 * needs correcting, is corrected by a credit note instead.
 */
export async function cancelDocument(ctx: Ctx, kind: DocumentKind, id: string, date?: string) {
  const row = await draftOf(ctx, kind, id);
  if (row.status === 'draft')
    throw conflict('is_draft', {
      en: `This ${kind} is a draft; delete it instead`,
      cs: 'Doklad je koncept; smažte ho',
    });
  if (row.status === 'cancelled')
    throw conflict('already_cancelled', aboutDocument(kind, row.number, 'is already cancelled', 'už je stornovaná'));
  if (BigInt(row.paid) > 0n)
    throw conflict(
      'document_paid',
      aboutDocument(kind, row.number, 'has payments; void them first', 'má platby; nejdřív je zrušte'),
    );
  const db = dbOf(ctx);
  let cancelEntry: string;
  if (row.entry_id) {
    const reversal = await reverse(ctx, row.entry_id, {
      date,
      memo: bookText(ctx, jt.cancellation, { number: row.number }),
      allowInternal: true,
    });
    cancelEntry = reversal.id;
    const lines = await db
      .selectFrom('accounting.document_lines')
      .selectAll()
      .where('tenant_id', '=', ctx.tenant.id)
      .where('document_id', '=', id)
      .orderBy('line_no')
      .execute();
    await guarded(() =>
      writeVatRecords(ctx, row as Doc, lines, { sign: -1n, vatDate: reversal.date, kind: 'cancellation' }),
    );
  } else {
    // An advance invoice posted nothing: nothing to reverse, only unpaid ones can be cancelled.
    throw conflict(
      'not_cancellable',
      aboutDocument(kind, row.number, 'posted nothing; it lapses unpaid', 'nic nezaúčtovala; neuhrazená propadne'),
    );
  }
  await db
    .updateTable('accounting.documents')
    .set({ status: 'cancelled', cancel_entry_id: cancelEntry })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  const view = await getDocument(ctx, kind, id);
  await ctx.audit({ action: `accounting.${kind}.cancel`, entityType: `accounting.${kind}`, entityId: id, after: view });
  return view;
}
