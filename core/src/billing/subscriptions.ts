import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../audit/write.ts';
import type { Actor } from '../http/env.ts';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';
import {
  addonPrice,
  CURRENCIES,
  currentPlan,
  latestPlans,
  type Period,
  type Plan,
  planById,
  planPrice,
} from './catalogue.ts';
import { addDays, asDate, businessDate } from './dates.ts';
import { L, type Lang, moduleTitle } from './labels.ts';

export type Status = 'trial' | 'active' | 'past_due' | 'suspended' | 'canceled';

export interface Subscription {
  id: string;
  tenantId: string;
  planId: string;
  period: Period;
  currency: string;
  status: Status;
  statusSince: Date;
  trialEndsAt: Date | null;
  anchorDate: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  /** Price invoiced in advance for the current period; null during the trial. */
  paidPrice: bigint | null;
  periodBilledAt: Date | null;
  extraSeats: number;
  pendingPeriod: Period | null;
  cancelAtPeriodEnd: boolean;
  retentionUntil: string | null;
}

export const SYSTEM_ACTOR_LABEL = 'system:billing';

function toSubscription(r: any): Subscription {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    planId: r.plan_id,
    period: r.period,
    currency: r.currency,
    status: r.status,
    statusSince: new Date(r.status_since),
    trialEndsAt: r.trial_ends_at ? new Date(r.trial_ends_at) : null,
    anchorDate: asDate(r.anchor_date),
    currentPeriodStart: asDate(r.current_period_start),
    currentPeriodEnd: asDate(r.current_period_end),
    paidPrice: r.paid_price === null ? null : BigInt(r.paid_price),
    periodBilledAt: r.period_billed_at ? new Date(r.period_billed_at) : null,
    extraSeats: Number(r.extra_seats),
    pendingPeriod: r.pending_period,
    cancelAtPeriodEnd: r.cancel_at_period_end,
    retentionUntil: r.retention_until ? asDate(r.retention_until) : null,
  };
}

export async function loadSubscription(
  db: Kysely<any>,
  tenantId: string,
  opts: { lock?: boolean } = {},
): Promise<Subscription | null> {
  let q = db.selectFrom('core.billing_subscriptions').selectAll().where('tenant_id', '=', tenantId);
  if (opts.lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toSubscription(row) : null;
}

export const today = (runtime: Runtime, now = runtime.clock.now()) =>
  businessDate(now, runtime.config.billing.timeZone);

/**
 * The tenant's subscription, created as a trial on first use (sign-up, the first tenant request
 * or the billing run, whichever comes first). Runs in the caller's transaction.
 */
export async function ensureSubscription(
  db: Kysely<any>,
  runtime: Runtime,
  tenant: { id: string; name: string; country: string; currency: string },
): Promise<Subscription> {
  const existing = await loadSubscription(db, tenant.id);
  if (existing) return existing;
  const cfg = runtime.config.billing;
  const plan = (await currentPlan(db, cfg.trialPlan)) ?? (await latestPlans(db)).find((p) => p.available);
  if (!plan) throw new Error('the billing catalogue offers no plan');
  const currency = (CURRENCIES as readonly string[]).includes(tenant.currency) ? tenant.currency : 'EUR';
  const now = runtime.clock.now();
  const trialEndsAt = new Date(now.getTime() + cfg.trialDays * 86_400_000);
  const start = today(runtime, now);
  const end = businessDate(trialEndsAt, cfg.timeZone);
  const id = newId();
  const inserted = await db
    .insertInto('core.billing_subscriptions')
    .values({
      tenant_id: tenant.id,
      id,
      plan_id: plan.id,
      period: 'month',
      currency,
      status: 'trial',
      status_since: now,
      trial_ends_at: trialEndsAt,
      anchor_date: end,
      current_period_start: start,
      current_period_end: end > start ? end : addDays(start, 1),
      created_at: now,
    })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  const sub = (await loadSubscription(db, tenant.id)) as Subscription;
  if (!inserted) return sub; // created concurrently
  await db
    .insertInto('core.billing_profiles')
    .values({ tenant_id: tenant.id, id: newId(), name: tenant.name, country: tenant.country, updated_at: now })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  await recordChange(db, runtime, sub, 'trial_started');
  await recordTransition(db, runtime, sub, null, 'trial', 'trial_started', null);
  return sub;
}

// ---------------------------------------------------------------------------------------------
// State: what the subscription is made of and what it costs per period.

export interface StateItem {
  kind: 'plan' | 'seats' | 'addon';
  module?: string;
  description: string;
  quantity: number;
  unitPrice: bigint;
  amount: bigint;
}

export interface SubscriptionState {
  plan: Plan;
  items: StateItem[];
  price: bigint;
  label: string;
  addons: string[];
}

export async function activeAddons(db: Kysely<any>, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('core.billing_addons')
    .select('module_id')
    .where('tenant_id', '=', tenantId)
    .where('ended_at', 'is', null)
    .orderBy('module_id')
    .execute();
  return rows.map((r) => r.module_id);
}

export async function enabledModules(db: Kysely<any>, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('core.tenant_modules')
    .select('module_id')
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', true)
    .orderBy('module_id')
    .execute();
  return rows.map((r) => r.module_id);
}

/** Seats in use: members plus pending invitations (each will become a member). */
export async function seatUsage(db: Kysely<any>, tenantId: string, now: Date) {
  const m = await db
    .selectFrom('core.memberships')
    .select(({ fn }) => fn.countAll().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const i = await db
    .selectFrom('core.invitations')
    .select(({ fn }) => fn.countAll().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  const members = Number(m?.n ?? 0);
  const pending = Number(i?.n ?? 0);
  return { members, pending, used: members + pending };
}

/** The priced items of a subscription state (plan, extra seats, add-ons). */
export function stateOf(
  runtime: Pick<Runtime, 'plugins'>,
  plan: Plan,
  s: { currency: string; period: Period; extraSeats: number },
  addons: string[],
  lang: Lang,
): SubscriptionState {
  const base = planPrice(plan, s.currency, s.period);
  if (!base) throw new Error(`plan ${plan.code} v${plan.version} has no ${s.currency}/${s.period} price`);
  const items: StateItem[] = [
    {
      kind: 'plan',
      description: L.plan(lang, plan.name, s.period),
      quantity: 1,
      unitPrice: base.price,
      amount: base.price,
    },
  ];
  if (s.extraSeats > 0) {
    items.push({
      kind: 'seats',
      description: L.seats(lang),
      quantity: s.extraSeats,
      unitPrice: base.seatPrice,
      amount: base.seatPrice * BigInt(s.extraSeats),
    });
  }
  const billedAddons: string[] = [];
  for (const module of addons) {
    if (plan.includedModules.includes(module)) continue;
    const price = addonPrice(plan, module, s.currency, s.period) ?? 0n;
    billedAddons.push(module);
    items.push({
      kind: 'addon',
      module,
      description: L.addon(lang, moduleTitle(runtime, module, lang)),
      quantity: 1,
      unitPrice: price,
      amount: price,
    });
  }
  const price = items.reduce((a, i) => a + i.amount, 0n);
  const label = [
    plan.name,
    ...billedAddons.map((m) => moduleTitle(runtime, m, lang)),
    ...(s.extraSeats ? [L.extraSeatsShort(lang, s.extraSeats)] : []),
  ].join(' + ');
  return { plan, items, price, label, addons: billedAddons };
}

export async function currentState(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  lang: Lang,
): Promise<SubscriptionState> {
  const plan = await planById(db, sub.planId);
  return stateOf(runtime, plan, sub, await activeAddons(db, sub.tenantId), lang);
}

/** Appends the subscription's current state to its price history (the proration input). */
export async function recordChange(db: Kysely<any>, runtime: Runtime, sub: Subscription, reason: string) {
  const state = await currentState(db, runtime, sub, 'cs');
  const labelEn = (await currentState(db, runtime, sub, 'en')).label;
  await db
    .insertInto('core.billing_changes')
    .values({
      tenant_id: sub.tenantId,
      id: newId(),
      subscription_id: sub.id,
      at: runtime.clock.now(),
      price: state.price.toString(),
      label: state.label,
      state: JSON.stringify({
        plan: state.plan.code,
        version: state.plan.version,
        period: sub.period,
        currency: sub.currency,
        extraSeats: sub.extraSeats,
        addons: state.addons,
        label: { cs: state.label, en: labelEn },
      }),
      reason,
    })
    .execute();
  return state;
}

/** Writes a lifecycle transition: the row the tenant sees, and an audit entry. */
export async function recordTransition(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  from: Status | null,
  to: Status,
  reason: string,
  actor: Actor | null,
  extra: Record<string, unknown> = {},
) {
  const now = runtime.clock.now();
  await db
    .insertInto('core.billing_transitions')
    .values({
      tenant_id: sub.tenantId,
      id: newId(),
      subscription_id: sub.id,
      at: now,
      from_status: from,
      to_status: to,
      reason,
      actor: actor?.label ?? SYSTEM_ACTOR_LABEL,
    })
    .execute();
  await writeAudit(db, {
    tenantId: sub.tenantId,
    actor,
    requestId: null,
    ip: null,
    at: now,
    action: 'billing.subscription_status_changed',
    entityType: 'billing_subscription',
    entityId: sub.id,
    before: from === null ? undefined : { status: from },
    after: { status: to, reason, ...extra },
  });
}

/** Moves a subscription to a new status (no-op if it is already there). */
export async function transition(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  to: Status,
  reason: string,
  actor: Actor | null = null,
  set: Record<string, unknown> = {},
): Promise<Subscription> {
  if (sub.status === to && !Object.keys(set).length) return sub;
  const now = runtime.clock.now();
  await db
    .updateTable('core.billing_subscriptions')
    .set({ status: to, status_since: now, ...set })
    .where('tenant_id', '=', sub.tenantId)
    .where('id', '=', sub.id)
    .execute();
  if (sub.status !== to)
    await recordTransition(
      db,
      runtime,
      sub,
      sub.status,
      to,
      reason,
      actor,
      set.retention_until ? { retentionUntil: set.retention_until } : {},
    );
  return (await loadSubscription(db, sub.tenantId)) as Subscription;
}

/** The billing contact of a tenant: its profile e-mail, else its owners' e-mails. */
export async function billingEmails(db: Kysely<any>, tenantId: string): Promise<string[]> {
  const p = await db
    .selectFrom('core.billing_profiles')
    .select('email')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (p?.email) return [p.email];
  const owners = await db
    .selectFrom('core.memberships as m')
    .innerJoin('core.users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.tenant_id', '=', tenantId)
    .where('m.role', '=', 'owner')
    .orderBy('u.email')
    .execute();
  return owners.map((o) => o.email);
}

/** The provider currently paying for a tenant's subscription, if any. */
export async function activePayer(db: Kysely<any>, tenantId: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('core.billing_payers as p')
    .innerJoin('core.tenants as t', 't.id', 'p.payer_tenant_id')
    .select(['t.id', 't.name'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.status', '=', 'active')
    .executeTakeFirst();
  return row ?? null;
}

export const lockTenantSubscription = (db: Kysely<any>, tenantId: string) =>
  sql`select 1 from core.billing_subscriptions where tenant_id = ${tenantId} for update`.execute(db);
