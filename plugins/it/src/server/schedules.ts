import type { ScheduleDefinition } from '@bureau/core';
import { sql } from 'kysely';
import { TICKET_SLA_BREACHED, type TicketSlaBreached } from '../contract.ts';
import { announceExpiring } from './services/licences.ts';
import { openDue } from './services/maintenance.ts';
import { freeLeaversSeats } from './services/people.ts';

/**
 * Every five minutes: marks each open ticket clock that fell due unmet at the period's instant
 * (`scheduledAt`, not the wall clock) — the response clock until the first response, the resolution
 * clock while it runs (not while waiting on the requester) — and escalates each breach once with
 * the event `it.ticket.sla_breached` and an audit row. Set-based: one update per clock.
 */
export const slaEscalation: ScheduleDefinition = {
  cron: '*/5 * * * *',
  label: { en: 'Flag tickets past their SLA', cs: 'Označit tikety po lhůtě SLA' },
  async run(ctx) {
    const at = ctx.schedule.scheduledAt;
    const response = await sql<{ id: string; number: string; due: Date; priority: string; assignee_id: string | null }>`
      update it.tickets set response_breached_at = response_due_at
       where tenant_id = ${ctx.tenant.id} and status not in ('resolved', 'closed')
         and first_response_at is null and response_breached_at is null and response_due_at <= ${at}
      returning id, number, response_due_at as due, priority, assignee_id`.execute(ctx.db);
    const resolution = await sql<{
      id: string;
      number: string;
      due: Date;
      priority: string;
      assignee_id: string | null;
    }>`
      update it.tickets set resolution_breached_at = resolution_due_at
       where tenant_id = ${ctx.tenant.id} and status not in ('resolved', 'closed')
         and paused_since is null and resolution_breached_at is null and resolution_due_at <= ${at}
      returning id, number, resolution_due_at as due, priority, assignee_id`.execute(ctx.db);
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
      }
    }
  },
};

/**
 * Every morning: opens the work orders of maintenance periods that came due by the period's date in
 * the tenant's calendar (due date minus the plan's lead days), for every active plan and covered
 * asset. Each (plan, asset, period) opens once, however often this runs (`openDue`).
 */
export const maintenanceDue: ScheduleDefinition = {
  cron: '0 5 * * *',
  label: { en: 'Open due maintenance work orders', cs: 'Otevřít splatné pracovní příkazy údržby' },
  async run(ctx) {
    await openDue(ctx, ctx.schedule.scheduledAt);
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
