import { defineWorkflow, z } from '@bureau/core';
import { m } from './messages.ts';
import { markResponded, pauseClock, resumeClock } from './services/sla.ts';
import { mergeTicket } from './services/ticket-merge.ts';
import { assignSelf, assignTicket } from './services/tickets.ts';

const table = (ctx: { db: any; tenant: { id: string } }, id: string) =>
  ctx.db.updateTable('it.tickets').where('tenant_id', '=', ctx.tenant.id).where('id', '=', id);

/**
 * A ticket's life: new → assigned → in progress → waiting (on the requester; the resolution clock
 * stops) → resolved (the clock stops) → closed (with an optional satisfaction rating), reopen;
 * a duplicate is merged into another ticket (closed, for good).
 * Each transition keeps the SLA bookkeeping in the same transaction as the status change.
 */
export const ticketWorkflow = defineWorkflow({
  table: 'it.tickets',
  readPermission: 'it.read',
  initial: 'new',
  states: {
    new: { label: { en: 'New', cs: 'Nový' }, tone: 'info' },
    assigned: { label: { en: 'Assigned', cs: 'Přidělený' }, tone: 'accent' },
    in_progress: { label: { en: 'In progress', cs: 'Řeší se' }, tone: 'accent' },
    waiting: { label: { en: 'Waiting on requester', cs: 'Čeká na zadavatele' }, tone: 'warning' },
    resolved: { label: { en: 'Resolved', cs: 'Vyřešený' }, tone: 'success' },
    closed: { label: { en: 'Closed', cs: 'Uzavřený' }, tone: 'neutral' },
  },
  transitions: {
    assign: {
      from: ['new', 'assigned'],
      to: 'assigned',
      permission: 'it.helpdesk',
      label: { en: 'Assign', cs: 'Přidělit' },
      input: z.object({
        assigneeId: z.uuid().meta({ label: { en: 'Member of IT', cs: 'Člen IT' } }),
      }),
      run: async ({ ctx, id, input }) => assignTicket(ctx, id, input.assigneeId),
    },
    start: {
      from: ['new', 'assigned', 'waiting'],
      to: 'in_progress',
      permission: 'it.helpdesk',
      label: { en: 'Start work', cs: 'Začít řešit' },
      run: async ({ ctx, id, record, from }) => {
        if (from === 'waiting') await resumeClock(ctx, id);
        if (!record.assignee_id) return assignSelf(ctx, id);
      },
    },
    answer: {
      from: 'waiting',
      to: 'in_progress',
      permission: 'it.tickets.create',
      label: { en: 'Requester answered', cs: 'Zadavatel odpověděl' },
      guard: (ctx, record) =>
        ctx.actor?.userId && ctx.actor.userId === record.requester_id
          ? true
          : { en: m.only_requester.en, cs: m.only_requester.cs },
      run: async ({ ctx, id }) => resumeClock(ctx, id),
    },
    wait: {
      from: ['assigned', 'in_progress'],
      to: 'waiting',
      permission: 'it.helpdesk',
      label: { en: 'Wait on requester', cs: 'Čekat na zadavatele' },
      run: async ({ ctx, id }) => {
        await markResponded(ctx, id);
        await pauseClock(ctx, id);
      },
    },
    resolve: {
      from: ['new', 'assigned', 'in_progress', 'waiting'],
      to: 'resolved',
      permission: 'it.helpdesk',
      label: { en: 'Resolve', cs: 'Vyřešit' },
      run: async ({ ctx, id, from }) => {
        if (from === 'waiting') await resumeClock(ctx, id);
        await markResponded(ctx, id);
        await table(ctx, id).set({ resolved_at: ctx.now() }).execute();
        await pauseClock(ctx, id);
      },
    },
    close: {
      from: 'resolved',
      to: 'closed',
      permission: 'it.helpdesk',
      label: { en: 'Close', cs: 'Uzavřít' },
      run: async ({ ctx, id }) => {
        await table(ctx, id).set({ closed_at: ctx.now() }).execute();
      },
    },
    merge: {
      from: ['new', 'assigned', 'in_progress', 'waiting', 'resolved'],
      to: 'closed',
      permission: 'it.helpdesk',
      label: { en: 'Merge into another ticket', cs: 'Sloučit do jiného tiketu' },
      danger: true,
      input: z.object({
        into: z
          .string()
          .trim()
          .min(1)
          .max(20)
          .meta({ label: { en: 'Number of the ticket to merge into', cs: 'Číslo tiketu, do kterého sloučit' } }),
      }),
      run: async ({ ctx, id, input }) => mergeTicket(ctx, id, input.into),
    },
    reopen: {
      from: ['resolved', 'closed'],
      to: 'in_progress',
      guard: (_ctx, record) =>
        record.merged_into_id ? { en: m.merged_stays_closed.en, cs: m.merged_stays_closed.cs } : true,
      permission: 'it.helpdesk',
      label: { en: 'Reopen', cs: 'Znovu otevřít' },
      run: async ({ ctx, id }) => {
        await resumeClock(ctx, id);
        await table(ctx, id).set({ resolved_at: null, closed_at: null, rating: null }).execute();
      },
    },
  },
});
