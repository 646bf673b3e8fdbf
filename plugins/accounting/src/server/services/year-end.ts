import { conflict, newId } from '@bureau/core';
import { sql } from 'kysely';
import { accountIdByCode } from './accounts.ts';
import { money } from './amounts.ts';
import { actorLabel, type Ctx, dbOf, settingsOf } from './context.ts';
import { fiscalYearOf, fiscalYearRange } from './dates.ts';
import { type LedgerLine, postLedgerEntry, reverse } from './ledger.ts';
import { bookText, jt } from './texts.ts';
import { YEAR_END } from './year-lock.ts';

/**
 * Year-end (uzávěrka a otevření účetních knih) as vyhláška 500/2002 Sb. and ČÚS 002 lay it out and
 * Pohoda and Money S3 run it: on the last day of the fiscal year the expense (class 5) and revenue
 * (class 6) accounts are closed to 710 Účet zisků a ztrát, the result on 710 goes to 431 Výsledek
 * hospodaření ve schvalovacím řízení, and every balance sheet account is closed to 702 Konečný účet
 * rozvažný; on the first day of the next year 701 Počáteční účet rozvažný opens them again with the
 * same balances (zákon 563/1991 Sb. § 17 odst. 1 and 2: books are closed at the end of the period and
 * opened at the start of the next). Reports look through these entries (source `accounting.year_end.*`)
 * so a closed year shows the same figures as before its closing.
 */

const RESULT_CLASSES = ['5', '6'];
const isResult = (code: string) => RESULT_CLASSES.includes(code[0] ?? '');
/** Classes 7 (closing and off-balance-sheet accounts), 8 and 9 (internal accounts) are not carried. */
const isBalanceSheet = (code: string) => /^[0-4]/.test(code);

export interface YearView {
  year: number;
  from: string;
  to: string;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  entries: number;
}

async function czechOnly(ctx: Ctx) {
  const s = await settingsOf(ctx);
  if (s.country !== 'CZ') {
    throw conflict('not_czech_books', {
      en: 'The year-end closing follows the Czech chart of accounts (701, 702, 710)',
      cs: 'Uzávěrka účetních knih vychází z české směrné účtové osnovy (701, 702, 710)',
    });
  }
  return s;
}

/** The fiscal years with postings (and the current one), with their closing state. */
export async function listYears(ctx: Ctx): Promise<YearView[]> {
  const s = await settingsOf(ctx);
  const db = dbOf(ctx);
  const counts = await db
    .selectFrom('accounting.journal_entries')
    .select(['fiscal_year', sql<string>`count(*)`.as('n')])
    .where('tenant_id', '=', ctx.tenant.id)
    .groupBy('fiscal_year')
    .execute();
  const closings = await db
    .selectFrom('accounting.year_closings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .execute();
  const current = fiscalYearOf(ctx.now().toISOString().slice(0, 10), s.fiscal_year_start_month);
  const years = new Set<number>([current, ...counts.map((c) => c.fiscal_year), ...closings.map((c) => c.fiscal_year)]);
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const c = closings.find((x) => x.fiscal_year === year);
      return {
        year,
        ...fiscalYearRange(year, s.fiscal_year_start_month),
        closed: !!c,
        closedAt: c ? new Date(c.closed_at).toISOString() : null,
        closedBy: c?.closed_by ?? null,
        entries: Number(counts.find((x) => x.fiscal_year === year)?.n ?? 0),
      };
    });
}

/** Drafts dated in the year: a year cannot close while they wait. */
async function unpostedIn(ctx: Ctx, from: string, to: string) {
  return dbOf(ctx)
    .selectFrom('accounting.documents as d')
    .innerJoin('accounting.partners as p', (j) =>
      j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'),
    )
    .select(['d.id', 'd.kind', 'd.type', 'd.tax_date', 'p.name'])
    .where('d.tenant_id', '=', ctx.tenant.id)
    .where('d.status', '=', 'draft')
    .where((eb) => eb.or([eb.between('d.tax_date', from, to), eb.between('d.issue_date', from, to)]))
    .orderBy('d.tax_date')
    .execute();
}

interface Balance {
  accountId: string;
  code: string;
  partnerId: string | null;
  /** Debit minus credit, functional currency. */
  balance: bigint;
}

/** Every account's (and partner's) balance as of `to`, year-end entries included: what the ledger holds. */
async function ledgerBalances(ctx: Ctx, to: string): Promise<Balance[]> {
  const rows = await sql<{ account_id: string; code: string; partner_id: string | null; balance: string }>`
    select l.account_id, a.code, l.partner_id, sum(l.debit - l.credit)::text as balance
    from accounting.journal_lines l
    join accounting.accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
    where l.tenant_id = ${ctx.tenant.id} and l.date <= ${to}
    group by l.account_id, a.code, l.partner_id
    having sum(l.debit - l.credit) <> 0
    order by a.code`.execute(ctx.db);
  return rows.rows.map((r) => ({
    accountId: r.account_id,
    code: r.code,
    partnerId: r.partner_id,
    balance: BigInt(r.balance),
  }));
}

/** The line that brings `balance` to zero, and its counterpart on a closing account. */
const closingLine = (b: Balance, currency: string): LedgerLine => ({
  accountId: b.accountId,
  debit: b.balance < 0n ? -b.balance : 0n,
  credit: b.balance > 0n ? b.balance : 0n,
  currency,
  amount: b.balance < 0n ? -b.balance : b.balance,
  rate: '1',
  partnerId: b.partnerId,
});
const counterLines = (accountId: string, lines: LedgerLine[], currency: string): LedgerLine[] => {
  const debit = lines.reduce((a, l) => a + l.credit, 0n);
  const credit = lines.reduce((a, l) => a + l.debit, 0n);
  const out: LedgerLine[] = [];
  if (debit) out.push({ accountId, debit, credit: 0n, currency, amount: debit, rate: '1' });
  if (credit) out.push({ accountId, debit: 0n, credit, currency, amount: credit, rate: '1' });
  return out;
};
const mirror = (l: LedgerLine): LedgerLine => ({ ...l, debit: l.credit, credit: l.debit });

/**
 * Closes fiscal year `year` and opens the next: 409 `year_closed` (closed before),
 * `earlier_year_open` (an earlier year with postings is not closed), `unposted_documents` (drafts
 * dated in the year, named), `not_czech_books`; `period_locked` when the year's last month or the
 * next year's first is locked.
 */
export async function closeYear(ctx: Ctx, year: number) {
  const s = await czechOnly(ctx);
  const db = dbOf(ctx);
  const fy = fiscalYearRange(year, s.fiscal_year_start_month);
  const next = fiscalYearRange(year + 1, s.fiscal_year_start_month);
  const closed = await db
    .selectFrom('accounting.year_closings')
    .select(['fiscal_year'])
    .where('tenant_id', '=', ctx.tenant.id)
    .execute();
  if (closed.some((c) => c.fiscal_year === year))
    throw conflict(
      'year_closed',
      { en: 'The year {year} is closed already', cs: 'Rok {year} je už uzavřen' },
      { year },
    );
  const earlier = await db
    .selectFrom('accounting.journal_entries')
    .select('fiscal_year')
    .distinct()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('date', '<', fy.from)
    .where((eb) => eb.or([eb('source_type', 'is', null), eb('source_type', 'not like', 'accounting.year_end.%')]))
    .execute();
  const open = earlier.map((e) => e.fiscal_year).filter((y) => !closed.some((c) => c.fiscal_year === y));
  if (open.length) {
    throw conflict(
      'earlier_year_open',
      { en: 'Close {years} first', cs: 'Nejdřív uzavřete rok {years}' },
      { years: open.sort().join(', ') },
    );
  }
  const drafts = await unpostedIn(ctx, fy.from, fy.to);
  if (drafts.length) {
    throw conflict(
      'unposted_documents',
      {
        en: 'Documents of {year} are not issued yet: {documents}',
        cs: 'Doklady roku {year} ještě nejsou vystaveny: {documents}',
      },
      {
        year,
        documents: drafts.map((d) => `${d.name} (${d.tax_date})`).join(', '),
        unposted: drafts.map((d) => ({
          id: d.id,
          kind: d.kind,
          type: d.type,
          taxDate: d.tax_date,
          partnerName: d.name,
        })),
      },
    );
  }
  const cur = s.currency;
  const id = newId();
  const entryIds: string[] = [];
  const post = async (memo: string, date: string, lines: LedgerLine[]) => {
    if (lines.length < 2) return;
    const e = await postLedgerEntry(ctx, { date, memo, source: { type: YEAR_END.close, id: newId() }, lines });
    entryIds.push(e.id);
  };
  // 1. Expenses and revenues to 710; 2. the result from 710 to 431.
  const account = (code: string) => accountIdByCode(ctx, code);
  const results = (await ledgerBalances(ctx, fy.to)).filter((b) => isResult(b.code));
  const resultLines = results.map((b) => closingLine(b, cur));
  const p710 = await account('710');
  await post(bookText(ctx, jt.year_close_results, { year }), fy.to, [
    ...resultLines,
    ...counterLines(p710, resultLines, cur),
  ]);
  const onProfitAndLoss = results.reduce((a, b) => a + b.balance, 0n); // debit balance = loss
  if (onProfitAndLoss !== 0n) {
    const r431 = await account('431');
    const amount = onProfitAndLoss < 0n ? -onProfitAndLoss : onProfitAndLoss;
    const [debit, credit] = onProfitAndLoss < 0n ? [p710, r431] : [r431, p710];
    await post(bookText(ctx, jt.year_close_result, { year }), fy.to, [
      { accountId: debit, debit: amount, credit: 0n, currency: cur, amount, rate: '1' },
      { accountId: credit, debit: 0n, credit: amount, currency: cur, amount, rate: '1' },
    ]);
  }
  // 3. The balance sheet accounts to 702, and 4. opened again from 701 on the next year's first day.
  const balances = (await ledgerBalances(ctx, fy.to)).filter((b) => isBalanceSheet(b.code));
  const sheetLines = balances.map((b) => closingLine(b, cur));
  await post(bookText(ctx, jt.year_close_balances, { year }), fy.to, [
    ...sheetLines,
    ...counterLines(await account('702'), sheetLines, cur),
  ]);
  const openLines = sheetLines.map(mirror);
  if (openLines.length) {
    const e = await postLedgerEntry(ctx, {
      date: next.from,
      memo: bookText(ctx, jt.year_open, { year: year + 1 }),
      source: { type: YEAR_END.open, id: newId() },
      lines: [...openLines, ...counterLines(await account('701'), openLines, cur)],
    });
    entryIds.push(e.id);
  }
  await db
    .insertInto('accounting.year_closings')
    .values({ tenant_id: ctx.tenant.id, id, fiscal_year: year, closed_by: actorLabel(ctx), entry_ids: entryIds })
    .execute();
  const profit = -onProfitAndLoss;
  await ctx.audit({
    action: 'accounting.year.close',
    entityType: 'accounting.year',
    entityId: id,
    after: { year, entries: entryIds.length, result: money(profit, cur) },
  });
  return { year, ...fy, result: money(profit, cur), entries: entryIds.length };
}

/** Reopens a closed year: its closing and the next year's opening are reversed (409 `later_year_closed`, `year_not_closed`). */
export async function reopenYear(ctx: Ctx, year: number) {
  await czechOnly(ctx);
  const db = dbOf(ctx);
  const rows = await db
    .selectFrom('accounting.year_closings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('fiscal_year', '>=', year)
    .forUpdate()
    .execute();
  const row = rows.find((r) => r.fiscal_year === year);
  if (!row)
    throw conflict('year_not_closed', { en: 'The year {year} is not closed', cs: 'Rok {year} není uzavřen' }, { year });
  if (rows.some((r) => r.fiscal_year > year)) {
    throw conflict(
      'later_year_closed',
      { en: 'Reopen {later} first', cs: 'Nejdřív otevřete rok {later}' },
      { later: Math.max(...rows.map((r) => r.fiscal_year)) },
    );
  }
  await db
    .deleteFrom('accounting.year_closings')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', row.id)
    .execute();
  // Newest first, each reversed on its own date.
  for (const entryId of [...row.entry_ids].reverse()) {
    const entry = await db
      .selectFrom('accounting.journal_entries')
      .select(['date', 'number'])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    await reverse(ctx, entryId, {
      date: entry.date,
      memo: bookText(ctx, jt.reversal, { number: entry.number }),
      allowInternal: true,
      source: { type: YEAR_END.reopen, id: newId() },
    });
  }
  await ctx.audit({
    action: 'accounting.year.reopen',
    entityType: 'accounting.year',
    entityId: row.id,
    before: { year, entries: row.entry_ids.length },
  });
  return { year, reopened: true as const };
}
