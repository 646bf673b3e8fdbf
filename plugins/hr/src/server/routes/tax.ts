import {
  defineRoute,
  json,
  jsonBody,
  type PluginRouter,
  parseMoney,
  problem,
  problemResponses,
  requestLocale,
  z,
} from '@bureau/core';
import { m } from '../messages.ts';
import { DEDUCTION_KINDS } from '../payroll/annual.ts';
import { statementPdf } from '../payroll/tax-pdf.ts';
import {
  documentEmployee,
  ledgerView,
  makeSettlement,
  readSettlement,
  statementView,
  toSettlementView,
  yearFigures,
} from '../payroll/tax-year.ts';
import { pdfResponse } from './pdf-response.ts';

const tags = ['hr: tax documents'];
const Params = z.object({ id: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });
const Amount = z
  .union([
    z.number().min(0).max(99_999_999),
    z
      .string()
      .trim()
      .regex(/^\d{1,8}(\.\d{1,2})?$/),
  ])
  .transform((v) => Number(parseMoney(String(v))));

export const SettlementInput = z.object({
  /** Statements of taxable income from earlier employers in the year (potvrzení). */
  previousEmployers: z
    .array(z.object({ income: Amount, taxAdvances: Amount, taxBonuses: Amount.optional() }))
    .max(12)
    .optional(),
  /** Non-taxable parts of the base (§ 15 ff.) as the documents state them; each is capped at its limit. */
  deductions: z
    .array(
      z.object({
        kind: z.enum(DEDUCTION_KINDS),
        amount: Amount,
        /** Exams only: a disabled or severely disabled taxpayer has a higher limit (§ 15 odst. 8). */
        disability: z.enum(['disabled', 'severe']).optional(),
        /** Mortgage interest only: housing acquired before 2021 has the limit of 300,000 (§ 15 odst. 4). */
        acquiredBefore2021: z.boolean().optional(),
        /** Mortgage interest only: months of the year the interest was paid (1/12 of the limit each). */
        months: z.number().int().min(1).max(12).optional(),
      }),
    )
    .max(20)
    .optional(),
  /**
   * The spouse credit (§ 35ba odst. 1 písm. b): the months at whose first day the spouse lived in the
   * household with the taxpayer's child under 3, the spouse's own income for the year (409
   * `spouse_income_over_limit` over 68,000) and whether the spouse holds ZTP/P (doubles it).
   */
  spouse: z
    .object({ months: z.number().int().min(1).max(12), income: Amount, disabled: z.boolean().optional() })
    .optional(),
});

const Money = z.string();
const LedgerSchema = z
  .object({
    year: z.number(),
    employee: z.object({ id: z.uuid(), number: z.string(), name: z.string() }).loose(),
    months: z.array(z.object({ period: z.string(), declaration: z.boolean(), gross: Money, net: Money }).loose()),
    totals: z.record(z.string(), Money),
  })
  .openapi('HrPayrollLedger');
const StatementSchema = z
  .object({
    year: z.number(),
    employer: z.object({ name: z.string(), ico: z.string().nullable(), dic: z.string().nullable() }),
    employee: z.object({ id: z.uuid(), number: z.string(), name: z.string() }).loose(),
    income: Money,
    taxAdvances: Money,
    taxBonuses: Money,
    taxpayerCredit: Money,
    childCredit: Money,
    declarationMonths: z.array(z.number()),
    childCreditMonths: z.array(z.number()),
    bonusMonths: z.array(z.number()),
    withholding: z.object({ income: Money, tax: Money }),
  })
  .openapi('HrTaxStatement');
const SettlementSchema = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    year: z.number(),
    income: Money,
    taxBase: Money,
    tax: Money,
    taxpayerCredit: Money,
    spouseCredit: Money,
    deductionsAllowed: z.array(z.object({ kind: z.enum(DEDUCTION_KINDS), claimed: Money, allowed: Money })),
    spouse: z.object({ months: z.number(), income: Money, disabled: z.boolean() }).nullable(),
    taxAfterCredits: Money,
    taxBonus: Money,
    taxDifference: Money,
    bonusDifference: Money,
    result: Money,
  })
  .loose()
  .openapi('HrTaxSettlement');

/**
 * The annual tax documents of an employee: the payroll ledger (mzdový list), the statement of
 * taxable income (potvrzení o zdanitelných příjmech) as JSON and PDF, and the annual tax settlement
 * (roční zúčtování) the employee asks for. Every read is audited as a read of the employee.
 */
export const taxRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees/{id}/tax-years/{year}/ledger',
        tags,
        summary: "The payroll ledger (mzdový list): the year's approved payslips month by month, with totals; audited",
        permission: 'hr.payroll.read',
        request: { params: Params },
        responses: { 200: json(LedgerSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id, year } = c.req.valid('param');
        const view = await ledgerView(c.var.ctx, id, year);
        await c.var.ctx.auditRead('hr.employee', id);
        return c.json(view, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees/{id}/tax-years/{year}/statement',
        tags,
        summary:
          'The statement of taxable income (potvrzení o zdanitelných příjmech): income, advances, credits, bonuses, months; audited',
        permission: 'hr.payroll.read',
        request: { params: Params },
        responses: { 200: json(StatementSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id, year } = c.req.valid('param');
        const view = await statementView(c.var.ctx, id, year);
        await c.var.ctx.auditRead('hr.employee', id);
        return c.json(view, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees/{id}/tax-years/{year}/statement/pdf',
        tags,
        summary:
          'The statement of taxable income as PDF (cs/en), with the annual settlement when one was made; audited',
        permission: 'hr.payroll.read',
        request: { params: Params, query: z.object({ lang: z.enum(['cs', 'en']).optional() }) },
        responses: { 200: pdfResponse, ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const { id, year } = c.req.valid('param');
        const view = await statementView(ctx, id, year);
        const settlement = await readSettlement(ctx, id, year);
        await ctx.auditRead('hr.employee', id);
        const lang = c.req.valid('query').lang ?? requestLocale(c);
        const pdf = await statementPdf(view, settlement ? toSettlementView(settlement) : null, lang);
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="tax-statement-${year}-${view.employee.number}.pdf"`,
        }) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees/{id}/tax-years/{year}/settlement',
        tags,
        summary: 'The annual tax settlement of the year, when made; audited',
        permission: 'hr.payroll.read',
        request: { params: Params },
        responses: { 200: json(SettlementSchema), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const { id, year } = c.req.valid('param');
        yearFigures(year);
        await documentEmployee(ctx, id);
        const row = await readSettlement(ctx, id, year);
        if (!row) throw problem(404, m.settlement_not_found);
        await ctx.auditRead('hr.employee', id);
        return c.json(toSettlementView(row), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/employees/{id}/tax-years/{year}/settlement',
        tags,
        summary:
          'Make (or make again) the annual tax settlement of a finished year, with earlier employers’ statements and non-taxable parts',
        permission: 'hr.payroll.manage',
        request: { params: Params, body: jsonBody(SettlementInput) },
        responses: { 200: json(SettlementSchema), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id, year } = c.req.valid('param');
        const body = c.req.valid('json');
        const row = await makeSettlement(c.var.ctx, id, year, {
          previousEmployers: (body.previousEmployers ?? []).map((p) => ({
            income: p.income,
            taxAdvances: p.taxAdvances,
            taxBonuses: p.taxBonuses ?? 0,
          })),
          deductions: body.deductions ?? [],
          spouse: body.spouse ? { ...body.spouse, disabled: body.spouse.disabled ?? false } : null,
        });
        return c.json(toSettlementView(row), 200);
      },
    );
