import { grants, type PluginContext, Problem, problem, translateBoth } from '@bureau/core';
import { RESULT_RELEASED, type ResultReleased } from '../../contract.ts';
import { m } from '../messages.ts';
import { resultWorkflow, specimenWorkflow } from '../workflows.ts';
import { notifyCritical } from './critical.ts';
import { toResult } from './order-detail.ts';
import { isCritical } from './ranges.ts';
import { resultRow } from './results.ts';

export type ResultKind = 'normal' | 'abnormal' | 'critical';
export type ReleasePermission = 'medical.release' | 'medical.authorise';

export interface ReleaseRule {
  id: string | null;
  discipline: string | null;
  testId: string | null;
  normal: ReleasePermission;
  abnormal: ReleasePermission;
  critical: ReleasePermission;
  fourEyes: boolean | null;
  note: string | null;
}

/** With no rule for a test or its discipline, only an authorised person releases, four-eyes on. */
export const DEFAULT_RULE: ReleaseRule = {
  id: null,
  discipline: null,
  testId: null,
  normal: 'medical.authorise',
  abnormal: 'medical.authorise',
  critical: 'medical.authorise',
  fourEyes: null,
  note: null,
};

export const kindOf = (flag: string | null): ResultKind =>
  isCritical(flag as never) ? 'critical' : flag ? 'abnormal' : 'normal';

export const ruleOf = (r: Record<string, any>): ReleaseRule => ({
  id: r.id,
  discipline: r.discipline ?? null,
  testId: r.test_id ?? null,
  normal: r.normal,
  abnormal: r.abnormal,
  critical: r.critical,
  fourEyes: r.four_eyes ?? null,
  note: r.note ?? null,
});

/** The rule for a test: one naming the test wins over one naming its discipline; else the default. */
export function chooseRule(rules: readonly ReleaseRule[], test: { id: string; discipline: string }): ReleaseRule {
  return (
    rules.find((r) => r.testId === test.id) ??
    rules.find((r) => r.testId === null && r.discipline === test.discipline) ??
    DEFAULT_RULE
  );
}

/** The tenant's local release rules. */
export async function releaseRules(ctx: PluginContext): Promise<ReleaseRule[]> {
  const rows = await ctx.db
    .selectFrom('medical.release_rules')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .execute();
  return rows.map(ruleOf);
}

/** How an audit entry and the result name the rule that allowed a release. */
export const ruleLabel = (rule: ReleaseRule, kind: ResultKind) =>
  rule.id ? `${rule.id}:${kind}:${rule[kind]}` : `default:${kind}:${rule[kind]}`;

/** The QC rejections of the result's worksheet for its test (empty when there are none). */
async function qcRejections(ctx: PluginContext, worksheetId: string | null, testId: string): Promise<string[]> {
  if (!worksheetId) return [];
  const rows = await ctx.db
    .selectFrom('medical.qc_values as q')
    .innerJoin('medical.control_materials as c', (j) =>
      j.onRef('c.tenant_id', '=', 'q.tenant_id').onRef('c.id', '=', 'q.material_id'),
    )
    .select('q.violations')
    .where('q.tenant_id', '=', ctx.tenant.id)
    .where('q.worksheet_id', '=', worksheetId)
    .where('c.test_id', '=', testId)
    .where('q.status', '=', 'rejected')
    .execute();
  return [...new Set(rows.flatMap((r) => (r.violations as string[]) ?? []))];
}

/**
 * Releases a result after the checks the issue names, in this order: QC of its worksheet not
 * rejected (409 `qc_failed`), a critical value called back (409 `callback_missing`), the local
 * rule's permission for this kind of result (403 `release_not_authorised`), four-eyes (409
 * `four_eyes`). Then the workflow transition, the release details, an audit entry naming the rule
 * that allowed it, the superseded older version, the event, and the specimen done when all is out.
 */
export async function releaseResult(ctx: PluginContext, id: string, callerGrants: readonly string[]) {
  const { db, tenant } = ctx;
  const { row, test } = await resultRow(ctx, id);
  if (row.status !== 'entered') {
    // Let the workflow answer with its standard 409 invalid_transition.
    await ctx.transition(resultWorkflow, id, 'release');
  }
  const worksheet = row.worksheet_id
    ? await db
        .selectFrom('medical.worksheets')
        .select('number')
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', row.worksheet_id)
        .executeTakeFirst()
    : undefined;
  const qc = await qcRejections(ctx, row.worksheet_id ?? null, row.test_id);
  if (qc.length) {
    throw problem(
      409,
      m.qc_failed,
      { worksheet: worksheet?.number ?? '', rules: qc.join(', ') },
      {
        extra: { violations: qc, worksheetId: row.worksheet_id },
      },
    );
  }
  const kind = kindOf(row.flag ?? null);
  if (kind === 'critical' && !row.callback_at) throw problem(409, m.callback_missing);
  const rule = chooseRule(await releaseRules(ctx), { id: row.test_id, discipline: test.discipline });
  const needed = rule[kind];
  if (!grants(callerGrants, needed)) {
    const ruleName = rule.note ?? translateBoth(m.default_rule);
    throw new Problem(403, 'release_not_authorised', m.release_not_authorised, {
      params: { rule: ruleName as never, kind: translateBoth(m[`kind_${kind}`]) as never },
      extra: { permission: needed, kind, ruleId: rule.id },
    });
  }
  const settings = await db
    .selectFrom('medical.settings')
    .select('four_eyes')
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirst();
  const fourEyes = rule.fourEyes ?? settings?.four_eyes ?? true;
  if (fourEyes && row.entered_by && row.entered_by === ctx.actor?.userId) throw problem(409, m.four_eyes);

  await ctx.transition(resultWorkflow, id, 'release');
  const now = ctx.now();
  const label = ruleLabel(rule, kind);
  await db
    .updateTable('medical.results')
    .set({
      released_by: ctx.actor?.userId ?? null,
      released_by_label: ctx.actor?.label ?? null,
      released_at: now,
      release_rule: label,
    })
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', id)
    .execute();
  // Not a result entity: the decision and its rule are kept in full (no special-category values here).
  await ctx.audit({
    action: 'medical.release_decision',
    entityType: 'medical.release_rule',
    entityId: rule.id,
    after: { resultId: id, test: test.code, kind, permission: needed, rule: label, fourEyes },
  });
  if (row.supersedes_id) await ctx.transition(resultWorkflow, row.supersedes_id, 'supersede');
  await ctx.emit(RESULT_RELEASED, {
    resultId: id,
    orderId: row.order_id,
    specimenId: row.specimen_id,
    patientId: row.patient_id,
    test: test.code,
    version: row.version,
    critical: kind === 'critical',
    releasedBy: ctx.actor?.userId ?? null,
    releasedAt: now.toISOString(),
  } satisfies ResultReleased);
  if (kind === 'critical')
    await notifyCritical(ctx, 'released', test, { id, order_id: row.order_id, specimen_id: row.specimen_id });
  await completeSpecimenIfDone(ctx, row.specimen_id);
  return toResult(
    {
      ...row,
      status: 'released',
      released_by: ctx.actor?.userId ?? null,
      released_by_label: ctx.actor?.label ?? null,
      released_at: now,
      release_rule: label,
    },
    test,
  );
}

/** The specimen is done once every test ordered on it has a released result. */
async function completeSpecimenIfDone(ctx: PluginContext, specimenId: string) {
  const { db, tenant } = ctx;
  const specimen = await db
    .selectFrom('medical.specimens')
    .select('status')
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', specimenId)
    .executeTakeFirstOrThrow();
  if (specimen.status !== 'in_analysis') return;
  const open = await db
    .selectFrom('medical.order_tests as ot')
    .select('ot.test_id')
    .where('ot.tenant_id', '=', tenant.id)
    .where('ot.specimen_id', '=', specimenId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('medical.results as r')
            .select('r.id')
            .whereRef('r.tenant_id', '=', 'ot.tenant_id')
            .whereRef('r.specimen_id', '=', 'ot.specimen_id')
            .whereRef('r.test_id', '=', 'ot.test_id')
            .where('r.status', '=', 'released'),
        ),
      ),
    )
    .executeTakeFirst();
  if (!open) await ctx.transition(specimenWorkflow, specimenId, 'complete', { input: {} });
}
