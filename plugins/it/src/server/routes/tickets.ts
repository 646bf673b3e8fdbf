import {
  defineRoute,
  grants,
  json,
  jsonBody,
  listQuery,
  listResponse,
  newId,
  notFound,
  type PluginContext,
  type PluginRouter,
  problem,
  problemResponses,
  sendList,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import { PRIORITIES } from '../data/sla-defaults.ts';
import { m } from '../messages.ts';
import { helpdeskTeams } from '../services/provider-teams.ts';
import { markResponded } from '../services/sla.ts';
import { createTicket, ticketQuery, toTicket } from '../services/tickets.ts';
import { ticketWorkflow } from '../ticket-workflow.ts';

const tags = ['it'];

export const Ticket = z
  .object({
    id: z.uuid(),
    number: z.string(),
    title: z.string(),
    description: z.string(),
    priority: z.enum(PRIORITIES),
    status: z.string(),
    assetId: z.string().nullable(),
    assetTag: z.string().nullable(),
    assetName: z.string().nullable(),
    categoryId: z.string().nullable(),
    category: z.object({ cs: z.string(), en: z.string() }).nullable(),
    mergedIntoId: z.string().nullable(),
    mergedIntoNumber: z.string().nullable(),
    requesterId: z.string().nullable(),
    requester: z.string(),
    assigneeId: z.string().nullable(),
    assignee: z.string().nullable(),
    /** The provider team whose queue the ticket landed in (its category's default). */
    teamId: z.string().nullable(),
    team: z.string().nullable(),
    createdAt: z.string(),
    responseDueAt: z.string(),
    resolutionDueAt: z.string().nullable(),
    firstResponseAt: z.string().nullable(),
    pausedSince: z.string().nullable(),
    pausedMinutes: z.number(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    responseBreachedAt: z.string().nullable(),
    resolutionBreachedAt: z.string().nullable(),
    rating: z.number().nullable(),
    sla: z.enum(['ok', 'warning', 'breached', 'paused', 'met']),
  })
  .openapi('ItTicket');
export type Ticket = z.infer<typeof Ticket>;

export const TicketMessage = z
  .object({
    id: z.uuid(),
    author: z.string(),
    authorId: z.string().nullable(),
    body: z.string(),
    internal: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('ItTicketMessage');
export type TicketMessage = z.infer<typeof TicketMessage>;

export const TicketInput = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(1).max(10_000),
  /** Default: the category's default priority, else normal. */
  priority: z.enum(PRIORITIES).optional(),
  assetId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
});

const OPEN = ['new', 'assigned', 'in_progress', 'waiting'] as const;
const TicketQuery = listQuery({
  sort: ['createdAt', 'number', 'resolutionDueAt', 'priority'],
  defaultSort: 'createdAt',
  defaultDir: 'desc',
  filters: {
    status: z.enum([...OPEN, 'resolved', 'closed']).optional(),
    priority: z.enum(PRIORITIES).optional(),
    open: z.enum(['true', 'false']).optional(),
    sla: z.enum(['breached']).optional(),
    assigneeId: z.uuid().optional(),
    assetId: z.uuid().optional(),
    categoryId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    /** `true`: the queues of the provider teams the caller belongs to. */
    myTeams: z.enum(['true']).optional(),
  },
});
const IdParam = z.object({ id: z.uuid() });
/** Matches no team (an empty `in` list is not valid SQL). */
const NO_TEAM = '00000000-0000-0000-0000-000000000000';

interface C {
  var: { grants: readonly string[]; actor: { userId: string | null }; ctx: PluginContext };
}
const isStaff = (c: C) => grants(c.var.grants, 'it.helpdesk');

/** A ticket the caller may see: IT staff see all, others only their own (another's is 404). */
async function visibleTicket(c: C, id: string) {
  const row = await ticketQuery(c.var.ctx).where('t.id', '=', id).executeTakeFirst();
  if (!row || (!isStaff(c) && row.requester_id !== c.var.actor.userId)) throw notFound(m.ticket_not_found);
  return row;
}

export const ticketRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/tickets',
        tags,
        summary:
          'The ticket queue: open=true, status, priority, sla=breached, assignee, asset, category, teamId or myTeams=true (a provider team’s queue); sort by due',
        permission: 'it.helpdesk',
        request: { query: TicketQuery },
        responses: { 200: listResponse(Ticket), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const now = c.var.ctx.now();
        let query = ticketQuery(c.var.ctx);
        if (q.status) query = query.where('t.status', '=', q.status);
        if (q.open === 'true') query = query.where('t.status', 'in', OPEN);
        if (q.open === 'false') query = query.where('t.status', 'not in', OPEN);
        if (q.priority) query = query.where('t.priority', '=', q.priority);
        if (q.assigneeId) query = query.where('t.assignee_id', '=', q.assigneeId);
        if (q.assetId) query = query.where('t.asset_id', '=', q.assetId);
        if (q.categoryId) query = query.where('t.category_id', '=', q.categoryId);
        if (q.teamId) query = query.where('t.team_id', '=', q.teamId);
        if (q.myTeams) {
          const me = c.var.actor.userId;
          const mine = (await helpdeskTeams(c.var.ctx)).filter((x) => me && x.userIds.includes(me)).map((x) => x.id);
          query = query.where('t.team_id', 'in', mine.length ? mine : [NO_TEAM]);
        }
        if (q.sla === 'breached')
          query = query.where(
            sql<boolean>`(t.response_breached_at is not null or t.resolution_breached_at is not null
              or (t.status in ('new','assigned','in_progress','waiting') and t.first_response_at is null and t.response_due_at <= ${now})
              or (t.status in ('new','assigned','in_progress') and t.paused_since is null and t.resolution_due_at <= ${now}))`,
          );
        return sendList(
          c,
          q,
          query,
          {
            sort: {
              createdAt: 't.created_at',
              number: 't.number',
              resolutionDueAt: 't.resolution_due_at',
              priority: sql`array_position(array['low','normal','high','urgent'], t.priority)`,
            },
            id: 't.id',
            search: ['t.number', 't.title', 't.requester_label', 'a.tag'],
          } as never,
          toTicket(now),
          {
            filename: 'tickets',
            title: { en: 'Tickets', cs: 'Tikety' },
            columns: [
              { header: { en: 'Number', cs: 'Číslo' }, value: (t) => t.number },
              { header: { en: 'Title', cs: 'Název' }, value: (t) => t.title },
              { header: { en: 'Priority', cs: 'Priorita' }, value: (t) => t.priority },
              { header: { en: 'Category', cs: 'Kategorie' }, value: (t) => t.category?.en ?? '' },
              { header: { en: 'Status', cs: 'Stav' }, value: (t) => t.status },
              { header: { en: 'SLA', cs: 'SLA' }, value: (t) => t.sla },
              { header: { en: 'Requester', cs: 'Zadavatel' }, value: (t) => t.requester },
              { header: { en: 'Resolve by', cs: 'Vyřešit do' }, value: (t) => t.resolutionDueAt },
            ],
          },
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/tickets',
        tags,
        summary: 'Report a problem (optionally about an asset); SLA due instants from business hours and the priority',
        permission: 'it.tickets.create',
        request: { body: jsonBody(TicketInput) },
        responses: { 201: json(Ticket, 'Created'), ...problemResponses(400, 401, 403) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { ctx } = c.var;
        const id = await createTicket(ctx, input);
        await ctx.workflow(ticketWorkflow).start(id);
        await ctx.audit({ action: 'it.ticket.created', entityType: 'it.ticket', entityId: id, after: input });
        const row = await ticketQuery(ctx).where('t.id', '=', id).executeTakeFirstOrThrow();
        return c.json(toTicket(ctx.now())(row), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/my/tickets',
        tags,
        summary: "The caller's own tickets, newest first",
        permission: 'it.read',
        responses: { 200: json(z.object({ items: z.array(Ticket) })), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const userId = c.var.actor.userId;
        if (!userId) return c.json({ items: [] }, 200);
        const rows = await ticketQuery(c.var.ctx)
          .where('t.requester_id', '=', userId)
          .orderBy('t.created_at', 'desc')
          .limit(200)
          .execute();
        return c.json({ items: rows.map(toTicket(c.var.ctx.now())) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/tickets/{id}',
        tags,
        summary: 'One ticket with its SLA state (IT staff, or its requester)',
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(Ticket), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => c.json(toTicket(c.var.ctx.now())(await visibleTicket(c, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/tickets/{id}/messages',
        tags,
        summary: "A ticket's replies, oldest first (internal notes only for IT staff)",
        permission: 'it.read',
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(TicketMessage) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const t = await visibleTicket(c, c.req.valid('param').id);
        let q = c.var.db
          .selectFrom('it.ticket_messages')
          .selectAll()
          .where('tenant_id', '=', c.var.tenant.id)
          .where('ticket_id', '=', t.id);
        if (!isStaff(c)) q = q.where('internal', '=', false);
        const rows = await q.orderBy('created_at').orderBy('id').execute();
        return c.json(
          {
            items: rows.map((r) => ({
              id: r.id,
              author: r.author_label,
              authorId: r.author_id ?? null,
              body: r.body,
              internal: r.internal,
              createdAt: new Date(r.created_at).toISOString(),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/tickets/{id}/messages',
        tags,
        summary:
          'Reply (public) or note (internal, IT staff only). An IT reply is the first response; the requester answering a waiting ticket restarts its clock',
        permission: 'it.read',
        request: {
          params: IdParam,
          body: jsonBody(
            z.object({ body: z.string().trim().min(1).max(10_000), internal: z.boolean().default(false) }),
          ),
        },
        responses: { 201: json(TicketMessage, 'Created'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx, actor } = c.var;
        const input = c.req.valid('json');
        const t = await visibleTicket(c, c.req.valid('param').id);
        const staff = isStaff(c);
        if (input.internal && !staff) throw problem(403, m.internal_staff_only);
        const id = newId();
        const createdAt = ctx.now();
        await c.var.db
          .insertInto('it.ticket_messages')
          .values({
            tenant_id: c.var.tenant.id,
            id,
            ticket_id: t.id,
            author_id: actor.userId,
            author_label: actor.label,
            body: input.body,
            internal: input.internal,
            created_at: createdAt,
          })
          .execute();
        const byRequester = actor.userId !== null && actor.userId === t.requester_id;
        if (staff && !byRequester && !input.internal) await markResponded(ctx, t.id);
        if (byRequester && t.status === 'waiting') await ctx.transition(ticketWorkflow, t.id, 'answer');
        await ctx.audit({
          action: input.internal ? 'it.ticket.noted' : 'it.ticket.replied',
          entityType: 'it.ticket',
          entityId: t.id,
          after: { messageId: id },
        });
        return c.json(
          {
            id,
            author: actor.label,
            authorId: actor.userId,
            body: input.body,
            internal: input.internal,
            createdAt: createdAt.toISOString(),
          },
          201,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/tickets/{id}/rate',
        tags,
        summary: 'The requester rates a resolved or closed ticket (1–5)',
        permission: 'it.read',
        request: { params: IdParam, body: jsonBody(z.object({ rating: z.number().int().min(1).max(5) })) },
        responses: { 200: json(Ticket), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const t = await visibleTicket(c, c.req.valid('param').id);
        if (t.requester_id !== c.var.actor.userId) throw problem(403, m.rate_requester_only);
        if (t.status !== 'resolved' && t.status !== 'closed') throw problem(409, m.not_resolved, { number: t.number });
        const { rating } = c.req.valid('json');
        await c.var.db
          .updateTable('it.tickets')
          .set({ rating })
          .where('tenant_id', '=', c.var.tenant.id)
          .where('id', '=', t.id)
          .execute();
        await ctx.audit({ action: 'it.ticket.rated', entityType: 'it.ticket', entityId: t.id, after: { rating } });
        return c.json(toTicket(ctx.now())(await visibleTicket(c, t.id)), 200);
      },
    );
