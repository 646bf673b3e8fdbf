import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/write.ts';
import { switchTenant } from '../db/with-tenant.ts';
import type { Actor, TenantInfo } from '../http/env.ts';
import { conflict, notFound, Problem } from '../http/problem.ts';
import { moneyText } from '../i18n/values.ts';
import { newId } from '../lib/ids.ts';
import { formatMoney, minorDigits } from '../lib/money.ts';
import type { Runtime } from '../runtime.ts';
import { currentPlan, type Period, planPrice } from './catalogue.ts';
import { assessPlanChange } from './entitlements.ts';
import { balanceOf, type Invoice, issueDocument, loadInvoice, loadInvoices } from './invoices.ts';
import { bm } from './messages.ts';
import { applyToInvoice, overdueFor, reactivate } from './payments.ts';
import { activeAddons, loadSubscription, recordChange, type Subscription, today } from './subscriptions.ts';

const audit = (
  db: Kysely<any>,
  runtime: Runtime,
  tenantId: string,
  actor: Actor | null,
  action: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
) =>
  writeAudit(db, {
    tenantId,
    actor,
    requestId: null,
    ip: null,
    at: runtime.clock.now(),
    action,
    entityType: 'billing_subscription',
    entityId,
    before,
    after,
  });

const money = (v: bigint, currency: string) => formatMoney(v, minorDigits(currency));
const minBig = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Moves a subscription to another plan (the current version of `code`). Refuses with 409
 * `downgrade_blocked` while the change would strand enabled modules or members, and with 402
 * `confirmation_required` (until `confirm`) when it turns enabled modules into paid add-ons or needs
 * extra seats. Takes effect now (prorated on the next invoice); a switch between monthly and yearly
 * takes effect at the next renewal (immediately during the trial).
 */
export async function changePlan(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  input: { plan: string; period?: Period; confirm?: boolean },
  actor: Actor | null,
): Promise<Subscription> {
  const plan = await currentPlan(db, input.plan);
  if (!plan) throw notFound(bm.plan_not_found);
  const period = input.period ?? sub.pendingPeriod ?? sub.period;
  if (!planPrice(plan, sub.currency, period)) {
    throw new Problem(409, 'not_offered', bm.not_offered, {
      params: { plan: plan.name, currency: sub.currency, period },
    });
  }
  const a = await assessPlanChange(db, runtime, sub, plan, period);
  if (a.lostModules.length || a.lostSeats) {
    throw new Problem(409, 'downgrade_blocked', bm.downgrade_blocked, {
      params: { plan: plan.name },
      extra: {
        wouldLose: {
          modules: a.lostModules,
          seats: a.lostSeats ? { used: a.seats.used, allowed: a.seats.allowed, remove: a.lostSeats } : null,
        },
      },
    });
  }
  if (plan.id === sub.planId && period === (sub.pendingPeriod ?? sub.period)) return sub;
  const held = await activeAddons(db, sub.tenantId);
  const newAddons = a.addons.filter((x) => !held.includes(x.module));
  const moreSeats = a.seats.extra > sub.extraSeats;
  if (!input.confirm && (newAddons.length || moreSeats)) {
    throw new Problem(402, 'confirmation_required', bm.plan_confirm, {
      params: { plan: plan.name },
      extra: {
        plan: plan.code,
        recurring: money(a.recurring, sub.currency),
        currency: sub.currency,
        period,
        addons: a.addons.map((x) => ({ module: x.module, price: money(x.price, sub.currency) })),
        extraSeats: a.seats.extra,
        confirmWith: { confirm: true },
      },
    });
  }
  const now = runtime.clock.now();
  // Add-ons for modules the new plan includes end; enabled modules it does not include become add-ons.
  for (const m of held) {
    if (!a.addons.some((x) => x.module === m)) {
      await db
        .updateTable('core.billing_addons')
        .set({ ended_at: now })
        .where('tenant_id', '=', sub.tenantId)
        .where('module_id', '=', m)
        .where('ended_at', 'is', null)
        .execute();
    }
  }
  for (const x of newAddons) {
    await db
      .insertInto('core.billing_addons')
      .values({ tenant_id: sub.tenantId, id: newId(), subscription_id: sub.id, module_id: x.module, started_at: now })
      .execute();
  }
  const immediate = sub.status === 'trial';
  await db
    .updateTable('core.billing_subscriptions')
    .set({
      plan_id: plan.id,
      extra_seats: a.seats.extra,
      ...(immediate ? { period, pending_period: null } : { pending_period: period === sub.period ? null : period }),
    })
    .where('tenant_id', '=', sub.tenantId)
    .where('id', '=', sub.id)
    .execute();
  const after = (await loadSubscription(db, sub.tenantId)) as Subscription;
  await recordChange(db, runtime, after, `plan_changed:${plan.code}`);
  await audit(
    db,
    runtime,
    sub.tenantId,
    actor,
    'billing.plan_changed',
    sub.id,
    { planId: sub.planId, period: sub.period },
    {
      plan: plan.code,
      version: plan.version,
      period,
      addons: a.addons.map((x) => x.module),
      extraSeats: a.seats.extra,
    },
  );
  return after;
}

/** Cancels at the end of the current period (or the trial); reversible until then. */
export async function scheduleCancel(db: Kysely<any>, runtime: Runtime, sub: Subscription, actor: Actor | null) {
  if (sub.status === 'canceled') throw conflict('already_canceled', bm.already_canceled);
  await db
    .updateTable('core.billing_subscriptions')
    .set({ cancel_at_period_end: true })
    .where('tenant_id', '=', sub.tenantId)
    .where('id', '=', sub.id)
    .execute();
  await audit(db, runtime, sub.tenantId, actor, 'billing.cancel_scheduled', sub.id, null, {
    at: sub.currentPeriodEnd,
  });
  return (await loadSubscription(db, sub.tenantId)) as Subscription;
}

/**
 * Undoes a scheduled cancellation, or reactivates a canceled subscription (within retention, with
 * nothing overdue): a new period starts today and is invoiced by the next billing run.
 */
export async function tenantReactivate(db: Kysely<any>, runtime: Runtime, sub: Subscription, actor: Actor | null) {
  if (sub.status !== 'canceled') {
    if (!sub.cancelAtPeriodEnd) throw conflict('not_canceled', bm.not_canceled);
    await db
      .updateTable('core.billing_subscriptions')
      .set({ cancel_at_period_end: false })
      .where('tenant_id', '=', sub.tenantId)
      .where('id', '=', sub.id)
      .execute();
    await audit(db, runtime, sub.tenantId, actor, 'billing.cancel_withdrawn', sub.id, null, null);
    return (await loadSubscription(db, sub.tenantId)) as Subscription;
  }
  if (sub.retentionUntil && sub.retentionUntil < today(runtime)) {
    throw conflict('retention_expired', bm.retention_expired);
  }
  const overdue = await overdueFor(db, runtime, sub.tenantId);
  if (overdue.length) {
    throw new Problem(409, 'outstanding_balance', bm.outstanding_balance, {
      params: { count: overdue.length },
      extra: {
        invoices: overdue.map((i) => ({
          number: i.number,
          balance: money(balanceOf(i), i.currency),
          currency: i.currency,
        })),
      },
    });
  }
  return reactivate(db, runtime, sub, 'reactivated', actor);
}

/**
 * A credit note (opravný daňový doklad) correcting an issued invoice: the whole remaining amount
 * (its lines mirrored) or a stated net amount. The credit settles the invoice's open balance.
 */
export async function issueCreditNote(
  db: Kysely<any>,
  runtime: Runtime,
  invoiceId: string,
  input: { reason: string; amount?: bigint },
  actor: Actor | null,
): Promise<Invoice> {
  const inv = await loadInvoice(db, null, invoiceId);
  if (inv?.kind !== 'invoice') throw notFound(bm.invoice_not_found);
  const previous = (await loadInvoices(db, { tenantId: inv.tenantId })).filter(
    (x) => x.kind === 'credit_note' && x.correctsInvoiceId === inv.id,
  );
  const credited = previous.reduce((a, x) => a - x.subtotal, 0n);
  const remaining = inv.subtotal - credited;
  const amount = input.amount ?? remaining;
  if (amount <= 0n || amount > remaining) {
    throw new Problem(409, 'credit_out_of_range', bm.credit_out_of_range, {
      params: { max: moneyText(remaining, inv.currency) },
      extra: { max: money(remaining, inv.currency) },
    });
  }
  const cs = inv.buyer.country === 'CZ';
  const lines =
    amount === inv.subtotal
      ? inv.lines.map((l) => ({ ...l, unitPrice: -l.unitPrice, amount: -l.amount }))
      : [
          {
            description: cs
              ? `Oprava faktury ${inv.number}: ${input.reason}`
              : `Correction of ${inv.number}: ${input.reason}`,
            quantity: 1,
            unitPrice: -amount,
            amount: -amount,
            subjectTenantId: null,
            periodStart: inv.periodStart,
            periodEnd: inv.periodEnd,
          },
        ];
  const cn = await issueDocument(db, runtime, {
    buyerTenantId: inv.tenantId,
    kind: 'credit_note',
    currency: inv.currency,
    lines,
    periodStart: inv.periodStart,
    periodEnd: inv.periodEnd,
    corrects: inv,
    note: input.reason,
    actor,
  });
  const balance = balanceOf(inv);
  const gross = -cn.total;
  await applyToInvoice(db, runtime, inv, minBig(gross, balance), { kind: 'credit_note', creditNoteId: cn.id }, actor);
  return cn;
}

// ---------------------------------------------------------------------------------------------
// Provider pays

export interface PayerLink {
  id: string;
  clientTenantId: string;
  clientName: string;
  clientSlug: string;
  payerTenantId: string;
  payerName: string;
  status: 'offered' | 'active' | 'ended';
  offeredAt: string;
  acceptedAt: string | null;
}

/*
 * The relation is kept on both sides, like an engagement (DESIGN §3): the authoritative row under
 * the client (`core.billing_payers`, tenant_id = client) and a mirror with the same id under the
 * provider (`core.billing_paid_clients`, tenant_id = provider). Each side reads only its own row;
 * every change writes both in the acting side's tenant transaction, pointing `bureau.tenant_id` at
 * the other side for that write (the request role and RLS stay on) and back.
 */

const iso = (v: unknown) => new Date(v as string).toISOString();

/** The client's side: its current (offered or active) payer, from its own row. */
export async function payerOf(db: Kysely<any>, clientId: string): Promise<PayerLink | null> {
  const r = await db
    .selectFrom('core.billing_payers as p')
    .innerJoin('core.tenants as c', 'c.id', 'p.tenant_id')
    .innerJoin('core.tenants as v', 'v.id', 'p.payer_tenant_id')
    .select([
      'p.id',
      'p.tenant_id',
      'c.name as client_name',
      'c.slug as client_slug',
      'p.payer_tenant_id',
      'v.name as payer_name',
      'p.status',
      'p.offered_at',
      'p.accepted_at',
    ])
    .where('p.tenant_id', '=', clientId)
    .where('p.status', '<>', 'ended')
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    clientTenantId: r.tenant_id,
    clientName: r.client_name,
    clientSlug: r.client_slug,
    payerTenantId: r.payer_tenant_id,
    payerName: r.payer_name,
    status: r.status,
    offeredAt: iso(r.offered_at),
    acceptedAt: r.accepted_at ? iso(r.accepted_at) : null,
  };
}

/** The provider's side: the clients it pays for or has offered to, from its mirror rows. */
export async function clientsOf(db: Kysely<any>, providerId: string): Promise<PayerLink[]> {
  const rows = await db
    .selectFrom('core.billing_paid_clients as m')
    .innerJoin('core.tenants as c', 'c.id', 'm.client_tenant_id')
    .innerJoin('core.tenants as v', 'v.id', 'm.tenant_id')
    .select([
      'm.id',
      'm.client_tenant_id',
      'c.name as client_name',
      'c.slug as client_slug',
      'm.tenant_id',
      'v.name as payer_name',
      'm.status',
      'm.offered_at',
      'm.accepted_at',
    ])
    .where('m.tenant_id', '=', providerId)
    .where('m.status', '<>', 'ended')
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    clientTenantId: r.client_tenant_id,
    clientName: r.client_name,
    clientSlug: r.client_slug,
    payerTenantId: r.tenant_id,
    payerName: r.payer_name,
    status: r.status,
    offeredAt: iso(r.offered_at),
    acceptedAt: r.accepted_at ? iso(r.accepted_at) : null,
  }));
}

/** Writes the same change to the client's row and the provider's mirror, from `current`'s transaction. */
async function updateLink(
  db: Kysely<any>,
  current: string,
  link: { id: string; clientTenantId: string; payerTenantId: string },
  set: Record<string, unknown>,
) {
  await switchTenant(db, current, link.clientTenantId, () =>
    db
      .updateTable('core.billing_payers')
      .set(set)
      .where('tenant_id', '=', link.clientTenantId)
      .where('id', '=', link.id)
      .execute(),
  );
  await switchTenant(db, current, link.payerTenantId, () =>
    db
      .updateTable('core.billing_paid_clients')
      .set(set)
      .where('tenant_id', '=', link.payerTenantId)
      .where('id', '=', link.id)
      .execute(),
  );
}

/** A provider offers to pay a client's subscription; the client's admin accepts it. */
export async function offerToPay(
  db: Kysely<any>,
  runtime: Runtime,
  provider: TenantInfo,
  clientSlug: string,
  actor: Actor | null,
) {
  if (provider.kind !== 'provider') throw conflict('not_a_provider', bm.not_a_provider);
  const client = await db
    .selectFrom('core.tenants')
    .select(['id', 'kind'])
    .where('slug', '=', clientSlug)
    .executeTakeFirst();
  if (!client || client.id === provider.id) throw notFound(bm.client_not_found);
  const id = newId();
  const offeredAt = runtime.clock.now();
  const exists = await switchTenant(db, provider.id, client.id, async () => {
    // Only a provider the client engaged may offer (issue 11, item 9): any other learns nothing (the
    // same 404 as an unknown slug) and cannot squat the client's payer slot.
    if (!(await activeEngagement(db, client.id, provider.id))) return 'unknown';
    if (await payerOf(db, client.id)) return true;
    await db
      .insertInto('core.billing_payers')
      .values({ tenant_id: client.id, id, payer_tenant_id: provider.id, status: 'offered', offered_at: offeredAt })
      .execute();
    return false;
  });
  if (exists === 'unknown') throw notFound(bm.client_not_found);
  if (exists) throw conflict('payer_exists', bm.payer_exists);
  await db
    .insertInto('core.billing_paid_clients')
    .values({ tenant_id: provider.id, id, client_tenant_id: client.id, status: 'offered', offered_at: offeredAt })
    .execute();
  await writeAudit(db, {
    tenantId: provider.id,
    actor,
    requestId: null,
    ip: null,
    at: runtime.clock.now(),
    action: 'billing.payer_offered',
    entityType: 'billing_payer',
    entityId: id,
    after: { client: clientSlug },
  });
  return (await clientsOf(db, provider.id)).find((l) => l.id === id) as PayerLink;
}

/** Whether `clientId` has an active engagement with `providerId` (read in the client's transaction). */
async function activeEngagement(db: Kysely<any>, clientId: string, providerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('core.engagements')
    .select('id')
    .where('tenant_id', '=', clientId)
    .where('provider_tenant_id', '=', providerId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return !!row;
}

export async function acceptPayer(db: Kysely<any>, runtime: Runtime, clientId: string, actor: Actor | null) {
  const link = await payerOf(db, clientId);
  if (link?.status !== 'offered') throw notFound(bm.offer_not_found);
  // An offer counts only while its provider is engaged by the client.
  if (!(await activeEngagement(db, clientId, link.payerTenantId))) throw notFound(bm.offer_not_found);
  await updateLink(db, clientId, link, { status: 'active', accepted_at: runtime.clock.now() });
  await writeAudit(db, {
    tenantId: clientId,
    actor,
    requestId: null,
    ip: null,
    at: runtime.clock.now(),
    action: 'billing.payer_accepted',
    entityType: 'billing_payer',
    entityId: link.id,
    after: { payer: link.payerName },
  });
  return (await payerOf(db, clientId)) as PayerLink;
}

/**
 * Ends a payer relation (either side; `by` is the tenant whose transaction `db` is). Charges
 * already made stay with whoever they were for.
 */
export async function endPayer(
  db: Kysely<any>,
  runtime: Runtime,
  by: { tenantId: string },
  link: PayerLink,
  actor: Actor | null,
) {
  await updateLink(db, by.tenantId, link, { status: 'ended', ended_at: runtime.clock.now() });
  await writeAudit(db, {
    tenantId: by.tenantId,
    actor,
    requestId: null,
    ip: null,
    at: runtime.clock.now(),
    action: 'billing.payer_ended',
    entityType: 'billing_payer',
    entityId: link.id,
    before: { client: link.clientSlug, payer: link.payerName, status: link.status },
  });
}
