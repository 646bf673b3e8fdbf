import { badRequest, notFound } from '@bureau/core';
import { sql } from 'kysely';
import { money, sum } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import {
  addDays,
  addMonths,
  dateOf,
  fiscalYearOf,
  fiscalYearRange,
  isMonthEnd,
  isMonthStart,
  monthStart,
  previousPeriod,
} from './dates.ts';
import type { AccountType, CashFlowCategory, DocumentKind } from './db.ts';
import { functionalSql } from './sql-money.ts';
import { YEAR_END } from './year-lock.ts';

const YEAR_END_ENTRIES = [YEAR_END.close, YEAR_END.open, YEAR_END.reopen];

/**
 * Reports aggregate in SQL. Whole months come from `account_balances` (kept by trigger), only the
 * partial months at the edges of a range read journal lines, so a year of a million lines costs
 * a few thousand summary rows plus two index range scans.
 */

interface Movement {
  debit: bigint;
  credit: bigint;
}

/**
 * Debits and credits per account for lines dated in [from, to] (from null = since the beginning).
 * The year-end entries (closing to 702/710/431, opening from 701, and their reversals) are looked
 * through unless `yearEnd` asks for them: a closed year reports what it did before its closing.
 */
export async function movements(
  ctx: Ctx,
  from: string | null,
  to: string,
  opts: { yearEnd?: boolean } = {},
): Promise<Map<string, Movement>> {
  const t = ctx.tenant.id;
  if (from !== null && from > to) return new Map();
  const fullFrom = from === null ? null : isMonthStart(from) ? from : addMonths(monthStart(from), 1);
  const fullToExcl = isMonthEnd(to) ? addMonths(monthStart(to), 1) : monthStart(to);
  const parts = [];
  if (fullFrom !== null && fullFrom >= fullToExcl) {
    parts.push(sql`select account_id, debit, credit from accounting.journal_lines
      where tenant_id = ${t} and date >= ${from} and date <= ${to}`);
  } else {
    parts.push(sql`select account_id, debit, credit from accounting.account_balances
      where tenant_id = ${t} and month < ${fullToExcl} ${fullFrom ? sql`and month >= ${fullFrom}` : sql``}`);
    if (from !== null && fullFrom !== null && from < fullFrom) {
      parts.push(sql`select account_id, debit, credit from accounting.journal_lines
        where tenant_id = ${t} and date >= ${from} and date < ${fullFrom}`);
    }
    if (fullToExcl <= to) {
      parts.push(sql`select account_id, debit, credit from accounting.journal_lines
        where tenant_id = ${t} and date >= ${fullToExcl} and date <= ${to}`);
    }
  }
  if (!opts.yearEnd) {
    parts.push(sql`select l.account_id, -l.debit, -l.credit from accounting.journal_entries e
      join accounting.journal_lines l on l.tenant_id = e.tenant_id and l.entry_id = e.id
      where e.tenant_id = ${t} and e.source_type in (${sql.join(YEAR_END_ENTRIES)})
        and e.date <= ${to} ${from === null ? sql`` : sql`and e.date >= ${from}`}`);
  }
  const rows = await sql<{ account_id: string; debit: string; credit: string }>`
    select account_id, sum(debit)::text as debit, sum(credit)::text as credit
    from (${sql.join(parts, sql` union all `)}) m
    group by account_id`.execute(ctx.db);
  return new Map(rows.rows.map((r) => [r.account_id, { debit: BigInt(r.debit), credit: BigInt(r.credit) }]));
}

interface AccountMeta {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  parentId: string | null;
  cash: boolean;
  cashFlow: CashFlowCategory;
}

async function accountsMeta(ctx: Ctx): Promise<Map<string, AccountMeta>> {
  const rows = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select(['id', 'code', 'name', 'type', 'parent_id', 'cash', 'cash_flow'])
    .where('tenant_id', '=', ctx.tenant.id)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        code: r.code,
        name: r.name,
        type: r.type,
        parentId: r.parent_id,
        cash: r.cash,
        cashFlow: r.cash_flow,
      },
    ]),
  );
}

export interface Range {
  from: string | undefined;
  to: string;
}

/** Resolves a report range: `to` defaults to today, `from` to the start of `to`'s fiscal year where needed. */
export async function rangeOf(
  ctx: Ctx,
  from: string | undefined,
  to: string | undefined,
  fromDefault: 'fiscal-year' | 'none',
) {
  const settings = await settingsOf(ctx);
  const end = to ?? dateOf(ctx.now());
  const start =
    from ??
    (fromDefault === 'fiscal-year'
      ? fiscalYearRange(fiscalYearOf(end, settings.fiscal_year_start_month), settings.fiscal_year_start_month).from
      : undefined);
  if (start && start > end)
    throw badRequest('invalid_input', { en: 'The range is empty', cs: 'Rozsah je prázdný' }, [
      { path: 'from', message: { en: 'Must not be after to', cs: 'Nesmí být po datu do' } },
    ]);
  return { from: start, to: end, currency: settings.currency };
}

// ─── Trial balance ──────────────────────────────────────────────────────────

export async function trialBalance(ctx: Ctx, range: Range, compare: boolean, yearEnd = false) {
  const { currency } = await settingsOf(ctx);
  const meta = await accountsMeta(ctx);
  const opening = range.from
    ? await movements(ctx, null, addDays(range.from, -1), { yearEnd })
    : new Map<string, Movement>();
  const period = await movements(ctx, range.from ?? null, range.to, { yearEnd });
  const prev = compare && range.from ? previousPeriod(range.from, range.to) : null;
  const previous = prev ? await movements(ctx, prev.from, prev.to) : new Map<string, Movement>();
  const ids = new Set([...opening.keys(), ...period.keys(), ...previous.keys()]);
  const rows = [...ids]
    .map((id) => {
      const a = meta.get(id) as AccountMeta;
      const o = opening.get(id) ?? { debit: 0n, credit: 0n };
      const p = period.get(id) ?? { debit: 0n, credit: 0n };
      const open = o.debit - o.credit;
      const pr = previous.get(id);
      return {
        code: a.code,
        raw: { open, debit: p.debit, credit: p.credit, balance: open + p.debit - p.credit },
        row: {
          account: a.code,
          name: a.name,
          type: a.type,
          opening: money(open, currency),
          debit: money(p.debit, currency),
          credit: money(p.credit, currency),
          balance: money(open + p.debit - p.credit, currency),
          ...(prev
            ? {
                previous: {
                  debit: money(pr?.debit ?? 0n, currency),
                  credit: money(pr?.credit ?? 0n, currency),
                  movement: money((pr?.debit ?? 0n) - (pr?.credit ?? 0n), currency),
                },
              }
            : {}),
        },
      };
    })
    .filter((r) => r.raw.open !== 0n || r.raw.debit !== 0n || r.raw.credit !== 0n || prev)
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: false }));
  return {
    currency,
    from: range.from ?? null,
    to: range.to,
    previous: prev,
    rows: rows.map((r) => r.row),
    totals: {
      opening: money(sum(rows.map((r) => r.raw.open)), currency),
      debit: money(sum(rows.map((r) => r.raw.debit)), currency),
      credit: money(sum(rows.map((r) => r.raw.credit)), currency),
      balance: money(sum(rows.map((r) => r.raw.balance)), currency),
    },
  };
}

// ─── Profit and loss ────────────────────────────────────────────────────────

export async function profitAndLoss(ctx: Ctx, range: { from: string; to: string }, compare: boolean) {
  const { currency } = await settingsOf(ctx);
  const meta = await accountsMeta(ctx);
  const current = await movements(ctx, range.from, range.to);
  const prev = compare ? previousPeriod(range.from, range.to) : null;
  const previous = prev ? await movements(ctx, prev.from, prev.to) : new Map<string, Movement>();
  const section = (type: 'income' | 'expense') => {
    const sign = (m: Movement | undefined) => (m ? (type === 'income' ? m.credit - m.debit : m.debit - m.credit) : 0n);
    const ids = [...new Set([...current.keys(), ...previous.keys()])].filter((id) => meta.get(id)?.type === type);
    const rows = ids
      .map((id) => ({ a: meta.get(id) as AccountMeta, cur: sign(current.get(id)), pre: sign(previous.get(id)) }))
      .filter((r) => r.cur !== 0n || r.pre !== 0n)
      .sort((x, y) => x.a.code.localeCompare(y.a.code));
    const total = sum(rows.map((r) => r.cur));
    const previousTotal = sum(rows.map((r) => r.pre));
    return {
      raw: { total, previousTotal },
      out: {
        rows: rows.map((r) => ({
          account: r.a.code,
          name: r.a.name,
          amount: money(r.cur, currency),
          ...(prev ? { previous: money(r.pre, currency) } : {}),
        })),
        total: money(total, currency),
        ...(prev ? { previousTotal: money(previousTotal, currency) } : {}),
      },
    };
  };
  const income = section('income');
  const expense = section('expense');
  return {
    currency,
    from: range.from,
    to: range.to,
    previous: prev,
    income: income.out,
    expense: expense.out,
    netProfit: money(income.raw.total - expense.raw.total, currency),
    ...(prev ? { previousNetProfit: money(income.raw.previousTotal - expense.raw.previousTotal, currency) } : {}),
  };
}

// ─── Balance sheet ──────────────────────────────────────────────────────────

/**
 * Balances as of `to` (and as of the day before `from` for comparison). Income and expense not
 * yet closed into equity appear as the result of the period, so assets = liabilities + equity + result.
 */
export async function balanceSheet(ctx: Ctx, to: string, compareTo: string | null) {
  const { currency } = await settingsOf(ctx);
  const meta = await accountsMeta(ctx);
  const now = await movements(ctx, null, to);
  const then = compareTo ? await movements(ctx, null, compareTo) : new Map<string, Movement>();
  const net = (m: Movement | undefined, debitNormal: boolean) =>
    m ? (debitNormal ? m.debit - m.credit : m.credit - m.debit) : 0n;
  const section = (type: 'asset' | 'liability' | 'equity') => {
    const debitNormal = type === 'asset';
    const ids = [...new Set([...now.keys(), ...then.keys()])].filter((id) => meta.get(id)?.type === type);
    const rows = ids
      .map((id) => ({
        a: meta.get(id) as AccountMeta,
        cur: net(now.get(id), debitNormal),
        pre: net(then.get(id), debitNormal),
      }))
      .filter((r) => r.cur !== 0n || r.pre !== 0n)
      .sort((x, y) => x.a.code.localeCompare(y.a.code));
    return {
      total: sum(rows.map((r) => r.cur)),
      previousTotal: sum(rows.map((r) => r.pre)),
      rows: rows.map((r) => ({
        account: r.a.code,
        name: r.a.name,
        amount: money(r.cur, currency),
        ...(compareTo ? { previous: money(r.pre, currency) } : {}),
      })),
    };
  };
  const result = (m: Map<string, Movement>) =>
    sum(
      [...m.entries()]
        .filter(([id]) => ['income', 'expense'].includes(meta.get(id)?.type ?? ''))
        .map(([, v]) => v.credit - v.debit),
    );
  const assets = section('asset');
  const liabilities = section('liability');
  const equity = section('equity');
  const res = result(now);
  const prevRes = result(then);
  const fmt = (s: ReturnType<typeof section>) => ({
    rows: s.rows,
    total: money(s.total, currency),
    ...(compareTo ? { previousTotal: money(s.previousTotal, currency) } : {}),
  });
  return {
    currency,
    asOf: to,
    compareAsOf: compareTo,
    assets: fmt(assets),
    liabilities: fmt(liabilities),
    equity: fmt(equity),
    result: money(res, currency),
    ...(compareTo ? { previousResult: money(prevRes, currency) } : {}),
    totalLiabilitiesAndEquity: money(liabilities.total + equity.total + res, currency),
    ...(compareTo
      ? {
          previousTotalLiabilitiesAndEquity: money(
            liabilities.previousTotal + equity.previousTotal + prevRes,
            currency,
          ),
        }
      : {}),
    balanced: assets.total === liabilities.total + equity.total + res,
  };
}

// ─── Cash flow ──────────────────────────────────────────────────────────────

async function cashFlowFigures(ctx: Ctx, from: string, to: string) {
  const t = ctx.tenant.id;
  const meta = await accountsMeta(ctx);
  const cashIds = [...meta.values()].filter((a) => a.cash).map((a) => a.id);
  const openingMov = await movements(ctx, null, addDays(from, -1));
  const opening = sum(cashIds.map((id) => (openingMov.get(id)?.debit ?? 0n) - (openingMov.get(id)?.credit ?? 0n)));
  const categories: Record<CashFlowCategory, { inflow: bigint; outflow: bigint }> = {
    operating: { inflow: 0n, outflow: 0n },
    investing: { inflow: 0n, outflow: 0n },
    financing: { inflow: 0n, outflow: 0n },
  };
  const byMonth: { month: string; inflow: bigint; outflow: bigint }[] = [];
  if (cashIds.length) {
    // Each entry touching cash: its non-cash lines say where the money came from or went to.
    const rows = await sql<{ month: string; cash_flow: CashFlowCategory; inflow: string; outflow: string }>`
      with cash_entries as (
        select distinct l.entry_id from accounting.journal_lines l
        where l.tenant_id = ${t} and l.account_id in (${sql.join(cashIds)}) and l.date between ${from} and ${to}
      )
      select to_char(l.date, 'YYYY-MM') as month, a.cash_flow, sum(l.credit)::text as inflow, sum(l.debit)::text as outflow
      from accounting.journal_lines l
      join accounting.accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
      where l.tenant_id = ${t} and l.entry_id in (select entry_id from cash_entries) and not a.cash
        and l.date between ${from} and ${to}
      group by 1, 2 order by 1`.execute(ctx.db);
    const months = new Map<string, { month: string; inflow: bigint; outflow: bigint }>();
    for (const r of rows.rows) {
      const c = categories[r.cash_flow];
      c.inflow += BigInt(r.inflow);
      c.outflow += BigInt(r.outflow);
      const m = months.get(r.month) ?? { month: r.month, inflow: 0n, outflow: 0n };
      m.inflow += BigInt(r.inflow);
      m.outflow += BigInt(r.outflow);
      months.set(r.month, m);
    }
    byMonth.push(...months.values());
  }
  const net = sum(Object.values(categories).map((c) => c.inflow - c.outflow));
  return { opening, categories, byMonth, net, closing: opening + net };
}

/**
 * Cash-flow statement (direct method): money in and out of the cash accounts, classified by the
 * other side of each entry (operating, investing, financing). Transfers between cash accounts
 * cancel out.
 */
export async function cashFlow(ctx: Ctx, range: { from: string; to: string }, compare: boolean) {
  const { currency } = await settingsOf(ctx);
  const cur = await cashFlowFigures(ctx, range.from, range.to);
  const prev = compare ? previousPeriod(range.from, range.to) : null;
  const p = prev ? await cashFlowFigures(ctx, prev.from, prev.to) : null;
  const m = (v: bigint) => money(v, currency);
  const cats = (f: typeof cur) =>
    Object.fromEntries(
      Object.entries(f.categories).map(([k, v]) => [
        k,
        { inflow: m(v.inflow), outflow: m(v.outflow), net: m(v.inflow - v.outflow) },
      ]),
    ) as Record<CashFlowCategory, { inflow: string; outflow: string; net: string }>;
  return {
    currency,
    from: range.from,
    to: range.to,
    previous: prev,
    opening: m(cur.opening),
    categories: cats(cur),
    net: m(cur.net),
    closing: m(cur.closing),
    byMonth: cur.byMonth.map((b) => ({
      month: b.month,
      inflow: m(b.inflow),
      outflow: m(b.outflow),
      net: m(b.inflow - b.outflow),
    })),
    ...(p
      ? { previousFigures: { opening: m(p.opening), categories: cats(p), net: m(p.net), closing: m(p.closing) } }
      : {}),
  };
}

// ─── Aging ──────────────────────────────────────────────────────────────────

export const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;

/**
 * Open receivables (or payables) as of a date by days past due: current, 1–30, 31–60, 61–90,
 * over 90. Payments after `asOf` do not count; amounts in the functional currency.
 */
export async function aging(ctx: Ctx, kind: 'receivable' | 'payable', asOf: string) {
  const { currency } = await settingsOf(ctx);
  const docKind: DocumentKind = kind === 'receivable' ? 'invoice' : 'bill';
  const open = functionalSql(sql`o.open`, sql`o.currency`, sql`o.rate`, currency);
  const rows = await sql<{
    partner_id: string;
    name: string;
    current: string;
    days1to30: string;
    days31to60: string;
    days61to90: string;
    over90: string;
    documents: string;
  }>`
    with o as (
      select d.partner_id, d.due_date, d.currency, d.rate,
        (case when d.type = 'credit_note' then -1 else 1 end) * (d.total
          - coalesce((select sum(a.amount) from accounting.payment_allocations a
            where a.tenant_id = d.tenant_id and a.document_id = d.id and a.date <= ${asOf}), 0)
          - coalesce((select sum(f.amount) from accounting.document_offsets f
            where f.tenant_id = d.tenant_id and (f.document_id = d.id or f.credit_id = d.id) and f.date <= ${asOf}), 0))
          as open
      from accounting.documents d
      where d.tenant_id = ${ctx.tenant.id} and d.kind = ${docKind} and d.status in ('issued', 'paid')
        and d.type not in ('advance', 'advance_tax') and d.issue_date <= ${asOf}
    )
    select o.partner_id, p.name,
      coalesce(sum(${open}) filter (where ${asOf}::date - o.due_date <= 0), 0)::text as current,
      coalesce(sum(${open}) filter (where ${asOf}::date - o.due_date between 1 and 30), 0)::text as days1to30,
      coalesce(sum(${open}) filter (where ${asOf}::date - o.due_date between 31 and 60), 0)::text as days31to60,
      coalesce(sum(${open}) filter (where ${asOf}::date - o.due_date between 61 and 90), 0)::text as days61to90,
      coalesce(sum(${open}) filter (where ${asOf}::date - o.due_date > 90), 0)::text as over90,
      count(*)::text as documents
    from o join accounting.partners p on p.tenant_id = ${ctx.tenant.id} and p.id = o.partner_id
    where o.open <> 0
    group by o.partner_id, p.name
    order by p.name`.execute(ctx.db);
  const totals = Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0n])) as Record<
    (typeof AGING_BUCKETS)[number],
    bigint
  >;
  const out = rows.rows.map((r) => {
    let total = 0n;
    const buckets = Object.fromEntries(
      AGING_BUCKETS.map((b) => {
        const v = BigInt(r[b]);
        totals[b] += v;
        total += v;
        return [b, money(v, currency)];
      }),
    ) as Record<(typeof AGING_BUCKETS)[number], string>;
    return {
      partner: { id: r.partner_id, name: r.name },
      ...buckets,
      total: money(total, currency),
      documents: Number(r.documents),
    };
  });
  return {
    currency,
    kind,
    asOf,
    rows: out,
    totals: {
      ...(Object.fromEntries(AGING_BUCKETS.map((b) => [b, money(totals[b], currency)])) as Record<
        (typeof AGING_BUCKETS)[number],
        string
      >),
      total: money(sum(Object.values(totals)), currency),
    },
  };
}

// ─── General ledger ─────────────────────────────────────────────────────────

/** Debits and credits of one account's lines of one cost centre (null: lines without one) in [from, to]. */
async function costCenterMovement(
  ctx: Ctx,
  accountId: string,
  costCenter: string | null,
  from: string | null,
  to: string,
): Promise<Movement> {
  const r = await sql<{ debit: string; credit: string }>`
    select coalesce(sum(l.debit), 0)::text as debit, coalesce(sum(l.credit), 0)::text as credit
      from accounting.journal_lines l
      join accounting.journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
     where l.tenant_id = ${ctx.tenant.id} and l.account_id = ${accountId} and l.date <= ${to}
       ${from === null ? sql`` : sql`and l.date >= ${from}`}
       and ${costCenter === null ? sql`l.cost_center is null` : sql`l.cost_center = ${costCenter}`}
       and (e.source_type is null or e.source_type not in (${sql.join(YEAR_END_ENTRIES)}))`.execute(ctx.db);
  const row = r.rows[0] ?? { debit: '0', credit: '0' };
  return { debit: BigInt(row.debit), credit: BigInt(row.credit) };
}

/**
 * One account's postings with a running balance; with `costCenter` (a code, or null for lines
 * without one) only that centre's lines, its opening and totals too.
 */
export async function generalLedger(
  ctx: Ctx,
  code: string,
  range: Range,
  page: { limit: number; offset: number },
  costCenter?: string | null,
) {
  const { currency } = await settingsOf(ctx);
  const account = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select(['id', 'code', 'name', 'type'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!account) throw notFound('Account');
  const byCentre = costCenter !== undefined;
  const openMov = !range.from
    ? undefined
    : byCentre
      ? await costCenterMovement(ctx, account.id, costCenter, null, addDays(range.from, -1))
      : (await movements(ctx, null, addDays(range.from, -1))).get(account.id);
  const opening = openMov ? openMov.debit - openMov.credit : 0n;
  const periodMov = byCentre
    ? await costCenterMovement(ctx, account.id, costCenter, range.from ?? null, range.to)
    : ((await movements(ctx, range.from ?? null, range.to)).get(account.id) ?? { debit: 0n, credit: 0n });
  const centre = !byCentre
    ? sql``
    : costCenter === null
      ? sql`and l.cost_center is null`
      : sql`and l.cost_center = ${costCenter}`;
  const rows = await sql<{
    entry_id: string;
    number: string;
    date: string;
    memo: string;
    line_memo: string | null;
    debit: string;
    credit: string;
    running: string;
    counterparty: string | null;
    partner_id: string | null;
  }>`
    select * from (
      select e.id as entry_id, e.number, l.date, e.memo, l.memo as line_memo, l.debit::text, l.credit::text,
        l.counterparty, l.partner_id,
        (${opening.toString()}::bigint + sum(l.debit - l.credit) over (order by l.date, e.seq, l.line_no))::text as running,
        row_number() over (order by l.date, e.seq, l.line_no) as rn
      from accounting.journal_lines l
      join accounting.journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
      where l.tenant_id = ${ctx.tenant.id} and l.account_id = ${account.id} and l.date <= ${range.to}
        ${range.from ? sql`and l.date >= ${range.from}` : sql``} ${centre}
    ) x where rn > ${page.offset} order by rn limit ${page.limit}`.execute(ctx.db);
  return {
    currency,
    account: { code: account.code, name: account.name, type: account.type },
    costCenter: byCentre ? (costCenter ?? 'none') : null,
    from: range.from ?? null,
    to: range.to,
    opening: money(opening, currency),
    debit: money(periodMov.debit, currency),
    credit: money(periodMov.credit, currency),
    closing: money(opening + periodMov.debit - periodMov.credit, currency),
    rows: rows.rows.map((r) => ({
      entryId: r.entry_id,
      number: r.number,
      date: r.date,
      memo: r.line_memo ?? r.memo,
      debit: BigInt(r.debit) > 0n ? money(r.debit, currency) : null,
      credit: BigInt(r.credit) > 0n ? money(r.credit, currency) : null,
      balance: money(r.running, currency),
      counterparty: r.counterparty,
      partner: r.partner_id,
    })),
  };
}
