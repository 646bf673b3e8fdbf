import type { Kysely } from 'kysely';
import { Problem } from '../http/problem.ts';
import { moneyText } from '../i18n/values.ts';
import { newId } from '../lib/ids.ts';
import { formatMoney, minorDigits, roundHalfAway } from '../lib/money.ts';
import { moduleTitle } from '../plugins/titles.ts';
import type { HookContext, Runtime } from '../runtime.ts';
import { addonPrice, latestPlans, type Plan, planById, planPrice } from './catalogue.ts';
import { daysBetween } from './dates.ts';
import { bm } from './messages.ts';
import {
  activeAddons,
  enabledModules,
  ensureSubscription,
  recordChange,
  type Subscription,
  seatUsage,
  today,
} from './subscriptions.ts';

const price = (amount: bigint, currency: string) => formatMoney(amount, minorDigits(currency));

/** What a price added now costs for the rest of the current period (0 during the trial). */
export function proratedNow(runtime: Runtime, sub: Subscription, fullPrice: bigint): bigint {
  if (sub.status === 'trial' || sub.paidPrice === null) return 0n;
  const days = daysBetween(sub.currentPeriodStart, sub.currentPeriodEnd);
  const left = Math.max(0, daysBetween(today(runtime), sub.currentPeriodEnd));
  return days > 0 ? roundHalfAway(fullPrice * BigInt(left), BigInt(days)) : 0n;
}

async function context(ctx: HookContext) {
  const sub = await ensureSubscription(ctx.db, ctx.runtime, ctx.tenant);
  const plan = await planById(ctx.db, sub.planId);
  return { sub, plan };
}

/** Plans (current versions) that include a module: what the tenant could upgrade to. */
async function plansIncluding(db: Kysely<any>, moduleId: string) {
  return (await latestPlans(db)).filter((p) => p.available && p.includedModules.includes(moduleId)).map((p) => p.code);
}

async function addAddon(ctx: HookContext, sub: Subscription, moduleId: string) {
  const existing = await activeAddons(ctx.db, ctx.tenant.id);
  if (existing.includes(moduleId)) return;
  await ctx.db
    .insertInto('core.billing_addons')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId(),
      subscription_id: sub.id,
      module_id: moduleId,
      started_at: ctx.runtime.clock.now(),
    })
    .execute();
  await recordChange(ctx.db, ctx.runtime, sub, `addon_added:${moduleId}`);
}

/**
 * Entitlement of a module: included in the plan, an add-on already held, an add-on that can be
 * bought (402 `confirmation_required` with the price until the caller confirms) or not available
 * on the plan (402 `not_entitled`).
 */
export async function beforeModuleEnable(ctx: HookContext, moduleId: string, confirmed: boolean) {
  const { sub, plan } = await context(ctx);
  if (plan.includedModules.includes(moduleId)) return;
  if ((await activeAddons(ctx.db, ctx.tenant.id)).includes(moduleId)) return;
  const amount = addonPrice(plan, moduleId, sub.currency, sub.period);
  if (amount === null) {
    throw new Problem(402, 'not_entitled', bm.not_entitled_module, {
      params: { plan: plan.name, module: moduleTitle(ctx.runtime, moduleId) },
      extra: { module: moduleId, plan: plan.code, upgradeTo: await plansIncluding(ctx.db, moduleId) },
    });
  }
  if (!confirmed) {
    throw new Problem(402, 'confirmation_required', bm.addon_confirm, {
      params: {
        plan: plan.name,
        module: moduleTitle(ctx.runtime, moduleId),
        price: moneyText(amount, sub.currency),
        period: sub.period,
      },
      extra: {
        module: moduleId,
        addon: {
          module: moduleId,
          price: price(amount, sub.currency),
          currency: sub.currency,
          period: sub.period,
          proratedNow: price(proratedNow(ctx.runtime, sub, amount), sub.currency),
        },
        confirmWith: { confirm: true },
      },
    });
  }
  await addAddon(ctx, sub, moduleId);
}

/** Adds the add-on on enable (if the before hook did not), ends it on disable. */
export async function afterModuleChange(ctx: HookContext, moduleId: string, enabled: boolean) {
  const { sub, plan } = await context(ctx);
  if (enabled) {
    if (!plan.includedModules.includes(moduleId) && addonPrice(plan, moduleId, sub.currency, sub.period) !== null) {
      await addAddon(ctx, sub, moduleId);
    }
    return;
  }
  const ended = await ctx.db
    .updateTable('core.billing_addons')
    .set({ ended_at: ctx.runtime.clock.now() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('module_id', '=', moduleId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  if (ended.length) await recordChange(ctx.db, ctx.runtime, sub, `addon_ended:${moduleId}`);
}

/** Seats: within included + bought extra seats passes; beyond, extra seats are bought after confirmation. */
export async function beforeSeatAdded(ctx: HookContext, confirmed: boolean) {
  const { sub, plan } = await context(ctx);
  const { used } = await seatUsage(ctx.db, ctx.tenant.id, ctx.runtime.clock.now());
  const allowed = plan.includedSeats + sub.extraSeats;
  if (used + 1 <= allowed) return;
  const seatPrice = planPrice(plan, sub.currency, sub.period)?.seatPrice ?? 0n;
  if (!plan.extraSeatsAllowed || (plan.maxSeats !== null && used + 1 > plan.maxSeats)) {
    throw new Problem(402, 'not_entitled', bm.seat_cap, {
      params: { plan: plan.name, max: plan.maxSeats ?? allowed },
      extra: {
        seats: { used, included: plan.includedSeats, max: plan.maxSeats ?? allowed },
        plan: plan.code,
      },
    });
  }
  const needed = used + 1 - allowed;
  if (!confirmed) {
    throw new Problem(402, 'confirmation_required', bm.seat_confirm, {
      params: { count: needed, price: moneyText(seatPrice, sub.currency), period: sub.period },
      extra: {
        seat: {
          quantity: needed,
          price: price(seatPrice, sub.currency),
          currency: sub.currency,
          period: sub.period,
          proratedNow: price(proratedNow(ctx.runtime, sub, seatPrice * BigInt(needed)), sub.currency),
        },
        seats: { used, included: plan.includedSeats, extra: sub.extraSeats },
        confirmWith: { confirm: true },
      },
    });
  }
  await ctx.db
    .updateTable('core.billing_subscriptions')
    .set({ extra_seats: sub.extraSeats + needed })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', sub.id)
    .execute();
  await recordChange(ctx.db, ctx.runtime, { ...sub, extraSeats: sub.extraSeats + needed }, 'seats_added');
}

/** Price and entitlement of a module for GET /modules. */
export async function moduleInfo(ctx: HookContext, moduleId: string) {
  const { sub, plan } = await context(ctx);
  const included = plan.includedModules.includes(moduleId);
  const active = (await activeAddons(ctx.db, ctx.tenant.id)).includes(moduleId);
  const amount = included ? null : addonPrice(plan, moduleId, sub.currency, sub.period);
  return {
    billing: {
      included,
      addon:
        amount === null ? null : { price: price(amount, sub.currency), currency: sub.currency, period: sub.period },
      addonActive: active,
      entitled: included || active || amount !== null,
    },
  };
}

export interface PlanChangeAssessment {
  plan: Plan;
  /** Enabled modules the new plan cannot carry: a blocker. */
  lostModules: string[];
  /** Enabled modules that would become paid add-ons. */
  addons: { module: string; price: bigint }[];
  seats: { used: number; included: number; allowed: number | null; extra: number };
  /** Members beyond what the plan can ever seat: a blocker. */
  lostSeats: number;
  recurring: bigint;
}

/** What moving the tenant to `plan` would lose, add and cost. */
export async function assessPlanChange(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  plan: Plan,
  period = sub.period,
): Promise<PlanChangeAssessment> {
  const enabled = await enabledModules(db, sub.tenantId);
  const lostModules: string[] = [];
  const addons: { module: string; price: bigint }[] = [];
  for (const m of enabled) {
    if (plan.includedModules.includes(m)) continue;
    const p = addonPrice(plan, m, sub.currency, period);
    if (p === null) lostModules.push(m);
    else addons.push({ module: m, price: p });
  }
  const { used } = await seatUsage(db, sub.tenantId, runtime.clock.now());
  const cap = plan.extraSeatsAllowed ? plan.maxSeats : plan.includedSeats;
  const lostSeats = cap === null ? 0 : Math.max(0, used - cap);
  const extra = Math.max(0, used - plan.includedSeats);
  const base = planPrice(plan, sub.currency, period);
  const recurring =
    (base?.price ?? 0n) +
    (base?.seatPrice ?? 0n) * BigInt(lostSeats ? 0 : extra) +
    addons.reduce((a, x) => a + x.price, 0n);
  return {
    plan,
    lostModules,
    addons,
    seats: { used, included: plan.includedSeats, allowed: cap, extra },
    lostSeats,
    recurring,
  };
}
