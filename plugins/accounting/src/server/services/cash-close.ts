import { badRequest, conflict, defineMessages, newId, notFound } from '@bureau/core';
import { sql } from 'kysely';
import { amountOf, money } from './amounts.ts';
import { createCashDocument, getCashDesk } from './cash-book.ts';
import { closedThrough } from './cash-days.ts';
import { actorLabel, type Ctx, dbOf, guarded } from './context.ts';
import { dateOf } from './dates.ts';
import { bookText } from './texts.ts';

/**
 * Accounts of a cash difference found at the daily close, as the směrná účtová osnova (the chart
 * published with vyhláška č. 500/2002 Sb.) names them and Pohoda books them by default: a shortage
 * (manko) to 569 Manka a škody na finančním majetku, a surplus (přebytek) to 668 Ostatní finanční
 * výnosy. A firm that charges a shortage to the cashier books 335 instead, by hand (not modelled).
 */
export const CASH_DIFFERENCE_ACCOUNTS = { shortage: '569', surplus: '668' } as const;

const m = defineMessages('accounting.cashClose', {
  invalid: { en: 'The daily close cannot be made', cs: 'Denní uzávěrku nelze provést' },
  future: { en: 'A day in the future cannot be closed', cs: 'Budoucí den nelze uzavřít' },
  order: {
    en: 'Cash desk {desk} is closed through {closed}; close a later day',
    cs: 'Pokladna {desk} je uzavřena do {closed}; uzavřete pozdější den',
  },
  difference: {
    en: 'The counted cash differs from the book by {difference} {currency}; confirm posting the difference or count again',
    cs: 'Napočítaná hotovost se liší od knihy o {difference} {currency}; potvrďte zaúčtování rozdílu nebo počítejte znovu',
  },
  later: {
    en: 'Cash desk {desk} has documents after {date}; a difference can be posted only on the desk’s last day',
    cs: 'Pokladna {desk} má doklady po {date}; rozdíl lze zaúčtovat jen k poslednímu dni pokladny',
  },
  shortage: { en: 'Cash shortage at the daily close of {date}', cs: 'Manko při denní uzávěrce {date}' },
  surplus: { en: 'Cash surplus at the daily close of {date}', cs: 'Přebytek při denní uzávěrce {date}' },
});

export interface CashCloseView {
  id: string;
  desk: { id: string; code: string; name: string; currency: string };
  date: string;
  opening: string;
  receipts: string;
  payments: string;
  bookBalance: string;
  counted: string;
  difference: string;
  differenceDocument: { id: string; number: string } | null;
  closedAt: string;
  closedBy: string | null;
}

/** A desk's day as the book has it: opening, receipts and payments of the day, the balance at its end. */
async function dayOf(ctx: Ctx, deskId: string, date: string) {
  const r = await sql<{ opening: string | null; receipts: string; payments: string; closing: string | null }>`
    select
      (select balance_after::text from accounting.cash_documents
        where tenant_id = ${ctx.tenant.id} and desk_id = ${deskId} and date < ${date}
        order by desk_seq desc limit 1) as opening,
      coalesce(sum(amount) filter (where kind = 'receipt'), 0)::text as receipts,
      coalesce(sum(amount) filter (where kind = 'payment'), 0)::text as payments,
      (select balance_after::text from accounting.cash_documents
        where tenant_id = ${ctx.tenant.id} and desk_id = ${deskId} and date <= ${date}
        order by desk_seq desc limit 1) as closing
    from accounting.cash_documents
    where tenant_id = ${ctx.tenant.id} and desk_id = ${deskId} and date = ${date}`.execute(ctx.db);
  const row = r.rows[0];
  return {
    opening: BigInt(row?.opening ?? 0),
    receipts: BigInt(row?.receipts ?? 0),
    payments: BigInt(row?.payments ?? 0),
    closing: BigInt(row?.closing ?? row?.opening ?? 0),
  };
}

/**
 * Closes a desk's day: the counted cash against the book balance at the end of `date`. A difference
 * is refused (409 `cash_difference`, nothing written) unless `postDifference`: then a payment
 * (shortage, Dr 569) or a receipt (surplus, Cr 668) dated that day brings the book to the count, which
 * is possible only on the desk's last day of documents. Days close in order, not in the future; after
 * the close no document can be dated on or before that day (409 `cash_day_closed`).
 */
export async function closeCashDay(
  ctx: Ctx,
  deskId: string,
  input: { date?: string | undefined; counted: string; postDifference?: boolean | undefined },
): Promise<CashCloseView> {
  const desk = await getCashDesk(ctx, deskId);
  // Lock the desk: no document or close of it meanwhile.
  await dbOf(ctx)
    .selectFrom('accounting.cash_desks')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', deskId)
    .forUpdate()
    .execute();
  const today = dateOf(ctx.now());
  const date = input.date ?? today;
  const counted = amountOf(input.counted, desk.currency, 'counted');
  if (date > today)
    throw badRequest('invalid_input', m.invalid, [{ path: 'date', message: m.future, code: 'future_date' }]);
  const closed = await closedThrough(ctx, deskId);
  if (closed && date <= closed) throw conflict('cash_day_closed', m.order, { desk: desk.code, closed });
  const day = await dayOf(ctx, deskId, date);
  const difference = counted - day.closing;
  let differenceDocument: { id: string; number: string } | null = null;
  if (difference !== 0n) {
    const params = { difference: money(difference, desk.currency), currency: desk.currency };
    if (!input.postDifference) throw conflict('cash_difference', m.difference, params);
    if (desk.lastDate && desk.lastDate > date)
      throw conflict('cash_later_documents', m.later, { desk: desk.code, date });
    const shortage = difference < 0n;
    const doc = await createCashDocument(ctx, {
      deskId,
      kind: shortage ? 'payment' : 'receipt',
      date,
      amount: money(shortage ? -difference : difference, desk.currency),
      account: shortage ? CASH_DIFFERENCE_ACCOUNTS.shortage : CASH_DIFFERENCE_ACCOUNTS.surplus,
      description: bookText(ctx, shortage ? m.shortage : m.surplus, { date }),
    });
    differenceDocument = { id: doc.id, number: doc.number };
  }
  const id = newId();
  await guarded(() =>
    dbOf(ctx)
      .insertInto('accounting.cash_closes')
      .values({
        tenant_id: ctx.tenant.id,
        id,
        desk_id: deskId,
        date,
        opening: day.opening,
        receipts: day.receipts + (difference > 0n ? difference : 0n),
        payments: day.payments + (difference < 0n ? -difference : 0n),
        book_balance: day.closing,
        counted,
        difference,
        difference_document_id: differenceDocument?.id ?? null,
        closed_by: actorLabel(ctx),
      })
      .execute(),
  );
  const view = await getCashClose(ctx, id);
  await ctx.audit({
    action: 'accounting.cash_day.closed',
    entityType: 'accounting.cash_close',
    entityId: id,
    after: view,
  });
  return view;
}

function closesQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.cash_closes as c')
    .innerJoin('accounting.cash_desks as k', (j) =>
      j.onRef('k.tenant_id', '=', 'c.tenant_id').onRef('k.id', '=', 'c.desk_id'),
    )
    .leftJoin('accounting.cash_documents as d', (j) =>
      j.onRef('d.tenant_id', '=', 'c.tenant_id').onRef('d.id', '=', 'c.difference_document_id'),
    )
    .selectAll('c')
    .select(['k.code', 'k.name', 'k.currency', 'd.number as document_number'])
    .where('c.tenant_id', '=', ctx.tenant.id);
}

type CloseRow = Awaited<ReturnType<ReturnType<typeof closesQuery>['executeTakeFirstOrThrow']>>;

const viewOf = (c: CloseRow): CashCloseView => ({
  id: c.id,
  desk: { id: c.desk_id, code: c.code, name: c.name, currency: c.currency },
  date: c.date,
  opening: money(c.opening, c.currency),
  receipts: money(c.receipts, c.currency),
  payments: money(c.payments, c.currency),
  bookBalance: money(c.book_balance, c.currency),
  counted: money(c.counted, c.currency),
  difference: money(c.difference, c.currency),
  differenceDocument:
    c.difference_document_id && c.document_number ? { id: c.difference_document_id, number: c.document_number } : null,
  closedAt: new Date(c.closed_at).toISOString(),
  closedBy: c.closed_by,
});

export async function getCashClose(ctx: Ctx, id: string): Promise<CashCloseView> {
  const c = await closesQuery(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!c) throw notFound('Cash close');
  return viewOf(c);
}

/** A desk's daily closes, the latest first (404 for an unknown desk). */
export async function listCashCloses(ctx: Ctx, deskId: string): Promise<CashCloseView[]> {
  await getCashDesk(ctx, deskId);
  return (await closesQuery(ctx).where('c.desk_id', '=', deskId).orderBy('c.date', 'desc').limit(366).execute()).map(
    viewOf,
  );
}
