import { defineRoute, json, type PluginRouter, problemResponses, z } from '@bureau/core';
import { dateOf } from '../services/dates.ts';
import { statutoryStatements } from '../services/statements.ts';
import { DateString } from './schemas.ts';

const Pair = z.object({ current: z.string(), previous: z.string() });
const Item = z.object({ mark: z.string(), cs: z.string(), en: z.string(), current: z.string(), previous: z.string() });

const Statements = z
  .object({
    currency: z.string(),
    to: z.string(),
    previousTo: z.string(),
    fiscalYear: z.object({ from: z.string(), to: z.string() }),
    balanceSheet: z.object({
      assets: z.array(Item),
      liabilities: z.array(Item),
      totalAssets: Pair,
      totalLiabilities: Pair,
      balanced: z.boolean(),
    }),
    profitAndLoss: z.object({
      items: z.array(Item),
      operatingResult: Pair,
      financialResult: Pair,
      resultBeforeTax: Pair,
      result: Pair,
      netTurnover: Pair,
    }),
    unmapped: z.array(z.string()),
  })
  .openapi('AccountingStatutoryStatements');

/** The statutory statements (rozvaha, výkaz zisku a ztráty) in the abridged layout of vyhláška 500/2002 Sb. */
export const statementRoutes = (r: PluginRouter) =>
  r.openapi(
    defineRoute({
      method: 'get',
      path: '/reports/statutory',
      tags: ['accounting: reports'],
      summary:
        'Balance sheet and profit and loss (druhové členění) in the abridged layout of vyhláška 500/2002 Sb. as of `to`, with the previous fiscal year; Czech books; 409 `not_czech_books`',
      permission: 'accounting.read',
      request: { query: z.object({ to: DateString.optional() }) },
      responses: { 200: json(Statements), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => c.json(await statutoryStatements(c.var.ctx, c.req.valid('query').to ?? dateOf(c.var.ctx.now())), 200),
  );
