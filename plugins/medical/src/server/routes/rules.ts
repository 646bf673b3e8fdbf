import { defineRoute, json, jsonBody, type PluginRouter, problemResponses, z } from '@bureau/core';
import { DEFAULT_RULE } from '../services/release.ts';
import { createRule, deleteRule, listRules, RuleInput, RuleView, updateRule } from '../services/rules.ts';

const Id = z.object({ id: z.uuid() });
const Settings = z.object({ fourEyes: z.boolean() }).openapi('MedicalSettings');

/** Local release rules (one per test, one per discipline) and the tenant's four-eyes setting. */
export const ruleRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/rules',
        tags: ['medical'],
        permission: 'medical.read',
        responses: {
          200: json(z.object({ rules: z.array(RuleView), fallback: RuleView, settings: Settings })),
          ...problemResponses(401, 403),
        },
      }),
      async (c) => {
        const { db, tenant, ctx } = c.var;
        const s = await db
          .selectFrom('medical.settings')
          .select('four_eyes')
          .where('tenant_id', '=', tenant.id)
          .executeTakeFirst();
        return c.json(
          {
            rules: await listRules(ctx),
            fallback: { ...DEFAULT_RULE, test: null },
            settings: { fourEyes: s?.four_eyes ?? true },
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/rules',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { body: jsonBody(RuleInput) },
        responses: { 201: json(RuleView), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => c.json(await createRule(c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/rules/{id}',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { params: Id, body: jsonBody(RuleInput) },
        responses: { 200: json(RuleView), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await updateRule(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: '/rules/{id}',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { params: Id },
        responses: { 200: json(z.object({ deleted: z.boolean() })), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        await deleteRule(c.var.ctx, c.req.valid('param').id);
        return c.json({ deleted: true }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'put',
        path: '/settings',
        tags: ['medical'],
        permission: 'medical.catalogue',
        request: { body: jsonBody(Settings) },
        responses: { 200: json(Settings), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const { fourEyes } = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        await db
          .insertInto('medical.settings')
          .values({ tenant_id: tenant.id, four_eyes: fourEyes })
          .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ four_eyes: fourEyes }))
          .execute();
        await ctx.audit({
          action: 'medical.settings_changed',
          entityType: 'medical.settings',
          entityId: null,
          after: { fourEyes },
        });
        return c.json({ fourEyes }, 200);
      },
    );
