import type { Table } from '@bureau/core';
import type { aging, balanceSheet, cashFlow, generalLedger, profitAndLoss, trialBalance } from './reports.ts';

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
