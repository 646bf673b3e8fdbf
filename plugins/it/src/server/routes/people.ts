import { defineRoute, json, type PluginRouter, problemResponses, z } from '@bureau/core';
import { people } from '@bureau/plugin-hr/contract';
import { closeChecklist, returnChecklist, returnChecklists } from '../services/people.ts';

const tags = ['it'];

export const Employee = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), department: z.string().nullable() })
  .openapi('ItEmployee');
export type Employee = z.infer<typeof Employee>;

export const ReturnItem = z
  .object({
    kind: z.enum(['asset', 'accessory', 'licence']),
    id: z.uuid(),
    targetId: z.uuid(),
    label: z.string(),
    quantity: z.number(),
    holder: z.string(),
  })
  .openapi('ItReturnItem');

export const ReturnChecklist = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    name: z.string(),
    endDate: z.string(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    items: z.array(ReturnItem),
  })
  .openapi('ItReturnChecklist');
export type ReturnChecklist = z.infer<typeof ReturnChecklist>;

const IdParam = z.object({ id: z.uuid() });

/** HR's employees as holders (when HR is enabled) and leavers' return checklists. */
export const peopleRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/employees',
        tags,
        summary: "HR's active employees to check out to (hr's people service); enabled=false without HR",
        permission: 'it.assets.assign',
        request: { query: z.object({ q: z.string().trim().max(100).optional() }) },
        responses: {
          200: json(z.object({ enabled: z.boolean(), items: z.array(Employee) })),
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => {
        const { ctx } = c.var;
        if (!(await ctx.isEnabled('hr'))) return c.json({ enabled: false, items: [] }, 200);
        const q = c.req.valid('query').q;
        const found = q ? await ctx.use(people).search(q, 50) : await ctx.use(people).list();
        const items = found
          .filter((p) => p.status === 'active')
          .slice(0, 1000)
          .map((p) => ({ id: p.id, name: p.name, email: p.email, department: p.department }));
        return c.json({ enabled: true, items }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/returns',
        tags,
        summary: "Leavers' return checklists (from hr.employee.left) with what each still holds; open=true",
        permission: 'it.assets.assign',
        request: { query: z.object({ open: z.enum(['true', 'false']).optional() }) },
        responses: { 200: json(z.object({ items: z.array(ReturnChecklist) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => c.json({ items: await returnChecklists(c.var.ctx, c.req.valid('query').open === 'true') }, 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/returns/{id}',
        tags,
        summary: "One leaver's return checklist",
        permission: 'it.assets.assign',
        request: { params: IdParam },
        responses: { 200: json(ReturnChecklist), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(await returnChecklist(c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/returns/{id}/close',
        tags,
        summary: 'Close a return checklist once everything is back; 409 returns_outstanding',
        permission: 'it.assets.assign',
        request: { params: IdParam },
        responses: { 200: json(ReturnChecklist), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(await closeChecklist(c.var.ctx, c.req.valid('param').id), 200),
    );
