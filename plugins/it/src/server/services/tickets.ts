import { addBusinessMinutes, badRequest, fieldError, newId, type PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import { type Priority, WARNING_SHARE } from '../data/sla-defaults.ts';
import { m } from '../messages.ts';
import { memberHolder } from './holders.ts';
import { policies, resolutionClock, slaState, tenantHours } from './sla.ts';
import { categoryForTicket } from './ticket-categories.ts';

/** A member of the tenant with a display name, or null. */
export const member = (ctx: PluginContext, userId: string) => memberHolder(ctx, userId);

export async function assignTicket(ctx: PluginContext, id: string, userId: string) {
  const who = await member(ctx, userId);
  if (!who)
    throw badRequest('assignee_not_member', m.assignee_not_member, [fieldError('assigneeId', m.assignee_not_member)]);
  await ctx.db
    .updateTable('it.tickets')
    .set({ assignee_id: who.id, assignee_label: who.label })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  return { assigneeId: who.id, assignee: who.label };
}

/** Takes a ticket for the caller: a member, or a provider's staff working inside the client's tenant. */
export async function assignSelf(ctx: PluginContext, id: string) {
  const actor = ctx.actor;
  if (!actor?.userId) return;
  if (!actor.providerTenantId) return assignTicket(ctx, id, actor.userId);
  await ctx.db
    .updateTable('it.tickets')
    .set({ assignee_id: actor.userId, assignee_label: actor.label })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  return { assigneeId: actor.userId, assignee: actor.label };
}

/** The next number of a per-tenant series (`T-00001`, `WO-00001`), from its counter row. */
export async function nextNumber(ctx: PluginContext, counter = 'ticket', prefix = 'T'): Promise<string> {
  const row = await sql<{ value: string }>`
    insert into it.counters (tenant_id, name, value) values (${ctx.tenant.id}, ${counter}, 1)
    on conflict (tenant_id, name) do update set value = it.counters.value + 1
    returning value`.execute(ctx.db);
  return `${prefix}-${String(row.rows[0]?.value).padStart(5, '0')}`;
}

export interface NewTicket {
  title: string;
  description: string;
  /** Default: the category's default priority, else normal. */
  priority?: Priority | undefined;
  assetId?: string | undefined;
  categoryId?: string | undefined;
  /** Who asked, when not a member (e.g. `HR` for a hire's equipment ticket). */
  requesterLabel?: string;
}

/** Opens a ticket with its SLA clocks started from the tenant's hours and the priority's targets. */
export async function createTicket(ctx: PluginContext, input: NewTicket): Promise<string> {
  const now = ctx.now();
  if (input.assetId) {
    const asset = await ctx.db
      .selectFrom('it.assets')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.assetId)
      .executeTakeFirst();
    if (!asset) throw badRequest('asset_not_found', m.asset_not_found, [fieldError('assetId', m.asset_not_found)]);
  }
  const category = input.categoryId ? await categoryForTicket(ctx, input.categoryId) : null;
  const priority = input.priority ?? category?.default_priority ?? 'normal';
  const requester = ctx.actor?.userId ? await member(ctx, ctx.actor.userId) : null;
  const target = (await policies(ctx))[priority];
  const hours = await tenantHours(ctx);
  const clock = resolutionClock(now, target.resolutionMinutes, 0, hours);
  const id = newId();
  await ctx.db
    .insertInto('it.tickets')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      number: await nextNumber(ctx),
      title: input.title,
      description: input.description,
      priority,
      asset_id: input.assetId ?? null,
      category_id: category?.id ?? null,
      assignee_id: category?.default_assignee_id ?? null,
      assignee_label: category?.default_assignee_label ?? null,
      team_id: category?.default_team_id ?? null,
      team_label: category?.default_team_label ?? null,
      requester_id: requester?.id ?? null,
      requester_label: requester?.label ?? input.requesterLabel ?? ctx.actor?.label ?? 'API',
      status: 'new',
      created_at: now,
      response_minutes: target.responseMinutes,
      resolution_minutes: target.resolutionMinutes,
      response_due_at: addBusinessMinutes(now, target.responseMinutes, hours),
      response_warn_at: addBusinessMinutes(now, Math.round(target.responseMinutes * WARNING_SHARE), hours),
      resolution_due_at: clock.due,
      resolution_warn_at: clock.warn,
    })
    .execute();
  return id;
}

export const ticketQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.tickets as t')
    .leftJoin('it.assets as a', (j) => j.onRef('a.tenant_id', '=', 't.tenant_id').onRef('a.id', '=', 't.asset_id'))
    .leftJoin('it.ticket_categories as c', (j) =>
      j.onRef('c.tenant_id', '=', 't.tenant_id').onRef('c.id', '=', 't.category_id'),
    )
    .leftJoin('it.tickets as mt', (j) =>
      j.onRef('mt.tenant_id', '=', 't.tenant_id').onRef('mt.id', '=', 't.merged_into_id'),
    )
    .selectAll('t')
    .select([
      'a.tag as asset_tag',
      'a.name as asset_name',
      'c.name_cs as category_cs',
      'c.name_en as category_en',
      'mt.number as merged_into_number',
    ])
    .where('t.tenant_id', '=', ctx.tenant.id);

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export const toTicket = (now: Date) => (r: Record<string, any>) => ({
  id: r.id as string,
  number: r.number as string,
  title: r.title as string,
  description: r.description as string,
  priority: r.priority as Priority,
  status: r.status as string,
  assetId: (r.asset_id ?? null) as string | null,
  assetTag: (r.asset_tag ?? null) as string | null,
  assetName: (r.asset_name ?? null) as string | null,
  categoryId: (r.category_id ?? null) as string | null,
  category: r.category_id ? { cs: r.category_cs as string, en: r.category_en as string } : null,
  mergedIntoId: (r.merged_into_id ?? null) as string | null,
  mergedIntoNumber: (r.merged_into_number ?? null) as string | null,
  requesterId: (r.requester_id ?? null) as string | null,
  requester: r.requester_label as string,
  assigneeId: (r.assignee_id ?? null) as string | null,
  assignee: (r.assignee_label ?? null) as string | null,
  teamId: (r.team_id ?? null) as string | null,
  team: (r.team_label ?? null) as string | null,
  createdAt: new Date(r.created_at).toISOString(),
  responseDueAt: iso(r.response_due_at) as string,
  resolutionDueAt: iso(r.resolution_due_at),
  firstResponseAt: iso(r.first_response_at),
  pausedSince: iso(r.paused_since),
  pausedMinutes: Math.round(Number(r.paused_minutes)),
  resolvedAt: iso(r.resolved_at),
  closedAt: iso(r.closed_at),
  responseBreachedAt: iso(r.response_breached_at),
  resolutionBreachedAt: iso(r.resolution_breached_at),
  rating: (r.rating ?? null) as number | null,
  sla: slaState(r as never, now),
});
export type TicketView = ReturnType<ReturnType<typeof toTicket>>;
