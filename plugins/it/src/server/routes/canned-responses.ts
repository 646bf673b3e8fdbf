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
import { m } from '../messages.ts';
import { fillPlaceholders } from '../services/canned-responses.ts';
import { ticketQuery } from '../services/tickets.ts';

const tags = ['it'];

export const CannedResponse = z
  .object({ id: z.uuid(), title: z.string(), body: z.string(), createdBy: z.string(), createdAt: z.string() })
  .openapi('ItCannedResponse');
export type CannedResponse = z.infer<typeof CannedResponse>;

export const CannedResponseInput = z.object({
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(10_000),
});
const IdParam = z.object({ id: z.uuid() });

const toCanned = (r: Record<string, any>): CannedResponse => ({
  id: r.id,
  title: r.title,
  body: r.body,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

const cannedQuery = (ctx: PluginContext) =>
  ctx.db.selectFrom('it.canned_responses').selectAll().where('tenant_id', '=', ctx.tenant.id);

async function one(ctx: PluginContext, id: string) {
  const row = await cannedQuery(ctx).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m.canned_response_not_found);
  return row;
}

async function refuseTaken(ctx: PluginContext, title: string, except?: string) {
  let q = cannedQuery(ctx).where(sql<boolean>`lower(title) = lower(${title})`);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst())
    throw problem(
      409,
      m.canned_response_taken,
      { title },
      {
        errors: [fieldError('title', m.canned_response_taken, { title })],
      },
    );
}

/**
 * Canned responses: replies IT staff keep to reuse, with placeholders (`{requester}`, `{number}`,
 * `{title}`, `{agent}`, `{asset}`) that `GET /tickets/{id}/canned-responses/{cannedId}` fills from the ticket.
 */
export const cannedResponseRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/canned-responses',
        tags,
        summary: 'Canned responses by title',
        permission: 'it.helpdesk',
        responses: { 200: json(z.object({ items: z.array(CannedResponse) })), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const rows = await cannedQuery(c.var.ctx).orderBy(sql`lower(title)`).execute();
        return c.json({ items: rows.map(toCanned) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/canned-responses',
        tags,
        summary: 'Keep a reply to reuse; 409 canned_response_taken (the title, case-insensitively)',
        permission: 'it.helpdesk',
        request: { body: jsonBody(CannedResponseInput) },
        responses: { 201: json(CannedResponse, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const { ctx, actor } = c.var;
        const input = c.req.valid('json');
        await refuseTaken(ctx, input.title);
        const id = newId();
        await ctx.db
          .insertInto('it.canned_responses')
          .values({ tenant_id: ctx.tenant.id, id, ...input, created_at: ctx.now(), created_by: actor.label })
          .execute();
        await ctx.audit({
          action: 'it.canned_response.created',
          entityType: 'it.canned_response',
          entityId: id,
          after: input,
        });
        return c.json(toCanned(await one(ctx, id)), 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/canned-responses/{id}',
        tags,
        summary: 'Change a canned response',
        permission: 'it.helpdesk',
        request: { params: IdParam, body: jsonBody(CannedResponseInput.partial()) },
        responses: { 200: json(CannedResponse), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const { id } = c.req.valid('param');
        const input = c.req.valid('json');
        const before = toCanned(await one(ctx, id));
        if (input.title) await refuseTaken(ctx, input.title, id);
        if (Object.keys(input).length)
          await ctx.db
            .updateTable('it.canned_responses')
            .set(input)
            .where('tenant_id', '=', ctx.tenant.id)
            .where('id', '=', id)
            .execute();
        const after = toCanned(await one(ctx, id));
        await ctx.audit({
          action: 'it.canned_response.updated',
          entityType: 'it.canned_response',
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
        path: '/canned-responses/{id}',
        tags,
        summary: 'Delete a canned response',
        permission: 'it.helpdesk',
        request: { params: IdParam },
        responses: { 200: json(z.object({ ok: z.literal(true) })), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const { ctx } = c.var;
        const { id } = c.req.valid('param');
        const before = toCanned(await one(ctx, id));
        await ctx.db
          .deleteFrom('it.canned_responses')
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
        await ctx.audit({
          action: 'it.canned_response.deleted',
          entityType: 'it.canned_response',
          entityId: id,
          before,
        });
        return c.json({ ok: true as const }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/tickets/{id}/canned-responses/{cannedId}',
        tags,
        summary:
          "A canned response's title and body with its placeholders filled from the ticket, to insert into a reply",
        permission: 'it.helpdesk',
        request: { params: z.object({ id: z.uuid(), cannedId: z.uuid() }) },
        responses: {
          200: json(z.object({ title: z.string(), body: z.string() })),
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { ctx, actor } = c.var;
        const { id, cannedId } = c.req.valid('param');
        const ticket = await ticketQuery(ctx).where('t.id', '=', id).executeTakeFirst();
        if (!ticket) throw notFound(m.ticket_not_found);
        const canned = await one(ctx, cannedId);
        const body = fillPlaceholders(canned.body, {
          requester: ticket.requester_label,
          number: ticket.number,
          title: ticket.title,
          agent: actor.label,
          asset: ticket.asset_tag ? `${ticket.asset_tag} ${ticket.asset_name ?? ''}`.trim() : null,
        });
        return c.json({ title: canned.title, body }, 200);
      },
    );
