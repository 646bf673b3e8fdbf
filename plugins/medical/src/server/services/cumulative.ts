import { notFound, type PluginContext, z } from '@bureau/core';
import { m } from '../messages.ts';
import { type Patient, toPatient } from '../routes/patients.ts';
import { loadTests } from './catalogue.ts';
import { fixed, iso } from './decimal.ts';

export const CumulativePoint = z.object({
  resultId: z.string(),
  orderId: z.string(),
  at: z.string().openapi({ description: 'When the specimen was collected (else when the result was entered)' }),
  value: z.string().nullable(),
  valueText: z.string().nullable(),
  flag: z.enum(['H', 'L', 'HH', 'LL']).nullable(),
  refLow: z.string().nullable(),
  refHigh: z.string().nullable(),
  version: z.number(),
});
export const CumulativeSeries = z
  .object({
    test: z.string(),
    name: z.object({ en: z.string(), cs: z.string() }),
    unit: z.string(),
    decimals: z.number(),
    points: z.array(CumulativePoint),
  })
  .openapi('MedicalCumulativeSeries');
export type CumulativeSeries = z.infer<typeof CumulativeSeries>;

/**
 * A patient's released results over time, one series per test in catalogue order, oldest first.
 * Superseded versions are left out (the amended value stands in their place). Audits the reads.
 */
export async function cumulative(
  ctx: PluginContext,
  patientId: string,
): Promise<{ patient: Patient; series: CumulativeSeries[] }> {
  const { db, tenant } = ctx;
  const p = await db
    .selectFrom('medical.patients')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (!p) throw notFound(m.patient_not_found);
  const rows = await db
    .selectFrom('medical.results as r')
    .innerJoin('medical.specimens as s', (j) =>
      j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.specimen_id'),
    )
    .innerJoin('medical.tests as t', (j) => j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.test_id'))
    .selectAll('r')
    .select(['s.collected_at', 't.code as test_code'])
    .where('r.tenant_id', '=', tenant.id)
    .where('r.patient_id', '=', patientId)
    .where('r.status', '=', 'released')
    .execute();
  const tests = await loadTests(ctx, [...new Set(rows.map((r) => r.test_code as string))]);
  await ctx.auditRead('medical.patient', patientId);
  for (const r of rows) await ctx.auditRead('medical.result', r.id);
  const when = (r: Record<string, any>) => iso(r.collected_at ?? r.entered_at) as string;
  const series = tests
    .map((test) => ({
      test: test.code,
      name: test.name,
      unit: test.unit,
      decimals: test.decimals,
      points: rows
        .filter((r) => r.test_code === test.code)
        .sort((a, b) => when(a).localeCompare(when(b)) || a.version - b.version)
        .map((r) => ({
          resultId: r.id,
          orderId: r.order_id,
          at: when(r),
          value: fixed(r.value, test.decimals),
          valueText: r.value_text ?? null,
          flag: (r.flag ?? null) as 'H' | 'L' | 'HH' | 'LL' | null,
          refLow: fixed(r.ref_low, test.decimals),
          refHigh: fixed(r.ref_high, test.decimals),
          version: r.version,
        })),
    }))
    .sort((a, b) => a.test.localeCompare(b.test));
  return { patient: toPatient(p), series };
}
