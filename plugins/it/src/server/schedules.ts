import type { ScheduleDefinition } from '@bureau/core';
import { sql } from 'kysely';
import { TICKET_SLA_BREACHED, type TicketSlaBreached } from '../contract.ts';
import { announceExpiring } from './services/licences.ts';
import { openDue, tenantCalendar } from './services/maintenance.ts';
import { type ClockRow, noticeMaintenance, notifyClock, warnSla } from './services/notices.ts';
import { freeLeaversSeats } from './services/people.ts';

/**
 * Every five minutes: marks each open ticket clock that fell due unmet at the period's instant
 * (`scheduledAt`, not the wall clock) — the response clock until the first response, the resolution
 * clock while it runs (not while waiting on the requester) — and escalates each breach once with
 * the event `it.ticket.sla_breached`, an audit row and a critical notification (category `it.sla`) to
 * the assignee, or to the helpdesk when unassigned; then warns, once per clock, of each that has
 * come within its last 20 % (`warnSla`). Set-based: one update per clock and stage.
 */
export const slaEscalation: ScheduleDefinition = {
  cron: '*/5 * * * *',
  label: { en: 'Flag tickets past their SLA', cs: 'Označit tikety po lhůtě SLA' },
  async run(ctx) {
    const at = ctx.schedule.scheduledAt;
    const { timeZone } = await tenantCalendar(ctx, at);
    const response = await sql<ClockRow & { priority: string }>`
      update it.tickets set response_breached_at = response_due_at
       where tenant_id = ${ctx.tenant.id} and status not in ('resolved', 'closed')
         and first_response_at is null and response_breached_at is null and response_due_at <= ${at}
      returning id, number, title, response_due_at as due, priority, assignee_id`.execute(ctx.db);
    const resolution = await sql<ClockRow & { priority: string }>`
      update it.tickets set resolution_breached_at = resolution_due_at
       where tenant_id = ${ctx.tenant.id} and status not in ('resolved', 'closed')
         and paused_since is null and resolution_breached_at is null and resolution_due_at <= ${at}
      returning id, number, title, resolution_due_at as due, priority, assignee_id`.execute(ctx.db);
    for (const [clock, rows] of [
      ['response', response.rows],
      ['resolution', resolution.rows],
    ] as const) {
      for (const r of rows) {
        const payload: TicketSlaBreached = {
          ticketId: r.id,
          number: r.number,
          clock,
          dueAt: new Date(r.due).toISOString(),
          priority: r.priority,
          assigneeId: r.assignee_id,
        };
        await ctx.emit(TICKET_SLA_BREACHED, payload);
        await ctx.audit({ action: TICKET_SLA_BREACHED, entityType: 'it.ticket', entityId: r.id, after: payload });
        await notifyClock(ctx, r, clock, 'breach', timeZone);
      }
    }
    await warnSla(ctx, at);
  },
};

/**
 * Every morning: opens the work orders of maintenance periods that came due by the period's date in
 * the tenant's calendar (due date minus the plan's lead days), for every active plan and covered
 * asset. Each (plan, asset, period) opens once, however often this runs (`openDue`). Then tells
 * those who do maintenance, once per work order and stage, what came due soon and what is overdue.
 */
export const maintenanceDue: ScheduleDefinition = {
  cron: '0 5 * * *',
  label: { en: 'Open due maintenance work orders', cs: 'Otevřít splatné pracovní příkazy údržby' },
  async run(ctx) {
    await openDue(ctx, ctx.schedule.scheduledAt);
    await noticeMaintenance(ctx, ctx.schedule.scheduledAt);
  },
};

/**
 * Every morning: announces each licence whose expiry has come within its notice days, once per
 * expiry date (a renewal to a new date re-arms it), to those who manage assets; and frees the seats
 * of leavers whose last day has passed.
 */
export const licenceExpiry: ScheduleDefinition = {
  cron: '0 6 * * *',
  label: { en: 'Announce expiring licences', cs: 'Upozornit na končící licence' },
  async run(ctx) {
    await announceExpiring(ctx, ctx.schedule.scheduledAt);
    await freeLeaversSeats(ctx, ctx.schedule.scheduledAt);
  },
};
