import {
  badRequest,
  defineRoute,
  fieldError,
  json,
  jsonBody,
  newId,
  notFound,
  type PluginRouter,
  problem,
  problemResponses,
  z,
} from '@bureau/core';
import { QC_REJECTED, type QcRejected } from '../../contract.ts';
import { fm } from '../../field-messages.ts';
import { m } from '../messages.ts';
import { loadTests, unknownTests } from '../services/catalogue.ts';
import { Decimal, dec, iso, ymd } from '../services/decimal.ts';
import { evaluate, observation, zScore } from '../services/westgard.ts';

const Id = z.object({ id: z.uuid() });

const Material = z
  .object({
    id: z.string(),
    test: z.string(),
    name: z.string(),
    lot: z.string(),
    level: z.number(),
    mean: z.string(),
    sd: z.string(),
    expires: z.string().nullable(),
  })
  .openapi('MedicalControlMaterial');
const MaterialInput = z.object({
  test: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(120),
  lot: z.string().trim().min(1).max(40),
  level: z.number().int().min(1).max(9),
  mean: Decimal,
  sd: Decimal.refine((v) => Number(v) > 0, fm.positive.ref),
  expires: z.iso.date().optional(),
});
const QcValue = z
  .object({
    id: z.string(),
    materialId: z.string(),
    worksheetId: z.string().nullable(),
    value: z.string(),
    z: z.number(),
    status: z.enum(['accepted', 'warning', 'rejected']),
    violations: z.array(z.string()),
    measuredAt: z.string(),
  })
  .openapi('MedicalQcValue');
const QcInput = z.object({
  materialId: z.uuid(),
  value: Decimal,
  worksheetId: z.uuid().optional(),
  measuredAt: z.iso.datetime({ offset: true }).optional(),
});
const Worksheet = z
  .object({
    id: z.string(),
    number: z.string(),
    instrument: z.string(),
    discipline: z.string().nullable(),
    createdAt: z.string(),
    results: z.number(),
    qcRejected: z.boolean(),
  })
  .openapi('MedicalWorksheet');

const toMaterial = (r: Record<string, any>, test: string) => ({
  id: r.id,
  test,
  name: r.name,
  lot: r.lot,
  level: r.level,
  mean: dec(r.mean) as string,
  sd: dec(r.sd) as string,
  expires: r.expires ? ymd(r.expires) : null,
});
const toQc = (r: Record<string, any>) => ({
  id: r.id,
  materialId: r.material_id,
  worksheetId: r.worksheet_id ?? null,
  value: dec(r.value) as string,
  z: Number(r.z),
  status: r.status,
  violations: (r.violations as string[]) ?? [],
  measuredAt: iso(r.measured_at) as string,
});

/** Worksheets (analytical runs per instrument) and quality control: materials, values judged by Westgard rules. */
export const qcRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'post',
        path: '/worksheets',
        tags: ['medical'],
        permission: 'medical.result',
        request: {
          body: jsonBody(
            z.object({
              instrument: z.string().trim().min(1).max(80),
              discipline: z.string().trim().min(1).max(40).optional(),
            }),
          ),
        },
        responses: { 201: json(Worksheet), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const now = ctx.now();
        const day = now.toISOString().slice(0, 10).replace(/-/g, '');
        const n = await db
          .selectFrom('medical.worksheets')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('tenant_id', '=', tenant.id)
          .where('number', 'like', `W${day}-%`)
          .executeTakeFirstOrThrow();
        const row = {
          tenant_id: tenant.id,
          id: newId(),
          number: `W${day}-${String(Number(n.n) + 1).padStart(3, '0')}`,
          instrument: input.instrument,
          discipline: input.discipline ?? null,
          created_at: now,
          created_by: ctx.actor?.userId ?? null,
        };
        await db.insertInto('medical.worksheets').values(row).execute();
        await ctx.audit({
          action: 'medical.worksheet_created',
          entityType: 'medical.worksheet',
          entityId: row.id,
          after: input,
        });
        return c.json(
          {
            id: row.id,
            number: row.number,
            instrument: row.instrument,
            discipline: row.discipline,
            createdAt: now.toISOString(),
            results: 0,
            qcRejected: false,
          },
          201,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/worksheets',
        tags: ['medical'],
        permission: 'medical.read',
        responses: { 200: json(z.object({ worksheets: z.array(Worksheet) })), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const { db, tenant } = c.var;
        const rows = await db
          .selectFrom('medical.worksheets as w')
          .selectAll('w')
          .select((eb) => [
            eb
              .selectFrom('medical.results as r')
              .select((e) => e.fn.countAll<string>().as('n'))
              .whereRef('r.tenant_id', '=', 'w.tenant_id')
              .whereRef('r.worksheet_id', '=', 'w.id')
              .as('results'),
            eb
              .exists(
                eb
                  .selectFrom('medical.qc_values as q')
                  .select('q.id')
                  .whereRef('q.tenant_id', '=', 'w.tenant_id')
                  .whereRef('q.worksheet_id', '=', 'w.id')
                  .where('q.status', '=', 'rejected'),
              )
              .as('qc_rejected'),
          ])
          .where('w.tenant_id', '=', tenant.id)
          .orderBy('w.created_at', 'desc')
          .limit(100)
          .execute();
        return c.json(
          {
            worksheets: rows.map((r) => ({
              id: r.id,
              number: r.number,
              instrument: r.instrument,
              discipline: r.discipline ?? null,
              createdAt: iso(r.created_at) as string,
              results: Number(r.results),
              qcRejected: Boolean(r.qc_rejected),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/qc/materials',
        tags: ['medical'],
        permission: 'medical.read',
        responses: { 200: json(z.object({ materials: z.array(Material) })), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const { db, tenant } = c.var;
        const rows = await db
          .selectFrom('medical.control_materials as c')
          .innerJoin('medical.tests as t', (j) =>
            j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.test_id'),
          )
          .selectAll('c')
          .select('t.code as test_code')
          .where('c.tenant_id', '=', tenant.id)
          .orderBy('t.code')
          .orderBy('c.level')
          .execute();
        return c.json({ materials: rows.map((r) => toMaterial(r, r.test_code)) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/qc/materials',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { body: jsonBody(MaterialInput) },
        responses: { 201: json(Material), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const [test] = await loadTests(ctx, [input.test]);
        if (!test) throw unknownTests([input.test], 'test');
        const taken = await db
          .selectFrom('medical.control_materials')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('test_id', '=', test.id)
          .where('lot', '=', input.lot)
          .where('level', '=', input.level)
          .executeTakeFirst();
        if (taken) throw problem(409, m.material_exists, { lot: input.lot, level: input.level });
        const row = {
          tenant_id: tenant.id,
          id: newId(),
          test_id: test.id,
          name: input.name,
          lot: input.lot,
          level: input.level,
          mean: input.mean,
          sd: input.sd,
          expires: input.expires ?? null,
        };
        await db.insertInto('medical.control_materials').values(row).execute();
        await ctx.audit({
          action: 'medical.material_created',
          entityType: 'medical.control_material',
          entityId: row.id,
          after: input,
        });
        return c.json(toMaterial(row, test.code), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/qc/values',
        tags: ['medical'],
        permission: 'medical.result',
        request: { body: jsonBody(QcInput) },
        responses: { 201: json(QcValue), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const material = await db
          .selectFrom('medical.control_materials as c')
          .innerJoin('medical.tests as t', (j) =>
            j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.test_id'),
          )
          .selectAll('c')
          .select('t.code as test_code')
          .where('c.tenant_id', '=', tenant.id)
          .where('c.id', '=', input.materialId)
          .executeTakeFirst();
        if (!material) throw notFound(m.material_not_found);
        if (input.worksheetId) {
          const ws = await db
            .selectFrom('medical.worksheets')
            .select('id')
            .where('tenant_id', '=', tenant.id)
            .where('id', '=', input.worksheetId)
            .executeTakeFirst();
          if (!ws) {
            throw badRequest('worksheet_not_found', m.worksheet_not_found, [
              fieldError('worksheetId', m.worksheet_not_found),
            ]);
          }
        }
        const history = await db
          .selectFrom('medical.qc_values')
          .select(['value'])
          .where('tenant_id', '=', tenant.id)
          .where('material_id', '=', material.id)
          .orderBy('measured_at', 'desc')
          .orderBy('id', 'desc')
          .limit(9)
          .execute();
        const obs = (v: unknown, mat: Record<string, any>) =>
          observation(String(dec(v)), String(dec(mat.mean)), String(dec(mat.sd)));
        const series = [...history.reverse().map((h) => obs(h.value, material)), obs(input.value, material)];
        const peers = input.worksheetId
          ? await db
              .selectFrom('medical.qc_values as q')
              .innerJoin('medical.control_materials as c', (j) =>
                j.onRef('c.tenant_id', '=', 'q.tenant_id').onRef('c.id', '=', 'q.material_id'),
              )
              .select(['q.value', 'c.mean', 'c.sd'])
              .where('q.tenant_id', '=', tenant.id)
              .where('q.worksheet_id', '=', input.worksheetId)
              .where('c.test_id', '=', material.test_id)
              .where('c.id', '!=', material.id)
              .execute()
          : [];
        const run = peers.map((p) => obs(p.value, p));
        const verdict = evaluate(series, run);
        const current = series[series.length - 1] as (typeof series)[number];
        const row = {
          tenant_id: tenant.id,
          id: newId(),
          material_id: material.id,
          worksheet_id: input.worksheetId ?? null,
          value: input.value,
          z: zScore(current).toFixed(4),
          measured_at: input.measuredAt ? new Date(input.measuredAt) : ctx.now(),
          status: verdict.status,
          violations: verdict.violations,
          entered_by: ctx.actor?.userId ?? null,
        };
        await db.insertInto('medical.qc_values').values(row).execute();
        await ctx.audit({
          action: 'medical.qc_value',
          entityType: 'medical.control_material',
          entityId: material.id,
          after: { value: input.value, status: verdict.status, violations: verdict.violations },
        });
        if (verdict.status === 'rejected') {
          await ctx.emit(QC_REJECTED, {
            qcValueId: row.id,
            materialId: material.id,
            worksheetId: row.worksheet_id,
            test: material.test_code,
            violations: verdict.violations,
          } satisfies QcRejected);
        }
        return c.json(toQc(row), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/qc/materials/{id}/chart',
        tags: ['medical'],
        permission: 'medical.read',
        request: { params: Id },
        responses: {
          200: json(z.object({ material: Material, points: z.array(QcValue) })),
          ...problemResponses(401, 403, 404),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { db, tenant } = c.var;
        const material = await db
          .selectFrom('medical.control_materials as c')
          .innerJoin('medical.tests as t', (j) =>
            j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.test_id'),
          )
          .selectAll('c')
          .select('t.code as test_code')
          .where('c.tenant_id', '=', tenant.id)
          .where('c.id', '=', id)
          .executeTakeFirst();
        if (!material) throw notFound(m.material_not_found);
        const points = await db
          .selectFrom('medical.qc_values')
          .selectAll()
          .where('tenant_id', '=', tenant.id)
          .where('material_id', '=', id)
          .orderBy('measured_at')
          .orderBy('id')
          .limit(500)
          .execute();
        return c.json({ material: toMaterial(material, material.test_code), points: points.map(toQc) }, 200);
      },
    );
