import {
  aboFile,
  creditTransferBatchesXml,
  defineRoute,
  formatMoney,
  ibanToCzechAccount,
  json,
  jsonBody,
  type PluginContext,
  type PluginRouter,
  problem,
  problemResponses,
  renderFieldError,
  requestLocale,
  z,
} from '@bureau/core';
import { PaymentSettingsInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { accountView, loadPaymentSettings, savePaymentSettings, settingsView } from '../payroll/payment-settings.ts';
import { loadRunPayments, paymentsTotal, type RunPayments } from '../payroll/payments.ts';
import { loadRun } from '../payroll/run.ts';
import { pragueDate } from '../services/dates.ts';

const tags = ['hr: payroll'];
const IdParam = z.object({ id: z.uuid() });
const Account = z.object({ account: z.string(), iban: z.string() });

const Settings = z
  .object({
    debitAccount: Account.nullable(),
    departmentAccounts: z.array(Account.extend({ department: z.string() })),
    cssz: Account.extend({ variableSymbol: z.string() }).nullable(),
    insurers: z.array(Account.extend({ insurer: z.string(), variableSymbol: z.string() })),
    taxOffice: z.object({ advances: Account, withholding: Account.nullable(), variableSymbol: z.string() }).nullable(),
    payDay: z.number(),
  })
  .openapi('HrPaymentSettings');

const Payment = z.object({
  kind: z.enum(['net', 'social', 'health', 'tax_advances', 'tax_withholding']),
  recipient: z.string(),
  employeeId: z.string().nullable(),
  insurer: z.string().nullable(),
  account: z.string().nullable(),
  iban: z.string().nullable(),
  variableSymbol: z.string().nullable(),
  amount: z.string(),
  message: z.string(),
  dueBy: z.string(),
});
const Payments = z
  .object({
    period: z.string(),
    status: z.string(),
    payDate: z.string(),
    total: z.string(),
    groups: z.array(
      z.object({
        debitAccount: Account.nullable(),
        departments: z.array(z.string()),
        total: z.string(),
        payments: z.array(Payment),
      }),
    ),
    withoutAccount: z.array(
      z.object({ employeeId: z.string(), number: z.string(), name: z.string(), net: z.string() }),
    ),
    missing: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })),
  })
  .openapi('HrRunPayments');

const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});

/** An approved or paid run's payments; 409 before approval. */
async function approvedPayments(ctx: PluginContext, id: string) {
  const run = await loadRun(ctx, id);
  if (!['approved', 'paid'].includes(run.status))
    throw problem(409, m.not_approved, undefined, { extra: { status: run.status } });
  return { run, payments: await loadRunPayments(ctx, run) };
}

/** For a file: every account known, or 409 naming each missing setting. */
function complete(p: RunPayments) {
  if (p.missing.length)
    throw problem(
      409,
      m.payment_settings_missing,
      { count: p.missing.length },
      { errors: p.missing, extra: { missing: p.missing.map((e) => e.path) } },
    );
  if (!p.groups.length) throw problem(409, m.no_payslips);
  return p.groups.map((g) => ({
    ...g,
    debitIban: g.debitIban as string,
    payments: g.payments.map((x) => ({ ...x, iban: x.iban as string })),
  }));
}

const attachment = (type: string, name: string) => ({
  'content-type': type,
  'content-disposition': `attachment; filename="${name}"`,
});

export const runPaymentRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payroll/payment-settings',
        tags,
        summary: 'The employer’s payment settings: debit accounts, ČSSZ, health insurers, tax office, payday',
        permission: 'hr.payroll.read',
        responses: { 200: json(Settings), ...problemResponses(401, 403) },
      }),
      async (c) => c.json(settingsView(await loadPaymentSettings(c.var.ctx)), 200),
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/payroll/payment-settings',
        tags,
        summary: 'Replaces the payment settings; every account is checked (IBAN or Czech number with its check digits)',
        permission: 'hr.payroll.approve',
        request: { body: jsonBody(PaymentSettingsInput) },
        responses: { 200: json(Settings), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json(settingsView(await savePaymentSettings(c.var.ctx, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payroll/runs/{id}/payments',
        tags,
        summary:
          'The payments of an approved or paid run grouped per debit account: net pay, ČSSZ, each health insurer, the tax office (advances less bonuses, withholding)',
        permission: 'hr.payroll.read',
        request: { params: IdParam },
        responses: { 200: json(Payments), ...problemResponses(401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const { run, payments: p } = await approvedPayments(ctx, c.req.valid('param').id);
        const locale = requestLocale(c);
        return c.json(
          {
            period: run.period,
            status: run.status,
            payDate: p.payDate,
            total: formatMoney(paymentsTotal(p)),
            groups: p.groups.map((g) => ({
              debitAccount: g.debitIban ? accountView(g.debitIban) : null,
              departments: g.departments,
              total: formatMoney(g.payments.reduce((s, x) => s + x.amount, 0)),
              payments: g.payments.map((x) => ({
                ...x,
                account: x.iban ? accountView(x.iban).account : null,
                amount: formatMoney(x.amount),
              })),
            })),
            withoutAccount: p.withoutAccount.map((w) => ({ ...w, net: formatMoney(w.net) })),
            missing: p.missing.map((e) => renderFieldError(e, locale)),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payroll/runs/{id}/payments/pain001',
        tags,
        summary: 'The run’s payments as one pain.001.001.03 file (CZK), a PmtInf per debit account; audited',
        permission: 'hr.payroll.approve',
        request: { params: IdParam },
        responses: {
          200: binary('application/xml', 'pain.001.001.03 XML'),
          ...problemResponses(401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { ctx, tenant } = c.var;
        const { run, payments: p } = await approvedPayments(ctx, c.req.valid('param').id);
        const groups = complete(p);
        await ctx.auditRead('hr.pay_run', run.id);
        const xml = creditTransferBatchesXml({
          messageId: `PAY${run.id.replace(/-/g, '').slice(0, 29)}`,
          createdAt: ctx.now(),
          currency: 'CZK',
          initiator: tenant.name,
          batches: groups.map((g) => ({
            executionDate: p.payDate,
            debtor: { name: tenant.name, iban: g.debitIban },
            transfers: g.payments.map((x) => ({
              // Czech banks read the variable symbol of a domestic payment from "/VS…" (ČBA XML standard).
              endToEndId: x.variableSymbol ? `/VS${x.variableSymbol}` : `${run.period}-${x.kind}`,
              amount: x.amount,
              creditor: { name: x.recipient, iban: x.iban },
              text: x.variableSymbol ? `${x.message} / VS ${x.variableSymbol}` : x.message,
            })),
          })),
        });
        return c.body(xml, 200, attachment('application/xml; charset=utf-8', `payments-${run.period}.xml`)) as never;
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/payroll/runs/{id}/payments/abo',
        tags,
        summary: 'The run’s payments as an ABO/KPC file (Czech accounts only), a group per debit account; audited',
        permission: 'hr.payroll.approve',
        request: { params: IdParam },
        responses: { 200: binary('text/plain', 'ABO (KPC)'), ...problemResponses(401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx, tenant } = c.var;
        const { run, payments: p } = await approvedPayments(ctx, c.req.valid('param').id);
        const groups = complete(p);
        const foreign = groups.flatMap((g) => [
          ...(ibanToCzechAccount(g.debitIban) ? [] : [tenant.name]),
          ...g.payments.filter((x) => !ibanToCzechAccount(x.iban)).map((x) => x.recipient),
        ]);
        if (foreign.length) throw problem(409, m.abo_not_czech, { names: foreign.join(', ') });
        await ctx.auditRead('hr.pay_run', run.id);
        const body = aboFile({
          createdOn: pragueDate(ctx.now()),
          clientName: tenant.name,
          groups: groups.map((g) => ({
            dueDate: p.payDate,
            payer: ibanToCzechAccount(g.debitIban)!,
            payments: g.payments.map((x) => ({
              account: ibanToCzechAccount(x.iban)!,
              amount: BigInt(x.amount),
              variableSymbol: x.variableSymbol,
              message: x.message,
            })),
          })),
        });
        return c.body(body, 200, attachment('text/plain; charset=us-ascii', `payments-${run.period}.kpc`)) as never;
      },
    );
