import { defineRoute, json, type PluginRouter, problemResponses, z } from '@bureau/core';

const Node = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.string().nullable(),
    department: z.string().nullable(),
    managerId: z.string().nullable(),
  })
  .openapi('HrOrgNode');

/**
 * The org chart: every active employee with their manager (a manager who left counts as none), in
 * name order; the page nests them. No sensitive field.
 */
export const orgRoutes = (router: PluginRouter) =>
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/org-chart',
      tags: ['hr: people'],
      summary: 'Reporting lines of the active employees (the roots have no active manager)',
      permission: 'hr.read',
      responses: { 200: json(z.object({ items: z.array(Node) })), ...problemResponses(401, 403) },
    }),
    async (c) => {
      const rows = await c.var.db
        .selectFrom('hr.employees')
        .select(['id', 'first_name', 'last_name', 'position', 'department', 'manager_id'])
        .where('tenant_id', '=', c.var.tenant.id)
        .where('status', '=', 'active')
        .orderBy('last_name')
        .orderBy('first_name')
        .orderBy('id')
        .execute();
      const active = new Set(rows.map((r) => r.id as string));
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: `${r.first_name} ${r.last_name}`,
            position: r.position ?? null,
            department: r.department ?? null,
            managerId: r.manager_id && active.has(r.manager_id) && r.manager_id !== r.id ? r.manager_id : null,
          })),
        },
        200,
      );
    },
  );
