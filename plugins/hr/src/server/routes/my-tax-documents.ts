import {
  defineRoute,
  json,
  type PluginContext,
  type PluginRouter,
  problem,
  problemResponses,
  requestLocale,
  z,
} from '@bureau/core';
import { PAYROLL_YEARS } from '../data/payroll-cz.ts';
import { m } from '../messages.ts';
import { statementPdf } from '../payroll/tax-pdf.ts';
import { readSettlement, statementView, toSettlementView } from '../payroll/tax-year.ts';
import { pragueDate } from '../services/dates.ts';
import { pdfResponse } from './pdf-response.ts';
import { myEmployee } from './self-service.ts';

const tags = ['hr: self-service'];

const MyTaxYear = z.object({
  year: z.number(),
  income: z.string(),
  taxAdvances: z.string(),
  taxBonuses: z.string(),
  /** The annual tax settlement's result when one was made (positive: refunded to the employee). */
  settlement: z.object({ result: z.string(), updatedAt: z.string() }).nullable(),
});

/** Finished years in which the employee has an approved or paid payslip here, newest first. */
async function finishedYears(ctx: PluginContext, employeeId: string) {
  const current = Number(pragueDate(ctx.now()).slice(0, 4));
  const rows = await ctx.db
    .selectFrom('hr.payslips as p')
    .innerJoin('hr.pay_runs as r', (j) => j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.run_id'))
    .select('r.period')
    .distinct()
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.employee_id', '=', employeeId)
    .where('r.status', 'in', ['approved', 'paid'])
    .where('r.period', '<', `${current}-01`)
    .execute();
  return [...new Set(rows.map((r) => Number(String(r.period).slice(0, 4))))]
    .filter((y) => PAYROLL_YEARS[y])
    .sort((a, b) => b - a);
}

/**
 * My tax documents (self-service, `hr.self`): for each finished year with payslips here, the statement
 * of taxable income (potvrzení, § 38j odst. 3) as figures and PDF, and the annual settlement's result
 * when HR made one. Only the signed-in member's own employee; every PDF read is audited.
 */
export const myTaxDocumentRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/me/tax-years',
        tags,
        summary: 'My tax documents: finished years with my income, advances and the settlement result',
        permission: 'hr.self',
        responses: {
          200: json(z.object({ items: z.array(MyTaxYear) }).openapi('HrMyTaxYears')),
          ...problemResponses(401, 403, 404),
        },
      }),
      async (c) => {
        const { ctx } = c.var;
        const me = await myEmployee(ctx);
        const items = [];
        for (const year of await finishedYears(ctx, me.id)) {
          const s = await statementView(ctx, me.id, year);
          const settlement = await readSettlement(ctx, me.id, year);
          const view = settlement ? toSettlementView(settlement) : null;
          items.push({
            year,
            income: s.income,
            taxAdvances: s.taxAdvances,
            taxBonuses: s.taxBonuses,
            settlement: view ? { result: view.result, updatedAt: view.updatedAt } : null,
          });
        }
        await ctx.auditRead('hr.employee', me.id);
        return c.json({ items }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/me/tax-years/{year}/statement/pdf',
        tags,
        summary:
          'My statement of taxable income for a finished year as PDF (cs/en), with the settlement if made; audited',
        permission: 'hr.self',
        request: {
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          query: z.object({ lang: z.enum(['cs', 'en']).optional() }),
        },
        responses: {
          200: pdfResponse,
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { ctx } = c.var;
        const me = await myEmployee(ctx);
        const { year } = c.req.valid('param');
        if (!(await finishedYears(ctx, me.id)).includes(year)) throw problem(404, m.no_payroll_in_year, { year });
        const view = await statementView(ctx, me.id, year);
        const settlement = await readSettlement(ctx, me.id, year);
        await ctx.auditRead('hr.employee', me.id);
        const lang = c.req.valid('query').lang ?? requestLocale(c);
        const pdf = await statementPdf(view, settlement ? toSettlementView(settlement) : null, lang);
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="tax-statement-${year}-${me.number}.pdf"`,
        }) as never;
      },
    );
