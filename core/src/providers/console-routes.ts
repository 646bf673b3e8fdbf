import { createRoute, z } from '@hono/zod-openapi';
import type { BaseEnv } from '../http/env.ts';
import { unauthorized } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { clientIp } from '../tenancy/tenant-middleware.ts';
import { CONSOLE_SORTS, providerConsole } from './console.ts';
import { ConsoleClient, ModuleId } from './schemas.ts';

const ConsoleQuery = z.object({
  sort: z.enum(CONSOLE_SORTS).default('name').openapi({ description: '`created` is when the engagement started' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Part of the client’s name or address' }),
  module: ModuleId.optional().openapi({ description: 'Only clients whose engagement covers this module' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional().openapi({ description: '`next` of the previous page' }),
});

/** The provider console, mounted at `/api/providers`: a provider's clients with per-module figures. */
export const consoleRoutes = newRouter<BaseEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/{provider}/clients',
    tags: ['providers'],
    summary: "A provider's active clients with each covered module's summary; sortable, filterable, paged",
    request: { params: z.object({ provider: z.string().min(1).max(60) }), query: ConsoleQuery },
    responses: {
      200: json(z.object({ clients: z.array(ConsoleClient), next: z.string().nullable() }).openapi('ProviderConsole')),
      ...problemResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const user = c.var.user;
    if (!user) throw unauthorized();
    const result = await providerConsole(c.var.runtime, {
      providerSlug: c.req.valid('param').provider,
      user,
      query: c.req.valid('query'),
      requestId: c.var.requestId,
      ip: clientIp(c),
    });
    return c.json(result, 200);
  },
);
