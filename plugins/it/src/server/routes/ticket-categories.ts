import {
  defineRoute,
  fieldError,
  json,
  jsonBody,
  newId,
  notFound,
  type PluginContext,
  type PluginRouter,
  problem,
  problemResponses,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import { PRIORITIES } from '../data/sla-defaults.ts';
import { m } from '../messages.ts';
import { helpdeskTeams } from '../services/provider-teams.ts';
import { categoryQuery, type TicketCategoryRow, toTicketCategory } from '../services/ticket-categories.ts';
import { member } from '../services/tickets.ts';

const tags = ['it'];

export const TicketCategory = z
  .object({
    id: z.uuid(),
    nameCs: z.string(),
    nameEn: z.string(),
    defaultAssigneeId: z.string().nullable(),
    defaultAssignee: z.string().nullable(),
    /** A provider's team (instead of a member): new tickets land in its queue. */
    defaultTeamId: z.string().nullable(),
    defaultTeam: z.string().nullable(),
    defaultPriority: z.enum(PRIORITIES).nullable(),
    archived: z.boolean(),
    tickets: z.number(),
  })
  .openapi('ItTicketCategory');
export type TicketCategory = z.infer<typeof TicketCategory>;

const Name = z.string().trim().min(1).max(100);
export const TicketCategoryInput = z.object({
  nameCs: Name,
  nameEn: Name,
  defaultAssigneeId: z.uuid().nullable().optional(),
  defaultTeamId: z.uuid().nullable().optional(),
  defaultPriority: z.enum(PRIORITIES).nullable().optional(),
});
const TicketCategoryPatch = TicketCategoryInput.partial().extend({ archived: z.boolean().optional() });
const IdParam = z.object({ id: z.uuid() });

const withCount = (ctx: PluginContext) =>
  categoryQuery(ctx).select(
    sql<number>`(select count(*) from it.tickets t where t.tenant_id = it.ticket_categories.tenant_id
      and t.category_id = it.ticket_categories.id)`.as('tickets'),
  );

async function one(ctx: PluginContext, id: string) {
  const row = await withCount(ctx).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m.ticket_category_not_found);
  return row as TicketCategoryRow & { tickets: number };
}

/**
 * The columns of a category's default: a member (400 `assignee_not_member` otherwise) or a provider's
 * team working tickets here (400 `team_not_engaged` otherwise), not both (400 `assignee_or_team`).
 * Naming one clears the other; what is not given stays.
 */
async function defaultsOf(
  ctx: PluginContext,
  input: { defaultAssigneeId?: string | null | undefined; defaultTeamId?: string | null | undefined },
) {
  const { defaultAssigneeId: assignee, defaultTeamId: team } = input;
  if (assignee && team)
    throw problem(400, m.assignee_or_team, undefined, { errors: [fieldError('defaultTeamId', m.assignee_or_team)] });
  const set: Record<string, string | null> = {};
  if (assignee !== undefined || team) Object.assign(set, { default_assignee_id: null, default_assignee_label: null });
  if (team !== undefined || assignee) Object.assign(set, { default_team_id: null, default_team_label: null });
  if (assignee) {
    const who = await member(ctx, assignee);
    if (!who)
      throw problem(400, m.assignee_not_member, undefined, {
        errors: [fieldError('defaultAssigneeId', m.assignee_not_member)],
      });
    Object.assign(set, { default_assignee_id: who.id, default_assignee_label: who.label });
  }
  if (team) {
    const found = (await helpdeskTeams(ctx)).find((x) => x.id === team);
    if (!found)
      throw problem(400, m.team_not_engaged, undefined, { errors: [fieldError('defaultTeamId', m.team_not_engaged)] });
    Object.assign(set, { default_team_id: found.id, default_team_label: found.label });
  }
  return set;
}

async function refuseTaken(ctx: PluginContext, nameEn: string, except?: string) {
  let q = categoryQuery(ctx).select('id').where(sql<boolean>`lower(name_en) = lower(${nameEn})`);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst())
    throw problem(
      409,
      m.ticket_category_taken,
      { name: nameEn },
      {
        errors: [fieldError('nameEn', m.ticket_category_taken, { name: nameEn })],
      },
    );
}

/**
 * Ticket categories: names in both languages, an optional default assignee and priority a new
 * ticket takes. A category tickets are filed under is archived (hidden from the forms), not deleted.
 */
export const ticketCategoryRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/ticket-categories',
        tags,
        summary: 'Ticket categories by name (archived ones only with archived=true)',
        permission: 'it.read',
        request: { query: z.object({ archived: z.enum(['true', 'false']).optional() }) },
        responses: { 200: json(z.object({ items: z.array(TicketCategory) })), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        let q = withCount(c.var.ctx);
        if (c.req.valid('query').archived !== 'true') q = q.where('archived_at', 'is', null);
        const rows = await q.orderBy(sql`lower(name_en)`).execute();
        return c.json({ items: rows.map((r) => toTicketCategory(r as unknown as TicketCategoryRow)) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/ticket-categories',
        tags,
        summary: 'Add a ticket category; 409 ticket_category_taken (the English name, case-insensitively)',
        permission: 'it.helpdesk.manage',
        request: { body: jsonBody(TicketCategoryInput) },
        responses: { 201: json(TicketCategory, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const input = c.req.valid('json');
        await refuseTaken(ctx, input.nameEn);
        const id = newId();
        await ctx.db
          .insertInto('it.ticket_categories')
          .values({
            tenant_id: ctx.tenant.id,
            id,
            name_cs: input.nameCs,
            name_en: input.nameEn,
            default_priority: input.defaultPriority ?? null,
            ...(await defaultsOf(ctx, input)),
            created_at: ctx.now(),
          })
          .execute();
        const created = toTicketCategory(await one(ctx, id));
        await ctx.audit({
          action: 'it.ticket_category.created',
          entityType: 'it.ticket_category',
          entityId: id,
          after: created,
        });
        return c.json(created, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/ticket-categories/{id}',
        tags,
        summary: 'Rename, change the defaults, archive or restore a ticket category',
        permission: 'it.helpdesk.manage',
        request: { params: IdParam, body: jsonBody(TicketCategoryPatch) },
        responses: { 200: json(TicketCategory), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const { id } = c.req.valid('param');
        const input = c.req.valid('json');
        const before = toTicketCategory(await one(ctx, id));
        if (input.nameEn) await refuseTaken(ctx, input.nameEn, id);
        const set: Record<string, unknown> = {};
        if (input.nameCs !== undefined) set.name_cs = input.nameCs;
        if (input.nameEn !== undefined) set.name_en = input.nameEn;
        if (input.defaultPriority !== undefined) set.default_priority = input.defaultPriority;
        Object.assign(set, await defaultsOf(ctx, input));
        if (input.archived !== undefined && input.archived !== before.archived)
          set.archived_at = input.archived ? ctx.now() : null;
        if (Object.keys(set).length)
          await ctx.db
            .updateTable('it.ticket_categories')
            .set(set)
            .where('tenant_id', '=', ctx.tenant.id)
            .where('id', '=', id)
            .execute();
        const after = toTicketCategory(await one(ctx, id));
        await ctx.audit({
          action: 'it.ticket_category.updated',
          entityType: 'it.ticket_category',
          entityId: id,
          before,
          after,
        });
        return c.json(after, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'delete',
        path: '/ticket-categories/{id}',
        tags,
        summary: 'Delete a ticket category no ticket is filed under; 409 ticket_category_in_use (archive it instead)',
        permission: 'it.helpdesk.manage',
        request: { params: IdParam },
        responses: { 200: json(z.object({ ok: z.literal(true) })), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const { id } = c.req.valid('param');
        const row = await one(ctx, id);
        if (row.tickets > 0)
          throw problem(409, m.ticket_category_in_use, { name: row.name_en, count: Number(row.tickets) });
        await ctx.db
          .deleteFrom('it.ticket_categories')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
        await ctx.audit({
          action: 'it.ticket_category.deleted',
          entityType: 'it.ticket_category',
          entityId: id,
          before: toTicketCategory(row),
        });
        return c.json({ ok: true as const }, 200);
      },
    );
