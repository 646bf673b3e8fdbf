import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TenantEnv } from '../http/env.ts';
import { badRequest, type FieldError, notFound } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, Ok, problemResponses } from '../http/schemas.ts';
import { fm } from '../i18n/core-field-messages.ts';
import { checkCompanyIds } from '../identifiers/validate.ts';
import { formatMoney, minorDigits } from '../lib/money.ts';
import { latestPlans, planById, planPrice } from './catalogue.ts';
import { assessPlanChange } from './entitlements.ts';
import { type Invoice, loadInvoice, loadInvoices } from './invoices.ts';
import { isdocXml } from './isdoc.ts';
import {
  acceptPayer,
  changePlan,
  clientsOf,
  endPayer,
  offerToPay,
  payerOf,
  scheduleCancel,
  tenantReactivate,
} from './lifecycle.ts';
import { bm } from './messages.ts';
import { invoicePdf } from './pdf.ts';
import { BILLING_MANAGE, defineReadRoute } from './route.ts';
import { InvoiceSchema, invoiceJson, PayerLinkSchema, ProfileSchema, SummarySchema } from './schemas.ts';
import { ensureSubscription, type Subscription, today } from './subscriptions.ts';
import { billingSummary, previewPlanChange } from './summary.ts';

type Ctx = Context<TenantEnv>;

const sub = (c: Ctx): Promise<Subscription> => ensureSubscription(c.var.db, c.var.runtime, c.var.tenant);
const invoicesBase = (c: Ctx) => `/api/t/${c.var.tenant.slug}/billing/invoices`;

const PlanChangeBody = z.object({
  plan: z.string().min(1).max(40),
  period: z.enum(['month', 'year']).optional(),
  /** True once the caller accepted the add-on/seat prices shown by an earlier 402. */
  confirm: z.boolean().optional(),
});

const PlanOffer = z
  .object({
    code: z.string(),
    version: z.number(),
    name: z.string(),
    description: z.string(),
    current: z.boolean(),
    includedModules: z.array(z.string()),
    includedSeats: z.number(),
    extraSeatsAllowed: z.boolean(),
    maxSeats: z.number().nullable(),
    addonsAllowed: z.boolean(),
    prices: z.object({
      month: z.object({ price: z.string(), seat: z.string() }).nullable(),
      year: z.object({ price: z.string(), seat: z.string() }).nullable(),
    }),
    change: z.object({
      allowed: z.boolean(),
      wouldLose: z.object({ modules: z.array(z.string()), seats: z.number() }),
      addons: z.array(z.object({ module: z.string(), price: z.string() })),
      extraSeats: z.number(),
      recurring: z.string(),
    }),
  })
  .openapi('BillingPlanOffer');

const Transition = z.object({
  at: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string(),
  actor: z.string(),
});

const RefParam = z.object({
  ref: z
    .string()
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(\.pdf|\.isdoc)?$/,
      fm.invoice_ref.ref,
    ),
});

async function findInvoice(c: Ctx, id: string): Promise<Invoice> {
  const inv = await loadInvoice(c.var.db, c.var.tenant.id, id.toLowerCase());
  if (!inv) throw notFound(bm.invoice_not_found);
  return inv;
}

async function original(c: Ctx, inv: Invoice) {
  return inv.correctsInvoiceId ? loadInvoice(c.var.db, c.var.tenant.id, inv.correctsInvoiceId) : null;
}

async function pdfResponse(c: Ctx, inv: Invoice) {
  const pdf = await invoicePdf(inv, await original(c, inv));
  return c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${inv.number}.pdf"`,
  });
}

async function isdocResponse(c: Ctx, inv: Invoice) {
  const xml = isdocXml(inv, await original(c, inv));
  return c.body(xml, 200, {
    'content-type': 'application/xml; charset=utf-8',
    'content-disposition': `attachment; filename="${inv.number}.isdoc"`,
  });
}

function validateProfile(p: z.infer<typeof ProfileSchema>) {
  const errors: FieldError[] = [];
  const ids = checkCompanyIds(p, errors);
  if (errors.length) throw badRequest('invalid_input', bm.profile_invalid, errors);
  return { ...p, ...ids };
}

/** The tenant's billing: subscription, plans, invoices and downloads, provider-pays links. */
export const billingRoutes = newRouter<TenantEnv>()
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing',
      tags: ['billing'],
      summary: 'The subscription and a preview of the next invoice',
      responses: { 200: json(SummarySchema), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await billingSummary(c.var.db, c.var.runtime, c.var.tenant), 200),
  )
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/plans',
      tags: ['billing'],
      summary: 'Plans on offer, with what moving to each would lose, add and cost',
      responses: { 200: json(z.object({ plans: z.array(PlanOffer) })), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const s = await sub(c);
      const m = (v: bigint) => formatMoney(v, minorDigits(s.currency));
      const mine = await planById(c.var.db, s.planId);
      const plans = (await latestPlans(c.var.db)).filter((p) => p.available || p.code === mine.code);
      const out = [];
      for (const p of plans) {
        const a = await assessPlanChange(c.var.db, c.var.runtime, s, p);
        const price = (period: 'month' | 'year') => {
          const pp = planPrice(p, s.currency, period);
          return pp ? { price: m(pp.price), seat: m(pp.seatPrice) } : null;
        };
        out.push({
          code: p.code,
          version: p.version,
          name: p.name,
          description: p.description,
          current: p.code === mine.code,
          includedModules: p.includedModules,
          includedSeats: p.includedSeats,
          extraSeatsAllowed: p.extraSeatsAllowed,
          maxSeats: p.maxSeats,
          addonsAllowed: p.addonsAllowed,
          prices: { month: price('month'), year: price('year') },
          change: {
            allowed: !a.lostModules.length && !a.lostSeats,
            wouldLose: { modules: a.lostModules, seats: a.lostSeats },
            addons: a.addons.map((x) => ({ module: x.module, price: m(x.price) })),
            extraSeats: a.seats.extra,
            recurring: m(a.recurring),
          },
        });
      }
      return c.json({ plans: out }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/billing/plan',
      tags: ['billing'],
      summary: 'Change plan (or billing period); 409 lists what a downgrade would lose, 402 asks to confirm prices',
      permission: BILLING_MANAGE,
      request: { body: jsonBody(PlanChangeBody) },
      responses: { 200: json(SummarySchema), ...problemResponses(400, 402, 403, 404, 409) },
    }),
    async (c) => {
      await changePlan(c.var.db, c.var.runtime, await sub(c), c.req.valid('json'), c.var.actor);
      return c.json(await billingSummary(c.var.db, c.var.runtime, c.var.tenant), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/billing/plan/preview',
      tags: ['billing'],
      summary:
        'What a plan change would do, changing nothing: the subscription and its next invoice (net, VAT, total, prorations) as they would be',
      permission: BILLING_MANAGE,
      request: { body: jsonBody(PlanChangeBody.omit({ confirm: true })) },
      responses: { 200: json(SummarySchema), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await previewPlanChange(c.var.db, c.var.runtime, c.var.tenant, c.req.valid('json'), c.var.actor), 200),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/billing/cancel',
      tags: ['billing'],
      summary: 'Cancel at the end of the current period',
      permission: BILLING_MANAGE,
      responses: { 200: json(SummarySchema), ...problemResponses(403, 409) },
    }),
    async (c) => {
      await scheduleCancel(c.var.db, c.var.runtime, await sub(c), c.var.actor);
      return c.json(await billingSummary(c.var.db, c.var.runtime, c.var.tenant), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/billing/reactivate',
      tags: ['billing'],
      summary: 'Withdraw a scheduled cancellation, or reactivate a canceled subscription',
      permission: BILLING_MANAGE,
      responses: { 200: json(SummarySchema), ...problemResponses(403, 409) },
    }),
    async (c) => {
      await tenantReactivate(c.var.db, c.var.runtime, await sub(c), c.var.actor);
      return c.json(await billingSummary(c.var.db, c.var.runtime, c.var.tenant), 200);
    },
  )
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/history',
      tags: ['billing'],
      summary: 'Lifecycle transitions of the subscription, newest first',
      responses: { 200: json(z.object({ transitions: z.array(Transition) })), ...problemResponses(403) },
    }),
    async (c) => {
      await sub(c);
      const rows = await c.var.db
        .selectFrom('core.billing_transitions')
        .select(['at', 'from_status', 'to_status', 'reason', 'actor'])
        .where('tenant_id', '=', c.var.tenant.id)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
      return c.json(
        {
          transitions: rows.map((r) => ({
            at: new Date(r.at).toISOString(),
            from: r.from_status,
            to: r.to_status,
            reason: r.reason,
            actor: r.actor,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/profile',
      tags: ['billing'],
      summary: 'Billing details printed on invoices',
      responses: { 200: json(ProfileSchema), ...problemResponses(403) },
    }),
    async (c) => {
      await sub(c);
      const p = await c.var.db
        .selectFrom('core.billing_profiles')
        .select(['name', 'ico', 'dic', 'street', 'city', 'zip', 'country', 'email'])
        .where('tenant_id', '=', c.var.tenant.id)
        .executeTakeFirstOrThrow();
      return c.json(p, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/billing/profile',
      tags: ['billing'],
      summary: 'Set billing details (IČO and DIČ are validated)',
      permission: BILLING_MANAGE,
      request: { body: jsonBody(ProfileSchema) },
      responses: { 200: json(ProfileSchema), ...problemResponses(400, 403) },
    }),
    async (c) => {
      await sub(c);
      const p = validateProfile(c.req.valid('json'));
      const row = await c.var.db
        .updateTable('core.billing_profiles')
        .set({
          name: p.name,
          ico: p.ico,
          dic: p.dic,
          street: p.street,
          city: p.city,
          zip: p.zip,
          country: p.country,
          email: p.email ?? null,
          updated_at: c.var.runtime.clock.now(),
        })
        .where('tenant_id', '=', c.var.tenant.id)
        .returning(['name', 'ico', 'dic', 'street', 'city', 'zip', 'country', 'email'])
        .executeTakeFirstOrThrow();
      await c.var.ctx.audit({
        action: 'billing.profile_changed',
        entityType: 'billing_profile',
        entityId: null,
        after: row,
      });
      return c.json(row, 200);
    },
  )
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/invoices',
      tags: ['billing'],
      summary: "The tenant's invoices and credit notes, newest first",
      responses: { 200: json(z.object({ invoices: z.array(InvoiceSchema) })), ...problemResponses(403) },
    }),
    async (c) => {
      const list = await loadInvoices(c.var.db, { tenantId: c.var.tenant.id });
      const day = today(c.var.runtime);
      return c.json({ invoices: list.map((i) => invoiceJson(i, day, invoicesBase(c))) }, 200);
    },
  )
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/invoices/{ref}',
      tags: ['billing'],
      summary: 'An invoice: `{id}` as JSON, `{id}.pdf` as PDF (with QR Platba), `{id}.isdoc` as ISDOC 6.0.2',
      request: { params: RefParam },
      responses: {
        200: {
          description: 'JSON, PDF or ISDOC by suffix',
          content: {
            'application/json': { schema: InvoiceSchema },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
            'application/xml': { schema: z.string() },
          },
        },
        ...problemResponses(400, 403, 404),
      },
    }),
    async (c) => {
      const { ref } = c.req.valid('param');
      const [id, ext] = ref.split('.') as [string, string | undefined];
      const inv = await findInvoice(c, id);
      if (ext === 'pdf') return pdfResponse(c, inv) as never;
      if (ext === 'isdoc') return isdocResponse(c, inv) as never;
      return c.json(invoiceJson(inv, today(c.var.runtime), invoicesBase(c)), 200);
    },
  )
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/invoices/{id}/pdf',
      tags: ['billing'],
      summary: 'Invoice PDF',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses(403, 404),
      },
    }),
    async (c) => pdfResponse(c, await findInvoice(c, c.req.valid('param').id)) as never,
  )
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/invoices/{id}/isdoc',
      tags: ['billing'],
      summary: 'Invoice as ISDOC 6.0.2 XML',
      request: { params: IdParam },
      responses: {
        200: { description: 'ISDOC', content: { 'application/xml': { schema: z.string() } } },
        ...problemResponses(403, 404),
      },
    }),
    async (c) => isdocResponse(c, await findInvoice(c, c.req.valid('param').id)) as never,
  )
  // ---- provider pays: the client side ----
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/payer',
      tags: ['billing'],
      summary: 'The provider paying for this tenant, or its pending offer',
      responses: { 200: json(z.object({ payer: PayerLinkSchema.nullable() })), ...problemResponses(403) },
    }),
    async (c) => c.json({ payer: await payerOf(c.var.db, c.var.tenant.id) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/billing/payer/accept',
      tags: ['billing'],
      summary: "Accept a provider's offer to pay this subscription",
      permission: BILLING_MANAGE,
      responses: { 200: json(z.object({ payer: PayerLinkSchema })), ...problemResponses(403, 404) },
    }),
    async (c) => c.json({ payer: await acceptPayer(c.var.db, c.var.runtime, c.var.tenant.id, c.var.actor) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/billing/payer',
      tags: ['billing'],
      summary: 'Decline or end the provider paying for this tenant',
      permission: BILLING_MANAGE,
      responses: { 200: json(Ok), ...problemResponses(403, 404) },
    }),
    async (c) => {
      const link = await payerOf(c.var.db, c.var.tenant.id);
      if (!link) throw notFound(bm.payer_not_found);
      await endPayer(c.var.db, c.var.runtime, { tenantId: c.var.tenant.id }, link, c.var.actor);
      return c.json({ ok: true as const }, 200);
    },
  )
  // ---- provider pays: the provider side ----
  .openapi(
    defineReadRoute({
      method: 'get',
      path: '/billing/clients',
      tags: ['billing'],
      summary: 'Clients whose subscriptions this provider pays (or has offered to)',
      responses: { 200: json(z.object({ clients: z.array(PayerLinkSchema) })), ...problemResponses(403) },
    }),
    async (c) => c.json({ clients: await clientsOf(c.var.db, c.var.tenant.id) }, 200),
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/billing/clients',
      tags: ['billing'],
      summary: "Offer to pay a client's subscription (the client's admin accepts)",
      permission: BILLING_MANAGE,
      request: { body: jsonBody(z.object({ client: z.string().min(1).max(60) })) },
      responses: { 201: json(PayerLinkSchema), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const link = await offerToPay(c.var.db, c.var.runtime, c.var.tenant, c.req.valid('json').client, c.var.actor);
      return c.json(link, 201);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/billing/clients/{id}',
      tags: ['billing'],
      summary: 'Stop paying for a client (id = the client tenant id)',
      permission: BILLING_MANAGE,
      request: { params: IdParam },
      responses: { 200: json(Ok), ...problemResponses(403, 404) },
    }),
    async (c) => {
      const link = (await clientsOf(c.var.db, c.var.tenant.id)).find(
        (l) => l.clientTenantId === c.req.valid('param').id,
      );
      if (!link) throw notFound(bm.client_not_found);
      await endPayer(c.var.db, c.var.runtime, { tenantId: c.var.tenant.id }, link, c.var.actor);
      return c.json({ ok: true as const }, 200);
    },
  );
