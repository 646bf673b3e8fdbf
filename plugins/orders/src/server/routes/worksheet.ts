import { defineRoute, json, type PluginRouter, problemResponses, z } from '@bureau/core';
import { WorksheetRow, worksheet } from '../services/worksheet.ts';

export const worksheetRoutes = (router: PluginRouter) =>
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/worksheet',
      tags: ['orders'],
      summary:
        'The fulfilment worksheet: each open order fully, partly or not pickable now, and what blocks it (frappe/erpnext#3828)',
      permission: 'orders.read',
      request: {
        query: z.object({
          warehouseId: z.uuid().optional(),
          verdict: z.enum(['full', 'partly', 'none']).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(WorksheetRow),
            summary: z.object({ full: z.number(), partly: z.number(), none: z.number() }),
          }),
        ),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await worksheet(c.var.ctx, c.req.valid('query')), 200),
  );
