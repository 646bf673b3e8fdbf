import { badRequest, fieldError, type PluginContext, problem } from '@bureau/core';
import type { Priority } from '../data/sla-defaults.ts';
import { m } from '../messages.ts';

export interface TicketCategoryRow {
  id: string;
  name_cs: string;
  name_en: string;
  default_assignee_id: string | null;
  default_assignee_label: string | null;
  default_team_id: string | null;
  default_team_label: string | null;
  default_priority: Priority | null;
  archived_at: Date | string | null;
}

export const categoryQuery = (ctx: PluginContext) =>
  ctx.db.selectFrom('it.ticket_categories').selectAll().where('tenant_id', '=', ctx.tenant.id);

/** The category a new ticket is filed under: one of the tenant's, not archived (400 otherwise). */
export async function categoryForTicket(ctx: PluginContext, id: string): Promise<TicketCategoryRow> {
  const row = (await categoryQuery(ctx).where('id', '=', id).executeTakeFirst()) as TicketCategoryRow | undefined;
  if (!row)
    throw badRequest('ticket_category_not_found', m.ticket_category_not_found, [
      fieldError('categoryId', m.ticket_category_not_found),
    ]);
  if (row.archived_at)
    throw problem(
      400,
      m.ticket_category_archived,
      { name: row.name_en },
      { errors: [fieldError('categoryId', m.ticket_category_archived, { name: row.name_en })] },
    );
  return row;
}

export const toTicketCategory = (r: TicketCategoryRow & { tickets?: unknown }) => ({
  id: r.id,
  nameCs: r.name_cs,
  nameEn: r.name_en,
  defaultAssigneeId: r.default_assignee_id,
  defaultAssignee: r.default_assignee_label,
  defaultTeamId: r.default_team_id,
  defaultTeam: r.default_team_label,
  defaultPriority: r.default_priority,
  archived: r.archived_at !== null,
  tickets: Number(r.tickets ?? 0),
});
