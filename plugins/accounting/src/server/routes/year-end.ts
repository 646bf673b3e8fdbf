import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { importOpening } from '../services/opening-balances.ts';
import { closeYear, listYears, reopenYear } from '../services/year-end.ts';
import { DateString } from './schemas.ts';

const tags = ['accounting: year-end'];

const Year = z
  .object({
    year: z.number().int(),
    from: z.string(),
    to: z.string(),
    closed: z.boolean(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    entries: z.number().int(),
  })
  .openapi('AccountingFiscalYear');

const YearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2999)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2026 }),
});

const OpeningRow = z.object({
  line: z.number().int(),
  account: z.string(),
  name: z.string().nullable(),
  debit: z.string(),
  credit: z.string(),
  errors: z.array(z.string()).openapi({
    description:
      'account_missing, account_unknown, account_not_postable, account_not_balance_sheet, amount_invalid, amount_missing, both_sides',
  }),
});
const OpeningResult = z
  .object({
    preview: z.object({
      date: z.string(),
      currency: z.string(),
      rows: z.array(OpeningRow),
      debit: z.string(),
      credit: z.string(),
      balanced: z.boolean(),
      valid: z.boolean(),
    }),
    entryId: z.string().nullable(),
  })
  .openapi('AccountingOpeningBalances');

/** Year-end closing and opening of the books, and the opening balances of a firm that starts mid-life. */
export const yearEndRoutes = (r: PluginRouter) =>
  r
    .openapi(
      defineRoute({
        method: 'get',
        path: '/years',
        tags,
        summary: 'The fiscal years with postings and whether each is closed',
        permission: 'accounting.read',
        responses: { 200: json(z.object({ years: z.array(Year) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ years: await listYears(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/years/{year}/close',
        tags,
        summary:
          'Close a fiscal year (5xx/6xx to 710, the result to 431, balance sheet accounts to 702) and open the next from 701; 409 year_closed, earlier_year_open, unposted_documents, period_locked, not_czech_books',
        permission: 'accounting.admin',
        request: { params: YearParam },
        responses: {
          200: json(
            z.object({ year: z.number(), from: z.string(), to: z.string(), result: z.string(), entries: z.number() }),
          ),
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => c.json(await closeYear(c.var.ctx, c.req.valid('param').year), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/years/{year}/reopen',
        tags,
        summary:
          'Reopen a closed fiscal year by reversing its closing and the next year’s opening; 409 year_not_closed, later_year_closed',
        permission: 'accounting.admin',
        request: { params: YearParam },
        responses: {
          200: json(z.object({ year: z.number(), reopened: z.literal(true) })),
          ...problemResponses(400, 401, 403, 409),
        },
      }),
      async (c) => c.json(await reopenYear(c.var.ctx, c.req.valid('param').year), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/opening-balances',
        tags,
        summary:
          'Opening balances from a CSV (account, debit, credit) against 701; dryRun checks every row and posts nothing; 400 invalid_input naming rows, unbalanced; 409 opening_exists',
        permission: 'accounting.admin',
        request: {
          body: jsonBody(
            z
              .object({
                date: DateString,
                csv: z.string().min(1).max(1_000_000),
                dryRun: z.boolean().default(false),
              })
              .strict(),
          ),
        },
        responses: { 200: json(OpeningResult), 201: json(OpeningResult), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const { date, csv, dryRun } = c.req.valid('json');
        const out = await importOpening(c.var.ctx, date, csv, dryRun);
        return dryRun ? c.json(out, 200) : c.json(out, 201);
      },
    );
