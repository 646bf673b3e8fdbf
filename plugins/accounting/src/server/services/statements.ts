import { conflict } from '@bureau/core';
import {
  BALANCE_ASSETS,
  BALANCE_LIABILITIES,
  CLOSING_ACCOUNTS,
  itemOf,
  PROFIT_AND_LOSS,
  type StatementItem,
} from '../data/cz-statements.ts';
import { money } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { addDays, fiscalYearOf, fiscalYearRange } from './dates.ts';
import { movements } from './reports.ts';

type Balances = Map<string, bigint>; // account code → debit − credit

async function balancesByCode(ctx: Ctx, from: string | null, to: string): Promise<Balances> {
  const accounts = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select(['id', 'code'])
    .where('tenant_id', '=', ctx.tenant.id)
    .execute();
  const code = new Map(accounts.map((a) => [a.id, a.code]));
  const out: Balances = new Map();
  for (const [id, m] of await movements(ctx, from, to)) {
    const c = code.get(id);
    if (!c) continue;
    out.set(c, (out.get(c) ?? 0n) + m.debit - m.credit);
  }
  return out;
}

const isResult = (code: string) => code.startsWith('5') || code.startsWith('6');
const isClosing = (code: string) => CLOSING_ACCOUNTS.some((p) => code.startsWith(p));

interface Figures {
  assets: Map<string, bigint>;
  liabilities: Map<string, bigint>;
  pl: Map<string, bigint>;
  unmapped: string[];
  result: bigint;
}

/** The statement items of one column: balances as of `to`, results of the fiscal year to `to`. */
async function column(ctx: Ctx, to: string, fyFrom: string): Promise<Figures> {
  const closing = await balancesByCode(ctx, null, to);
  const year = await balancesByCode(ctx, fyFrom, to);
  const assets = new Map<string, bigint>();
  const liabilities = new Map<string, bigint>();
  const pl = new Map<string, bigint>();
  const unmapped: string[] = [];
  const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);
  let result = 0n; // profit positive
  let earlier = 0n; // results of earlier years never closed
  for (const [code, bal] of closing) {
    if (bal === 0n || isClosing(code)) continue;
    if (isResult(code)) {
      earlier += -(bal - (year.get(code) ?? 0n));
      continue;
    }
    const a = itemOf(BALANCE_ASSETS, code, bal);
    const l = itemOf(BALANCE_LIABILITIES, code, bal);
    const aLen = a ? Math.max(...a.prefixes.filter((p) => code.startsWith(p)).map((p) => p.length)) : -1;
    const lLen = l ? Math.max(...l.prefixes.filter((p) => code.startsWith(p)).map((p) => p.length)) : -1;
    if (a && aLen >= lLen) add(assets, a.mark, bal);
    else if (l) add(liabilities, l.mark, -bal);
    else {
      unmapped.push(code);
      if (bal > 0n) add(assets, 'C.II.', bal);
      else add(liabilities, 'C.II.', -bal);
    }
  }
  for (const [code, bal] of year) {
    if (bal === 0n || !isResult(code)) continue;
    const it = itemOf(PROFIT_AND_LOSS, code, bal);
    if (!it) {
      unmapped.push(code);
      continue;
    }
    // Income items show credits positive, cost items debits positive.
    add(pl, it.mark + it.kind, it.kind === 'income' ? -bal : bal);
    result += -bal;
  }
  add(liabilities, 'A.V.', result);
  add(liabilities, 'A.IV.', earlier);
  return { assets, liabilities, pl, unmapped, result };
}

const rows = (
  items: readonly StatementItem[],
  now: Map<string, bigint>,
  before: Map<string, bigint>,
  cur: string,
  key = (it: StatementItem) => it.mark,
) =>
  items.map((it) => ({
    mark: it.mark,
    cs: it.cs,
    en: it.en,
    current: money(now.get(key(it)) ?? 0n, cur),
    previous: money(before.get(key(it)) ?? 0n, cur),
  }));

const total = (m: Map<string, bigint>) => [...m.values()].reduce((a, v) => a + v, 0n);

/**
 * Rozvaha and výkaz zisku a ztráty in the abridged layout of vyhláška 500/2002 Sb. as of `to`, with
 * the previous fiscal year's end (balance sheet) and the same part of the previous fiscal year
 * (profit and loss) as the comparative column. Czech books only (the směrná účtová osnova).
 */
export async function statutoryStatements(ctx: Ctx, to: string) {
  const s = await settingsOf(ctx);
  if (s.country !== 'CZ') {
    throw conflict('not_czech_books', {
      en: 'The statutory statements follow the Czech chart of accounts',
      cs: 'Účetní závěrka vychází z české směrné účtové osnovy',
    });
  }
  const fy = fiscalYearRange(fiscalYearOf(to, s.fiscal_year_start_month), s.fiscal_year_start_month);
  const prevTo = addDays(fy.from, -1);
  const prevFy = fiscalYearRange(fiscalYearOf(prevTo, s.fiscal_year_start_month), s.fiscal_year_start_month);
  const now = await column(ctx, to, fy.from);
  const before = await column(ctx, prevTo, prevFy.from);
  const cur = s.currency;
  const plKey = (it: StatementItem) => it.mark + (it as (typeof PROFIT_AND_LOSS)[number]).kind;
  const pick = (f: Figures, block: string) =>
    PROFIT_AND_LOSS.filter((it) => it.block === block).reduce(
      (a, it) => a + (it.kind === 'income' ? 1n : -1n) * (f.pl.get(plKey(it)) ?? 0n),
      0n,
    );
  const subtotals = (f: Figures) => {
    const operating = pick(f, 'operating');
    const financial = pick(f, 'financial');
    const tax = pick(f, 'tax');
    const turnover = PROFIT_AND_LOSS.filter((it) => it.kind === 'income').reduce(
      (a, it) => a + (f.pl.get(plKey(it)) ?? 0n),
      0n,
    );
    return { operating, financial, beforeTax: operating + financial, result: operating + financial + tax, turnover };
  };
  const sn = subtotals(now);
  const sb = subtotals(before);
  const both = (k: keyof typeof sn) => ({ current: money(sn[k], cur), previous: money(sb[k], cur) });
  return {
    currency: cur,
    to,
    previousTo: prevTo,
    fiscalYear: fy,
    balanceSheet: {
      assets: rows(BALANCE_ASSETS, now.assets, before.assets, cur),
      liabilities: rows(BALANCE_LIABILITIES, now.liabilities, before.liabilities, cur),
      totalAssets: { current: money(total(now.assets), cur), previous: money(total(before.assets), cur) },
      totalLiabilities: {
        current: money(total(now.liabilities), cur),
        previous: money(total(before.liabilities), cur),
      },
      balanced: total(now.assets) === total(now.liabilities) && total(before.assets) === total(before.liabilities),
    },
    profitAndLoss: {
      items: rows(PROFIT_AND_LOSS, now.pl, before.pl, cur, plKey),
      operatingResult: both('operating'),
      financialResult: both('financial'),
      resultBeforeTax: both('beforeTax'),
      result: both('result'),
      netTurnover: both('turnover'),
    },
    unmapped: [...new Set([...now.unmapped, ...before.unmapped])].sort(),
  };
}
