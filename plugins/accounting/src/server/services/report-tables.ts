import type { Table } from '@bureau/core';
import { PROFIT_AND_LOSS } from '../data/cz-statements.ts';
import type { profitAndLossByCostCenter } from './cost-centers.ts';
import type { aging, balanceSheet, cashFlow, generalLedger, profitAndLoss, trialBalance } from './reports.ts';
import type { statutoryStatements } from './statements.ts';

/** Flattens each report into one sheet for CSV/XLSX export. */

export function trialBalanceTable(r: Awaited<ReturnType<typeof trialBalance>>): Table {
  return {
    title: 'Trial balance',
    columns: [
      { header: 'Account' },
      { header: 'Name' },
      { header: 'Type' },
      { header: `Opening (${r.currency})`, amount: true },
      { header: 'Debit', amount: true },
      { header: 'Credit', amount: true },
      { header: 'Balance', amount: true },
    ],
    rows: [
      ...r.rows.map((x) => [x.account, x.name, x.type, x.opening, x.debit, x.credit, x.balance]),
      ['', 'Total', '', r.totals.opening, r.totals.debit, r.totals.credit, r.totals.balance],
    ],
  };
}

export function profitAndLossTable(r: Awaited<ReturnType<typeof profitAndLoss>>): Table {
  const section = (name: string, s: typeof r.income) => [
    ...s.rows.map((x) => [name, x.account, x.name, x.amount, x.previous ?? null]),
    [name, '', 'Total', s.total, s.previousTotal ?? null],
  ];
  return {
    title: 'Profit and loss',
    columns: [
      { header: 'Section' },
      { header: 'Account' },
      { header: 'Name' },
      { header: `${r.from} – ${r.to} (${r.currency})`, amount: true },
      { header: r.previous ? `${r.previous.from} – ${r.previous.to}` : 'Previous', amount: true },
    ],
    rows: [
      ...section('Income', r.income),
      ...section('Expenses', r.expense),
      ['Net profit', '', '', r.netProfit, r.previousNetProfit ?? null],
    ],
  };
}

export function balanceSheetTable(r: Awaited<ReturnType<typeof balanceSheet>>): Table {
  const section = (name: string, s: typeof r.assets) => [
    ...s.rows.map((x) => [name, x.account, x.name, x.amount, x.previous ?? null]),
    [name, '', 'Total', s.total, s.previousTotal ?? null],
  ];
  return {
    title: 'Balance sheet',
    columns: [
      { header: 'Section' },
      { header: 'Account' },
      { header: 'Name' },
      { header: `${r.asOf} (${r.currency})`, amount: true },
      { header: r.compareAsOf ?? 'Previous', amount: true },
    ],
    rows: [
      ...section('Assets', r.assets),
      ...section('Liabilities', r.liabilities),
      ...section('Equity', r.equity),
      ['Result of the period', '', '', r.result, r.previousResult ?? null],
      ['Liabilities and equity', '', 'Total', r.totalLiabilitiesAndEquity, r.previousTotalLiabilitiesAndEquity ?? null],
    ],
  };
}

export function cashFlowTable(r: Awaited<ReturnType<typeof cashFlow>>): Table {
  const cats = Object.entries(r.categories) as [string, { inflow: string; outflow: string; net: string }][];
  return {
    title: 'Cash flow',
    columns: [
      { header: 'Line' },
      { header: `Inflow (${r.currency})`, amount: true },
      { header: 'Outflow', amount: true },
      { header: 'Net', amount: true },
    ],
    rows: [
      ['Opening cash', null, null, r.opening],
      ...cats.map(([k, v]) => [k, v.inflow, v.outflow, v.net]),
      ['Net change', null, null, r.net],
      ['Closing cash', null, null, r.closing],
      ...r.byMonth.map((m) => [m.month, m.inflow, m.outflow, m.net]),
    ],
  };
}

export function agingTable(r: Awaited<ReturnType<typeof aging>>): Table {
  return {
    title: `Aging ${r.kind}`,
    columns: [
      { header: 'Partner' },
      { header: `Current (${r.currency})`, amount: true },
      { header: '1–30', amount: true },
      { header: '31–60', amount: true },
      { header: '61–90', amount: true },
      { header: 'Over 90', amount: true },
      { header: 'Total', amount: true },
    ],
    rows: [
      ...r.rows.map((x) => [x.partner.name, x.current, x.days1to30, x.days31to60, x.days61to90, x.over90, x.total]),
      [
        'Total',
        r.totals.current,
        r.totals.days1to30,
        r.totals.days31to60,
        r.totals.days61to90,
        r.totals.over90,
        r.totals.total,
      ],
    ],
  };
}

export function generalLedgerTable(r: Awaited<ReturnType<typeof generalLedger>>): Table {
  return {
    title: `Ledger ${r.account.code}`,
    columns: [
      { header: 'Date' },
      { header: 'Number' },
      { header: 'Memo' },
      { header: `Debit (${r.currency})`, amount: true },
      { header: 'Credit', amount: true },
      { header: 'Balance', amount: true },
    ],
    rows: [
      [r.from ?? '', '', 'Opening balance', null, null, r.opening],
      ...r.rows.map((x) => [x.date, x.number, x.memo, x.debit, x.credit, x.balance]),
    ],
  };
}

/** Profit and loss by cost centre: a column per centre, "none" for lines without one, and the total. */
export function costCenterTable(r: Awaited<ReturnType<typeof profitAndLossByCostCenter>>, lang: 'cs' | 'en'): Table {
  const none = lang === 'cs' ? 'Bez střediska' : 'No cost centre';
  const total = lang === 'cs' ? 'Celkem' : 'Total';
  const section = (name: string, s: typeof r.income) => [
    ...s.rows.map((x) => [name, x.account, x.name, ...x.amounts, x.total]),
    [name, '', total, ...s.totals, s.total],
  ];
  return {
    title: lang === 'cs' ? 'Výsledovka podle středisek' : 'Profit and loss by cost centre',
    columns: [
      { header: lang === 'cs' ? 'Oddíl' : 'Section' },
      { header: lang === 'cs' ? 'Účet' : 'Account' },
      { header: lang === 'cs' ? 'Název' : 'Name' },
      ...r.columns.map((c) => ({ header: c.code ?? none, amount: true })),
      { header: `${total} (${r.currency})`, amount: true },
    ],
    rows: [
      ...section(lang === 'cs' ? 'Výnosy' : 'Income', r.income),
      ...section(lang === 'cs' ? 'Náklady' : 'Expenses', r.expense),
      [lang === 'cs' ? 'Výsledek' : 'Result', '', '', ...r.result, r.total],
    ],
  };
}

const STATUTORY = {
  cs: {
    title: 'Účetní závěrka',
    mark: 'Označení',
    text: 'Text',
    current: 'Běžné období',
    previous: 'Minulé období',
    balance: 'ROZVAHA ve zkráceném rozsahu (vyhláška č. 500/2002 Sb., příloha č. 1)',
    assets: 'AKTIVA CELKEM',
    liabilities: 'PASIVA CELKEM',
    liabilitiesHead: 'PASIVA',
    pl: 'VÝKAZ ZISKU A ZTRÁTY ve zkráceném rozsahu, druhové členění (vyhláška č. 500/2002 Sb., příloha č. 2)',
    operating: 'Provozní výsledek hospodaření (+/-)',
    financial: 'Finanční výsledek hospodaření (+/-)',
    beforeTax: 'Výsledek hospodaření před zdaněním (+/-)',
    result: 'Výsledek hospodaření za účetní období (+/-)',
    turnover: 'Čistý obrat za účetní období',
  },
  en: {
    title: 'Financial statements',
    mark: 'Item',
    text: 'Text',
    current: 'Current period',
    previous: 'Previous period',
    balance: 'BALANCE SHEET, abridged (Czech Decree No. 500/2002 Coll., annex 1)',
    assets: 'TOTAL ASSETS',
    liabilities: 'TOTAL LIABILITIES AND EQUITY',
    liabilitiesHead: 'LIABILITIES AND EQUITY',
    pl: 'PROFIT AND LOSS ACCOUNT, abridged, by nature (Czech Decree No. 500/2002 Coll., annex 2)',
    operating: 'Operating result',
    financial: 'Financial result',
    beforeTax: 'Result before tax',
    result: 'Result for the period',
    turnover: 'Net turnover for the period',
  },
};

/**
 * The statutory statements in their printed order on one sheet: the balance sheet (assets, then
 * liabilities and equity, with their totals) and the profit and loss account with the subtotals
 * (*) where the decree's layout puts them, each with the current and the previous period.
 */
export function statutoryTable(r: Awaited<ReturnType<typeof statutoryStatements>>, lang: 'cs' | 'en'): Table {
  const t = STATUTORY[lang];
  type Row = (string | null)[];
  const item = (x: { mark: string; cs: string; en: string; current: string; previous: string }): Row => [
    x.mark,
    x[lang],
    x.current,
    x.previous,
  ];
  const head = (text: string): Row => ['', text, null, null];
  const pair = (mark: string, text: string, p: { current: string; previous: string }): Row => [
    mark,
    text,
    p.current,
    p.previous,
  ];
  const pl = r.profitAndLoss;
  const plRows: Row[] = [];
  pl.items.forEach((x, i) => {
    plRows.push(item(x));
    const block = PROFIT_AND_LOSS[i]?.block;
    const next = PROFIT_AND_LOSS[i + 1]?.block;
    if (block === 'operating' && next !== 'operating') plRows.push(pair('*', t.operating, pl.operatingResult));
    if (block === 'financial' && next !== 'financial') {
      plRows.push(pair('*', t.financial, pl.financialResult), pair('**', t.beforeTax, pl.resultBeforeTax));
    }
  });
  plRows.push(pair('***', t.result, pl.result), pair('*', t.turnover, pl.netTurnover));
  return {
    title: t.title,
    columns: [
      { header: t.mark },
      { header: t.text },
      { header: `${t.current} ${r.to} (${r.currency})`, amount: true },
      { header: `${t.previous} ${r.previousTo}`, amount: true },
    ],
    rows: [
      head(t.balance),
      pair('', t.assets, r.balanceSheet.totalAssets),
      ...r.balanceSheet.assets.map(item),
      head(t.liabilitiesHead),
      pair('', t.liabilities, r.balanceSheet.totalLiabilities),
      ...r.balanceSheet.liabilities.map(item),
      head(t.pl),
      ...plRows,
    ],
  };
}
