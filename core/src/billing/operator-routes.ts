import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { isPlatformOperator } from '../auth/operators.ts';
import type { Actor, BaseEnv } from '../http/env.ts';
import { badRequest, conflict, fieldError, forbidden, notFound, unauthorized } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { json, jsonBody, problemResponses } from '../http/schemas.ts';
import { formatMoney, minorDigits, parseMoney } from '../lib/money.ts';
import { allPlanVersions, type Plan, publishPlan } from './catalogue.ts';
import { loadInvoice, loadInvoices } from './invoices.ts';
import { issueCreditNote } from './lifecycle.ts';
import { bm } from './messages.ts';
import {
  type BankStatus,
  dismissBankTransaction,
  importStatement,
  listBankTransactions,
  matchManually,
} from './payments.ts';
import { runBilling } from './runner.ts';
import { InvoiceSchema, invoiceJson } from './schemas.ts';
import { today } from './subscriptions.ts';

type Ctx = Context<BaseEnv>;

/** Platform operators: signed-in users whose e-mail is listed in BUREAU_OPERATORS. Not a tenant role. */
const requireOperator = createMiddleware<BaseEnv>(async (c, next) => {
  const user = c.var.user;
  if (!user) throw unauthorized();
  if (!(await isPlatformOperator(c.var.runtime, user))) {
    throw forbidden('platform.operator');
  }
  await next();
});

const operatorActor = (c: Ctx): Actor => ({
  kind: 'user',
  userId: c.var.user?.id ?? null,
  tokenId: null,
  providerTenantId: null,
  label: `operator:${c.var.user?.email ?? 'unknown'}`,
});

/** Operator routes run on the privileged connection, each in one transaction. */
const tx = <T>(c: Ctx, fn: (db: any) => Promise<T>) => c.var.runtime.db.transaction().execute(fn);

const op = <const R extends Omit<Parameters<typeof createRoute>[0], 'middleware'>>(r: R) =>
  createRoute({
    ...r,
    tags: ['billing-operator'],
    middleware: [requireOperator] as const,
    'x-permission': 'platform.operator',
  } as R & { middleware: [typeof requireOperator]; 'x-permission': string });

const Money = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, bm.money_format.ref);
const Currency = z.enum(['CZK', 'EUR']);
const Period = z.enum(['month', 'year']);
const ModuleId = z.string().regex(/^(\*|[a-z][a-z0-9-]{1,39})$/);

const PlanBody = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  name: z.string().trim().min(1).max(80),
  description: z.string().max(500).default(''),
  includedModules: z.array(ModuleId).max(50),
  includedSeats: z.number().int().min(1).max(100_000),
  extraSeatsAllowed: z.boolean(),
  maxSeats: z.number().int().min(1).max(100_000).nullable().default(null),
  addonsAllowed: z.boolean(),
  prices: z
    .array(z.object({ currency: Currency, period: Period, price: Money, seatPrice: Money }))
    .min(1)
    .max(8),
  addons: z
    .array(z.object({ module: ModuleId, currency: Currency, period: Period, price: Money }))
    .max(400)
    .default([]),
});

function planJson(p: Plan) {
  const m = (v: bigint, currency: string) => formatMoney(v, minorDigits(currency));
  return {
    id: p.id,
    code: p.code,
    version: p.version,
    name: p.name,
    description: p.description,
    available: p.available,
    includedModules: p.includedModules,
    includedSeats: p.includedSeats,
    extraSeatsAllowed: p.extraSeatsAllowed,
    maxSeats: p.maxSeats,
    addonsAllowed: p.addonsAllowed,
    prices: [...p.prices.entries()].map(([k, v]) => {
      const [currency, period] = k.split(':') as [string, string];
      return { currency, period, price: m(v.price, currency), seatPrice: m(v.seatPrice, currency) };
    }),
    addons: [...p.addons.entries()].map(([k, v]) => {
      const [module, currency, period] = k.split(':') as [string, string, string];
      return { module, currency, period, price: m(v, currency) };
    }),
  };
}

const PlanSchema = z.looseObject({ id: z.string(), code: z.string(), version: z.number(), available: z.boolean() });

const BankTx = z.looseObject({
  id: z.string(),
  bookedOn: z.string(),
  amount: z.string(),
  currency: z.string(),
  variableSymbol: z.string().nullable(),
  status: z.string(),
  unapplied: z.string(),
});

const bankJson = (t: Awaited<ReturnType<typeof listBankTransactions>>[number]) => ({
  ...t,
  amount: formatMoney(t.amount, minorDigits(t.currency)),
  unapplied: formatMoney(t.unapplied, minorDigits(t.currency)),
  invoices: t.invoices.map((i) => ({ ...i, amount: formatMoney(i.amount, minorDigits(t.currency)) })),
});

const ATTENTION: BankStatus[] = ['unmatched', 'partial', 'overpaid'];

/** The platform operator's billing console API: catalogue, statements, manual matching, credit notes. */
export const operatorBillingRoutes = newRouter<BaseEnv>()
  .openapi(
    op({
      method: 'get',
      path: '/plans',
      summary: 'Every version of every plan',
      responses: { 200: json(z.object({ plans: z.array(PlanSchema) })), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ plans: (await allPlanVersions(c.var.runtime.db)).map(planJson) }, 200),
  )
  .openapi(
    op({
      method: 'post',
      path: '/plans',
      summary: 'Publish a new version of a plan (existing subscriptions keep theirs)',
      request: { body: jsonBody(PlanBody) },
      responses: { 201: json(PlanSchema), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const seen = new Set<string>();
      for (const p of b.prices) {
        const k = `${p.currency}:${p.period}`;
        if (seen.has(k))
          throw badRequest('invalid_input', bm.price_twice, [fieldError('prices', bm.price_twice, { key: k })]);
        seen.add(k);
      }
      const toMinor = (s: string, currency: string) => parseMoney(s, minorDigits(currency)) as bigint;
      const plan = await tx(c, (db) =>
        publishPlan(
          db,
          {
            ...b,
            prices: b.prices.map((p) => ({
              currency: p.currency,
              period: p.period,
              price: toMinor(p.price, p.currency),
              seatPrice: toMinor(p.seatPrice, p.currency),
            })),
            addons: b.addons.map((a) => ({ ...a, price: toMinor(a.price, a.currency) })),
          },
          operatorActor(c).label,
        ),
      );
      return c.json(planJson(plan), 201);
    },
  )
  .openapi(
    op({
      method: 'patch',
      path: '/plans/{code}',
      summary: 'Offer or withdraw the newest version of a plan for new subscriptions',
      request: {
        params: z.object({ code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/) }),
        body: jsonBody(z.object({ available: z.boolean() })),
      },
      responses: { 200: json(PlanSchema), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const { available } = c.req.valid('json');
      const plan = await tx(c, async (db) => {
        const latest = (await allPlanVersions(db)).filter((p) => p.code === code).pop();
        if (!latest) throw notFound(bm.plan_not_found);
        await db.updateTable('core.billing_plans').set({ available }).where('id', '=', latest.id).execute();
        return { ...latest, available };
      });
      return c.json(planJson(plan), 200);
    },
  )
  .openapi(
    op({
      method: 'post',
      path: '/statements',
      summary: 'Import a bank statement (CSV or camt.053) and match its payments',
      request: {
        body: jsonBody(z.object({ format: z.enum(['csv', 'camt053']), content: z.string().min(1).max(900_000) })),
      },
      responses: {
        200: json(
          z.object({
            imported: z.number(),
            duplicates: z.number(),
            skipped: z.number(),
            matched: z.number(),
            partial: z.number(),
            overpaid: z.number(),
            unmatched: z.number(),
          }),
        ),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const summary = await tx(c, (db) => importStatement(db, c.var.runtime, body, operatorActor(c)));
      return c.json(summary, 200);
    },
  )
  .openapi(
    op({
      method: 'get',
      path: '/bank-transactions',
      summary: 'Bank lines; by default those needing manual matching (unmatched, partial, overpaid)',
      request: {
        query: z.object({
          status: z
            .enum(['attention', 'unmatched', 'partial', 'overpaid', 'matched', 'ignored', 'all'])
            .default('attention'),
        }),
      },
      responses: { 200: json(z.object({ transactions: z.array(BankTx) })), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      const statuses: BankStatus[] =
        status === 'attention' ? ATTENTION : status === 'all' ? [...ATTENTION, 'matched', 'ignored'] : [status];
      const list = await listBankTransactions(c.var.runtime.db, statuses);
      return c.json({ transactions: list.map(bankJson) }, 200);
    },
  )
  .openapi(
    op({
      method: 'post',
      path: '/bank-transactions/{id}/match',
      summary: "Apply a line's unapplied money to an invoice",
      request: {
        params: z.object({ id: z.uuid() }),
        body: jsonBody(z.object({ invoiceId: z.uuid(), amount: Money.optional() })),
      },
      responses: { 200: json(BankTx), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { invoiceId, amount } = c.req.valid('json');
      const t = await tx(c, async (db) => {
        const inv = await loadInvoice(db, null, invoiceId);
        if (!inv) throw notFound(bm.invoice_not_found);
        const minor = amount === undefined ? undefined : (parseMoney(amount, minorDigits(inv.currency)) ?? undefined);
        if (amount !== undefined && minor === undefined)
          throw badRequest('invalid_input', bm.bad_amount, [fieldError('amount', bm.bad_amount)]);
        return matchManually(
          db,
          c.var.runtime,
          { bankTransactionId: id, invoiceId, ...(minor !== undefined ? { amount: minor } : {}) },
          operatorActor(c),
        );
      });
      return c.json(bankJson(t), 200);
    },
  )
  .openapi(
    op({
      method: 'post',
      path: '/bank-transactions/{id}/dismiss',
      summary: 'Take a line off the manual-matching list (refunded, not ours, reviewed)',
      request: {
        params: z.object({ id: z.uuid() }),
        body: jsonBody(z.object({ note: z.string().trim().min(1).max(500) })),
      },
      responses: { 200: json(z.object({ status: z.string() })), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { note } = c.req.valid('json');
      const status = await tx(c, (db) => dismissBankTransaction(db, id, note, operatorActor(c)));
      return c.json({ status }, 200);
    },
  )
  .openapi(
    op({
      method: 'get',
      path: '/invoices',
      summary: 'Invoices of all tenants',
      request: { query: z.object({ status: z.enum(['open', 'overdue', 'all']).default('open') }) },
      responses: {
        200: json(z.object({ invoices: z.array(InvoiceSchema.extend({ tenantId: z.string() })) })),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      const day = today(c.var.runtime);
      const all = await loadInvoices(c.var.runtime.db, { limit: 1000 });
      const list = all.filter((i) =>
        status === 'all' ? true : i.kind === 'invoice' && i.status === 'issued' && (status === 'open' || i.dueOn < day),
      );
      return c.json(
        {
          invoices: list.map((i) => ({
            ...invoiceJson(i, day, `/api/operator/billing/invoices`),
            tenantId: i.tenantId,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    op({
      method: 'post',
      path: '/invoices/{id}/credit-note',
      summary: 'Correct an issued invoice with a credit note (whole, or a net amount)',
      request: {
        params: z.object({ id: z.uuid() }),
        body: jsonBody(z.object({ reason: z.string().trim().min(1).max(300), amount: Money.optional() })),
      },
      responses: {
        201: json(InvoiceSchema.extend({ tenantId: z.string() })),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason, amount } = c.req.valid('json');
      const cn = await tx(c, async (db) => {
        const inv = await loadInvoice(db, null, id);
        if (!inv) throw notFound(bm.invoice_not_found);
        const minor = amount === undefined ? undefined : (parseMoney(amount, minorDigits(inv.currency)) ?? undefined);
        if (minor === 0n) throw conflict('credit_out_of_range', bm.nothing_to_credit);
        return issueCreditNote(
          db,
          c.var.runtime,
          id,
          { reason, ...(minor !== undefined ? { amount: minor } : {}) },
          operatorActor(c),
        );
      });
      return c.json(
        { ...invoiceJson(cn, today(c.var.runtime), '/api/operator/billing/invoices'), tenantId: cn.tenantId },
        201,
      );
    },
  )
  .openapi(
    op({
      method: 'post',
      path: '/run',
      summary: 'Run billing now: trials, renewals, consolidated invoices, dunning (normally scheduled)',
      responses: {
        200: json(
          z.object({
            created: z.number(),
            trialsEnded: z.number(),
            renewed: z.number(),
            invoices: z.number(),
            consolidated: z.number(),
            dunning: z.number(),
          }),
        ),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json(await runBilling(c.var.runtime), 200),
  );
