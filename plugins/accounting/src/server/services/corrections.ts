import { badRequest, conflict, newId, notFound } from '@bureau/core';
import { amountOf, convert, type Decimal, money, parseDecimal, sum } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { dateOf, laterOf } from './dates.ts';
import type { DocumentKind } from './db.ts';
import type { DocumentLineInput } from './document-compute.ts';
import { issueDocument } from './document-issue.ts';
import { createDocument, getDocument, LABEL } from './documents.ts';
import { type LedgerLine, postLedgerEntry } from './ledger.ts';
import { roleAccount } from './settings.ts';
import { bookText, jt } from './texts.ts';

const notOpen = (number: string | null, status: string) => ({
  en: `${number ?? ''} is ${status}`.trim(),
  cs: `Doklad ${number ?? ''} není otevřený (${status === 'paid' ? 'uhrazený' : status === 'cancelled' ? 'stornovaný' : status === 'draft' ? 'koncept' : status})`,
});

export interface CorrectionInput {
  type: 'credit_note' | 'debit_note';
  /** The correction's tax date (the day the correction is made or agreed); today by default. */
  date?: string | undefined;
  reason: string;
  /** Bills: the vendor's number of its correcting document. */
  vendorNumber?: string | undefined;
  /** What is credited (debited); a credit note without lines credits the whole document. */
  lines?: DocumentLineInput[] | undefined;
  memo?: string | null | undefined;
}

/**
 * Issues a correcting tax document (opravný daňový doklad, ZDPH § 42 and § 45) to an issued
 * invoice or a posted bill: a credit note lowers it (by default all of it), a debit note raises it.
 * It keeps the corrected document's partner, currency, rate, VAT regime and the VAT rates of its
 * tax date, has its own number series, and a credit note settles what is still open of the
 * document it corrects (the rest stays as the partner's credit, to be refunded or set off).
 */
export async function createCorrection(
  ctx: Ctx,
  kind: DocumentKind,
  originalId: string,
  input: CorrectionInput,
  opts: { source?: { type: string; id: string } | undefined } = {},
) {
  const db = dbOf(ctx);
  const original = await db
    .selectFrom('accounting.documents')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', kind)
    .where('id', '=', originalId)
    .executeTakeFirst();
  if (!original) throw notFound(LABEL[kind]);
  if (original.type !== (kind === 'invoice' ? 'invoice' : 'bill')) {
    throw conflict(
      'not_correctable',
      kind === 'invoice'
        ? {
            en: 'Only invoices are corrected by credit and debit notes',
            cs: 'Opravným dokladem nebo vrubopisem se opravuje jen faktura',
          }
        : {
            en: 'Only bills are corrected by credit and debit notes',
            cs: 'Opravným dokladem nebo vrubopisem se opravuje jen přijatá faktura',
          },
    );
  }
  if (original.status === 'draft' || original.status === 'cancelled') {
    throw conflict('not_correctable', {
      en: `${LABEL[kind]} ${original.number ?? ''} is ${original.status}`.trim(),
      cs: `Doklad ${original.number ?? ''} nelze opravit: je ${original.status === 'draft' ? 'koncept' : 'stornovaný'}`,
    });
  }
  if (!input.reason?.trim()) {
    throw badRequest(
      'invalid_input',
      { en: 'The reason for the correction is required', cs: 'Důvod opravy je povinný' },
      [{ path: 'reason', message: { en: 'Required', cs: 'Povinné' } }],
    );
  }
  if (kind === 'bill' && !input.vendorNumber?.trim()) {
    throw badRequest(
      'invalid_input',
      {
        en: "The vendor's number of the correcting document is required",
        cs: 'Číslo opravného dokladu od dodavatele je povinné',
      },
      [{ path: 'vendorNumber', message: { en: 'Required', cs: 'Povinné' } }],
    );
  }
  const date = input.date ?? dateOf(ctx.now());
  if (date < original.tax_date) {
    throw badRequest(
      'invalid_input',
      {
        en: 'A correction cannot precede the document it corrects',
        cs: 'Oprava nemůže předcházet opravovanému dokladu',
      },
      [{ path: 'date', message: { en: `On or after ${original.tax_date}`, cs: `Nejdříve ${original.tax_date}` } }],
    );
  }
  let lines = input.lines;
  if (!lines?.length) {
    if (input.type === 'debit_note')
      throw badRequest(
        'invalid_input',
        { en: 'A debit note lists what is added', cs: 'Vrubopis uvádí, co se přidává' },
        [{ path: 'lines', message: { en: 'Required', cs: 'Povinné' } }],
      );
    const originalLines = (await getDocument(ctx, kind, originalId)).lines;
    lines = originalLines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      account: l.account,
      vat: l.vat,
      supply: l.supply,
      exemption: l.exemptionGiven,
      reverseChargeCode: l.reverseChargeCode,
      deduction: l.deduction,
      deductiblePercent: l.deductiblePercent,
      costCenter: l.costCenter,
      advanceId: l.advanceId,
      fixedVat: l.advanceId ? l.vatAmount : null,
    }));
  }
  const draft = await createDocument(
    ctx,
    kind,
    {
      partnerId: original.partner_id,
      type: input.type,
      regime: original.regime,
      issueDate: date,
      taxDate: date,
      dueDate: date,
      currency: original.currency,
      rate: original.rate,
      vatRateDate: original.tax_date,
      reference: kind === 'bill' ? (input.vendorNumber?.trim() ?? null) : original.number,
      memo: input.memo ?? null,
      correctsId: original.id,
      correctionReason: input.reason.trim(),
      lines,
    },
    opts,
  );
  if (input.type === 'credit_note') {
    const credited = await db
      .selectFrom('accounting.documents')
      .select('total')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('corrects_id', '=', original.id)
      .where('type', '=', 'credit_note')
      .where('status', 'in', ['issued', 'paid'])
      .execute();
    const already = sum(credited.map((c) => BigInt(c.total)));
    const debited = await db
      .selectFrom('accounting.documents')
      .select('total')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('corrects_id', '=', original.id)
      .where('type', '=', 'debit_note')
      .where('status', 'in', ['issued', 'paid'])
      .execute();
    const ceiling = BigInt(original.total) + sum(debited.map((c) => BigInt(c.total))) - already;
    const row = await db
      .selectFrom('accounting.documents')
      .select('total')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    if (BigInt(row.total) > ceiling) {
      throw badRequest(
        'credit_exceeds',
        {
          en: `Only ${money(ceiling, original.currency)} of ${original.number} is left to credit`,
          cs: `Z dokladu ${original.number} zbývá k dobropisu jen ${money(ceiling, original.currency)}`,
        },
        [
          {
            path: 'lines',
            message: { en: 'More than the document has left to credit', cs: 'Víc, než z dokladu zbývá k dobropisu' },
          },
        ],
      );
    }
  }
  return issueDocument(ctx, kind, draft.id);
}

type OffsetDoc = {
  id: string;
  kind: DocumentKind;
  type: string;
  status: string;
  number: string | null;
  partner_id: string;
  currency: string;
  rate: string;
  total: string;
  paid: string;
  total_functional: string;
  tax_date: string;
};

async function lockedDoc(ctx: Ctx, id: string): Promise<OffsetDoc | undefined> {
  return dbOf(ctx)
    .selectFrom('accounting.documents')
    .select([
      'id',
      'kind',
      'type',
      'status',
      'number',
      'partner_id',
      'currency',
      'rate',
      'total',
      'paid',
      'total_functional',
      'tax_date',
    ])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** What allocations and offsets have taken of a document's functional value so far. */
async function settledFunctional(ctx: Ctx, doc: OffsetDoc, functional: string): Promise<bigint> {
  const db = dbOf(ctx);
  const at = (a: bigint) => convert(a, doc.currency, functional, parseDecimal(doc.rate) as Decimal);
  const allocations = await db
    .selectFrom('accounting.payment_allocations')
    .select(['amount', 'document_functional'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', doc.id)
    .execute();
  const asTarget = await db
    .selectFrom('accounting.document_offsets')
    .select(['document_functional as f'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', doc.id)
    .execute();
  const asCredit = await db
    .selectFrom('accounting.document_offsets')
    .select(['credit_functional as f'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('credit_id', '=', doc.id)
    .execute();
  const revalued = await db
    .selectFrom('accounting.document_revaluations')
    .select('delta')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', doc.id)
    .execute();
  return (
    sum(
      allocations.map((a) => (a.document_functional !== null ? BigInt(a.document_functional) : at(BigInt(a.amount)))),
    ) +
    sum([...asTarget, ...asCredit].map((o) => BigInt(o.f))) -
    sum(revalued.map((r) => BigInt(r.delta)))
  );
}

/**
 * Sets a credit note off against an open document of the same partner and currency: both show
 * the amount as paid. The functional values each side gives up can differ by the rounding of
 * their conversions; the difference goes to exchange differences so the control account closes.
 */
export async function offsetCredit(
  ctx: Ctx,
  kind: DocumentKind,
  creditId: string,
  documentId: string,
  amountText?: string,
) {
  const { currency: fc } = await settingsOf(ctx);
  const [firstId, secondId] = [creditId, documentId].sort();
  const first = await lockedDoc(ctx, firstId as string);
  const second = await lockedDoc(ctx, secondId as string);
  const credit = first?.id === creditId ? first : second;
  const doc = first?.id === documentId ? first : second;
  if (!credit || credit.kind !== kind) throw notFound(LABEL[kind]);
  if (credit.type !== 'credit_note') {
    throw conflict('not_credit_note', {
      en: `${credit.number ?? ''} is not a credit note`.trim(),
      cs: `${credit.number ?? ''} není opravný daňový doklad`.trim(),
    });
  }
  if (
    !doc ||
    doc.kind !== credit.kind ||
    doc.partner_id !== credit.partner_id ||
    !['invoice', 'debit_note', 'bill'].includes(doc.type)
  ) {
    throw badRequest(
      'invalid_input',
      {
        en: 'Not a document of the same partner to set the credit off against',
        cs: 'Není doklad téhož partnera, proti kterému lze dobropis započíst',
      },
      [{ path: 'documentId', message: { en: 'An invoice (bill) of the same partner', cs: 'Faktura téhož partnera' } }],
    );
  }
  if (doc.currency !== credit.currency) {
    throw badRequest(
      'currency_mismatch',
      {
        en: `The document is in ${doc.currency}, the credit note in ${credit.currency}`,
        cs: `Doklad je v ${doc.currency}, dobropis v ${credit.currency}`,
      },
      [{ path: 'documentId', message: { en: 'Currencies differ', cs: 'Měny se liší' } }],
    );
  }
  if (credit.status !== 'issued') throw conflict('document_not_open', notOpen(credit.number, credit.status));
  if (doc.status !== 'issued') throw conflict('document_not_open', notOpen(doc.number, doc.status));
  const creditLeft = BigInt(credit.total) - BigInt(credit.paid);
  const docLeft = BigInt(doc.total) - BigInt(doc.paid);
  let amount = creditLeft < docLeft ? creditLeft : docLeft;
  if (amountText !== undefined) {
    const wanted = amountOf(amountText, credit.currency, 'amount');
    if (wanted > amount) {
      throw badRequest(
        'over_allocation',
        {
          en: `At most ${money(amount, credit.currency)} can be set off`,
          cs: `Započíst lze nejvýš ${money(amount, credit.currency)}`,
        },
        [
          {
            path: 'amount',
            message: { en: 'More than both documents have open', cs: 'Víc, než oba doklady mají otevřeno' },
          },
        ],
      );
    }
    amount = wanted;
  }
  if (amount <= 0n) throw conflict('nothing_to_allocate', { en: 'Nothing left to set off', cs: 'Není co započíst' });
  const share = async (d: OffsetDoc) =>
    BigInt(d.paid) + amount === BigInt(d.total)
      ? BigInt(d.total_functional) - (await settledFunctional(ctx, d, fc))
      : convert(amount, d.currency, fc, parseDecimal(d.rate) as Decimal);
  const creditShare = await share(credit);
  const docShare = await share(doc);
  // Dated when both exist, and not before today's bookkeeping unless the documents are later.
  const date = laterOf(credit.tax_date, doc.tax_date);
  let fxEntryId: string | null = null;
  const diff = creditShare - docShare;
  if (diff !== 0n) {
    // The control account was credited (receivable) by the credit note's share and debited by the
    // document's: the rest is closed against exchange differences.
    const receivable = credit.kind === 'invoice';
    const control = await roleAccount(ctx, receivable ? 'receivable' : 'payable');
    const controlDebit = receivable ? diff > 0n : diff < 0n;
    const gain = receivable ? diff > 0n : diff > 0n;
    const abs = diff < 0n ? -diff : diff;
    const other = await roleAccount(ctx, gain ? 'fxGain' : 'fxLoss');
    const line = (accountId: string, debit: boolean, partner: boolean): LedgerLine => ({
      accountId,
      debit: debit ? abs : 0n,
      credit: debit ? 0n : abs,
      currency: fc,
      amount: abs,
      rate: '1',
      partnerId: partner ? credit.partner_id : null,
    });
    const fx = await postLedgerEntry(ctx, {
      date,
      memo: bookText(ctx, gain ? jt.fx_gain : jt.fx_loss, { number: credit.number }),
      source: { type: 'accounting.fx', id: newId() },
      lines: [line(control, controlDebit, true), line(other, !controlDebit, false)],
    });
    fxEntryId = fx.id;
  }
  const db = dbOf(ctx);
  await db
    .insertInto('accounting.document_offsets')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId(),
      credit_id: credit.id,
      document_id: doc.id,
      amount,
      date,
      credit_functional: creditShare,
      document_functional: docShare,
      fx_entry_id: fxEntryId,
    })
    .execute();
  for (const d of [credit, doc]) {
    const paid = BigInt(d.paid) + amount;
    await db
      .updateTable('accounting.documents')
      .set({ paid: paid.toString(), ...(paid === BigInt(d.total) ? { status: 'paid', paid_at: date } : {}) })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', d.id)
      .execute();
  }
  await ctx.audit({
    action: `accounting.${credit.kind}.offset`,
    entityType: `accounting.${credit.kind}`,
    entityId: credit.id,
    after: { documentId: doc.id, amount: money(amount, credit.currency) },
  });
  return { amount: money(amount, credit.currency), date };
}

/** After a credit note is issued: it settles what is still open of the document it corrects. */
export async function settleCreditNote(ctx: Ctx, creditId: string): Promise<void> {
  const credit = await dbOf(ctx)
    .selectFrom('accounting.documents')
    .select(['corrects_id'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', creditId)
    .executeTakeFirstOrThrow();
  if (!credit.corrects_id) return;
  const original = await dbOf(ctx)
    .selectFrom('accounting.documents')
    .select(['kind', 'status', 'total', 'paid'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', credit.corrects_id)
    .executeTakeFirstOrThrow();
  if (original.status !== 'issued' || BigInt(original.total) <= BigInt(original.paid)) return;
  await offsetCredit(ctx, original.kind, creditId, credit.corrects_id);
}
