import {
  addBusinessMinutes,
  type BusinessHours,
  businessHours,
  businessMinutesBetween,
  type PluginContext,
} from '@bureau/core';
import { type Priority, SLA_DEFAULTS, WARNING_SHARE } from '../data/sla-defaults.ts';

export interface HoursSettings {
  timeZone: string;
  start: string;
  end: string;
  weekdays: number[];
  czechHolidays: boolean;
}

export const DEFAULT_HOURS: HoursSettings = {
  timeZone: 'Europe/Prague',
  start: '08:00',
  end: '16:00',
  weekdays: [1, 2, 3, 4, 5],
  czechHolidays: true,
};

/** The tenant's business hours (defaults until it saves its own). */
export async function hoursSettings(ctx: PluginContext): Promise<HoursSettings> {
  const row = await ctx.db
    .selectFrom('it.settings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  if (!row) return DEFAULT_HOURS;
  return {
    timeZone: row.time_zone,
    start: row.day_start,
    end: row.day_end,
    weekdays: row.weekdays,
    czechHolidays: row.czech_holidays,
  };
}

export async function tenantHours(ctx: PluginContext): Promise<BusinessHours> {
  return businessHours(await hoursSettings(ctx));
}

/** The tenant's targets per priority, in business minutes (defaults where it set none). */
export async function policies(ctx: PluginContext) {
  const rows = await ctx.db.selectFrom('it.sla_policies').selectAll().where('tenant_id', '=', ctx.tenant.id).execute();
  const out = structuredClone(SLA_DEFAULTS);
  for (const r of rows)
    out[r.priority as Priority] = { responseMinutes: r.response_minutes, resolutionMinutes: r.resolution_minutes };
  return out;
}

/** The due and warning instants of a ticket's resolution clock, given the business minutes it was paused. */
export function resolutionClock(createdAt: Date, targetMinutes: number, pausedMinutes: number, hours: BusinessHours) {
  return {
    due: addBusinessMinutes(createdAt, targetMinutes + pausedMinutes, hours),
    warn: addBusinessMinutes(createdAt, Math.round(targetMinutes * WARNING_SHARE) + pausedMinutes, hours),
  };
}

const ticketWhere = (ctx: PluginContext, id: string) =>
  ctx.db.updateTable('it.tickets').where('tenant_id', '=', ctx.tenant.id).where('id', '=', id);

/** Stops the resolution clock (waiting on the requester, or resolved); a stopped clock stays stopped. */
export async function pauseClock(ctx: PluginContext, id: string) {
  await ticketWhere(ctx, id).set({ paused_since: ctx.now() }).where('paused_since', 'is', null).execute();
}

/** Restarts a stopped clock: the business time it stood still moves the due instants later. */
export async function resumeClock(ctx: PluginContext, id: string) {
  const t = await ctx.db
    .selectFrom('it.tickets')
    .select(['created_at', 'paused_since', 'paused_minutes', 'resolution_minutes'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (!t.paused_since) return;
  const hours = await tenantHours(ctx);
  const paused = Number(t.paused_minutes) + businessMinutesBetween(new Date(t.paused_since), ctx.now(), hours);
  const clock = resolutionClock(new Date(t.created_at), t.resolution_minutes, paused, hours);
  await ticketWhere(ctx, id)
    .set({ paused_since: null, paused_minutes: paused, resolution_due_at: clock.due, resolution_warn_at: clock.warn })
    .execute();
}

/** Marks the first response (a public reply by IT, asking the requester, or resolving). */
export async function markResponded(ctx: PluginContext, id: string) {
  await ticketWhere(ctx, id).set({ first_response_at: ctx.now() }).where('first_response_at', 'is', null).execute();
}

export type SlaState = 'ok' | 'warning' | 'breached' | 'paused' | 'met';

/** A ticket's SLA badge at an instant: the worse of its response and resolution clocks. */
export function slaState(
  t: {
    status: string;
    first_response_at: unknown;
    response_due_at: unknown;
    resolution_due_at: unknown;
    resolution_warn_at: unknown;
    paused_since: unknown;
    resolved_at: unknown;
    response_breached_at: unknown;
    resolution_breached_at: unknown;
  },
  now: Date,
): SlaState {
  const ms = (d: unknown) => (d ? new Date(d as string).getTime() : null);
  const n = now.getTime();
  const responseLate =
    !!t.response_breached_at ||
    (t.first_response_at
      ? (ms(t.first_response_at) as number) > (ms(t.response_due_at) as number)
      : (ms(t.response_due_at) as number) <= n);
  if (t.resolved_at) {
    const late = !!t.resolution_breached_at || (ms(t.resolved_at) as number) > (ms(t.resolution_due_at) ?? Infinity);
    return late || responseLate ? 'breached' : 'met';
  }
  if (responseLate || t.resolution_breached_at) return 'breached';
  if (t.paused_since) return 'paused';
  const due = ms(t.resolution_due_at);
  if (due !== null && due <= n) return 'breached';
  const warn = ms(t.resolution_warn_at);
  if (warn !== null && warn <= n) return 'warning';
  return 'ok';
}
