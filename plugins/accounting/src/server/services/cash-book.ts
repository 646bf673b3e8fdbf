import { badRequest, conflict, type FieldError, newId, notFound } from '@bureau/core';
import { type Insertable, sql } from 'kysely';
import { cashLimitOn } from '../data/cz-cash.ts';
import {
  amountOf,
  convert,
  type Decimal,
  decimalText,
  money,
  normalizeDecimal,
  ONE,
  positiveDecimalOf,
} from './amounts.ts';
import { assertDayOpen } from './cash-days.ts';
import { actorLabel, type Ctx, dbOf, guarded, settingsOf } from './context.ts';
import { dateOf, isDate } from './dates.ts';
import type { CashDocumentsTable } from './db.ts';
import { postLedgerEntry, reverse } from './ledger.ts';
import { createPayment, voidPayment } from './payments.ts';
import { rateOn } from './rates.ts';
import { ACCOUNT_ROLES, roleAccount } from './settings.ts';

/**
 * The cash book (pokladní kniha): cash desks, each keeping one currency on its own ledger account
 * (an analytic account under the cash account, 211001 …), and their receipts and payments
 * (příjmové a výdajové pokladní doklady). A document posts Dr cash / Cr the other account (a
 * receipt) or the reverse (a payment); one that pays an invoice or a bill records a payment
 * allocated to it instead, posted on the desk's account. The database numbers the documents per
 * desk, kind and year, keeps the desk's balance and refuses a document that would take it below
 * zero or is dated before the last one (migration 0011). The Czech limit on cash payments
 * (data/cz-cash.ts) is checked per party and day before anything is written.
 */

const m = {
  invalid: { en: 'The cash document is invalid', cs: 'Pokladní doklad je neplatný' },
  deskInvalid: { en: 'The cash desk is invalid', cs: 'Pokladna je neplatná' },
  desk: { en: 'No such cash desk', cs: 'Pokladna neexistuje' },
  deskInactive: { en: 'The cash desk is closed', cs: 'Pokladna je uzavřená' },
  duplicateCode: { en: 'A cash desk with code {deskCode} exists', cs: 'Pokladna s kódem {deskCode} už existuje' },
  account: {
    en: 'Expected an active asset account that is not a group',
    cs: 'Čekán aktivní účet aktiv, který není skupinou',
  },
  accountTaken: {
    en: 'The account {code} is already a cash desk or bank account',
    cs: 'Účet {code} už patří pokladně nebo bankovnímu účtu',
  },
  counterAccount: {
    en: 'No postable account with code {code}',
    cs: 'Účet {code} neexistuje nebo na něj nelze účtovat',
  },
  ownAccount: { en: 'The cash desk’s own account', cs: 'Vlastní účet pokladny' },
  oneOf: {
    en: 'Give the account to post to or the invoice or bill paid, not both',
    cs: 'Zadejte buď účet, nebo hrazenou fakturu, ne obojí',
  },
  neither: {
    en: 'Give the account to post to or the invoice or bill paid',
    cs: 'Zadejte účet nebo hrazenou fakturu',
  },
  document: {
    en: 'Not an open {kind} in {currency}',
    cs: 'Není to neuhrazená {kind, select, invoice {vydaná faktura} other {přijatá faktura}} v {currency}',
  },
  partner: { en: 'No such customer or vendor', cs: 'Odběratel ani dodavatel neexistuje' },
  partnerDiffers: { en: 'The document belongs to another partner', cs: 'Doklad patří jinému partnerovi' },
  rate: { en: 'A rate {currency} → {functional} is needed', cs: 'Je potřeba kurz {currency} → {functional}' },
  date: { en: 'Expected a date YYYY-MM-DD', cs: 'Čekáno datum RRRR-MM-DD' },
  limit: {
    en: 'Cash payments with one party may not exceed {limit} Kč a day (zákon č. 254/2004 Sb., § 4): this one would make {total} Kč; pay through a bank',
    cs: 'Platby v hotovosti s jednou osobou nesmí za den přesáhnout {limit} Kč (zákon č. 254/2004 Sb., § 4): s tímto dokladem by to bylo {total} Kč; plaťte bezhotovostně',
  },
  cancelled: {
    en: 'Cash document {number} was cancelled by {by}',
    cs: 'Pokladní doklad {number} stornoval doklad {by}',
  },
  isCancellation: {
    en: 'Cash document {number} cancels another; it cannot be cancelled',
    cs: 'Pokladní doklad {number} je storno; nelze jej stornovat',
  },
  dateOrder: {
    en: 'Cash desk {desk} has documents up to {last}; date this one on or after it',
    cs: 'Pokladna {desk} má doklady do {last}; datujte tento doklad nejdříve tímto dnem',
  },
  insufficient: {
    en: 'Cash desk {desk} holds {balance} {currency}; it cannot pay out {amount}',
    cs: 'V pokladně {desk} je {balance} {currency}; nelze vydat {amount}',
  },
};

// ─── Desks ──────────────────────────────────────────────────────────────────

export interface CashDeskInput {
  name: string;
  code: string;
  currency?: string | undefined;
  /** The ledger account to keep; default a new analytic account under the cash account. */
  account?: string | undefined;
}

function desksQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.cash_desks as k')
    .innerJoin('accounting.accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'k.tenant_id').onRef('a.id', '=', 'k.account_id'),
    )
    .selectAll('k')
    .select('a.code as account_code')
    .where('k.tenant_id', '=', ctx.tenant.id);
}

type DeskRow = Awaited<ReturnType<ReturnType<typeof desksQuery>['executeTakeFirstOrThrow']>>;

const deskView = (d: DeskRow) => ({
  id: d.id,
  name: d.name,
  code: d.code,
  currency: d.currency,
  account: d.account_code,
  active: d.active,
  balance: money(d.balance, d.currency),
  lastDate: d.last_date,
  documentCount: d.doc_count,
});

export type CashDeskView = ReturnType<typeof deskView>;

export async function listCashDesks(ctx: Ctx, q: { active?: boolean | undefined } = {}) {
  let query = desksQuery(ctx);
  if (q.active !== undefined) query = query.where('k.active', '=', q.active);
  return (await query.orderBy('k.code').execute()).map(deskView);
}

export async function getCashDesk(ctx: Ctx, id: string) {
  const d = await desksQuery(ctx).where('k.id', '=', id).executeTakeFirst();
  if (!d) throw notFound('Cash desk');
  return deskView(d);
}

/** An account of the chart by code, with whether it is a group (has analytic accounts under it). */
async function accountByCode(ctx: Ctx, code: string) {
  return dbOf(ctx)
    .selectFrom('accounting.accounts as a')
    .select([
      'a.id',
      'a.type',
      'a.active',
      sql<boolean>`exists (select 1 from accounting.accounts c where c.tenant_id = a.tenant_id and c.parent_id = a.id)`.as(
        'is_group',
      ),
    ])
    .where('a.tenant_id', '=', ctx.tenant.id)
    .where('a.code', '=', code)
    .executeTakeFirst();
}

/** The ledger account a new desk keeps: the given one, or the next free analytic under the cash account. */
async function deskAccount(ctx: Ctx, input: CashDeskInput, errors: FieldError[]): Promise<string | null> {
  const db = dbOf(ctx);
  const taken = async (accountId: string) =>
    (await db
      .selectFrom('accounting.cash_desks')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('account_id', '=', accountId)
      .executeTakeFirst()) ??
    (await db
      .selectFrom('accounting.bank_accounts')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('account_id', '=', accountId)
      .executeTakeFirst());
  if (input.account) {
    const a = await accountByCode(ctx, input.account);
    if (!a?.active || a.type !== 'asset' || a.is_group) {
      errors.push({ path: 'account', message: m.account, code: 'invalid_account' });
      return null;
    }
    if (await taken(a.id)) {
      errors.push({ path: 'account', message: m.accountTaken, params: { code: input.account }, code: 'account_taken' });
      return null;
    }
    return a.id;
  }
  // The cash account of the settings is the root, unless a desk keeps it already (then its parent).
  const cashId = await roleAccount(ctx, 'cash');
  const cash = await db
    .selectFrom('accounting.accounts')
    .select(['id', 'code', 'parent_id', 'cash_flow'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', cashId)
    .executeTakeFirstOrThrow();
  const rootId = (await taken(cash.id)) && cash.parent_id ? cash.parent_id : cash.id;
  const root = await db
    .selectFrom('accounting.accounts')
    .select(['id', 'code', 'cash_flow'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', rootId)
    .executeTakeFirstOrThrow();
  const used = new Set(
    (
      await db
        .selectFrom('accounting.accounts')
        .select('code')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('code', 'like', `${root.code}___`)
        .execute()
    ).map((t) => t.code),
  );
  let n = 1;
  while (used.has(`${root.code}${String(n).padStart(3, '0')}`)) n++;
  const id = newId();
  await db
    .insertInto('accounting.accounts')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      code: `${root.code}${String(n).padStart(3, '0')}`,
      name: input.name.slice(0, 200),
      type: 'asset',
      parent_id: root.id,
      cash: true,
      cash_flow: root.cash_flow,
    })
    .execute();
  // The cash account of the settings just became a group: cash payments go to the first desk now.
  if (root.id === cashId) {
    await db
      .updateTable('accounting.settings')
      .set({ [ACCOUNT_ROLES.cash]: id })
      .where('tenant_id', '=', ctx.tenant.id)
      .execute();
  }
  return id;
}

export async function createCashDesk(ctx: Ctx, input: CashDeskInput) {
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const code = input.code.toUpperCase();
  const dup = await db
    .selectFrom('accounting.cash_desks')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (dup) throw conflict('duplicate_code', m.duplicateCode, { deskCode: code });
  const errors: FieldError[] = [];
  const accountId = await deskAccount(ctx, input, errors);
  if (errors.length || !accountId) throw badRequest('invalid_input', m.deskInvalid, errors);
  const id = newId();
  await guarded(() =>
    db
      .insertInto('accounting.cash_desks')
      .values({
        tenant_id: ctx.tenant.id,
        id,
        name: input.name,
        code,
        currency: (input.currency ?? settings.currency).toUpperCase(),
        account_id: accountId,
        created_at: ctx.now(),
      })
      .execute(),
  );
  const view = await getCashDesk(ctx, id);
  await ctx.audit({
    action: 'accounting.cash_desk.create',
    entityType: 'accounting.cash_desk',
    entityId: id,
    after: view,
  });
  return view;
}

export async function updateCashDesk(
  ctx: Ctx,
  id: string,
  patch: { name?: string | undefined; active?: boolean | undefined },
) {
  const before = await getCashDesk(ctx, id);
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
  };
  if (Object.keys(set).length === 0) return before;
  await guarded(() =>
    dbOf(ctx)
      .updateTable('accounting.cash_desks')
      .set(set)
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute(),
  );
  const after = await getCashDesk(ctx, id);
  await ctx.audit({
    action: 'accounting.cash_desk.update',
    entityType: 'accounting.cash_desk',
    entityId: id,
    before,
    after,
  });
  return after;
}

// ─── Documents ──────────────────────────────────────────────────────────────

export interface CashDocumentInput {
  deskId: string;
  kind: 'receipt' | 'payment';
  date?: string | undefined;
  amount: string;
  rate?: string | undefined;
  /** The other side of the entry (602 a sale, 501 a purchase, 221001 a deposit to the bank, 335 an advance …). */
  account?: string | undefined;
  /** An invoice (a receipt) or a bill (a payment) this pays. */
  documentId?: string | undefined;
  partnerId?: string | undefined;
  /** Received from / paid to, as the document prints it. */
  person?: string | undefined;
  description: string;
}

/** The day's cash with one party in koruny, this document included; 409 past the legal limit. */
async function assertCashLimit(
  ctx: Ctx,
  doc: { kind: string; date: string; functional: bigint; partnerId: string | null; person: string | null },
) {
  const settings = await settingsOf(ctx);
  const limit = cashLimitOn(doc.date);
  if (!limit || settings.currency !== 'CZK') return;
  const limitMinor = limit.limitCzk * 100n;
  let total = doc.functional;
  const key = doc.partnerId ? 'partner' : doc.person ? 'person' : null;
  if (key) {
    let q = dbOf(ctx)
      .selectFrom('accounting.cash_documents as x')
      .select(sql<string>`coalesce(sum(x.functional), 0)`.as('total'))
      .where('x.tenant_id', '=', ctx.tenant.id)
      .where('x.kind', '=', doc.kind as 'receipt' | 'payment')
      .where('x.date', '=', doc.date)
      .where('x.cancels_id', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('accounting.cash_documents as c')
              .select('c.id')
              .whereRef('c.tenant_id', '=', 'x.tenant_id')
              .whereRef('c.cancels_id', '=', 'x.id'),
          ),
        ),
      );
    q =
      key === 'partner'
        ? q.where('x.partner_id', '=', doc.partnerId as string)
        : q.where(sql`lower(trim(x.person))`, '=', (doc.person as string).trim().toLowerCase());
    total += BigInt((await q.executeTakeFirstOrThrow()).total);
  }
  if (total > limitMinor) {
    throw conflict('cash_limit_exceeded', m.limit, {
      limit: money(limitMinor, 'CZK'),
      total: money(total, 'CZK'),
      source: limit.source,
    });
  }
}

async function deskForUpdate(ctx: Ctx, id: string) {
  const d = await dbOf(ctx)
    .selectFrom('accounting.cash_desks')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return d ?? null;
}

/** Order and cash on hand, checked before posting so the answer names the desk (the database checks again). */
function assertDeskAccepts(
  d: { code: string; last_date: string | null; balance: string; currency: string },
  kind: string,
  date: string,
  amount: bigint,
) {
  if (d.last_date && date < d.last_date) {
    throw conflict('cash_date_order', m.dateOrder, { desk: d.code, last: d.last_date });
  }
  if (kind === 'payment' && BigInt(d.balance) < amount) {
    throw conflict('cash_insufficient', m.insufficient, {
      desk: d.code,
      balance: money(d.balance, d.currency),
      currency: d.currency,
      amount: money(amount, d.currency),
    });
  }
}

export async function createCashDocument(ctx: Ctx, input: CashDocumentInput) {
  const settings = await settingsOf(ctx);
  const db = dbOf(ctx);
  const desk = await deskForUpdate(ctx, input.deskId);
  if (!desk) throw badRequest('invalid_input', m.invalid, [{ path: 'deskId', message: m.desk, code: 'unknown_desk' }]);
  const errors: FieldError[] = [];
  if (!desk.active) errors.push({ path: 'deskId', message: m.deskInactive, code: 'desk_inactive' });
  const date = input.date ?? dateOf(ctx.now());
  if (!isDate(date)) errors.push({ path: 'date', message: m.date, code: 'invalid_date' });
  const amount = amountOf(input.amount, desk.currency, 'amount');
  let rate: Decimal = ONE;
  if (desk.currency !== settings.currency) {
    const declared = input.rate ? null : await rateOn(ctx, desk.currency, date);
    if (!input.rate && !declared) {
      errors.push({
        path: 'rate',
        message: m.rate,
        params: { currency: desk.currency, functional: settings.currency },
        code: 'rate_missing',
      });
    } else rate = positiveDecimalOf(input.rate ?? (declared?.rate as string), 'rate', 'rate');
  }
  const functional = convert(amount, desk.currency, settings.currency, rate);
  if (input.account && input.documentId)
    errors.push({ path: 'account', message: m.oneOf, code: 'account_or_document' });
  if (!input.account && !input.documentId)
    errors.push({ path: 'account', message: m.neither, code: 'account_or_document' });

  let partnerId: string | null = input.partnerId ?? null;
  if (partnerId) {
    const p = await db
      .selectFrom('accounting.partners')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', partnerId)
      .executeTakeFirst();
    if (!p) errors.push({ path: 'partnerId', message: m.partner, code: 'unknown_partner' });
  }
  let counterAccountId: string | null = null;
  if (input.account && !input.documentId) {
    const a = await accountByCode(ctx, input.account);
    if (!a?.active || a.is_group)
      errors.push({
        path: 'account',
        message: m.counterAccount,
        params: { code: input.account },
        code: a?.is_group ? 'not_postable' : 'unknown_account',
      });
    else if (a.id === desk.account_id) errors.push({ path: 'account', message: m.ownAccount, code: 'own_account' });
    else counterAccountId = a.id;
  }
  const docKind = input.kind === 'receipt' ? 'invoice' : 'bill';
  if (input.documentId && !input.account) {
    const doc = await db
      .selectFrom('accounting.documents')
      .select(['id', 'partner_id', 'kind', 'status', 'currency', 'type'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.documentId)
      .executeTakeFirst();
    if (
      !doc ||
      doc.kind !== docKind ||
      doc.status !== 'issued' ||
      doc.currency !== desk.currency ||
      doc.type === 'advance_tax'
    ) {
      errors.push({
        path: 'documentId',
        message: m.document,
        params: { kind: docKind, currency: desk.currency },
        code: 'not_open_document',
      });
    } else if (partnerId && doc.partner_id !== partnerId) {
      errors.push({ path: 'partnerId', message: m.partnerDiffers, code: 'partner_mismatch' });
    } else partnerId = doc.partner_id;
  }
  if (errors.length) throw badRequest('invalid_input', m.invalid, errors);

  const person = input.person?.trim() || null;
  await assertCashLimit(ctx, { kind: input.kind, date, functional, partnerId, person });
  assertDeskAccepts(desk, input.kind, date, amount);
  await assertDayOpen(ctx, desk, date);

  const id = newId();
  let entryId: string;
  let paymentId: string | null = null;
  if (input.documentId) {
    const payment = await createPayment(
      ctx,
      {
        partnerId: partnerId as string,
        date,
        amount: money(amount, desk.currency),
        currency: desk.currency,
        rate: decimalText(rate),
        reference: input.description,
        allocations: [{ documentId: input.documentId }],
      },
      { cashAccountId: desk.account_id },
    );
    entryId = payment.entryId;
    paymentId = payment.id;
  } else {
    const base = { currency: desk.currency, amount, rate: decimalText(rate), partnerId, memo: person };
    const cash = { ...base, accountId: desk.account_id };
    const other = { ...base, accountId: counterAccountId as string };
    const entry = await postLedgerEntry(ctx, {
      date,
      memo: input.description,
      source: { type: 'accounting.cash_document', id },
      lines:
        input.kind === 'receipt'
          ? [
              { ...cash, debit: functional, credit: 0n },
              { ...other, debit: 0n, credit: functional },
            ]
          : [
              { ...other, debit: functional, credit: 0n },
              { ...cash, debit: 0n, credit: functional },
            ],
    });
    entryId = entry.id;
  }
  await insertDocument(ctx, {
    id,
    desk_id: desk.id,
    kind: input.kind,
    date,
    amount,
    currency: desk.currency,
    rate: decimalText(rate),
    functional,
    description: input.description,
    person,
    partner_id: partnerId,
    counter_account_id: counterAccountId,
    document_id: input.documentId ?? null,
    payment_id: paymentId,
    entry_id: entryId,
    cancels_id: null,
  });
  const view = await getCashDocument(ctx, id);
  await ctx.audit({
    action: 'accounting.cash_document.create',
    entityType: 'accounting.cash_document',
    entityId: id,
    after: view,
  });
  return view;
}

async function insertDocument(
  ctx: Ctx,
  row: Omit<Insertable<CashDocumentsTable>, 'tenant_id' | 'created_at' | 'created_by'>,
) {
  await guarded(() =>
    dbOf(ctx)
      .insertInto('accounting.cash_documents')
      .values({ ...row, tenant_id: ctx.tenant.id, created_at: ctx.now(), created_by: actorLabel(ctx) })
      .execute(),
  );
}

/** Cancels a cash document by a new one of the other kind dated `date` (default today) that reverses its posting. */
export async function cancelCashDocument(ctx: Ctx, id: string, opts: { date?: string | undefined } = {}) {
  const original = await documentRow(ctx, id);
  if (original.cancels_id) throw conflict('not_cancellable', m.isCancellation, { number: original.number });
  if (original.cancelled_by_number)
    throw conflict('already_cancelled', m.cancelled, { number: original.number, by: original.cancelled_by_number });
  const desk = await deskForUpdate(ctx, original.desk_id);
  if (!desk) throw notFound('Cash desk');
  const date = opts.date ?? dateOf(ctx.now());
  const kind = original.kind === 'receipt' ? 'payment' : 'receipt';
  assertDeskAccepts(desk, kind, date, BigInt(original.amount));
  await assertDayOpen(ctx, desk, date);
  let entryId: string;
  if (original.payment_id) {
    const voided = await voidPayment(ctx, original.payment_id, date);
    entryId = voided.voidEntryId as string;
  } else {
    entryId = (await reverse(ctx, original.entry_id, { date, memo: `Storno ${original.number}`, allowInternal: true }))
      .id;
  }
  const cancelId = newId();
  await insertDocument(ctx, {
    id: cancelId,
    desk_id: original.desk_id,
    kind,
    date,
    amount: BigInt(original.amount),
    currency: original.currency,
    rate: normalizeDecimal(original.rate),
    functional: BigInt(original.functional),
    description: `Storno ${original.number}`,
    person: original.person,
    partner_id: original.partner_id,
    counter_account_id: original.counter_account_id,
    document_id: original.document_id,
    payment_id: original.payment_id,
    entry_id: entryId,
    cancels_id: original.id,
  });
  const view = await getCashDocument(ctx, cancelId);
  await ctx.audit({
    action: 'accounting.cash_document.cancel',
    entityType: 'accounting.cash_document',
    entityId: id,
    after: view,
  });
  return view;
}

function documentsQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.cash_documents as x')
    .innerJoin('accounting.cash_desks as k', (j) =>
      j.onRef('k.tenant_id', '=', 'x.tenant_id').onRef('k.id', '=', 'x.desk_id'),
    )
    .innerJoin('accounting.journal_entries as e', (j) =>
      j.onRef('e.tenant_id', '=', 'x.tenant_id').onRef('e.id', '=', 'x.entry_id'),
    )
    .leftJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'x.tenant_id').onRef('p.id', '=', 'x.partner_id'),
    )
    .leftJoin('accounting.accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'x.tenant_id').onRef('a.id', '=', 'x.counter_account_id'),
    )
    .leftJoin('accounting.documents as d', (j) =>
      j.onRef('d.tenant_id', '=', 'x.tenant_id').onRef('d.id', '=', 'x.document_id'),
    )
    .leftJoin('accounting.cash_documents as o', (j) =>
      j.onRef('o.tenant_id', '=', 'x.tenant_id').onRef('o.id', '=', 'x.cancels_id'),
    )
    .leftJoin('accounting.cash_documents as c', (j) =>
      j.onRef('c.tenant_id', '=', 'x.tenant_id').onRef('c.cancels_id', '=', 'x.id'),
    )
    .selectAll('x')
    .select([
      'k.name as desk_name',
      'k.code as desk_code',
      'e.number as entry_number',
      'p.name as partner_name',
      'a.code as account_code',
      'a.name as account_name',
      'd.number as document_number',
      'o.number as cancels_number',
      'c.id as cancelled_by_id',
      'c.number as cancelled_by_number',
    ])
    .where('x.tenant_id', '=', ctx.tenant.id);
}

type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentsQuery>['executeTakeFirstOrThrow']>>;

async function documentRow(ctx: Ctx, id: string) {
  const row = await documentsQuery(ctx).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Cash document');
  return row;
}

const documentView = (x: DocumentRow, functionalCurrency: string) => ({
  id: x.id,
  desk: { id: x.desk_id, name: x.desk_name, code: x.desk_code },
  kind: x.kind,
  number: x.number,
  date: x.date,
  amount: money(x.amount, x.currency),
  currency: x.currency,
  rate: normalizeDecimal(x.rate),
  functional: money(x.functional, functionalCurrency),
  balanceAfter: money(x.balance_after, x.currency),
  description: x.description,
  person: x.person,
  partner: x.partner_id ? { id: x.partner_id, name: x.partner_name as string } : null,
  account: x.account_code ? { code: x.account_code, name: x.account_name as string } : null,
  document: x.document_id ? { id: x.document_id, number: x.document_number } : null,
  paymentId: x.payment_id,
  entry: { id: x.entry_id, number: x.entry_number },
  cancels: x.cancels_id ? { id: x.cancels_id, number: x.cancels_number as string } : null,
  cancelledBy: x.cancelled_by_id ? { id: x.cancelled_by_id, number: x.cancelled_by_number as string } : null,
  createdAt: new Date(x.created_at).toISOString(),
  createdBy: x.created_by,
});

export type CashDocumentView = ReturnType<typeof documentView>;

export async function getCashDocument(ctx: Ctx, id: string): Promise<CashDocumentView> {
  const settings = await settingsOf(ctx);
  return documentView(await documentRow(ctx, id), settings.currency);
}

/**
 * The desk's book for a range: the balance brought forward, the documents in the order they were
 * written with the balance after each, the totals and the balance carried forward.
 */
export async function cashBook(ctx: Ctx, deskId: string, q: { from?: string | undefined; to?: string | undefined }) {
  const settings = await settingsOf(ctx);
  const desk = await getCashDesk(ctx, deskId);
  const before = q.from
    ? await dbOf(ctx)
        .selectFrom('accounting.cash_documents')
        .select('balance_after')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('desk_id', '=', deskId)
        .where('date', '<', q.from)
        .orderBy('desk_seq', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  let query = documentsQuery(ctx).where('x.desk_id', '=', deskId);
  if (q.from) query = query.where('x.date', '>=', q.from);
  if (q.to) query = query.where('x.date', '<=', q.to);
  const rows = await query.orderBy('x.desk_seq').limit(5000).execute();
  const opening = BigInt(before?.balance_after ?? 0);
  let receipts = 0n;
  let payments = 0n;
  for (const r of rows) {
    if (r.kind === 'receipt') receipts += BigInt(r.amount);
    else payments += BigInt(r.amount);
  }
  const limit = cashLimitOn(q.to ?? dateOf(ctx.now()));
  return {
    desk,
    from: q.from ?? null,
    to: q.to ?? null,
    opening: money(opening, desk.currency),
    receipts: money(receipts, desk.currency),
    payments: money(payments, desk.currency),
    closing: money(opening + receipts - payments, desk.currency),
    documents: rows.map((r) => documentView(r, settings.currency)),
    /** The legal limit on cash payments with one party a day, for a warning before the form is sent. */
    cashLimit:
      limit && settings.currency === 'CZK'
        ? { amount: money(limit.limitCzk * 100n, 'CZK'), source: limit.source }
        : null,
  };
}
