import {
  defineRoute,
  json,
  jsonBody,
  newId,
  notFound,
  type PluginRouter,
  problem,
  problemResponses,
  z,
} from '@bureau/core';
import { m } from '../messages.ts';
import { createTest, loadPanels, loadTests, Test, TestInput, unknownTests, updateTest } from '../services/catalogue.ts';

const Panel = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.object({ en: z.string(), cs: z.string() }),
    tests: z.array(z.string()),
  })
  .openapi('MedicalPanel');
const PanelInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/),
  name: z.object({ en: z.string().trim().min(1).max(120), cs: z.string().trim().min(1).max(120) }),
  tests: z.array(z.string().trim().min(1).max(32)).min(1).max(60),
});
const Id = z.object({ id: z.uuid() });

/** The test catalogue: analytes with units, LOINC, reference ranges and critical limits; panels. */
export const catalogueRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/tests',
        tags: ['medical'],
        permission: 'medical.read',
        responses: { 200: json(z.object({ tests: z.array(Test) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ tests: await loadTests(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/tests',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { body: jsonBody(TestInput) },
        responses: { 201: json(Test), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createTest(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/tests/{id}',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { params: Id, body: jsonBody(TestInput) },
        responses: { 200: json(Test), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const test = await updateTest(c.var.ctx, c.req.valid('param').id, c.req.valid('json'));
        if (!test) throw notFound(m.test_not_found);
        return c.json(test, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/panels',
        tags: ['medical'],
        permission: 'medical.read',
        responses: { 200: json(z.object({ panels: z.array(Panel) })), ...problemResponses(401, 403) },
      }),
      async (c) => c.json({ panels: await loadPanels(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/panels',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { body: jsonBody(PanelInput) },
        responses: { 201: json(Panel), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const taken = await db
          .selectFrom('medical.panels')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (taken) throw problem(409, m.panel_exists, { code: input.code });
        const codes = [...new Set(input.tests)];
        const tests = await loadTests(ctx, codes);
        const missing = codes.filter((code) => !tests.some((t) => t.code === code));
        if (missing.length) throw unknownTests(missing);
        const id = newId();
        await db
          .insertInto('medical.panels')
          .values({ tenant_id: tenant.id, id, code: input.code, name_en: input.name.en, name_cs: input.name.cs })
          .execute();
        await db
          .insertInto('medical.panel_tests')
          .values(
            codes.map((code, position) => ({
              tenant_id: tenant.id,
              panel_id: id,
              test_id: tests.find((t) => t.code === code)?.id as string,
              position,
            })),
          )
          .execute();
        await ctx.audit({ action: 'medical.panel_created', entityType: 'medical.panel', entityId: id, after: input });
        return c.json({ id, code: input.code, name: input.name, tests: codes }, 201);
      },
    );
