import { createRoute, z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { setupChecklist } from './checklist.ts';

const SetupChecklistSchema = z
  .object({
    audience: z.enum(['firm', 'provider', 'member']),
    steps: z.array(
      z.object({
        id: z.enum(['profile', 'bank', 'modules', 'people', 'client']),
        done: z.boolean(),
        path: z.string().openapi({ description: 'The page that does it, under /t/:tenant' }),
      }),
    ),
    canUse: z.array(z.string()).openapi({ description: 'Enabled modules the caller can work in' }),
  })
  .openapi('SetupChecklist');

/** The first-hour checklist on the dashboard: every member reads their own. */
export const setupRoutes = newRouter<TenantEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/setup',
    tags: ['tenants'],
    summary: 'What is left to set up, as far as the caller may do it, and the modules they can use',
    responses: { 200: json(SetupChecklistSchema), ...problemResponses(401, 404) },
  }),
  async (c) =>
    c.json(await setupChecklist(c.var.db, c.var.tenant, { grants: c.var.grants, moduleScope: c.var.moduleScope }), 200),
);
