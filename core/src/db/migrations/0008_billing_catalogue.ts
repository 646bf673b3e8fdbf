import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { newId } from '../../lib/ids.ts';

type Money = { month: number; year: number };
interface SeedPlan {
  code: string;
  name: string;
  description: string;
  includedModules: string[];
  includedSeats: number;
  extraSeatsAllowed: boolean;
  maxSeats: number | null;
  addonsAllowed: boolean;
  /** Whole currency units; stored as minor units (×100). */
  price: Record<'CZK' | 'EUR', Money>;
  seat: Record<'CZK' | 'EUR', Money>;
  addons: Record<string, Record<'CZK' | 'EUR', Money>>;
}

const zero = { CZK: { month: 0, year: 0 }, EUR: { month: 0, year: 0 } };

/** Version 1 of the catalogue (docs/billing.md); operators publish later versions through the API. */
export const SEED_PLANS: SeedPlan[] = [
  {
    code: 'free',
    name: 'Free',
    description: 'Accounting for two people, free for ever.',
    includedModules: ['accounting'],
    includedSeats: 2,
    extraSeatsAllowed: false,
    maxSeats: 2,
    addonsAllowed: false,
    price: zero,
    seat: zero,
    addons: {},
  },
  {
    code: 'standard',
    name: 'Standard',
    description: 'Accounting, orders and IT for a small firm; other modules as add-ons.',
    includedModules: ['accounting', 'orders', 'it'],
    includedSeats: 5,
    extraSeatsAllowed: true,
    maxSeats: null,
    addonsAllowed: true,
    price: { CZK: { month: 990, year: 9900 }, EUR: { month: 39, year: 390 } },
    seat: { CZK: { month: 149, year: 1490 }, EUR: { month: 6, year: 60 } },
    addons: {
      hr: { CZK: { month: 490, year: 4900 }, EUR: { month: 19, year: 190 } },
      medical: { CZK: { month: 990, year: 9900 }, EUR: { month: 39, year: 390 } },
      '*': { CZK: { month: 290, year: 2900 }, EUR: { month: 12, year: 120 } },
    },
  },
  {
    code: 'business',
    name: 'Business',
    description: 'Accounting, orders, IT and HR for twenty people; medical as an add-on.',
    includedModules: ['accounting', 'orders', 'it', 'hr'],
    includedSeats: 20,
    extraSeatsAllowed: true,
    maxSeats: null,
    addonsAllowed: true,
    price: { CZK: { month: 2490, year: 24900 }, EUR: { month: 99, year: 990 } },
    seat: { CZK: { month: 119, year: 1190 }, EUR: { month: 5, year: 50 } },
    addons: {
      medical: { CZK: { month: 790, year: 7900 }, EUR: { month: 32, year: 320 } },
      '*': { CZK: { month: 290, year: 2900 }, EUR: { month: 12, year: 120 } },
    },
  },
];

const minor = (units: number) => String(BigInt(units) * 100n);

export const billingCatalogue: Migration = {
  async up(db: Kysely<any>) {
    for (const p of SEED_PLANS) {
      const id = newId();
      await db
        .insertInto('core.billing_plans')
        .values({
          id,
          code: p.code,
          version: 1,
          name: p.name,
          description: p.description,
          included_modules: p.includedModules,
          included_seats: p.includedSeats,
          extra_seats_allowed: p.extraSeatsAllowed,
          max_seats: p.maxSeats,
          addons_allowed: p.addonsAllowed,
        })
        .execute();
      for (const currency of ['CZK', 'EUR'] as const) {
        for (const period of ['month', 'year'] as const) {
          await db
            .insertInto('core.billing_plan_prices')
            .values({
              plan_id: id,
              currency,
              period,
              price: minor(p.price[currency][period]),
              seat_price: minor(p.seat[currency][period]),
            })
            .execute();
          for (const [module, prices] of Object.entries(p.addons)) {
            await db
              .insertInto('core.billing_addon_prices')
              .values({ plan_id: id, module_id: module, currency, period, price: minor(prices[currency][period]) })
              .execute();
          }
        }
      }
    }
  },
};
