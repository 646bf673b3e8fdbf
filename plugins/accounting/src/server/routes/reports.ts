import {
  badRequest,
  defineRoute,
  json,
  type PluginRouter,
  problemResponses,
  type Table,
  toCsv,
  toXlsx,
  z,
} from '@bureau/core';
import type { Ctx } from '../services/context.ts';
import { profitAndLossByCostCenter } from '../services/cost-centers.ts';
import { addDays, dateOf } from '../services/dates.ts';
import { exportHledger } from '../services/hledger.ts';
import {
  agingTable,
  balanceSheetTable,
  cashFlowTable,
  costCenterTable,
  generalLedgerTable,
  profitAndLossTable,
  statutoryTable,
  trialBalanceTable,
} from '../services/report-tables.ts';
import {
  aging,
  balanceSheet,
  cashFlow,
  generalLedger,
  profitAndLoss,
  rangeOf,
  trialBalance,
} from '../services/reports.ts';
import { statutoryStatements } from '../services/statements.ts';
import { AccountCode, AccountType, Bool, DateString, Paging, PreviousRange } from './schemas.ts';

const Range = { from: DateString.optional(), to: DateString.optional() };
/** A cost centre's code, or `none` for lines without one. */
const CostCenterFilter = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .openapi({ description: 'A cost centre code, or `none` for lines without one', example: 'PRAHA' });
const centreOf = (v: string | undefined): string | null | undefined =>
  v === undefined ? undefined : v === 'none' ? null : v;
const Compare = { compare: Bool.optional() };

const TrialBalance = z
  .object({
    currency: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    previous: PreviousRange,
    rows: z.array(
      z.object({
        account: z.string(),
        name: z.string(),
        type: AccountType,
        opening: z.string(),
        debit: z.string(),
        credit: z.string(),
        balance: z.string(),
        previous: z.object({ debit: z.string(), credit: z.string(), movement: z.string() }).optional(),
      }),
    ),
    totals: z.object({ opening: z.string(), debit: z.string(), credit: z.string(), balance: z.string() }),
  })
  .openapi('AccountingTrialBalance');

const AmountRow = z.object({
  account: z.string(),
  name: z.string(),
  amount: z.string(),
  previous: z.string().optional(),
});
const Section = z.object({ rows: z.array(AmountRow), total: z.string(), previousTotal: z.string().optional() });

const ProfitAndLoss = z
  .object({
    currency: z.string(),
    from: z.string(),
    to: z.string(),
    previous: PreviousRange,
    income: Section,
    expense: Section,
    netProfit: z.string(),
    previousNetProfit: z.string().optional(),
  })
  .openapi('AccountingProfitAndLoss');

const BalanceSheet = z
  .object({
    currency: z.string(),
    asOf: z.string(),
    compareAsOf: z.string().nullable(),
    assets: Section,
    liabilities: Section,
    equity: Section,
    result: z.string(),
    previousResult: z.string().optional(),
    totalLiabilitiesAndEquity: z.string(),
    previousTotalLiabilitiesAndEquity: z.string().optional(),
    balanced: z.boolean(),
  })
  .openapi('AccountingBalanceSheet');

const Flow = z.object({ inflow: z.string(), outflow: z.string(), net: z.string() });
const Categories = z.object({ operating: Flow, investing: Flow, financing: Flow });
const CashFlow = z
  .object({
    currency: z.string(),
    from: z.string(),
    to: z.string(),
    previous: PreviousRange,
    opening: z.string(),
    categories: Categories,
    net: z.string(),
    closing: z.string(),
    byMonth: z.array(z.object({ month: z.string(), inflow: z.string(), outflow: z.string(), net: z.string() })),
    previousFigures: z
      .object({ opening: z.string(), categories: Categories, net: z.string(), closing: z.string() })
      .optional(),
  })
  .openapi('AccountingCashFlow');

const Buckets = {
  current: z.string(),
  days1to30: z.string(),
  days31to60: z.string(),
  days61to90: z.string(),
  over90: z.string(),
  total: z.string(),
};
const Aging = z
  .object({
    currency: z.string(),
    kind: z.enum(['receivable', 'payable']),
    asOf: z.string(),
    rows: z.array(
      z.object({ partner: z.object({ id: z.string(), name: z.string() }), ...Buckets, documents: z.number().int() }),
    ),
    totals: z.object(Buckets),
  })
  .openapi('AccountingAging');

const GeneralLedger = z
  .object({
    currency: z.string(),
    account: z.object({ code: z.string(), name: z.string(), type: AccountType }),
    costCenter: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string(),
    opening: z.string(),
    debit: z.string(),
    credit: z.string(),
    closing: z.string(),
    rows: z.array(
      z.object({
        entryId: z.string(),
        number: z.string(),
        date: z.string(),
        memo: z.string(),
        debit: z.string().nullable(),
        credit: z.string().nullable(),
        balance: z.string(),
        counterparty: z.string().nullable(),
        partner: z.string().nullable(),
      }),
    ),
  })
  .openapi('AccountingGeneralLedger');

const CentreSection = z.object({
  rows: z.array(z.object({ account: z.string(), name: z.string(), amounts: z.array(z.string()), total: z.string() })),
  totals: z.array(z.string()),
  total: z.string(),
});
const ByCostCenter = z
  .object({
    currency: z.string(),
    from: z.string(),
    to: z.string(),
    columns: z.array(
      z.object({ code: z.string().nullable(), name: z.object({ cs: z.string(), en: z.string() }).nullable() }),
    ),
    income: CentreSection,
    expense: CentreSection,
    result: z.array(z.string()),
    total: z.string(),
  })
  .openapi('AccountingProfitAndLossByCostCenter');

const REPORTS = [
  'trial-balance',
  'profit-and-loss',
  'balance-sheet',
  'cash-flow',
  'aging',
  'general-ledger',
  'profit-and-loss-by-cost-center',
  'statutory',
] as const;
type ReportName = (typeof REPORTS)[number];

const ExportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  ...Range,
  ...Compare,
  kind: z.enum(['receivable', 'payable']).optional(),
  asOf: DateString.optional(),
  account: AccountCode.optional(),
  costCenter: CostCenterFilter.optional(),
});

// ─── report builders shared by the JSON routes and the export ────────────────

async function buildTrialBalance(
  ctx: Ctx,
  q: {
    from?: string | undefined;
    to?: string | undefined;
    compare?: boolean | undefined;
    yearEnd?: boolean | undefined;
  },
) {
  const range = await rangeOf(ctx, q.from, q.to, 'none');
  return trialBalance(ctx, range, q.compare ?? false, q.yearEnd ?? false);
}
async function buildProfitAndLoss(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; compare?: boolean | undefined },
) {
  const range = await rangeOf(ctx, q.from, q.to, 'fiscal-year');
  return profitAndLoss(ctx, { from: range.from as string, to: range.to }, q.compare ?? true);
}
async function buildBalanceSheet(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; compare?: boolean | undefined },
) {
  const range = await rangeOf(ctx, q.from, q.to, 'fiscal-year');
  return balanceSheet(ctx, range.to, (q.compare ?? true) ? addDays(range.from as string, -1) : null);
}
async function buildCashFlow(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; compare?: boolean | undefined },
) {
  const range = await rangeOf(ctx, q.from, q.to, 'fiscal-year');
  return cashFlow(ctx, { from: range.from as string, to: range.to }, q.compare ?? true);
}
async function buildAging(ctx: Ctx, q: { kind?: 'receivable' | 'payable' | undefined; asOf?: string | undefined }) {
  return aging(ctx, q.kind ?? 'receivable', q.asOf ?? dateOf(ctx.now()));
}
async function buildLedger(
  ctx: Ctx,
  q: { account: string; from?: string | undefined; to?: string | undefined; costCenter?: string | undefined },
  page: { limit: number; offset: number },
) {
  const range = await rangeOf(ctx, q.from, q.to, 'none');
  return generalLedger(ctx, q.account, range, page, centreOf(q.costCenter));
}
async function buildByCostCenter(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }) {
  const range = await rangeOf(ctx, q.from, q.to, 'fiscal-year');
  return profitAndLossByCostCenter(ctx, { from: range.from as string, to: range.to });
}

async function tableOf(ctx: Ctx, report: ReportName, q: z.infer<typeof ExportQuery>): Promise<Table> {
  switch (report) {
    case 'trial-balance':
      return trialBalanceTable(await buildTrialBalance(ctx, q));
    case 'profit-and-loss':
      return profitAndLossTable(await buildProfitAndLoss(ctx, q));
    case 'balance-sheet':
      return balanceSheetTable(await buildBalanceSheet(ctx, q));
    case 'cash-flow':
      return cashFlowTable(await buildCashFlow(ctx, q));
    case 'aging':
      return agingTable(await buildAging(ctx, q));
    case 'general-ledger':
      if (!q.account)
        throw badRequest('invalid_input', { en: 'Which account?', cs: 'Který účet?' }, [
          { path: 'account', message: { en: 'Required for the general ledger', cs: 'Hlavní kniha potřebuje účet' } },
        ]);
      return generalLedgerTable(await buildLedger(ctx, { ...q, account: q.account }, { limit: 100_000, offset: 0 }));
    case 'statutory':
      return statutoryTable(await statutoryStatements(ctx, q.to ?? dateOf(ctx.now())), langOf(ctx));
    case 'profit-and-loss-by-cost-center':
      return costCenterTable(await buildByCostCenter(ctx, q), langOf(ctx));
  }
}

const tags = ['accounting: reports'];
const langOf = (ctx: Ctx): 'cs' | 'en' => (ctx.tenant.locale.toLowerCase().startsWith('cs') ? 'cs' : 'en');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Financial reports (any date range, compared with the previous period), exports and the hledger journal. */
export const reportRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/trial-balance',
        tags,
        summary: 'Trial balance: opening, debits, credits and closing balance per account (sums to zero)',
        permission: 'accounting.read',
        request: {
          query: z.object({
            ...Range,
            ...Compare,
            yearEnd: Bool.optional().openapi({
              description:
                'Include the year-end entries (closing to 702/710/431, opening from 701); left out by default',
            }),
          }),
        },
        responses: { 200: json(TrialBalance), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await buildTrialBalance(c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/profit-and-loss',
        tags,
        summary:
          'Income and expenses; `from` defaults to the start of the fiscal year, compared with the previous period',
        permission: 'accounting.read',
        request: { query: z.object({ ...Range, ...Compare }) },
        responses: { 200: json(ProfitAndLoss), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await buildProfitAndLoss(c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/balance-sheet',
        tags,
        summary: 'Assets, liabilities and equity as of `to`, compared with the day before `from`',
        permission: 'accounting.read',
        request: { query: z.object({ ...Range, ...Compare }) },
        responses: { 200: json(BalanceSheet), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await buildBalanceSheet(c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/cash-flow',
        tags,
        summary: 'Cash in and out by operating, investing and financing, per month, compared with the previous period',
        permission: 'accounting.read',
        request: { query: z.object({ ...Range, ...Compare }) },
        responses: { 200: json(CashFlow), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await buildCashFlow(c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/aging',
        tags,
        summary: 'Open receivables (or payables) by days past due as of a date',
        permission: 'accounting.read',
        request: {
          query: z.object({ kind: z.enum(['receivable', 'payable']).optional(), asOf: DateString.optional() }),
        },
        responses: { 200: json(Aging), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await buildAging(c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/general-ledger',
        tags,
        summary: "One account's postings with running balance",
        permission: 'accounting.read',
        request: {
          query: z.object({ account: AccountCode, ...Range, costCenter: CostCenterFilter.optional(), ...Paging }),
        },
        responses: { 200: json(GeneralLedger), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        return c.json(await buildLedger(c.var.ctx, q, { limit: q.limit, offset: q.offset }), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/profit-and-loss-by-cost-center',
        tags,
        summary:
          'Income and expense per account with a column per cost centre and one for lines without a centre (`columns[].code` null); `from` defaults to the fiscal year start',
        permission: 'accounting.read',
        request: { query: z.object(Range) },
        responses: { 200: json(ByCostCenter), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(await buildByCostCenter(c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/reports/{report}/export',
        tags,
        summary: 'A report as CSV or XLSX (same query parameters as the report)',
        permission: 'accounting.read',
        request: { params: z.object({ report: z.enum(REPORTS) }), query: ExportQuery },
        responses: {
          200: {
            description: 'The report file',
            content: {
              'text/csv': { schema: z.string() },
              [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { report } = c.req.valid('param');
        const q = c.req.valid('query');
        const table = await tableOf(c.var.ctx, report, q);
        const name = `${report}-${q.to ?? q.asOf ?? dateOf(c.var.ctx.now())}`;
        if (q.format === 'xlsx') {
          const file = await toXlsx(table);
          return c.body(new Uint8Array(file), 200, {
            'content-type': XLSX,
            'content-disposition': `attachment; filename="${name}.xlsx"`,
          }) as never;
        }
        return c.body(toCsv(table), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.csv"`,
        }) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/export/hledger',
        tags,
        summary:
          'The whole journal in hledger journal format (`hledger -f file balance --cost` matches the trial balance)',
        permission: 'accounting.read',
        responses: {
          200: { description: 'hledger journal', content: { 'text/plain': { schema: z.string() } } },
          ...problemResponses(401, 403),
        },
      }),
      async (c) =>
        c.text(await exportHledger(c.var.ctx), 200, {
          'content-disposition': 'attachment; filename="journal.hledger"',
        }),
    );
