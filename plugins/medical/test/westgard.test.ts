import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  type Observation,
  observation,
  REJECTION_RULES,
  type WestgardRule,
} from '../src/server/services/westgard.ts';

/**
 * Westgard multirules against hand-made control series (mean 100, SD 10) and properties that
 * follow from their definitions (Westgard, Barry, Hunt, Groth, Clin Chem 1981;27:493–501).
 */
const MEAN = '100';
const SD = '10';
const obs = (...values: (number | string)[]) => values.map((v) => observation(v, MEAN, SD));
const rules = (values: (number | string)[], run: (number | string)[] = []) => evaluate(obs(...values), obs(...run));

describe('hand-made control series', () => {
  it('accepts values within 2 SD with no systematic pattern', () => {
    expect(rules([100, 95, 105, 119.9, 80.1])).toEqual({ violations: [], status: 'accepted' });
  });

  it('1-2s warns when one value exceeds 2 SD; a value on the limit does not exceed it', () => {
    expect(rules([100, 121])).toEqual({ violations: ['1-2s'], status: 'warning' });
    expect(rules([100, 79])).toEqual({ violations: ['1-2s'], status: 'warning' });
    expect(rules([100, 120]).violations).toEqual([]);
    expect(rules([100, 80]).violations).toEqual([]);
  });

  it('1-3s rejects one value beyond 3 SD', () => {
    expect(rules([131])).toEqual({ violations: ['1-2s', '1-3s'], status: 'rejected' });
    expect(rules([68.5]).violations).toContain('1-3s');
    expect(rules([130]).violations).toEqual(['1-2s']);
  });

  it('2-2s rejects two consecutive values beyond the same 2 SD limit, across runs or within a run', () => {
    expect(rules([121, 122]).violations).toEqual(['1-2s', '2-2s']);
    expect(rules([78, 77]).violations).toEqual(['1-2s', '2-2s']);
    expect(rules([121, 100, 122]).violations).toEqual(['1-2s']); // not consecutive
    expect(rules([79, 121]).violations).toEqual(['1-2s']); // opposite limits, different runs
    expect(rules([121], [125]).violations).toEqual(['1-2s', '2-2s']); // two levels in one run
  });

  it('R-4s rejects a run where one value exceeds +2 SD and another −2 SD', () => {
    expect(rules([121], [79])).toEqual({ violations: ['1-2s', 'R-4s'], status: 'rejected' });
    expect(rules([121], [80]).violations).toEqual(['1-2s']); // −2 SD exactly is not beyond it
  });

  it('4-1s rejects four consecutive values beyond the same 1 SD limit', () => {
    expect(rules([111, 112, 111.5, 113]).violations).toEqual(['4-1s']);
    expect(rules([89, 88, 85, 89.9]).violations).toEqual(['4-1s']);
    expect(rules([111, 112, 110, 113]).violations).toEqual([]); // 110 sits on the limit
    expect(rules([111, 112, 113]).violations).toEqual([]); // only three
  });

  it('10x rejects ten consecutive values on the same side of the mean', () => {
    const ten = [101, 102, 100.5, 103, 101, 104, 102, 101, 100.1, 102];
    expect(rules(ten)).toEqual({ violations: ['10x'], status: 'rejected' });
    expect(rules(ten.slice(1)).violations).toEqual([]); // nine
    expect(rules([...ten.slice(0, 5), 100, ...ten.slice(5)]).violations).toEqual([]); // one on the mean
    expect(rules(ten.map((v) => 200 - v)).violations).toEqual(['10x']);
  });

  it('is exact at the limits with decimal means and SDs (no float rounding)', () => {
    // 0.1 + 2 × 0.2 = 0.5 exactly; in floats 0.1 + 2 * 0.2 === 0.5 but 0.3 - 0.1 !== 0.2.
    expect(evaluate([observation('0.5', '0.1', '0.2')]).violations).toEqual([]);
    expect(evaluate([observation('0.500001', '0.1', '0.2')]).violations).toEqual(['1-2s']);
    expect(evaluate([observation('0.7', '0.1', '0.2')]).violations).toEqual(['1-2s']); // 3 SD exactly: 1-3s not broken
  });
});

/** An independent reading of the rules over integer deviations, written differently (counting). */
function oracle(series: Observation[], run: Observation[]): Set<WestgardRule> {
  const out = new Set<WestgardRule>();
  const n = series.length;
  const z = (o: Observation, k: bigint) => (o.dev > k * o.sd ? 1 : o.dev < -k * o.sd ? -1 : 0);
  const last = series[n - 1] as Observation;
  if (z(last, 2n) !== 0) out.add('1-2s');
  if (z(last, 3n) !== 0) out.add('1-3s');
  if (n >= 2 && z(last, 2n) !== 0 && z(series[n - 2] as Observation, 2n) === z(last, 2n)) out.add('2-2s');
  for (const p of run) {
    if (z(last, 2n) !== 0 && z(p, 2n) === z(last, 2n)) out.add('2-2s');
    if (z(last, 2n) !== 0 && z(p, 2n) === -z(last, 2n)) out.add('R-4s');
  }
  let up1 = 0;
  let down1 = 0;
  let up0 = 0;
  let down0 = 0;
  for (let i = n - 1; i >= 0; i--) {
    const o = series[i] as Observation;
    if (i >= n - 4) {
      if (z(o, 1n) === 1) up1++;
      if (z(o, 1n) === -1) down1++;
    }
    if (i >= n - 10) {
      if (o.dev > 0n) up0++;
      if (o.dev < 0n) down0++;
    }
  }
  if (up1 === 4 || down1 === 4) out.add('4-1s');
  if (up0 === 10 || down0 === 10) out.add('10x');
  return out;
}

const arbObs = (sd: bigint) => fc.bigInt({ min: -40n * sd, max: 40n * sd }).map((dev) => ({ dev, sd }));
const arbCase = fc.bigInt({ min: 1n, max: 1000n }).chain((sd) =>
  fc.record({
    series: fc.array(
      // Many points near the limits, where off-by-one mistakes live.
      fc.oneof(
        arbObs(sd),
        fc.constantFrom(-3n, -2n, -1n, 0n, 1n, 2n, 3n).map((k) => ({ dev: k * sd, sd })),
      ),
      { minLength: 1, maxLength: 14 },
    ),
    run: fc.array(arbObs(sd), { maxLength: 3 }),
  }),
);

describe('properties', () => {
  it('matches an independent reading of every rule', () => {
    fc.assert(
      fc.property(arbCase, ({ series, run }) => {
        const v = evaluate(series, run);
        expect(new Set(v.violations)).toEqual(oracle(series, run));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects exactly when a rejection rule is broken, warns on 1-2s alone, and 1-3s implies 1-2s', () => {
    fc.assert(
      fc.property(arbCase, ({ series, run }) => {
        const v = evaluate(series, run);
        const rejected = v.violations.some((r) => REJECTION_RULES.includes(r));
        expect(v.status).toBe(rejected ? 'rejected' : v.violations.length ? 'warning' : 'accepted');
        if (v.violations.includes('1-3s')) expect(v.violations).toContain('1-2s');
      }),
    );
  });

  it('is symmetric about the mean and unchanged by scaling values and SD together', () => {
    fc.assert(
      fc.property(arbCase, fc.bigInt({ min: 1n, max: 50n }), ({ series, run }, k) => {
        const v = evaluate(series, run).violations;
        const flip = (o: Observation) => ({ dev: -o.dev, sd: o.sd });
        const scale = (o: Observation) => ({ dev: o.dev * k, sd: o.sd * k });
        expect(evaluate(series.map(flip), run.map(flip)).violations).toEqual(v);
        expect(evaluate(series.map(scale), run.map(scale)).violations).toEqual(v);
      }),
    );
  });

  it('looks back at most ten observations of a material', () => {
    fc.assert(
      fc.property(arbCase, fc.array(arbObs(10n), { maxLength: 5 }), ({ series, run }, older) => {
        fc.pre(series.length >= 10);
        const sd = (series[0] as Observation).sd;
        const prefix = older.map((o) => ({ dev: (o.dev * sd) / 10n, sd }));
        expect(evaluate([...prefix, ...series], run)).toEqual(evaluate(series, run));
      }),
    );
  });

  it('judges raw decimals the same after shifting value and mean together', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: -1000, max: 1000 }),
        (dev, sd, shift) => {
          const a = evaluate([observation((100 + dev / 100).toFixed(2), '100', (sd / 100).toFixed(2))]);
          const b = evaluate([
            observation((100 + shift + dev / 100).toFixed(2), String(100 + shift), (sd / 100).toFixed(2)),
          ]);
          expect(b).toEqual(a);
        },
      ),
    );
  });
});
