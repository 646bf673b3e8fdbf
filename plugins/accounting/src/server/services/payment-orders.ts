import {
  aboOrder,
  badRequest,
  conflict,
  creditTransferXml,
  czechAccountToIban,
  type FieldError,
  formatCzechAccount,
  ibanToCzechAccount,
  newId,
  notFound,
  parseCzechAccount,
} from '@bureau/core';
import { sql } from 'kysely';

import { amountOf, money } from './amounts.ts';
import { actorLabel, type Ctx, dbOf, guarded } from './context.ts';
import { dateOf } from './dates.ts';

/**
 * Payment orders for vendor bills due (příkazy k úhradě): pick open bills of one currency, make an
 * order for a bank account of that currency, download it as SEPA/ISO 20022 pain.001.001.03 or as
 * the Czech ABO (KPC) file. An order records what it pays so a bill is not ordered twice; cancelling
 * the order (say the bank refused the file) frees its bills again. The order posts nothing: the
 * payment is booked when the bank statement shows it (bank reconciliation matches it to the bill).
 */

/** SEPA credit transfers: EUR between the EEA countries, Switzerland, the UK and a few others (EPC). */
const SEPA_COUNTRIES = new Set(
  'AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT RO SE SI SK SM VA AD'.split(
    ' ',
  ),
);

const m = {
  bankAccount: { en: 'No such bank account', cs: 'Bankovní účet neexistuje' },
  bankInactive: { en: 'The bank account is not active', cs: 'Bankovní účet není aktivní' },
  bankNoAccount: {
    en: 'The bank account has neither an IBAN nor a Czech account number',
    cs: 'Bankovní účet nemá IBAN ani české číslo účtu',
  },
  notBill: { en: 'Not an open bill', cs: 'Není to neuhrazená přijatá faktura' },
  currency: {
    en: 'The bill is in {currency}; the bank account pays in {bank}',
    cs: 'Faktura je v {currency}, bankovní účet platí v {bank}',
  },
  payee: {
    en: 'The vendor {name} has no bank account (IBAN or Czech account number)',
    cs: 'Dodavatel {name} nemá bankovní účet (IBAN ani české číslo účtu)',
  },
  exceeds: {
    en: 'At most {open} is left to order for this bill',
    cs: 'K této faktuře zbývá zadat k úhradě nejvýš {open}',
  },
  duplicate: { en: 'The bill is in the order twice', cs: 'Faktura je v příkazu dvakrát' },
  invalid: { en: 'The payment order is invalid', cs: 'Příkaz k úhradě je neplatný' },
  past: { en: 'The execution date is in the past', cs: 'Datum splatnosti příkazu je v minulosti' },
  cancelled: { en: 'The payment order was cancelled', cs: 'Příkaz k úhradě byl zrušen' },
  aboCurrency: {
    en: 'The ABO file carries Czech crowns only; download this order as pain.001 (XML)',
    cs: 'Soubor ABO nese jen platby v korunách; stáhněte tento příkaz jako pain.001 (XML)',
  },
  aboForeign: {
    en: 'The ABO file pays Czech accounts only; not Czech: {payees}. Download pain.001 (XML) instead',
    cs: 'Soubor ABO platí jen na české účty; české nejsou: {payees}. Stáhněte raději pain.001 (XML)',
  },
  aboPayer: {
    en: 'The ABO file needs a Czech bank account to pay from',
    cs: 'Soubor ABO vyžaduje český bankovní účet plátce',
  },
};

/** The payee's account as the vendor card has it: an IBAN, a Czech account, or both. */
function payeeOf(p: { iban: string | null; bank_account: string | null; bic: string | null }) {
  const czech = (p.bank_account && parseCzechAccount(p.bank_account)) || (p.iban ? ibanToCzechAccount(p.iban) : null);
  const iban = p.iban ?? (czech ? czechAccountToIban(czech) : null);
  if (!iban && !czech) return null;
  return { iban, bic: p.bic, account: czech ? formatCzechAccount(czech) : null };
}

/** Amount of each bill in open (not cancelled) orders, minor units. */
function orderedSubquery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.payment_order_items as i')
    .innerJoin('accounting.payment_orders as o', (j) =>
      j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'),
    )
    .select(['i.document_id', sql<string>`sum(i.amount)`.as('ordered')])
    .where('i.tenant_id', '=', ctx.tenant.id)
    .where('o.status', '=', 'open')
    .groupBy('i.document_id');
}

function openBillsQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.documents as d')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'),
    )
    .leftJoin(orderedSubquery(ctx).as('o'), 'o.document_id', 'd.id')
    .select([
      'd.id',
      'd.number',
      'd.reference',
      'd.due_date',
      'd.currency',
      'd.total',
      'd.paid',
      'd.variable_symbol',
      'p.id as partner_id',
      'p.name as partner_name',
      'p.iban',
      'p.bic',
      'p.bank_account',
      'p.country as partner_country',
      sql<string>`coalesce(o.ordered, 0)`.as('ordered'),
    ])
    .where('d.tenant_id', '=', ctx.tenant.id)
    .where('d.kind', '=', 'bill')
    .where('d.status', '=', 'issued')
    .where('d.type', 'in', ['bill', 'debit_note'])
    .whereRef('d.paid', '<', 'd.total');
}

type OpenBillRow = Awaited<ReturnType<ReturnType<typeof openBillsQuery>['execute']>>[number];

const dueBillView = (r: OpenBillRow, today: string) => {
  const remaining = BigInt(r.total) - BigInt(r.paid);
  const ordered = BigInt(r.ordered);
  const payee = payeeOf(r);
  return {
    id: r.id,
    number: r.number as string,
    vendorNumber: r.reference,
    partner: { id: r.partner_id, name: r.partner_name },
    dueDate: r.due_date,
    overdue: r.due_date < today,
    currency: r.currency,
    remaining: money(remaining, r.currency),
    ordered: money(ordered, r.currency),
    /** What is left to put in an order. */
    toOrder: money(remaining > ordered ? remaining - ordered : 0n, r.currency),
    variableSymbol: r.variable_symbol,
    payee,
  };
};

export type DueBill = ReturnType<typeof dueBillView>;

/** Open bills (and received debit notes) due by `dueBy`, oldest due first, with what is already ordered. */
export async function listDueBills(
  ctx: Ctx,
  q: { dueBy?: string | undefined; currency?: string | undefined; unordered?: boolean | undefined },
) {
  let query = openBillsQuery(ctx);
  if (q.dueBy) query = query.where('d.due_date', '<=', q.dueBy);
  if (q.currency) query = query.where('d.currency', '=', q.currency);
  const today = dateOf(ctx.now());
  const bills = (await query.orderBy('d.due_date').orderBy('d.number').limit(500).execute()).map((r) =>
    dueBillView(r, today),
  );
  return q.unordered ? bills.filter((b) => b.toOrder !== money(0n, b.currency)) : bills;
}

async function bankAccountOf(ctx: Ctx, id: string, path: string) {
  const bank = await dbOf(ctx)
    .selectFrom('accounting.bank_accounts')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!bank)
    throw badRequest('invalid_input', m.invalid, [{ path, message: m.bankAccount, code: 'unknown_bank_account' }]);
  return bank;
}

/** The payer's account: the IBAN and, for a Czech account, its domestic form. */
function payerOf(bank: { iban: string | null; account_number: string | null; bic: string | null }) {
  const czech =
    (bank.account_number && parseCzechAccount(bank.account_number)) ||
    (bank.iban ? ibanToCzechAccount(bank.iban) : null);
  const iban = bank.iban ?? (czech ? czechAccountToIban(czech) : null);
  return iban ? { iban, bic: bank.bic, czech } : null;
}

export interface PaymentOrderInput {
  bankAccountId: string;
  executionDate?: string | undefined;
  items: { documentId: string; amount?: string | undefined }[];
}

/**
 * Makes an order: each bill open, in the bank account's currency, with a payee account, and not
 * ordered beyond what is left of it (open orders count). Field errors name `items.<i>.documentId` or
 * `.amount`; nothing is written unless every line is right.
 */
export async function createPaymentOrder(ctx: Ctx, input: PaymentOrderInput) {
  const db = dbOf(ctx);
  const today = dateOf(ctx.now());
  const bank = await bankAccountOf(ctx, input.bankAccountId, 'bankAccountId');
  const errors: FieldError[] = [];
  if (!bank.active) errors.push({ path: 'bankAccountId', message: m.bankInactive, code: 'bank_account_inactive' });
  if (!payerOf(bank))
    errors.push({ path: 'bankAccountId', message: m.bankNoAccount, code: 'bank_account_number_missing' });
  const executionDate = input.executionDate ?? today;
  if (executionDate < today) errors.push({ path: 'executionDate', message: m.past, code: 'execution_date_past' });
  const ids = input.items.map((i) => i.documentId);
  // Lock the bills so two orders made at once cannot both take what is left of one.
  if (ids.length) {
    await db
      .selectFrom('accounting.documents')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', 'in', ids)
      .forUpdate()
      .execute();
  }
  const rows = ids.length ? await openBillsQuery(ctx).where('d.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const lines: { row: OpenBillRow; amount: bigint; payee: NonNullable<ReturnType<typeof payeeOf>> }[] = [];
  input.items.forEach((item, i) => {
    const path = `items.${i}`;
    const row = byId.get(item.documentId);
    if (seen.has(item.documentId)) {
      errors.push({ path: `${path}.documentId`, message: m.duplicate, code: 'duplicate_item' });
      return;
    }
    seen.add(item.documentId);
    if (!row) {
      errors.push({ path: `${path}.documentId`, message: m.notBill, code: 'not_open_bill' });
      return;
    }
    if (row.currency !== bank.currency) {
      errors.push({
        path: `${path}.documentId`,
        message: m.currency,
        params: { currency: row.currency, bank: bank.currency },
        code: 'currency_mismatch',
      });
      return;
    }
    const payee = payeeOf(row);
    if (!payee) {
      errors.push({
        path: `${path}.documentId`,
        message: m.payee,
        params: { name: row.partner_name },
        code: 'payee_account_missing',
      });
      return;
    }
    const left = BigInt(row.total) - BigInt(row.paid) - BigInt(row.ordered);
    const amount = item.amount === undefined ? left : amountOf(item.amount, row.currency, `${path}.amount`);
    if (amount <= 0n || amount > left) {
      errors.push({
        path: item.amount === undefined ? `${path}.documentId` : `${path}.amount`,
        message: m.exceeds,
        params: { open: `${money(left > 0n ? left : 0n, row.currency)} ${row.currency}` },
        code: 'amount_exceeds_open',
      });
      return;
    }
    lines.push({ row, amount, payee });
  });
  if (errors.length) throw badRequest('invalid_input', m.invalid, errors);

  const id = newId();
  const total = lines.reduce((s, l) => s + l.amount, 0n);
  await guarded(async () => {
    await db
      .insertInto('accounting.payment_orders')
      .values({
        tenant_id: ctx.tenant.id,
        id,
        bank_account_id: bank.id,
        currency: bank.currency,
        execution_date: executionDate,
        item_count: lines.length,
        total: total.toString(),
        created_at: ctx.now(),
        created_by: actorLabel(ctx),
      })
      .execute();
    await db
      .insertInto('accounting.payment_order_items')
      .values(
        lines.map((l, i) => ({
          tenant_id: ctx.tenant.id,
          id: newId(),
          order_id: id,
          line_no: i + 1,
          document_id: l.row.id,
          amount: l.amount.toString(),
          creditor_name: l.row.partner_name,
          creditor_iban: l.payee.iban,
          creditor_bic: l.payee.bic,
          creditor_account: l.payee.account,
          variable_symbol: l.row.variable_symbol,
          message: l.row.reference ?? l.row.number,
        })),
      )
      .execute();
  });
  const view = await getPaymentOrder(ctx, id);
  await ctx.audit({ action: 'accounting.payment_order.create', entityType: 'accounting.payment_order', entityId: id });
  return view;
}

function ordersQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.payment_orders as o')
    .innerJoin('accounting.bank_accounts as b', (j) =>
      j.onRef('b.tenant_id', '=', 'o.tenant_id').onRef('b.id', '=', 'o.bank_account_id'),
    )
    .selectAll('o')
    .select(['b.name as bank_name'])
    .where('o.tenant_id', '=', ctx.tenant.id);
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof ordersQuery>['executeTakeFirstOrThrow']>>;

const orderView = (o: OrderRow) => ({
  id: o.id,
  bankAccount: { id: o.bank_account_id, name: o.bank_name },
  currency: o.currency,
  executionDate: o.execution_date,
  itemCount: o.item_count,
  total: money(o.total, o.currency),
  status: o.status,
  createdAt: new Date(o.created_at).toISOString(),
  createdBy: o.created_by,
  /** Which files the order can be downloaded as: pain.001 always, ABO for Czech crowns. */
  formats: (o.currency === 'CZK' ? ['pain001', 'abo'] : ['pain001']) as ('pain001' | 'abo')[],
});

export async function listPaymentOrders(ctx: Ctx, q: { limit: number; offset: number }) {
  const rows = await ordersQuery(ctx)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return rows.map(orderView);
}

async function orderRow(ctx: Ctx, id: string) {
  const row = await ordersQuery(ctx).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Payment order');
  return row;
}

async function itemRows(ctx: Ctx, orderId: string) {
  return dbOf(ctx)
    .selectFrom('accounting.payment_order_items as i')
    .innerJoin('accounting.documents as d', (j) =>
      j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.document_id'),
    )
    .selectAll('i')
    .select(['d.number', 'd.reference', 'd.due_date', 'd.partner_id'])
    .where('i.tenant_id', '=', ctx.tenant.id)
    .where('i.order_id', '=', orderId)
    .orderBy('i.line_no')
    .execute();
}

export async function getPaymentOrder(ctx: Ctx, id: string) {
  const o = await orderRow(ctx, id);
  const items = await itemRows(ctx, id);
  return {
    ...orderView(o),
    items: items.map((i) => ({
      documentId: i.document_id,
      number: i.number as string,
      vendorNumber: i.reference,
      dueDate: i.due_date,
      partnerId: i.partner_id,
      amount: money(i.amount, o.currency),
      payee: { name: i.creditor_name, iban: i.creditor_iban, bic: i.creditor_bic, account: i.creditor_account },
      variableSymbol: i.variable_symbol,
      message: i.message,
    })),
  };
}

export async function cancelPaymentOrder(ctx: Ctx, id: string) {
  const o = await orderRow(ctx, id);
  if (o.status === 'cancelled') throw conflict('order_cancelled', m.cancelled);
  await guarded(() =>
    dbOf(ctx)
      .updateTable('accounting.payment_orders')
      .set({ status: 'cancelled', cancelled_at: ctx.now() })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute(),
  );
  await ctx.audit({ action: 'accounting.payment_order.cancel', entityType: 'accounting.payment_order', entityId: id });
  return getPaymentOrder(ctx, id);
}

export type PaymentOrderFormat = 'pain001' | 'abo';

/** The order's file: `{ body, contentType, fileName }`; 409 for a cancelled order or an ABO it cannot carry. */
export async function paymentOrderFile(ctx: Ctx, id: string, format: PaymentOrderFormat) {
  const o = await orderRow(ctx, id);
  if (o.status === 'cancelled') throw conflict('order_cancelled', m.cancelled);
  const bank = await bankAccountOf(ctx, o.bank_account_id, 'id');
  const payer = payerOf(bank);
  if (!payer) throw conflict('bank_account_number_missing', m.bankNoAccount);
  const items = await itemRows(ctx, id);
  const stamp = o.execution_date;
  await ctx.auditRead('accounting.payment_order', id);
  if (format === 'pain001') {
    const sepa = o.currency === 'EUR' && items.every((i) => SEPA_COUNTRIES.has((i.creditor_iban ?? 'CZ').slice(0, 2)));
    const body = creditTransferXml({
      messageId: o.id.replace(/-/g, ''),
      createdAt: new Date(o.created_at),
      executionDate: o.execution_date,
      currency: o.currency,
      sepa,
      debtor: { name: ctx.tenant.name, iban: payer.iban, bic: payer.bic },
      transfers: items.map((i) => ({
        // Czech banks read the variable symbol of a domestic payment from "/VS…" (ČBA XML standard).
        endToEndId: i.variable_symbol && !sepa ? `/VS${i.variable_symbol}` : (i.number ?? String(i.line_no)),
        amount: BigInt(i.amount),
        creditor: {
          name: i.creditor_name,
          iban: i.creditor_iban ?? czechAccountToIban(parseCzechAccount(i.creditor_account as string) as never),
          bic: i.creditor_bic,
        },
        text: [i.message, i.variable_symbol ? `VS ${i.variable_symbol}` : null].filter(Boolean).join(' / '),
      })),
    });
    return { body, contentType: 'application/xml; charset=utf-8', fileName: `payment-order-${stamp}.xml` };
  }
  if (o.currency !== 'CZK') throw conflict('abo_czk_only', m.aboCurrency);
  if (!payer.czech) throw conflict('abo_payer_not_czech', m.aboPayer);
  const foreign = items.filter((i) => !i.creditor_account);
  if (foreign.length) {
    throw conflict('abo_domestic_only', m.aboForeign, { payees: foreign.map((i) => i.creditor_name).join(', ') });
  }
  const body = aboOrder({
    createdOn: dateOf(new Date(o.created_at)),
    dueDate: o.execution_date,
    clientName: ctx.tenant.name,
    payer: payer.czech,
    payments: items.map((i) => ({
      account: parseCzechAccount(i.creditor_account as string) as NonNullable<ReturnType<typeof parseCzechAccount>>,
      amount: BigInt(i.amount),
      variableSymbol: i.variable_symbol,
      message: i.message,
    })),
  });
  return { body, contentType: 'text/plain; charset=us-ascii', fileName: `payment-order-${stamp}.kpc` };
}
