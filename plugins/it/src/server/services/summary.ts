import type { PluginContext } from '@bureau/core';
import { sql } from 'kysely';
import { tenantCalendar } from './maintenance.ts';
import { addDays } from './maintenance-periods.ts';

/**
 * What an IT provider sees per client in its console: open tickets by SLA state (breached, in
 * warning, paused while waiting, on time), breaches recorded in the last seven days, assets in
 * use, in repair and lost, and maintenance work orders overdue or due this week (the next seven days
 * from today in the client's calendar).
 */
export async function summary(ctx: PluginContext): Promise<Record<string, unknown>> {
  const now = ctx.now();
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const t = await sql<{ open: string; breached: string; warning: string; paused: string; recent: string }>`
    select count(*) filter (where status not in ('resolved', 'closed')) as open,
           count(*) filter (where status not in ('resolved', 'closed') and (
             response_breached_at is not null or resolution_breached_at is not null
             or (first_response_at is null and response_due_at <= ${now})
             or (paused_since is null and resolution_due_at <= ${now}))) as breached,
           count(*) filter (where status not in ('resolved', 'closed') and paused_since is null
             and response_breached_at is null and resolution_breached_at is null
             and resolution_due_at > ${now} and resolution_warn_at <= ${now}
             and (first_response_at is not null or response_due_at > ${now})) as warning,
           count(*) filter (where status = 'waiting') as paused,
           count(*) filter (where greatest(response_breached_at, resolution_breached_at) >= ${weekAgo}) as recent
      from it.tickets where tenant_id = ${ctx.tenant.id}`.execute(ctx.db);
  const a = await sql<{ deployed: string; in_repair: string; lost: string; total: string }>`
    select count(*) filter (where status = 'deployed') as deployed,
           count(*) filter (where status = 'in_repair') as in_repair,
           count(*) filter (where status = 'lost') as lost,
           count(*) filter (where status <> 'retired') as total
      from it.assets where tenant_id = ${ctx.tenant.id}`.execute(ctx.db);
  const { today } = await tenantCalendar(ctx, now);
  const w = await sql<{ overdue: string; week: string }>`
    select count(*) filter (where due_on < ${today}) as overdue,
           count(*) filter (where due_on >= ${today} and due_on <= ${addDays(today, 6)}) as week
      from it.work_orders where tenant_id = ${ctx.tenant.id} and status = 'open'`.execute(ctx.db);
  const tr = t.rows[0];
  const ar = a.rows[0];
  return {
    openTickets: Number(tr?.open ?? 0),
    breached: Number(tr?.breached ?? 0),
    warning: Number(tr?.warning ?? 0),
    waiting: Number(tr?.paused ?? 0),
    breachesThisWeek: Number(tr?.recent ?? 0),
    assets: Number(ar?.total ?? 0),
    deployed: Number(ar?.deployed ?? 0),
    inRepair: Number(ar?.in_repair ?? 0),
    lost: Number(ar?.lost ?? 0),
    maintenanceOverdue: Number(w.rows[0]?.overdue ?? 0),
    maintenanceDueThisWeek: Number(w.rows[0]?.week ?? 0),
  };
}
