import type { Kysely } from 'kysely';
import type { Runtime } from '../runtime.ts';
import { type Period, planById } from './catalogue.ts';
import { addDays, businessDate, czDate, daysBetween, periodEnd } from './dates.ts';
import { L, type Lang } from './labels.ts';
import { prorate } from './proration.ts';
import { activeAddons, type Subscription, type SubscriptionState, seatUsage, stateOf } from './subscriptions.ts';

export interface ChargeLine {
  kind: 'recurring' | 'proration';
  description: string;
  quantity: number;
  unitPrice: bigint;
  amount: bigint;
  periodStart: string;
  periodEnd: string;
}

const labelOf = (row: { label: string; state: any }, lang: Lang): string => {
  const state = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
  return state?.label?.[lang] ?? row.label;
};

/**
 * Prorated charges for the current period so far (and, for a preview, as if the present state
 * held to the period's end): see proration.ts for the rule and the rounding.
 */
export async function prorationCharges(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  lang: Lang,
): Promise<ChargeLine[]> {
  if (sub.paidPrice === null || !sub.periodBilledAt) return [];
  const start = sub.currentPeriodStart;
  const end = sub.currentPeriodEnd;
  const days = daysBetween(start, end);
  if (days <= 0) return [];
  const tz = runtime.config.billing.timeZone;
  const rows = await db
    .selectFrom('core.billing_changes')
    .select(['at', 'price', 'label', 'state'])
    .where('tenant_id', '=', sub.tenantId)
    .where('subscription_id', '=', sub.id)
    .where('at', '>', sub.periodBilledAt)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const before = await db
    .selectFrom('core.billing_changes')
    .select(['label', 'state'])
    .where('tenant_id', '=', sub.tenantId)
    .where('subscription_id', '=', sub.id)
    .where('at', '<=', sub.periodBilledAt)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const result = prorate({
    days,
    paid: sub.paidPrice,
    initial: { price: sub.paidPrice, label: before ? labelOf(before, lang) : '' },
    changes: rows.map((r) => ({
      day: Math.max(0, daysBetween(start, businessDate(new Date(r.at), tz))),
      price: BigInt(r.price),
      label: labelOf(r, lang),
    })),
  });
  return result.lines
    .filter((l) => l.amount > 0n)
    .map((l) => ({
      kind: 'proration' as const,
      description: L.proration(
        lang,
        l.label,
        czDate(addDays(start, l.fromDay)),
        czDate(addDays(start, l.toDay - 1)),
        l.toDay - l.fromDay,
        days,
      ),
      quantity: 1,
      unitPrice: l.amount,
      amount: l.amount,
      periodStart: addDays(start, l.fromDay),
      periodEnd: addDays(start, l.toDay),
    }));
}

export interface NextPeriod {
  start: string;
  end: string;
  anchor: string;
  period: Period;
  extraSeats: number;
  state: SubscriptionState;
  lines: ChargeLine[];
}

/**
 * The period that follows the current one and what it costs in advance. Extra seats no longer in
 * use are dropped at renewal; a pending switch between monthly and yearly takes effect here.
 */
export async function nextPeriod(
  db: Kysely<any>,
  runtime: Runtime,
  sub: Subscription,
  lang: Lang,
): Promise<NextPeriod> {
  const period = sub.pendingPeriod ?? sub.period;
  const start = sub.currentPeriodEnd;
  const anchor = sub.status === 'trial' || period !== sub.period ? start : sub.anchorDate;
  const end = periodEnd(anchor, start, period);
  const plan = await planById(db, sub.planId);
  const { used } = await seatUsage(db, sub.tenantId, runtime.clock.now());
  const extraSeats = Math.min(sub.extraSeats, Math.max(0, used - plan.includedSeats));
  const state = stateOf(
    runtime,
    plan,
    { currency: sub.currency, period, extraSeats },
    await activeAddons(db, sub.tenantId),
    lang,
  );
  const lines = state.items
    .filter((i) => i.amount > 0n)
    .map((i) => ({
      kind: 'recurring' as const,
      description: `${i.description}, ${czDate(start)} – ${czDate(addDays(end, -1))}`,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      amount: i.amount,
      periodStart: start,
      periodEnd: end,
    }));
  return { start, end, anchor, period, extraSeats, state, lines };
}
