import {
  accountToIban,
  defineRoute,
  formatMoney,
  json,
  type PluginRouter,
  problem,
  problemResponses,
  requestLocale,
  z,
} from '@bureau/core';
import { HEALTH_INSURERS } from '../data/insurers.ts';
import { m } from '../messages.ts';
import { payslipPdf } from '../payroll/pdf.ts';
import { loadRun, payslipsOf, toPayslipView } from '../payroll/run.ts';
import { salaryOrderXml } from '../payroll/sepa.ts';
import { pragueDate } from '../services/dates.ts';

const tags = ['hr: payroll'];
const IdParam = z.object({ id: z.uuid() });
const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});

const SepaQuery = z.object({
  debtorIban: z
    .string()
    .trim()
    .min(10)
    .max(60)
    .openapi({ description: 'The account salaries are paid from (IBAN or Czech account number)' }),
  debtorName: z.string().trim().min(1).max(140).optional(),
  executionDate: z.iso.date().optional(),
});

const Summary = z
  .object({
    period: z.string(),
    status: z.string(),
    employees: z.number(),
    net: z.object({ total: z.string(), byTransfer: z.string(), withoutAccount: z.number() }),
    socialInsurance: z.object({ employee: z.string(), employer: z.string(), total: z.string() }),
    healthInsurance: z.array(
      z.object({
        insurer: z.string().nullable(),
        name: z.string().nullable(),
        employee: z.string(),
        employer: z.string(),
        total: z.string(),
      }),
    ),
    tax: z.object({
      advances: z.string(),
      bonuses: z.string(),
      advancesLessBonuses: z.string(),
      withholding: z.string(),
    }),
  })
  .openapi('HrPayRunSummary');

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const minor = (d: unknown) => Math.round(Number(d) * 100);

export const paymentRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payroll/runs/{id}/summary',
        tags,
        summary:
          'What the run pays: net pay, social insurance (ČSSZ), health insurance per insurer, tax advances (less bonuses) and withholding tax',
        permission: 'hr.payroll.read',
        request: { params: IdParam },
        responses: { 200: json(Summary), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const run = await loadRun(ctx, c.req.valid('param').id);
        const rows = await payslipsOf(ctx, run.id);
        const slips = rows.map(toPayslipView);
        const f = (k: string) => slips.map((p) => minor(p[k]));
        const withIban = rows.map((r, i) => ({ iban: r.iban as string | null, net: minor(slips[i]?.net) }));
        const insurers = new Map<string | null, { employee: number; employer: number }>();
        for (const p of slips) {
          const e = insurers.get(p.healthInsurer) ?? { employee: 0, employer: 0 };
          e.employee += minor(p.healthEmployee);
          e.employer += minor(p.healthEmployer);
          insurers.set(p.healthInsurer, e);
        }
        const advances = sum(f('taxAdvance'));
        const bonuses = sum(f('taxBonus'));
        return c.json(
          {
            period: run.period,
            status: run.status,
            employees: new Set(slips.map((p) => p.employeeId)).size,
            net: {
              total: formatMoney(sum(f('net'))),
              byTransfer: formatMoney(sum(withIban.filter((x) => x.iban).map((x) => x.net))),
              withoutAccount: withIban.filter((x) => !x.iban && x.net > 0).length,
            },
            socialInsurance: {
              employee: formatMoney(sum(f('socialEmployee'))),
              employer: formatMoney(sum(f('socialEmployer'))),
              total: formatMoney(sum(f('socialEmployee')) + sum(f('socialEmployer'))),
            },
            healthInsurance: [...insurers.entries()]
              .sort(([a], [b]) => String(a).localeCompare(String(b)))
              .map(([insurer, v]) => ({
                insurer,
                name: insurer ? (HEALTH_INSURERS[insurer as keyof typeof HEALTH_INSURERS] ?? null) : null,
                employee: formatMoney(v.employee),
                employer: formatMoney(v.employer),
                total: formatMoney(v.employee + v.employer),
              })),
            tax: {
              advances: formatMoney(advances),
              bonuses: formatMoney(bonuses),
              advancesLessBonuses: formatMoney(advances - bonuses),
              withholding: formatMoney(sum(f('withholdingTax'))),
            },
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payroll/runs/{id}/sepa',
        tags,
        summary:
          'The salary payment order as pain.001.001.03 (CZK) for an approved or paid run; employees without an account are left out',
        permission: 'hr.payroll.approve',
        request: { params: IdParam, query: SepaQuery },
        responses: {
          200: binary('application/xml', 'pain.001.001.03 XML'),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { ctx, tenant } = c.var;
        const q = c.req.valid('query');
        const run = await loadRun(ctx, c.req.valid('param').id);
        if (!['approved', 'paid'].includes(run.status))
          throw problem(409, m.not_approved, undefined, { extra: { status: run.status } });
        const debtorIban = accountToIban(q.debtorIban);
        if (!debtorIban) throw problem(400, m.invalid_bank_account);
        const rows = await payslipsOf(ctx, run.id);
        const transfers = rows
          .filter((r) => r.iban && Number(r.net_minor) > 0)
          .map((r) => ({
            endToEndId: `${run.period.replace('-', '')}-${r.employee_number}`,
            name: r.employee_name as string,
            iban: r.iban as string,
            amount: Number(r.net_minor),
            text: `Mzda ${run.period} / VS ${r.employee_number}`,
          }));
        if (!transfers.length) throw problem(409, m.no_payslips);
        await ctx.auditRead('hr.pay_run', run.id);
        const xml = salaryOrderXml({
          messageId: `PAY${run.id.replace(/-/g, '').slice(0, 29)}`,
          createdAt: ctx.now(),
          executionDate: q.executionDate ?? pragueDate(ctx.now()),
          debtor: { name: q.debtorName ?? tenant.name, iban: debtorIban },
          transfers,
        });
        return c.body(xml, 200, {
          'content-type': 'application/xml; charset=utf-8',
          'content-disposition': `attachment; filename="salaries-${run.period}.xml"`,
        }) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payroll/runs/{id}/payslips/{employeeId}/pdf',
        tags,
        summary: "An employee's payslip as PDF in the reader's language (Accept-Language or ?lang=cs|en); audited",
        permission: 'hr.payroll.read',
        request: {
          params: z.object({ id: z.uuid(), employeeId: z.uuid() }),
          query: z.object({ lang: z.enum(['cs', 'en']).optional() }),
        },
        responses: { 200: binary('application/pdf', 'PDF'), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx, tenant } = c.var;
        const { id, employeeId } = c.req.valid('param');
        const run = await loadRun(ctx, id);
        const row = (await payslipsOf(ctx, run.id)).find((r) => r.employee_id === employeeId);
        if (!row) throw problem(404, m.payslip_not_found);
        await ctx.auditRead('hr.pay_run', run.id);
        await ctx.auditRead('hr.employee', employeeId);
        const lang = c.req.valid('query').lang ?? requestLocale(c);
        const pdf = await payslipPdf(toPayslipView(row), { employer: tenant.name, period: run.period, lang });
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="payslip-${run.period}-${row.employee_number}.pdf"`,
        }) as never;
      },
    );
