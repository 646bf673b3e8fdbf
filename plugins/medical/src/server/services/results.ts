import { badRequest, fieldError, newId, notFound, type PluginContext, problem, z } from '@bureau/core';
import { m } from '../messages.ts';
import { resultWorkflow, specimenWorkflow } from '../workflows.ts';
import { loadTests, rangeOf, type Test, unknownTests } from './catalogue.ts';
import { noticeClinic } from './clinic-notice.ts';
import { notifyCritical } from './critical.ts';
import { num, ymd } from './decimal.ts';
import { evaluateFormula, parseFormula } from './formula.ts';
import { type ResultView, toResult } from './order-detail.ts';
import { ageInDays, deltaPercent, flagOf, isCritical, pickRange, type Sex } from './ranges.ts';

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;

export const ResultInput = z
  .object({
    specimenId: z.uuid(),
    test: z.string().trim().min(1).max(32),
    value: z.union([z.number(), z.string().max(200)]),
    comment: z.string().trim().max(1000).optional(),
    worksheetId: z.uuid().optional(),
  })
  .openapi('MedicalResultInput');
export type ResultInput = z.infer<typeof ResultInput>;

/** A numeric analyte's value as a canonical decimal string, or 400 `not_a_number`. */
function numericValue(test: Test, value: number | string): string {
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim().replace(',', '.');
  if (!DECIMAL.test(s)) {
    throw badRequest('not_a_number', m.not_a_number, [fieldError('value', m.not_a_number, { code: test.code })]);
  }
  return s;
}

interface SpecimenContext {
  specimen: Record<string, any>;
  patient: { id: string; sex: Sex; birth_date: unknown };
}

async function specimenFor(ctx: PluginContext, specimenId: string): Promise<SpecimenContext> {
  const { db, tenant } = ctx;
  const specimen = await db
    .selectFrom('medical.specimens')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', specimenId)
    .executeTakeFirst();
  if (!specimen) throw notFound(m.specimen_not_found);
  const patient = await db
    .selectFrom('medical.orders as o')
    .innerJoin('medical.patients as p', (j) =>
      j.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.patient_id'),
    )
    .select(['p.id', 'p.sex', 'p.birth_date'])
    .where('o.tenant_id', '=', tenant.id)
    .where('o.id', '=', specimen.order_id)
    .executeTakeFirstOrThrow();
  return { specimen, patient: patient as SpecimenContext['patient'] };
}

/** The range, flag and delta of a numeric value for this patient at collection. */
async function judge(ctx: PluginContext, test: Test, sc: SpecimenContext, value: string) {
  const collected = ymd(sc.specimen.collected_at ?? ctx.now());
  const ranges = test.referenceRanges.map((r) =>
    rangeOf({ ...r, age_from_days: r.ageFromDays, age_to_days: r.ageToDays }),
  );
  const range = pickRange(ranges, {
    sex: sc.patient.sex,
    ageDays: ageInDays(ymd(sc.patient.birth_date), collected),
    method: test.method,
  });
  const flag = flagOf(Number(value), {
    low: range?.low ?? null,
    high: range?.high ?? null,
    criticalLow: num(test.criticalLow),
    criticalHigh: num(test.criticalHigh),
  });
  const previous = await ctx.db
    .selectFrom('medical.results')
    .select('value')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('patient_id', '=', sc.patient.id)
    .where('test_id', '=', test.id)
    .where('status', '=', 'released')
    .where('specimen_id', '!=', sc.specimen.id)
    .orderBy('released_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    range,
    flag,
    delta: deltaPercent(Number(value), previous ? num(previous.value) : null),
  };
}

async function checkWorksheet(ctx: PluginContext, worksheetId: string | undefined) {
  if (!worksheetId) return;
  const ws = await ctx.db
    .selectFrom('medical.worksheets')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', worksheetId)
    .executeTakeFirst();
  if (!ws)
    throw badRequest('worksheet_not_found', m.worksheet_not_found, [fieldError('worksheetId', m.worksheet_not_found)]);
}

/**
 * Enters a technician's result: the specimen must be received (or in analysis) and the test ordered
 * on it; the value is flagged against the patient's reference range, compared with the previous
 * result, and a critical value notifies the lab at once. Calculated analytes of the specimen are
 * (re)computed. Refusals write nothing.
 */
export async function enterResult(ctx: PluginContext, input: ResultInput): Promise<ResultView> {
  const { db, tenant } = ctx;
  const sc = await specimenFor(ctx, input.specimenId);
  const [test] = await loadTests(ctx, [input.test]);
  if (!test) throw unknownTests([input.test], 'test');
  const ordered = await db
    .selectFrom('medical.order_tests')
    .select('test_id')
    .where('tenant_id', '=', tenant.id)
    .where('specimen_id', '=', input.specimenId)
    .where('test_id', '=', test.id)
    .executeTakeFirst();
  if (!ordered) {
    throw badRequest('test_not_ordered', m.test_not_ordered, [
      fieldError('test', m.test_not_ordered, { code: test.code }),
    ]);
  }
  const status = sc.specimen.status as string;
  if (status === 'collected') throw problem(409, m.specimen_not_received);
  if (status === 'rejected') throw problem(409, m.specimen_rejected);
  if (status === 'done') throw problem(409, m.specimen_done);
  await checkWorksheet(ctx, input.worksheetId);
  const existing = await db
    .selectFrom('medical.results')
    .select(['id', 'status'])
    .where('tenant_id', '=', tenant.id)
    .where('specimen_id', '=', input.specimenId)
    .where('test_id', '=', test.id)
    .where('status', 'in', ['entered', 'released'])
    .executeTakeFirst();
  if (existing?.status === 'entered') {
    throw problem(409, m.result_exists, { code: test.code }, { extra: { resultId: existing.id } });
  }
  if (existing) throw problem(409, m.result_released, undefined, { extra: { resultId: existing.id } });
  const result = await insertResult(ctx, test, sc, input.value, {
    comment: input.comment ?? null,
    worksheetId: input.worksheetId ?? null,
    version: 1,
    supersedes: null,
    amendReason: null,
  });
  if (status === 'received') await ctx.transition(specimenWorkflow, input.specimenId, 'start');
  await computeCalculated(ctx, sc, input.worksheetId ?? null);
  return result;
}

interface InsertOptions {
  comment: string | null;
  worksheetId: string | null;
  version: number;
  supersedes: string | null;
  amendReason: string | null;
}

async function insertResult(
  ctx: PluginContext,
  test: Test,
  sc: SpecimenContext,
  raw: number | string,
  o: InsertOptions,
): Promise<ResultView> {
  const numeric = test.resultType === 'numeric';
  const value = numeric ? numericValue(test, raw) : null;
  const valueText = numeric ? null : String(raw).trim().slice(0, 200);
  const j = value === null ? null : await judge(ctx, test, sc, value);
  const row = {
    tenant_id: ctx.tenant.id,
    id: newId(),
    specimen_id: sc.specimen.id,
    order_id: sc.specimen.order_id,
    patient_id: sc.patient.id,
    test_id: test.id,
    worksheet_id: o.worksheetId,
    version: o.version,
    supersedes_id: o.supersedes,
    status: resultWorkflow.initial,
    value,
    value_text: valueText,
    flag: j?.flag ?? null,
    ref_low: j?.range?.low ?? null,
    ref_high: j?.range?.high ?? null,
    ref_range_id: j?.range?.id ?? null,
    delta_percent: j?.delta ?? null,
    comment: o.comment,
    amend_reason: o.amendReason,
    entered_by: ctx.actor?.userId ?? null,
    entered_at: ctx.now(),
  };
  await ctx.db.insertInto('medical.results').values(row).execute();
  await ctx.workflow(resultWorkflow).start(row.id);
  await ctx.audit({
    action: o.version > 1 ? 'medical.result_amended' : 'medical.result_entered',
    entityType: 'medical.result',
    entityId: row.id,
    after: { value, flag: row.flag, version: o.version },
  });
  if (isCritical(row.flag)) {
    await notifyCritical(ctx, 'entered', test, row);
    await noticeClinic(ctx, 'critical', { orderId: row.order_id, specimenId: row.specimen_id, resultId: row.id, test });
  }
  return toResult(row, test);
}

/**
 * Recomputes the calculated analytes ordered on the specimen whose inputs all have a current
 * (entered or released) result; an unreleased calculated result is replaced, a released one left.
 */
async function computeCalculated(ctx: PluginContext, sc: SpecimenContext, worksheetId: string | null) {
  const { db, tenant } = ctx;
  const ordered = await db
    .selectFrom('medical.order_tests as ot')
    .innerJoin('medical.tests as t', (j) =>
      j.onRef('t.tenant_id', '=', 'ot.tenant_id').onRef('t.id', '=', 'ot.test_id'),
    )
    .select(['t.code', 't.formula'])
    .where('ot.tenant_id', '=', tenant.id)
    .where('ot.specimen_id', '=', sc.specimen.id)
    .where('t.formula', 'is not', null)
    .execute();
  if (ordered.length === 0) return;
  const current = await db
    .selectFrom('medical.results as r')
    .innerJoin('medical.tests as t', (j) => j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.test_id'))
    .select(['r.id', 'r.status', 'r.value', 't.code'])
    .where('r.tenant_id', '=', tenant.id)
    .where('r.specimen_id', '=', sc.specimen.id)
    .where('r.status', 'in', ['entered', 'released'])
    .execute();
  const values = new Map(current.filter((r) => r.value !== null).map((r) => [r.code as string, Number(r.value)]));
  for (const calc of ordered) {
    const own = current.find((r) => r.code === calc.code);
    if (own?.status === 'released') continue;
    const v = evaluateFormula(parseFormula(calc.formula as string), values);
    if (v === null) continue;
    const [test] = await loadTests(ctx, [calc.code]);
    if (!test) continue;
    if (own) await ctx.transition(resultWorkflow, own.id, 'withdraw', { note: 'recalculated' });
    await insertResult(ctx, test, sc, v.toFixed(Math.min(test.decimals + 2, 6)), {
      comment: null,
      worksheetId,
      version: 1,
      supersedes: null,
      amendReason: null,
    });
  }
}

/** A result row with its test, or 404. */
export async function resultRow(ctx: PluginContext, id: string) {
  const row = await ctx.db
    .selectFrom('medical.results')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(m.result_not_found);
  const test = await ctx.db
    .selectFrom('medical.tests')
    .select('code')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', row.test_id)
    .executeTakeFirstOrThrow();
  const [full] = await loadTests(ctx, [test.code]);
  return { row, test: full as Test };
}

/** Corrects an unreleased result's value (re-flagged); a released one must be amended instead. */
export async function correctResult(ctx: PluginContext, id: string, value: number | string, comment?: string) {
  const { row, test } = await resultRow(ctx, id);
  if (row.status !== 'entered') throw problem(409, m.result_released);
  const sc = await specimenFor(ctx, row.specimen_id);
  await ctx.transition(resultWorkflow, id, 'withdraw', { note: 'corrected' });
  const result = await insertResult(ctx, test, sc, value, {
    comment: comment ?? row.comment ?? null,
    worksheetId: row.worksheet_id ?? null,
    version: row.version,
    supersedes: row.supersedes_id ?? null,
    amendReason: row.amend_reason ?? null,
  });
  await computeCalculated(ctx, sc, row.worksheet_id ?? null);
  return result;
}

/** An amended version of a released result: entered anew, released by the usual rules, the old kept. */
export async function amendResult(ctx: PluginContext, id: string, value: number | string, reason: string) {
  const { row, test } = await resultRow(ctx, id);
  if (row.status !== 'released') throw problem(409, m.not_released);
  const pending = await ctx.db
    .selectFrom('medical.results')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('supersedes_id', '=', id)
    .where('status', '=', 'entered')
    .executeTakeFirst();
  if (pending) throw problem(409, m.result_exists, { code: test.code }, { extra: { resultId: pending.id } });
  const sc = await specimenFor(ctx, row.specimen_id);
  return insertResult(ctx, test, sc, value, {
    comment: row.comment ?? null,
    worksheetId: row.worksheet_id ?? null,
    version: row.version + 1,
    supersedes: id,
    amendReason: reason,
  });
}

/** Records the call-back of a critical value: who at the orderer was told, and when. */
export async function recordCallback(ctx: PluginContext, id: string, to: string, at: Date) {
  const { row, test } = await resultRow(ctx, id);
  if (!isCritical(row.flag)) throw problem(409, m.not_critical);
  if (row.status !== 'entered') throw problem(409, m.result_released);
  await ctx.db
    .updateTable('medical.results')
    .set({ callback_to: to, callback_at: at, callback_by: ctx.actor?.userId ?? null })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  await ctx.audit({
    action: 'medical.result_called_back',
    entityType: 'medical.result',
    entityId: id,
    after: { callbackTo: to, callbackAt: at.toISOString() },
  });
  return toResult({ ...row, callback_to: to, callback_at: at, callback_by: ctx.actor?.userId ?? null }, test);
}
