import { badRequest, fieldError, newId, type PluginContext, Problem, problem, z } from '@bureau/core';
import type { Kysely } from 'kysely';
import { STARTER_PANELS, STARTER_RULES, STARTER_TESTS } from '../data/catalogue.ts';
import { m } from '../messages.ts';
import { Decimal, dec } from './decimal.ts';
import { FormulaError, formulaInputs, parseFormula } from './formula.ts';
import type { RangeRow } from './ranges.ts';

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/);
const Name = z.union([
  z.string().trim().min(1).max(120),
  z.object({ en: z.string().trim().min(1).max(120), cs: z.string().trim().min(1).max(120) }),
]);

export const RangeInput = z
  .object({
    sex: z.enum(['male', 'female']).optional(),
    ageFromDays: z.number().int().min(0).max(60000).optional(),
    ageToDays: z.number().int().min(1).max(60000).optional(),
    method: z.string().trim().min(1).max(80).optional(),
    low: Decimal.optional(),
    high: Decimal.optional(),
    source: z.string().trim().max(300).optional(),
  })
  .refine((r) => r.ageFromDays === undefined || r.ageToDays === undefined || r.ageFromDays < r.ageToDays, {
    path: ['ageToDays'],
    message: m.age_to_after_from.ref,
  })
  .refine((r) => r.low === undefined || r.high === undefined || Number(r.low) <= Number(r.high), {
    path: ['high'],
    message: m.high_below_low.ref,
  });

export const TestInput = z
  .object({
    code: Code,
    name: Name,
    unit: z.string().trim().min(1).max(30),
    loinc: z
      .string()
      .trim()
      .regex(/^[0-9]{1,7}-[0-9]$/)
      .optional(),
    nationalCode: z.string().trim().min(1).max(20).optional(),
    specimenType: z.string().trim().min(1).max(40),
    container: z.string().trim().min(1).max(60).optional(),
    discipline: z.string().trim().min(1).max(40).optional(),
    method: z.string().trim().min(1).max(80).optional(),
    instrument: z.string().trim().min(1).max(80).optional(),
    resultType: z.enum(['numeric', 'text']).optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    referenceRanges: z.array(RangeInput).max(50).default([]),
    criticalLow: Decimal.optional(),
    criticalHigh: Decimal.optional(),
    tatMinutes: z.number().int().min(1).max(100000).optional(),
    formula: z.string().trim().min(1).max(200).optional(),
  })
  .openapi('MedicalTestInput');
export type TestInput = z.output<typeof TestInput>;

export const ReferenceRange = z.object({
  id: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  ageFromDays: z.number().nullable(),
  ageToDays: z.number().nullable(),
  method: z.string().nullable(),
  low: z.string().nullable(),
  high: z.string().nullable(),
  source: z.string().nullable(),
});

export const Test = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.object({ en: z.string(), cs: z.string() }),
    unit: z.string(),
    loinc: z.string().nullable(),
    nationalCode: z.string().nullable(),
    specimenType: z.string(),
    container: z.string().nullable(),
    discipline: z.string(),
    method: z.string().nullable(),
    instrument: z.string().nullable(),
    resultType: z.enum(['numeric', 'text']),
    decimals: z.number(),
    referenceRanges: z.array(ReferenceRange),
    criticalLow: z.string().nullable(),
    criticalHigh: z.string().nullable(),
    tatMinutes: z.number().nullable(),
    formula: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi('MedicalTest');
export type Test = z.infer<typeof Test>;

export interface TestRow {
  id: string;
  code: string;
  name_en: string;
  name_cs: string;
  unit: string;
  loinc: string | null;
  national_code: string | null;
  specimen_type: string;
  container: string | null;
  discipline: string;
  method: string | null;
  instrument: string | null;
  result_type: 'numeric' | 'text';
  decimals: number;
  critical_low: unknown;
  critical_high: unknown;
  tat_minutes: number | null;
  formula: string | null;
  active: boolean;
}

export const rangeOf = (r: Record<string, any>): RangeRow & { source: string | null } => ({
  id: r.id,
  sex: r.sex ?? null,
  ageFromDays: r.age_from_days ?? null,
  ageToDays: r.age_to_days ?? null,
  method: r.method ?? null,
  low: r.low == null ? null : Number(r.low),
  high: r.high == null ? null : Number(r.high),
  source: r.source ?? null,
});

export function toTest(t: TestRow, ranges: Record<string, any>[]): Test {
  return {
    id: t.id,
    code: t.code,
    name: { en: t.name_en, cs: t.name_cs },
    unit: t.unit,
    loinc: t.loinc,
    nationalCode: t.national_code,
    specimenType: t.specimen_type,
    container: t.container,
    discipline: t.discipline,
    method: t.method,
    instrument: t.instrument,
    resultType: t.result_type,
    decimals: t.decimals,
    referenceRanges: ranges.map((r) => ({
      id: r.id,
      sex: r.sex ?? null,
      ageFromDays: r.age_from_days ?? null,
      ageToDays: r.age_to_days ?? null,
      method: r.method ?? null,
      low: dec(r.low),
      high: dec(r.high),
      source: r.source ?? null,
    })),
    criticalLow: dec(t.critical_low),
    criticalHigh: dec(t.critical_high),
    tatMinutes: t.tat_minutes,
    formula: t.formula,
    active: t.active,
  };
}

/** Tests by code (all of them when `codes` is omitted), with their reference ranges. */
export async function loadTests(ctx: PluginContext, codes?: readonly string[]): Promise<Test[]> {
  let q = ctx.db
    .selectFrom('medical.tests')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .orderBy('discipline')
    .orderBy('code');
  if (codes) {
    if (codes.length === 0) return [];
    q = q.where('code', 'in', codes as string[]);
  }
  const tests = (await q.execute()) as TestRow[];
  if (tests.length === 0) return [];
  const ranges = await ctx.db
    .selectFrom('medical.reference_ranges')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where(
      'test_id',
      'in',
      tests.map((t) => t.id),
    )
    .orderBy('sex')
    .orderBy('age_from_days')
    .execute();
  return tests.map((t) =>
    toTest(
      t,
      ranges.filter((r) => r.test_id === t.id),
    ),
  );
}

/** Refuses a formula that does not parse or names a test the catalogue lacks (or itself). */
async function checkFormula(db: Kysely<any>, tenantId: string, code: string, formula: string) {
  let inputs: string[];
  try {
    inputs = formulaInputs(parseFormula(formula));
  } catch (e) {
    const reason = e instanceof FormulaError ? e.message : 'invalid';
    throw badRequest('bad_formula', m.bad_formula, [fieldError('formula', m.bad_formula, { reason })]);
  }
  const known = inputs.length
    ? await db
        .selectFrom('medical.tests')
        .select('code')
        .where('tenant_id', '=', tenantId)
        .where('code', 'in', inputs)
        .execute()
    : [];
  const missing = inputs.filter((c) => c === code || !known.some((k) => k.code === c));
  if (missing.length) {
    throw badRequest('bad_formula', m.bad_formula, [
      fieldError('formula', m.bad_formula, { reason: missing.join(', ') }),
    ]);
  }
}

const rangeRows = (tenantId: string, testId: string, ranges: TestInput['referenceRanges']) =>
  ranges.map((r) => ({
    tenant_id: tenantId,
    id: newId(),
    test_id: testId,
    sex: r.sex ?? null,
    age_from_days: r.ageFromDays ?? null,
    age_to_days: r.ageToDays ?? null,
    method: r.method ?? null,
    low: r.low ?? null,
    high: r.high ?? null,
    source: r.source ?? null,
  }));

function columns(input: TestInput) {
  const name = typeof input.name === 'string' ? { en: input.name, cs: input.name } : input.name;
  return {
    code: input.code,
    name_en: name.en,
    name_cs: name.cs,
    unit: input.unit,
    loinc: input.loinc ?? null,
    national_code: input.nationalCode ?? null,
    specimen_type: input.specimenType,
    container: input.container ?? null,
    discipline: input.discipline ?? 'biochemistry',
    method: input.method ?? null,
    instrument: input.instrument ?? null,
    result_type: input.resultType ?? 'numeric',
    decimals: input.decimals ?? 1,
    critical_low: input.criticalLow ?? null,
    critical_high: input.criticalHigh ?? null,
    tat_minutes: input.tatMinutes ?? null,
    formula: input.formula ?? null,
  };
}

/** Adds a test to the catalogue: 409 `test_exists` for a taken code, 400 `bad_formula`. */
export async function createTest(ctx: PluginContext, input: TestInput): Promise<Test> {
  const { db, tenant } = ctx;
  const taken = await db
    .selectFrom('medical.tests')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken) throw problem(409, m.test_exists, { code: input.code });
  if (input.formula) await checkFormula(db, tenant.id, input.code, input.formula);
  const id = newId();
  await db
    .insertInto('medical.tests')
    .values({ tenant_id: tenant.id, id, ...columns(input) })
    .execute();
  const ranges = rangeRows(tenant.id, id, input.referenceRanges);
  if (ranges.length) await db.insertInto('medical.reference_ranges').values(ranges).execute();
  await ctx.audit({ action: 'medical.test_created', entityType: 'medical.test', entityId: id, after: input });
  return (await loadTests(ctx, [input.code]))[0] as Test;
}

/** Replaces a test's definition and reference ranges (the code stays). */
export async function updateTest(ctx: PluginContext, id: string, input: TestInput): Promise<Test | null> {
  const { db, tenant } = ctx;
  const before = await db
    .selectFrom('medical.tests')
    .select('code')
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) return null;
  const next = { ...input, code: before.code };
  if (next.formula) await checkFormula(db, tenant.id, next.code, next.formula);
  await db
    .updateTable('medical.tests')
    .set(columns(next))
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', id)
    .execute();
  await db
    .deleteFrom('medical.reference_ranges')
    .where('tenant_id', '=', tenant.id)
    .where('test_id', '=', id)
    .execute();
  const ranges = rangeRows(tenant.id, id, next.referenceRanges);
  if (ranges.length) await db.insertInto('medical.reference_ranges').values(ranges).execute();
  await ctx.audit({ action: 'medical.test_updated', entityType: 'medical.test', entityId: id, after: next });
  return (await loadTests(ctx, [next.code]))[0] ?? null;
}

/** Seeds the starter catalogue, panels and local rule when the lab's catalogue is empty. */
export async function seedCatalogue(ctx: PluginContext): Promise<void> {
  const { db, tenant } = ctx;
  await db
    .insertInto('medical.settings')
    .values({ tenant_id: tenant.id })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  const any = await db.selectFrom('medical.tests').select('id').where('tenant_id', '=', tenant.id).executeTakeFirst();
  if (any) return;
  const ids = new Map<string, string>();
  for (const t of STARTER_TESTS) {
    const id = newId();
    ids.set(t.code, id);
    await db
      .insertInto('medical.tests')
      .values({
        tenant_id: tenant.id,
        id,
        ...columns({
          ...t,
          loinc: t.loinc ?? undefined,
          referenceRanges: [],
        }),
      })
      .execute();
    const ranges = rangeRows(
      tenant.id,
      id,
      t.referenceRanges.map((r) => ({ ...r })),
    );
    if (ranges.length) await db.insertInto('medical.reference_ranges').values(ranges).execute();
  }
  for (const p of STARTER_PANELS) {
    const panelId = newId();
    await db
      .insertInto('medical.panels')
      .values({ tenant_id: tenant.id, id: panelId, code: p.code, name_en: p.name.en, name_cs: p.name.cs })
      .execute();
    await db
      .insertInto('medical.panel_tests')
      .values(
        p.tests.map((code, position) => ({
          tenant_id: tenant.id,
          panel_id: panelId,
          test_id: ids.get(code) as string,
          position,
        })),
      )
      .execute();
  }
  for (const r of STARTER_RULES) {
    await db
      .insertInto('medical.release_rules')
      .values({ tenant_id: tenant.id, id: newId(), ...r })
      .execute();
  }
}

/** Panels with the codes of their tests, in order. */
export async function loadPanels(ctx: PluginContext) {
  const rows = await ctx.db
    .selectFrom('medical.panels as p')
    .innerJoin('medical.panel_tests as pt', (j) =>
      j.onRef('pt.tenant_id', '=', 'p.tenant_id').onRef('pt.panel_id', '=', 'p.id'),
    )
    .innerJoin('medical.tests as t', (j) =>
      j.onRef('t.tenant_id', '=', 'pt.tenant_id').onRef('t.id', '=', 'pt.test_id'),
    )
    .select(['p.id', 'p.code', 'p.name_en', 'p.name_cs', 't.code as test_code', 'pt.position'])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .orderBy('p.code')
    .orderBy('pt.position')
    .execute();
  const panels = new Map<string, { id: string; code: string; name: { en: string; cs: string }; tests: string[] }>();
  for (const r of rows) {
    const p = panels.get(r.id) ?? {
      id: r.id,
      code: r.code,
      name: { en: r.name_en, cs: r.name_cs },
      tests: [] as string[],
    };
    p.tests.push(r.test_code);
    panels.set(r.id, p);
  }
  return [...panels.values()];
}

/** 400 `unknown_test` naming the codes the catalogue lacks; nothing is written. */
export function unknownTests(missing: readonly string[], path = 'tests'): Problem {
  const params = { count: missing.length, codes: missing.join(', ') };
  return new Problem(400, 'unknown_test', m.unknown_test, {
    params,
    errors: [fieldError(path, m.unknown_test, params)],
    extra: { unknown: [...missing] },
  });
}
