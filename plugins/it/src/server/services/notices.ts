import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import { m } from '../messages.ts';
import { tenantCalendar } from './maintenance.ts';

/** Who hears about a ticket: its assignee, or (unassigned) everyone who works tickets. */
const ticketAudience = (assigneeId: string | null) => (assigneeId ? [assigneeId] : { permission: 'it.helpdesk' });

export interface ClockRow {
  id: string;
  number: string;
  title: string;
  due: Date;
  assignee_id: string | null;
}

const CLOCKS = {
  response: { en: 'first response', cs: 'první reakci' },
  resolution: { en: 'resolution', cs: 'vyřešení' },
} as const;

/**
 * SLA warnings: each open clock whose warning instant (80 % of its target) has come by `at` while it
 * is not yet due, once per clock: the response clock until the first response, the resolution clock
 * while it runs (not while waiting on the requester). A clock already due gets the breach instead.
 */
export async function warnSla(ctx: PluginContext, at: Date) {
  const { timeZone } = await tenantCalendar(ctx, at);
  const response = await sql<ClockRow>`
    update it.tickets set response_warned_at = ${at}
     where tenant_id = ${ctx.tenant.id} and status not in ('resolved', 'closed') and first_response_at is null
       and response_warned_at is null and response_warn_at <= ${at} and response_due_at > ${at}
    returning id, number, title, response_due_at as due, assignee_id`.execute(ctx.db);
  const resolution = await sql<ClockRow>`
    update it.tickets set resolution_warned_at = ${at}
     where tenant_id = ${ctx.tenant.id} and status not in ('resolved', 'closed') and paused_since is null
       and resolution_warned_at is null and resolution_warn_at <= ${at} and resolution_due_at > ${at}
    returning id, number, title, resolution_due_at as due, assignee_id`.execute(ctx.db);
  for (const [clock, rows] of [
    ['response', response.rows],
    ['resolution', resolution.rows],
  ] as const)
    for (const r of rows) await notifyClock(ctx, r, clock, 'warning', timeZone);
}

/** Tells the ticket's assignee (or the helpdesk) that a clock is about to fall due, or did. */
export async function notifyClock(
  ctx: PluginContext,
  r: ClockRow,
  clock: keyof typeof CLOCKS,
  stage: 'warning' | 'breach',
  timeZone: string,
) {
  const when = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(r.due));
  await ctx.notify({
    to: ticketAudience(r.assignee_id),
    title: stage === 'warning' ? m.sla_warning : m.sla_breached,
    body: stage === 'warning' ? m.sla_warning_body : m.sla_breached_body,
    params: { number: r.number, title: r.title, clock: CLOCKS[clock], due: { en: when('en-GB'), cs: when('cs-CZ') } },
    link: `/it/tickets/${r.id}`,
    severity: stage === 'warning' ? 'warning' : 'critical',
    category: 'it.sla',
  });
}

/** A work order as a notification lists it. */
const line = (w: { number: string; title: string; tag: string; due_on: string }) =>
  `${w.number} ${w.title} (${w.tag}), ${w.due_on}`;

/**
 * Maintenance notices, each work order's stage once, to those who do maintenance: the work orders
 * opened since the last run are due soon (they open the plan's lead days ahead of their due date);
 * open ones whose due date has passed in the tenant's calendar are overdue (one that opens overdue is
 * announced as overdue only). One notification per
 * stage and run lists them all.
 */
export async function noticeMaintenance(ctx: PluginContext, at: Date) {
  const { today } = await tenantCalendar(ctx, at);
  const stage = async (column: 'due_soon_notified_at' | 'overdue_notified_at', overdue: boolean) => {
    const rows = await sql<{ number: string; title: string; tag: string; due_on: string }>`
      with marked as (
        update it.work_orders w set ${sql.ref(column)} = ${at}
         where w.tenant_id = ${ctx.tenant.id} and w.status = 'open' and ${sql.ref(`w.${column}`)} is null
           and ${overdue ? sql`w.due_on < ${today}` : sql`w.due_on >= ${today}`}
        returning w.asset_id, w.number, w.title, to_char(w.due_on, 'YYYY-MM-DD') as due_on)
      select k.number, k.title, a.tag, k.due_on from marked k
        join it.assets a on a.tenant_id = ${ctx.tenant.id} and a.id = k.asset_id
       order by k.due_on, k.number`.execute(ctx.db);
    if (!rows.rows.length) return;
    await ctx.notify({
      to: { permission: 'it.maintenance' },
      title: overdue ? m.maintenance_overdue : m.maintenance_due_soon,
      body: m.maintenance_list,
      params: { count: rows.rows.length, items: rows.rows.map(line).join('; ') },
      link: overdue ? '/it/maintenance?state=overdue' : '/it/maintenance?state=open',
      severity: overdue ? 'warning' : 'info',
      category: 'it.maintenance',
    });
  };
  await stage('due_soon_notified_at', false);
  await stage('overdue_notified_at', true);
}
