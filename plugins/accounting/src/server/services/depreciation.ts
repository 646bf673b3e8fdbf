import { DISPOSAL_YEAR_SHARE, depreciationLaw, type TaxGroup } from '../data/cz-depreciation.ts';
import { parseDecimal } from './amounts.ts';
import { addMonths, monthStart } from './dates.ts';

/**
 * Depreciation plans, as pure functions of an asset card. Amounts are minor units (haléře);
 * tax depreciation is whole koruny, rounded up as the income tax act requires.
 */

const KORUNA = 100n;
const ceilDiv = (a: bigint, b: bigint) => (a <= 0n ? 0n : (a + b - 1n) / b);
/** Rounds minor units up to whole koruny. */
const upToKoruna = (minor: bigint) => ceilDiv(minor, KORUNA) * KORUNA;

export interface TaxYear {
  year: number;
  /** The year's depreciation claimed (or claimable), minor units. */
  amount: bigint;
  /** Tax residual price after this year. */
  residual: bigint;
  /** True when the year was suspended (no depreciation, the plan moves a year on). */
  suspended: boolean;
  /** The year of disposal: half the annual amount. */
  disposal: boolean;
}

/**
 * The tax depreciation plan of a tangible asset (ZDP § 31 straight-line, § 32 accelerated),
 * from its first year until the residual price is nil or the year of disposal. `suspended` years
 * (přerušení odpisování) claim nothing and move the plan on.
 */
export function taxPlan(input: {
  cost: bigint;
  group: TaxGroup;
  method: 'straight' | 'accelerated';
  firstYear: number;
  disposalYear?: number | null | undefined;
  suspended?: ReadonlySet<number>;
}): TaxYear[] {
  const law = depreciationLaw(input.firstYear);
  const out: TaxYear[] = [];
  let residual = input.cost;
  let depreciatedYears = 0;
  for (let year = input.firstYear; residual > 0n && year < input.firstYear + 200; year++) {
    if (input.disposalYear != null && year > input.disposalYear) break;
    if (input.suspended?.has(year)) {
      out.push({ year, amount: 0n, residual, suspended: true, disposal: false });
      continue;
    }
    let annual: bigint;
    if (input.method === 'straight') {
      const r = law.straight[input.group];
      const rate = parseDecimal(depreciatedYears === 0 ? r.first : r.later);
      if (!rate) throw new Error('bad depreciation rate');
      const exact = input.cost * rate.num;
      const den = 10n ** BigInt(rate.scale) * 100n;
      annual = upToKoruna(ceilDiv(exact, den));
    } else {
      const k = law.accelerated[input.group];
      annual =
        depreciatedYears === 0
          ? upToKoruna(ceilDiv(input.cost, BigInt(k.first)))
          : upToKoruna(ceilDiv(2n * residual, BigInt(Math.max(k.later - depreciatedYears, 1))));
    }
    const disposal = input.disposalYear === year;
    if (disposal) annual = upToKoruna(ceilDiv(annual * DISPOSAL_YEAR_SHARE.num, DISPOSAL_YEAR_SHARE.den));
    const amount = annual > residual ? residual : annual;
    residual -= amount;
    depreciatedYears += 1;
    out.push({ year, amount, residual, suspended: false, disposal });
  }
  return out;
}

export interface AccountingMonth {
  /** First day of the month the depreciation belongs to. */
  period: string;
  amount: bigint;
  /** 1-based month of the useful life. */
  index: number;
}

/**
 * Straight-line accounting depreciation by month from the month after the asset was put into use
 * over its useful life: month k takes round(cost·k/life) − round(cost·(k−1)/life), so the months
 * add up to the cost exactly.
 */
export function accountingPlan(input: { cost: bigint; lifeMonths: number; inUseDate: string }): AccountingMonth[] {
  const first = addMonths(monthStart(input.inUseDate), 1);
  const life = BigInt(input.lifeMonths);
  const at = (k: bigint) => (input.cost * k * 2n + life) / (2n * life);
  const out: AccountingMonth[] = [];
  for (let k = 1; k <= input.lifeMonths; k++) {
    out.push({ period: addMonths(first, k - 1), amount: at(BigInt(k)) - at(BigInt(k - 1)), index: k });
  }
  return out;
}
