import { badRequest, conflict, newId, notFound } from '@bureau/core';
import type { InvoicePaidPayload } from '../../contract.ts';
import { receiveAdvance } from './advances.ts';
import {
  amountOf,
  convert,
  type Decimal,
  decimalText,
  money,
  normalizeDecimal,
  ONE,
  parseDecimal,
  positiveDecimalOf,
  sum,
} from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { dateOf, isDate, laterOf } from './dates.ts';
import { type LedgerLine, postLedgerEntry, reverse } from './ledger.ts';
import { rateOn } from './rates.ts';
import { roleAccount } from './settings.ts';
import { bookText, jt } from './texts.ts';

export interface PaymentInput {
  partnerId: string;
  date?: string | undefined;
  amount: string;
  currency?: string | undefined;
  rate?: string | undefined;
  bankAccountId?: string | null | undefined;
  reference?: string | null | undefined;
  memo?: string | null | undefined;
  /** Documents to settle, oldest first; whatever is left stays as the partner's credit. */
  allocations?: { documentId: string; amount?: string | undefined }[] | undefined;
}

/**
 * Records a payment received from a customer (or made to a vendor) and posts it:
 * in: Dr bank or cash / Cr receivable; out: Dr payable / Cr bank or cash. It is then allocated
 * to the given documents; the unallocated rest is the partner's credit (an overpayment), to be
 * allocated later.
 */
export async function createPayment(
  ctx: Ctx,
  input: PaymentInput,
  opts: { statementLineId?: string; cashAccountId?: string } = {},
) {
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const partner = await db
    .selectFrom('accounting.partners')
    .select(['id', 'kind', 'name'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', input.partnerId)
    .executeTakeFirst();
  if (!partner)
    throw badRequest('invalid_input', { en: 'Unknown customer or vendor', cs: 'Neznámý odběratel nebo dodavatel' }, [
      {
        path: 'partnerId',
        message: { en: 'No such customer or vendor', cs: 'Takový odběratel ani dodavatel neexistuje' },
      },
    ]);
  const direction = partner.kind === 'customer' ? 'in' : 'out';
  const date = input.date ?? dateOf(ctx.now());
  if (!isDate(date))
    throw badRequest('invalid_input', { en: 'The date is invalid', cs: 'Neplatné datum' }, [
      { path: 'date', message: { en: 'Expected YYYY-MM-DD', cs: 'Očekává se RRRR-MM-DD' } },
    ]);
  let bankLedgerAccount: string;
  let currency = (input.currency ?? settings.currency).toUpperCase();
  if (input.bankAccountId) {
    const bank = await db
      .selectFrom('accounting.bank_accounts')
      .select(['account_id', 'currency'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.bankAccountId)
      .executeTakeFirst();
    if (!bank)
      throw badRequest('invalid_input', { en: 'Unknown bank account', cs: 'Neznámý bankovní účet' }, [
        { path: 'bankAccountId', message: { en: 'No such bank account', cs: 'Takový bankovní účet neexistuje' } },
      ]);
    if (input.currency && currency !== bank.currency) {
      throw badRequest(
        'currency_mismatch',
        { en: `The bank account is in ${bank.currency}`, cs: `Bankovní účet je v měně ${bank.currency}` },
        [{ path: 'currency', message: { en: `Must be ${bank.currency}`, cs: `Musí být ${bank.currency}` } }],
      );
    }
    currency = bank.currency;
    bankLedgerAccount = bank.account_id;
  } else {
    // A cash desk's own ledger account (cash-book.ts), else the default cash account.
    bankLedgerAccount = opts.cashAccountId ?? (await roleAccount(ctx, 'cash'));
  }
  const amount = amountOf(input.amount, currency, 'amount');
  let rate: Decimal = ONE;
  if (currency !== settings.currency) {
    const declared = input.rate ? null : await rateOn(ctx, currency, date);
    if (!input.rate && !declared)
      throw badRequest('invalid_input', { en: 'A rate is needed', cs: 'Je potřeba kurz' }, [
        {
          path: 'rate',
          message: { en: `Rate ${currency} → ${settings.currency}`, cs: `Kurz ${currency} → ${settings.currency}` },
        },
      ]);
    rate = positiveDecimalOf(input.rate ?? (declared?.rate as string), 'rate', 'rate');
  }
  const functional = convert(amount, currency, settings.currency, rate);
  const control = await roleAccount(ctx, direction === 'in' ? 'receivable' : 'payable');
  // Lock the documents before the journal counter, the order issuing uses too (no deadlock).
  await lockDocuments(
    ctx,
    (input.allocations ?? []).map((a) => a.documentId),
  );
  const id = newId();
  const base = { currency, amount, rate: decimalText(rate), memo: input.reference ?? null };
  const lines: LedgerLine[] =
    direction === 'in'
      ? [
          { ...base, accountId: bankLedgerAccount, debit: functional, credit: 0n },
          { ...base, accountId: control, debit: 0n, credit: functional, partnerId: partner.id },
        ]
      : [
          { ...base, accountId: control, debit: functional, credit: 0n, partnerId: partner.id },
          { ...base, accountId: bankLedgerAccount, debit: 0n, credit: functional },
        ];
  const entry = await postLedgerEntry(ctx, {
    date,
    memo: `${bookText(ctx, direction === 'in' ? jt.payment_from : jt.payment_to, { partner: partner.name })}${input.reference ? ` (${input.reference})` : ''}`,
    source: { type: 'accounting.payment', id },
    lines,
  });
  await db
    .insertInto('accounting.payments')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      direction,
      partner_id: partner.id,
      date,
      amount,
      currency,
      rate: decimalText(rate),
      bank_account_id: input.bankAccountId ?? null,
      reference: input.reference ?? null,
      memo: input.memo ?? null,
      allocated: 0n,
      entry_id: entry.id,
    })
    .execute();
  for (const [i, a] of (input.allocations ?? []).entries()) {
    await allocate(ctx, id, a.documentId, a.amount, `allocations.${i}`);
  }
  const view = await getPayment(ctx, id);
  await ctx.audit({
    action: 'accounting.payment.create',
    entityType: 'accounting.payment',
    entityId: id,
    after: { ...view, statementLineId: opts.statementLineId ?? null },
  });
  return view;
}

/**
 * Locks documents (in id order) for the rest of the transaction. Every writer locks documents
 * before it takes the journal counter, so concurrent issuing, paying and voiding cannot deadlock.
 */
async function lockDocuments(ctx: Ctx, ids: string[]) {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return;
  await dbOf(ctx)
    .selectFrom('accounting.documents')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', 'in', unique)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Allocates (part of) a payment to an invoice or bill of the same partner and currency. Without
 * an amount it settles as much as both allow. A rate difference between payment and document
 * posts an exchange gain or loss.
 */
export async function allocate(
  ctx: Ctx,
  paymentId: string,
  documentId: string,
  amountText: string | undefined,
  path = '',
) {
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const at = (f: string) => (path ? `${path}.${f}` : f);
  const payment = await db
    .selectFrom('accounting.payments')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', paymentId)
    .forUpdate()
    .executeTakeFirst();
  if (!payment) throw notFound('Payment');
  if (payment.voided_at) throw conflict('payment_voided', { en: 'The payment is voided', cs: 'Platba je zrušená' });
  const doc = await db
    .selectFrom('accounting.documents')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  const kind = payment.direction === 'in' ? 'invoice' : 'bill';
  if (!doc || doc.kind !== kind || doc.partner_id !== payment.partner_id) {
    throw badRequest(
      'invalid_input',
      kind === 'invoice'
        ? { en: 'No such invoice of this customer', cs: 'Tento odběratel takovou fakturu nemá' }
        : { en: 'No such bill of this vendor', cs: 'Tento dodavatel takovou fakturu nemá' },
      [
        {
          path: at('documentId'),
          message:
            kind === 'invoice'
              ? { en: "Not an invoice of the payment's partner", cs: 'Není faktura partnera platby' }
              : { en: "Not a bill of the payment's partner", cs: 'Není přijatá faktura partnera platby' },
        },
      ],
    );
  }
  if (doc.status !== 'issued')
    throw conflict('document_not_open', {
      en: `${doc.number ?? 'The document'} is ${doc.status}`,
      cs: `Doklad ${doc.number ?? ''} už není k úhradě`,
    });
  if (doc.type === 'advance_tax')
    throw conflict('not_payable', {
      en: `${doc.number} is the tax document of a received payment; pay its advance invoice`,
      cs: `${doc.number} je daňový doklad k přijaté platbě; uhraďte jeho zálohovou fakturu`,
    });
  if (doc.currency !== payment.currency) {
    throw badRequest(
      'currency_mismatch',
      {
        en: `The document is in ${doc.currency}, the payment in ${payment.currency}`,
        cs: `Doklad je v ${doc.currency}, platba v ${payment.currency}`,
      },
      [{ path: at('documentId'), message: { en: 'Currencies differ', cs: 'Měny se liší' } }],
    );
  }
  const available = BigInt(payment.amount) - BigInt(payment.allocated);
  const remaining = BigInt(doc.total) - BigInt(doc.paid);
  let amount: bigint;
  if (amountText !== undefined) {
    amount = amountOf(amountText, payment.currency, at('amount'));
    if (amount > available)
      throw badRequest(
        'over_allocation',
        {
          en: `Only ${money(available, payment.currency)} of the payment is unallocated`,
          cs: `Z platby zbývá přiřadit jen ${money(available, payment.currency)}`,
        },
        [{ path: at('amount'), message: { en: 'More than the payment has left', cs: 'Víc, než z platby zbývá' } }],
      );
    if (amount > remaining)
      throw badRequest(
        'over_allocation',
        {
          en: `Only ${money(remaining, doc.currency)} remains to be paid`,
          cs: `K úhradě zbývá jen ${money(remaining, doc.currency)}`,
        },
        [
          {
            path: at('amount'),
            message: { en: 'More than the document has open', cs: 'Víc, než na dokladu zbývá uhradit' },
          },
        ],
      );
  } else {
    amount = available < remaining ? available : remaining;
  }
  if (amount <= 0n) throw conflict('nothing_to_allocate', { en: 'Nothing left to allocate', cs: 'Není co přiřadit' });

  // Functional value this allocation settles on the document and takes from the payment. The last
  // allocation of either takes what is left of it, so rounding of line and part conversions never
  // leaves a residue on the control account: it goes to exchange differences with the rest.
  const shares = await allocationShares(ctx, payment, doc, amount, settings.currency);
  let fxEntryId: string | null = null;
  const diff = shares.payment - shares.document;
  if (diff !== 0n) {
    const control = await roleAccount(ctx, payment.direction === 'in' ? 'receivable' : 'payable');
    // Customer paid more in functional terms → gain; we paid a vendor more → loss.
    const gain = payment.direction === 'in' ? diff > 0n : diff < 0n;
    const abs = diff < 0n ? -diff : diff;
    const other = await roleAccount(ctx, gain ? 'fxGain' : 'fxLoss');
    const controlDebit = payment.direction === 'in' ? diff > 0n : diff < 0n;
    const line = (accountId: string, debit: boolean, partner: boolean): LedgerLine => ({
      accountId,
      debit: debit ? abs : 0n,
      credit: debit ? 0n : abs,
      currency: settings.currency,
      amount: abs,
      rate: '1',
      partnerId: partner ? payment.partner_id : null,
    });
    const fx = await postLedgerEntry(ctx, {
      date: laterOf(payment.date, doc.tax_date),
      memo: `Exchange ${gain ? 'gain' : 'loss'} on ${doc.number}`,
      source: { type: 'accounting.fx', id: newId() },
      lines: [line(control, controlDebit, true), line(other, !controlDebit, false)],
    });
    fxEntryId = fx.id;
  }
  await db
    .insertInto('accounting.payment_allocations')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId(),
      payment_id: paymentId,
      document_id: documentId,
      amount,
      date: payment.date,
      fx_entry_id: fxEntryId,
      document_functional: shares.document.toString(),
      payment_functional: shares.payment.toString(),
    })
    .execute();
  await db
    .updateTable('accounting.payments')
    .set({ allocated: (BigInt(payment.allocated) + amount).toString() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', paymentId)
    .execute();
  const paid = BigInt(doc.paid) + amount;
  const settled = paid === BigInt(doc.total);
  await db
    .updateTable('accounting.documents')
    .set({ paid: paid.toString(), ...(settled ? { status: 'paid', paid_at: payment.date } : {}) })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', documentId)
    .execute();
  if (doc.type === 'advance') await receiveAdvance(ctx, payment, doc, amount);
  if (settled && doc.kind === 'invoice' && doc.type !== 'advance') {
    const payload: InvoicePaidPayload = {
      invoiceId: doc.id,
      number: doc.number as string,
      customerId: doc.partner_id,
      paidAt: payment.date,
      currency: doc.currency,
      total: money(doc.total, doc.currency),
    };
    await ctx.emit('accounting.invoice.paid', payload);
  }
  return { amount: money(amount, payment.currency), settled };
}

type PaymentRow = { id: string; amount: string; allocated: string; currency: string; rate: string };
type DocumentRow = {
  id: string;
  total: string;
  paid: string;
  currency: string;
  rate: string;
  total_functional: string;
};

/** What year-end revaluations added to (or took from) a document's functional value. */
async function revaluedBy(ctx: Ctx, documentId: string): Promise<bigint> {
  const rows = await dbOf(ctx)
    .selectFrom('accounting.document_revaluations')
    .select('delta')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('document_id', '=', documentId)
    .execute();
  return sum(rows.map((r) => BigInt(r.delta)));
}

/**
 * The functional value of `amount` on both sides of an allocation: at each side's rate, except
 * that the allocation settling a document takes the document's functional total less what earlier
 * allocations took, and the one using up a payment takes the rest of the payment's posted value.
 */
async function allocationShares(
  ctx: Ctx,
  payment: PaymentRow,
  doc: DocumentRow,
  amount: bigint,
  functional: string,
): Promise<{ document: bigint; payment: bigint }> {
  const at = (a: bigint, currency: string, rate: string) =>
    convert(a, currency, functional, parseDecimal(rate) as Decimal);
  const prior = async (column: 'document_id' | 'payment_id', id: string, currency: string, rate: string) => {
    const rows = await dbOf(ctx)
      .selectFrom('accounting.payment_allocations')
      .select(['amount', 'document_functional', 'payment_functional'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where(column, '=', id)
      .execute();
    let s = 0n;
    for (const r of rows) {
      const stored = column === 'document_id' ? r.document_functional : r.payment_functional;
      s += stored !== null ? BigInt(stored) : at(BigInt(r.amount), currency, rate);
    }
    return s;
  };
  const settles = BigInt(doc.paid) + amount === BigInt(doc.total);
  const exhausts = BigInt(payment.allocated) + amount === BigInt(payment.amount);
  const document = settles
    ? BigInt(doc.total_functional) +
      (await revaluedBy(ctx, doc.id)) -
      (await prior('document_id', doc.id, doc.currency, doc.rate))
    : at(amount, doc.currency, doc.rate);
  const paid = exhausts
    ? at(BigInt(payment.amount), payment.currency, payment.rate) -
      (await prior('payment_id', payment.id, payment.currency, payment.rate))
    : at(amount, payment.currency, payment.rate);
  return { document, payment: paid };
}

/** Voids a payment: reverses its entry and exchange differences and reopens what it paid. */
export async function voidPayment(ctx: Ctx, id: string, date?: string) {
  const db = dbOf(ctx);
  const payment = await db
    .selectFrom('accounting.payments')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!payment) throw notFound('Payment');
  if (payment.voided_at)
    throw conflict('payment_voided', { en: 'The payment is already voided', cs: 'Platba už je zrušená' });
  const reconciled = await db
    .selectFrom('accounting.reconciliations')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('payment_id', '=', id)
    .executeTakeFirst();
  if (reconciled)
    throw conflict('payment_reconciled', {
      en: 'The payment is matched to a bank line; unmatch it instead',
      cs: 'Platba je spárovaná s pohybem na výpisu; zrušte raději spárování',
    });
  await undoPayment(ctx, payment.id, date);
  return getPayment(ctx, id);
}

/** Reverses a payment's postings and allocations (used by void and by unmatching a bank line). */
export async function undoPayment(ctx: Ctx, id: string, date?: string) {
  const db = dbOf(ctx);
  const payment = await db
    .selectFrom('accounting.payments')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const allocations = await db
    .selectFrom('accounting.payment_allocations')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('payment_id', '=', id)
    .execute();
  await lockDocuments(
    ctx,
    allocations.map((a) => a.document_id),
  );
  const advances = allocations.length
    ? await db
        .selectFrom('accounting.documents')
        .select('number')
        .where('tenant_id', '=', ctx.tenant.id)
        .where(
          'id',
          'in',
          allocations.map((a) => a.document_id),
        )
        .where('type', '=', 'advance')
        .execute()
    : [];
  if (advances.length) {
    throw conflict(
      'advance_taxed',
      `The payment paid the advance ${advances.map((a) => a.number).join(', ')} and its tax document was issued; correct it by a credit note`,
    );
  }
  for (const a of allocations) {
    if (a.fx_entry_id) await reverse(ctx, a.fx_entry_id, { date, allowInternal: true });
    const doc = await db
      .selectFrom('accounting.documents')
      .select(['paid'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', a.document_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await db
      .updateTable('accounting.documents')
      .set({ paid: (BigInt(doc.paid) - BigInt(a.amount)).toString(), status: 'issued', paid_at: null })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', a.document_id)
      .execute();
  }
  await db
    .deleteFrom('accounting.payment_allocations')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('payment_id', '=', id)
    .execute();
  const reversal = await reverse(ctx, payment.entry_id, {
    date,
    memo: bookText(ctx, jt.payment_void, { reference: payment.reference ?? '' }).trim(),
    allowInternal: true,
  });
  await db
    .updateTable('accounting.payments')
    .set({ voided_at: ctx.now(), void_entry_id: reversal.id, allocated: '0' })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({
    action: 'accounting.payment.void',
    entityType: 'accounting.payment',
    entityId: id,
    before: { id },
  });
}

export async function getPayment(ctx: Ctx, id: string) {
  const db = dbOf(ctx);
  const p = await db
    .selectFrom('accounting.payments as y')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'y.tenant_id').onRef('p.id', '=', 'y.partner_id'),
    )
    .selectAll('y')
    .select('p.name as partner_name')
    .where('y.tenant_id', '=', ctx.tenant.id)
    .where('y.id', '=', id)
    .executeTakeFirst();
  if (!p) throw notFound('Payment');
  const allocations = await db
    .selectFrom('accounting.payment_allocations as a')
    .innerJoin('accounting.documents as d', (j) =>
      j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.document_id'),
    )
    .select(['a.document_id', 'd.number', 'd.kind', 'a.amount', 'a.date', 'a.fx_entry_id'])
    .where('a.tenant_id', '=', ctx.tenant.id)
    .where('a.payment_id', '=', id)
    .orderBy('a.created_at')
    .execute();
  return {
    id: p.id,
    direction: p.direction,
    partner: { id: p.partner_id, name: p.partner_name },
    date: p.date,
    amount: money(p.amount, p.currency),
    currency: p.currency,
    rate: normalizeDecimal(p.rate),
    bankAccountId: p.bank_account_id,
    reference: p.reference,
    memo: p.memo,
    allocated: money(p.allocated, p.currency),
    unallocated: money(p.voided_at ? 0n : BigInt(p.amount) - BigInt(p.allocated), p.currency),
    entryId: p.entry_id,
    voided: !!p.voided_at,
    voidEntryId: p.void_entry_id,
    allocations: allocations.map((a) => ({
      documentId: a.document_id,
      kind: a.kind,
      number: a.number,
      amount: money(a.amount, p.currency),
      date: a.date,
      fxEntryId: a.fx_entry_id,
    })),
  };
}

export type PaymentView = Awaited<ReturnType<typeof getPayment>>;

export async function listPayments(
  ctx: Ctx,
  opts: {
    partnerId?: string | undefined;
    direction?: 'in' | 'out' | undefined;
    from?: string | undefined;
    to?: string | undefined;
    unallocated?: boolean | undefined;
    limit: number;
    offset: number;
  },
) {
  let q = dbOf(ctx)
    .selectFrom('accounting.payments as y')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'y.tenant_id').onRef('p.id', '=', 'y.partner_id'),
    )
    .select([
      'y.id',
      'y.direction',
      'y.partner_id',
      'p.name',
      'y.date',
      'y.amount',
      'y.allocated',
      'y.currency',
      'y.reference',
      'y.voided_at',
    ])
    .where('y.tenant_id', '=', ctx.tenant.id);
  if (opts.partnerId) q = q.where('y.partner_id', '=', opts.partnerId);
  if (opts.direction) q = q.where('y.direction', '=', opts.direction);
  if (opts.from) q = q.where('y.date', '>=', opts.from);
  if (opts.to) q = q.where('y.date', '<=', opts.to);
  if (opts.unallocated) q = q.where('y.voided_at', 'is', null).whereRef('y.allocated', '<', 'y.amount');
  const rows = await q
    .orderBy('y.date', 'desc')
    .orderBy('y.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    partner: { id: r.partner_id, name: r.name },
    date: r.date,
    amount: money(r.amount, r.currency),
    currency: r.currency,
    unallocated: money(r.voided_at ? 0n : BigInt(r.amount) - BigInt(r.allocated), r.currency),
    reference: r.reference,
    voided: !!r.voided_at,
  }));
}
