import { fieldError, newId, notFound, type PluginContext, problem, z } from '@bureau/core';
import { m } from '../messages.ts';
import { loadTests, unknownTests } from './catalogue.ts';
import { type ReleaseRule, ruleOf } from './release.ts';

const Permission = z.enum(['medical.release', 'medical.authorise']);

/** A local rule as the API shows it: the release rule and the code of the test it names. */
export const RuleView = z
  .object({
    id: z.string().nullable(),
    discipline: z.string().nullable(),
    testId: z.string().nullable(),
    test: z.string().nullable(),
    normal: Permission,
    abnormal: Permission,
    critical: Permission,
    fourEyes: z.boolean().nullable(),
    note: z.string().nullable(),
  })
  .openapi('MedicalReleaseRule');
export type RuleView = z.infer<typeof RuleView>;

/** A rule names either a test (by code) or a discipline, and who releases each kind of result. */
export const RuleInput = z
  .object({
    discipline: z.string().trim().min(1).max(40).optional(),
    test: z.string().trim().min(1).max(32).optional(),
    normal: Permission,
    abnormal: Permission,
    critical: Permission,
    fourEyes: z.boolean().nullable().optional(),
    note: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .refine((r) => (r.discipline === undefined) !== (r.test === undefined), {
    path: ['test'],
    message: m.test_or_discipline.ref,
  });
export type RuleInput = z.infer<typeof RuleInput>;

/** The tenant's local rules with their tests' codes: discipline rules first, then by test code. */
export async function listRules(ctx: PluginContext): Promise<RuleView[]> {
  const rows = await ctx.db
    .selectFrom('medical.release_rules as r')
    .leftJoin('medical.tests as t', (j) => j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.test_id'))
    .selectAll('r')
    .select('t.code as test_code')
    .where('r.tenant_id', '=', ctx.tenant.id)
    .orderBy('t.code', (o) => o.nullsFirst())
    .orderBy('r.discipline')
    .execute();
  return rows.map((r) => ({ ...ruleOf(r), test: r.test_code ?? null }));
}

interface Target {
  testId: string | null;
  discipline: string | null;
  test: string | null;
}

/** The rule's target: the test's id for a test code (400 `unknown_test`), else the discipline. */
async function target(ctx: PluginContext, input: RuleInput): Promise<Target> {
  if (!input.test) return { testId: null, discipline: input.discipline ?? null, test: null };
  const [test] = await loadTests(ctx, [input.test]);
  if (!test) throw unknownTests([input.test], 'test');
  return { testId: test.id, discipline: null, test: test.code };
}

/** 409 `rule_exists` when another rule of the tenant names the same test or discipline. */
async function checkFree(ctx: PluginContext, t: Target, self?: string) {
  let q = ctx.db.selectFrom('medical.release_rules').select('id').where('tenant_id', '=', ctx.tenant.id);
  q = t.testId
    ? q.where('test_id', '=', t.testId)
    : q.where('test_id', 'is', null).where('discipline', '=', t.discipline);
  if (self) q = q.where('id', '!=', self);
  const taken = await q.executeTakeFirst();
  if (taken) {
    const params = { target: t.test ?? t.discipline ?? '' };
    throw problem(409, m.rule_exists, params, {
      errors: [fieldError(t.test ? 'test' : 'discipline', m.rule_exists, params)],
      extra: { ruleId: taken.id },
    });
  }
}

const columns = (input: RuleInput, t: Target) => ({
  discipline: t.discipline,
  test_id: t.testId,
  normal: input.normal,
  abnormal: input.abnormal,
  critical: input.critical,
  four_eyes: input.fourEyes ?? null,
  note: input.note ?? null,
});

/**
 * Adds a local rule: one per test and one per discipline (409 `rule_exists` naming the rule that
 * has it). A concurrent twin loses on the unique key and gets the same answer.
 */
export async function createRule(ctx: PluginContext, input: RuleInput): Promise<RuleView> {
  const t = await target(ctx, input);
  await checkFree(ctx, t);
  const row = { tenant_id: ctx.tenant.id, id: newId(), ...columns(input, t) };
  const made = await ctx.db
    .insertInto('medical.release_rules')
    .values(row)
    .onConflict((oc) =>
      t.testId
        ? oc.columns(['tenant_id', 'test_id']).where('test_id', 'is not', null).doNothing()
        : oc.columns(['tenant_id', 'discipline']).where('test_id', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!made) await checkFree(ctx, t);
  await ctx.audit({
    action: 'medical.rule_created',
    entityType: 'medical.release_rule',
    entityId: row.id,
    after: input,
  });
  return { ...ruleOf(row), test: t.test };
}

async function ruleRow(ctx: PluginContext, id: string): Promise<ReleaseRule> {
  const row = await ctx.db
    .selectFrom('medical.release_rules')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(m.rule_not_found);
  return ruleOf(row);
}

/** Changes a rule in place (its target too, if no other rule has the new one); audited before/after. */
export async function updateRule(ctx: PluginContext, id: string, input: RuleInput): Promise<RuleView> {
  const before = await ruleRow(ctx, id);
  const t = await target(ctx, input);
  await checkFree(ctx, t, id);
  const set = columns(input, t);
  await ctx.db
    .updateTable('medical.release_rules')
    .set(set)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({
    action: 'medical.rule_changed',
    entityType: 'medical.release_rule',
    entityId: id,
    before,
    after: input,
  });
  return { ...ruleOf({ id, ...set }), test: t.test };
}

/** Deletes a rule; the test or discipline falls back to the discipline's rule or the default. */
export async function deleteRule(ctx: PluginContext, id: string): Promise<void> {
  const before = await ruleRow(ctx, id);
  await ctx.db
    .deleteFrom('medical.release_rules')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({ action: 'medical.rule_deleted', entityType: 'medical.release_rule', entityId: id, before });
}
