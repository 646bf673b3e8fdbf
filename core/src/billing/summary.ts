import { type Kysely, sql } from 'kysely';
import type { Actor, TenantInfo } from '../http/env.ts';
import { formatMoney, minorDigits } from '../lib/money.ts';
import type { Runtime } from '../runtime.ts';
import { type Period, planById } from './catalogue.ts';
import { type ChargeLine, nextPeriod, prorationCharges } from './charges.ts';
import { buyerOf } from './invoices.ts';
import { langFor } from './labels.ts';
import { changePlan } from './lifecycle.ts';
import { activePayer, currentState, ensureSubscription, type Subscription, seatUsage } from './subscriptions.ts';
import { vatAmount, vatFor } from './vat.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** GET /billing: the subscription as the tenant sees it and a preview of its next invoice. */
export async function billingSummary(db: Kysely<any>, runtime: Runtime, tenant: TenantInfo) {
  const sub = await ensureSubscription(db, runtime, tenant);
  const payer = await activePayer(db, tenant.id);
  const buyer = await buyerOf(db, payer?.id ?? tenant.id);
  const lang = langFor(buyer.country);
  const plan = await planById(db, sub.planId);
  const state = await currentState(db, runtime, sub, lang);
  const seats = await seatUsage(db, tenant.id, runtime.clock.now());
  const m = (v: bigint) => formatMoney(v, minorDigits(sub.currency));
  const line = (l: ChargeLine) => ({
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unitPrice: m(l.unitPrice),
    amount: m(l.amount),
  });
  let nextInvoice = null;
  if (sub.status !== 'canceled' && sub.status !== 'suspended') {
    const lines = [
      ...(await prorationCharges(db, runtime, sub, lang)),
      ...(sub.cancelAtPeriodEnd ? [] : (await nextPeriod(db, runtime, sub, lang)).lines),
    ];
    const subtotal = lines.reduce((a, l) => a + l.amount, 0n);
    const vat = vatFor(runtime.config.billing.seller.country, buyer);
    const vatTotal = vatAmount(subtotal, vat.rate);
    nextInvoice = {
      date: sub.currentPeriodEnd,
      paidBy: payer ? ('provider' as const) : ('self' as const),
      currency: sub.currency,
      lines: lines.map(line),
      subtotal: m(subtotal),
      vatRate: vat.rate,
      vat: m(vatTotal),
      total: m(subtotal + vatTotal),
    };
  }
  return {
    subscription: {
      status: sub.status,
      statusSince: sub.statusSince.toISOString(),
      plan: {
        code: plan.code,
        version: plan.version,
        name: plan.name,
        includedModules: plan.includedModules,
        includedSeats: plan.includedSeats,
      },
      period: sub.period,
      pendingPeriod: sub.pendingPeriod,
      currency: sub.currency,
      trialEndsAt: sub.status === 'trial' ? iso(sub.trialEndsAt) : null,
      currentPeriodStart: sub.currentPeriodStart,
      currentPeriodEnd: sub.currentPeriodEnd,
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      retentionUntil: sub.retentionUntil,
      items: state.items.map((i) => ({
        kind: i.kind,
        ...(i.module ? { module: i.module } : {}),
        description: i.description,
        quantity: i.quantity,
        unitPrice: m(i.unitPrice),
        amount: m(i.amount),
      })),
      recurringTotal: m(state.price),
      seats: {
        used: seats.used,
        members: seats.members,
        pending: seats.pending,
        included: plan.includedSeats,
        extra: sub.extraSeats,
      },
      paidBy: payer ? { tenantId: payer.id, name: payer.name } : null,
    },
    nextInvoice,
  };
}

/**
 * POST /billing/plan/preview: the plan change made for real (prices accepted, as a confirmed change
 * would be) and the summary read back, inside a savepoint that is then rolled back. The preview is
 * therefore computed by exactly the code that changes the plan and the code that issues the next
 * invoice (`prorationCharges` + `nextPeriod`, VAT by `vatFor`), and nothing of it stays.
 */
export async function previewPlanChange(
  db: Kysely<any>,
  runtime: Runtime,
  tenant: TenantInfo,
  input: { plan: string; period?: Period },
  actor: Actor | null,
) {
  await sql`savepoint billing_plan_preview`.execute(db);
  try {
    const sub = await ensureSubscription(db, runtime, tenant);
    await changePlan(db, runtime, sub, { ...input, confirm: true }, actor);
    return await billingSummary(db, runtime, tenant);
  } finally {
    await sql`rollback to savepoint billing_plan_preview`.execute(db);
    await sql`release savepoint billing_plan_preview`.execute(db);
  }
}

export type { Subscription };
