import type { Kysely } from 'kysely';
import { newId } from '../lib/ids.ts';

export type Period = 'month' | 'year';
export const CURRENCIES = ['CZK', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export interface PlanPrice {
  price: bigint;
  seatPrice: bigint;
}

/** One immutable version of a plan, with all its prices. */
export interface Plan {
  id: string;
  code: string;
  version: number;
  name: string;
  description: string;
  includedModules: string[];
  includedSeats: number;
  extraSeatsAllowed: boolean;
  maxSeats: number | null;
  addonsAllowed: boolean;
  available: boolean;
  /** `${currency}:${period}` → prices. */
  prices: Map<string, PlanPrice>;
  /** `${module}:${currency}:${period}` → price; module `*` is the price of any module not listed. */
  addons: Map<string, bigint>;
}

const key = (currency: string, period: string) => `${currency}:${period}`;

export function planPrice(plan: Plan, currency: string, period: Period): PlanPrice | null {
  return plan.prices.get(key(currency, period)) ?? null;
}

/** Price of a module as an add-on on this plan, or null when it cannot be added. */
export function addonPrice(plan: Plan, moduleId: string, currency: string, period: Period): bigint | null {
  if (!plan.addonsAllowed) return null;
  return (
    plan.addons.get(`${moduleId}:${key(currency, period)}`) ?? plan.addons.get(`*:${key(currency, period)}`) ?? null
  );
}

async function hydrate(db: Kysely<any>, rows: any[]): Promise<Plan[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const prices = await db.selectFrom('core.billing_plan_prices').selectAll().where('plan_id', 'in', ids).execute();
  const addons = await db.selectFrom('core.billing_addon_prices').selectAll().where('plan_id', 'in', ids).execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    version: Number(r.version),
    name: r.name,
    description: r.description,
    includedModules: r.included_modules,
    includedSeats: Number(r.included_seats),
    extraSeatsAllowed: r.extra_seats_allowed,
    maxSeats: r.max_seats === null ? null : Number(r.max_seats),
    addonsAllowed: r.addons_allowed,
    available: r.available,
    prices: new Map(
      prices
        .filter((p) => p.plan_id === r.id)
        .map((p) => [key(p.currency, p.period), { price: BigInt(p.price), seatPrice: BigInt(p.seat_price) }]),
    ),
    addons: new Map(
      addons
        .filter((a) => a.plan_id === r.id)
        .map((a) => [`${a.module_id}:${key(a.currency, a.period)}`, BigInt(a.price)]),
    ),
  }));
}

export async function planById(db: Kysely<any>, id: string): Promise<Plan> {
  const rows = await db.selectFrom('core.billing_plans').selectAll().where('id', '=', id).execute();
  const [plan] = await hydrate(db, rows);
  if (!plan) throw new Error(`plan ${id} missing`);
  return plan;
}

/** What a plan costs for ordering: its monthly CZK price, else its lowest price in any currency and period. */
function sortPrice(plan: Plan): bigint {
  const czk = plan.prices.get(key('CZK', 'month'));
  if (czk) return czk.price;
  const all = [...plan.prices.values()].map((p) => p.price);
  return all.length ? all.reduce((a, b) => (b < a ? b : a)) : 0n;
}

/** Plans from the cheapest up (issue 20 item 9), then by code. */
export function byPrice(a: Plan, b: Plan): number {
  const d = sortPrice(a) - sortPrice(b);
  return d < 0n ? -1 : d > 0n ? 1 : a.code.localeCompare(b.code);
}

/** The newest version of every plan code (offered or not), from the cheapest up. */
export async function latestPlans(db: Kysely<any>): Promise<Plan[]> {
  const rows = await db
    .selectFrom('core.billing_plans as p')
    .selectAll('p')
    .where(({ eb, selectFrom }) =>
      eb(
        'p.version',
        '=',
        selectFrom('core.billing_plans as q')
          .select(({ fn }) => fn.max('q.version').as('v'))
          .whereRef('q.code', '=', 'p.code'),
      ),
    )
    .orderBy('p.code')
    .execute();
  return (await hydrate(db, rows)).sort(byPrice);
}

/** The version of a plan code new subscriptions get: the newest, if it is offered. */
export async function currentPlan(db: Kysely<any>, code: string): Promise<Plan | null> {
  const plan = (await latestPlans(db)).find((p) => p.code === code);
  return plan?.available ? plan : null;
}

export async function allPlanVersions(db: Kysely<any>): Promise<Plan[]> {
  const rows = await db.selectFrom('core.billing_plans').selectAll().orderBy('code').orderBy('version').execute();
  return hydrate(db, rows);
}

export interface PlanInput {
  code: string;
  name: string;
  description: string;
  includedModules: string[];
  includedSeats: number;
  extraSeatsAllowed: boolean;
  maxSeats: number | null;
  addonsAllowed: boolean;
  prices: { currency: string; period: Period; price: bigint; seatPrice: bigint }[];
  addons: { module: string; currency: string; period: Period; price: bigint }[];
}

/**
 * Publishes a new version of a plan (or its first). Earlier versions stay as they are: the
 * subscriptions on them keep their prices until they change plan.
 */
export async function publishPlan(db: Kysely<any>, input: PlanInput, by: string): Promise<Plan> {
  const last = await db
    .selectFrom('core.billing_plans')
    .select(({ fn }) => fn.max('version').as('v'))
    .where('code', '=', input.code)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const id = newId();
  await db
    .insertInto('core.billing_plans')
    .values({
      id,
      code: input.code,
      version,
      name: input.name,
      description: input.description,
      included_modules: [...new Set(input.includedModules)],
      included_seats: input.includedSeats,
      extra_seats_allowed: input.extraSeatsAllowed,
      max_seats: input.maxSeats,
      addons_allowed: input.addonsAllowed,
      created_by: by,
    })
    .execute();
  if (input.prices.length) {
    await db
      .insertInto('core.billing_plan_prices')
      .values(
        input.prices.map((p) => ({
          plan_id: id,
          currency: p.currency,
          period: p.period,
          price: p.price.toString(),
          seat_price: p.seatPrice.toString(),
        })),
      )
      .execute();
  }
  if (input.addons.length) {
    await db
      .insertInto('core.billing_addon_prices')
      .values(
        input.addons.map((a) => ({
          plan_id: id,
          module_id: a.module,
          currency: a.currency,
          period: a.period,
          price: a.price.toString(),
        })),
      )
      .execute();
  }
  // Earlier versions are no longer offered to new subscriptions.
  await db
    .updateTable('core.billing_plans')
    .set({ available: false })
    .where('code', '=', input.code)
    .where('version', '<', version)
    .where('available', '=', true)
    .execute();
  return planById(db, id);
}
