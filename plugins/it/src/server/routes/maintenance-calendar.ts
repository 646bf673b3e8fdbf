import { defineRoute, json, type PluginRouter, problemResponses, z } from '@bureau/core';
import { maintenanceCalendar } from '../services/maintenance-calendar.ts';

const CalendarItem = z
  .object({
    date: z.string(),
    kind: z.enum(['workOrder', 'plan']),
    id: z.uuid(),
    planId: z.uuid(),
    number: z.string().nullable(),
    title: z.string(),
    assetId: z.uuid(),
    assetTag: z.string(),
    assetName: z.string(),
    status: z.enum(['open', 'done', 'skipped', 'planned']),
    overdue: z.boolean(),
  })
  .openapi('ItMaintenanceCalendarItem');

export const MaintenanceMonth = z
  .object({
    month: z.string(),
    from: z.string(),
    to: z.string(),
    /** Today in the tenant's time zone. */
    today: z.string(),
    items: z.array(CalendarItem),
    truncated: z.boolean(),
  })
  .openapi('ItMaintenanceMonth');
export type MaintenanceMonth = z.infer<typeof MaintenanceMonth>;
export type MaintenanceCalendarItem = z.infer<typeof CalendarItem>;

export const maintenanceCalendarRoutes = (router: PluginRouter) =>
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/maintenance/calendar',
      tags: ['it'],
      summary:
        "A month of maintenance (month=YYYY-MM): the work orders due in it and the due dates of active plans' periods not opened yet, each marked overdue when open and due before today",
      permission: 'it.read',
      request: {
        query: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') }),
      },
      responses: { 200: json(MaintenanceMonth), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await maintenanceCalendar(c.var.ctx, c.req.valid('query').month), 200),
  );
