import { badRequest, fieldError, localDate, newId, type PluginContext, problem } from '@bureau/core';
import { sql } from 'kysely';
import { MAINTENANCE_DUE, type MaintenanceDue } from '../../contract.ts';
import { m } from '../messages.ts';
import {
  addDays,
  addMonths,
  type CalendarRule,
  dueOn,
  firstMeterSeqAbove,
  firstSeqOnOrAfter,
  meterPeriodsReached,
  meterThreshold,
  periodsToOpen,
  type WorkingDays,
} from './maintenance-periods.ts';
import { hoursSettings } from './sla.ts';
import { nextNumber } from './tickets.ts';

/** A plan row as stored (numeric columns arrive as strings). */
export interface PlanRow {
  id: string;
  title: string;
  asset_id: string | null;
  category_id: string | null;
  kind: 'days' | 'months' | 'meter';
  every: number;
  basis: 'fixed' | 'floating';
  starts_on: string | Date;
  shift: 'none' | 'before' | 'after';
  lead_days: number;
  meter: string | null;
  meter_start: string | null;
  lead_meter: string | null;
  checklist: string[];
  priority: string;
  active: boolean;
}

export interface AssetRef {
  id: string;
  tag: string;
  name: string;
  created_at: string | Date;
}

export interface ProgressRow {
  next_seq: number;
  anchor_on: string;
  last_done_on: string | null;
}

/** A `date` column as `YYYY-MM-DD` (PGlite and node-postgres hand dates back differently). */
export const ymd = (d: unknown): string =>
  d instanceof Date
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : String(d).slice(0, 10);

/** The tenant's calendar: its time zone, today there, and which days are working days. */
export async function tenantCalendar(ctx: PluginContext, at: Date = ctx.now()) {
  const h = await hoursSettings(ctx);
  const cal: WorkingDays = { weekdays: h.weekdays, czechHolidays: h.czechHolidays };
  return { timeZone: h.timeZone, today: localDate(at, h.timeZone), cal };
}

export const calendarRule = (plan: PlanRow, anchor: string): CalendarRule => ({
  anchor,
  kind: plan.kind as 'days' | 'months',
  every: plan.every,
  shift: plan.shift,
});

/** The plan's first due date when none is given: today plus one interval. */
export function defaultStart(kind: 'days' | 'months' | 'meter', every: number, today: string): string {
  if (kind === 'days') return addDays(today, every);
  if (kind === 'months') return addMonths(today, every);
  return today;
}

/** The assets a plan covers: its asset, or every asset of its category that is not retired. */
export async function coveredAssets(ctx: PluginContext, plan: PlanRow): Promise<AssetRef[]> {
  let q = ctx.db
    .selectFrom('it.assets')
    .select(['id', 'tag', 'name', 'created_at'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('status', '!=', 'retired');
  q = plan.asset_id ? q.where('id', '=', plan.asset_id) : q.where('category_id', '=', plan.category_id);
  return q.orderBy('tag').execute() as Promise<AssetRef[]>;
}

async function latestReading(ctx: PluginContext, assetId: string, meter: string): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('it.meter_readings')
    .select('value')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('asset_id', '=', assetId)
    .where('meter', '=', meter)
    .orderBy('read_at', 'desc')
    .orderBy('value', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.value) : null;
}

/**
 * Where an asset starts in a plan, before any work order: a fixed plan at the first period on or
 * after the day the asset joined it; a floating plan at its start (or the join day); a meter plan
 * at the first threshold above the asset's reading (`null`: no reading yet, nothing to count from).
 */
async function baseline(
  ctx: PluginContext,
  plan: PlanRow,
  asset: AssetRef,
  timeZone: string,
): Promise<ProgressRow | null> {
  const start = ymd(plan.starts_on);
  const joined = localDate(new Date(asset.created_at), timeZone);
  const anchor = joined.localeCompare(start) > 0 ? joined : start;
  if (plan.kind === 'meter') {
    const reading = await latestReading(ctx, asset.id, plan.meter as string);
    if (reading === null) return null;
    return {
      next_seq: firstMeterSeqAbove(Number(plan.meter_start ?? 0), plan.every, reading),
      anchor_on: start,
      last_done_on: null,
    };
  }
  if (plan.basis === 'floating') return { next_seq: 0, anchor_on: anchor, last_done_on: null };
  return { next_seq: firstSeqOnOrAfter(calendarRule(plan, start), joined), anchor_on: start, last_done_on: null };
}

async function progressOf(ctx: PluginContext, planId: string, assetId: string, lock: boolean) {
  let q = ctx.db
    .selectFrom('it.maintenance_progress')
    .select(['next_seq', 'anchor_on', 'last_done_on'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('plan_id', '=', planId)
    .where('asset_id', '=', assetId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row
    ? { next_seq: row.next_seq, anchor_on: ymd(row.anchor_on), last_done_on: row.last_done_on && ymd(row.last_done_on) }
    : null;
}

/** Where an asset stands in a plan: its progress row, or where it would start (null: a meter plan without a reading). */
export async function assetProgress(ctx: PluginContext, plan: PlanRow, asset: AssetRef, timeZone: string) {
  return (await progressOf(ctx, plan.id, asset.id, false)) ?? (await baseline(ctx, plan, asset, timeZone));
}

async function hasOpenWorkOrder(ctx: PluginContext, planId: string, assetId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('it.work_orders')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('plan_id', '=', planId)
    .where('asset_id', '=', assetId)
    .where('status', '=', 'open')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * The due date of a calendar plan's period for an asset, or null when it cannot be dated yet (a
 * floating plan's next period while the previous one is still open, or beyond the next period).
 */
export function calendarDueOf(plan: PlanRow, p: ProgressRow, cal: WorkingDays, openNow: boolean) {
  return (seq: number): string | null => {
    if (plan.basis === 'fixed') return dueOn(calendarRule(plan, ymd(plan.starts_on)), seq, cal);
    if (seq !== p.next_seq || openNow) return null;
    return p.last_done_on
      ? dueOn(calendarRule(plan, p.last_done_on), 1, cal)
      : dueOn(calendarRule(plan, p.anchor_on), 0, cal);
  };
}

export interface OpenedWorkOrder {
  id: string;
  number: string;
  assetId: string;
  seq: number;
  dueOn: string;
}

/**
 * Opens the work orders of an asset's periods that have come due (their due date minus the lead
 * days by `today`, or their meter threshold minus the lead reached), in order, each once: the
 * asset's progress row is locked, and a work order is unique per (plan, asset, period).
 */
export async function openDuePeriods(
  ctx: PluginContext,
  plan: PlanRow,
  asset: AssetRef,
  today: string,
  timeZone: string,
  cal: WorkingDays,
): Promise<OpenedWorkOrder[]> {
  let p = await progressOf(ctx, plan.id, asset.id, true);
  if (!p) {
    const b = await baseline(ctx, plan, asset, timeZone);
    if (!b) return [];
    await ctx.db
      .insertInto('it.maintenance_progress')
      .values({ tenant_id: ctx.tenant.id, plan_id: plan.id, asset_id: asset.id, ...b })
      .onConflict((oc) => oc.columns(['tenant_id', 'plan_id', 'asset_id']).doNothing())
      .execute();
    p = await progressOf(ctx, plan.id, asset.id, true);
    if (!p) return [];
  }
  let due: Array<{ seq: number; dueOn: string; meterDue: number | null }>;
  if (plan.kind === 'meter') {
    const reading = await latestReading(ctx, asset.id, plan.meter as string);
    const start = Number(plan.meter_start ?? 0);
    due =
      reading === null
        ? []
        : meterPeriodsReached(p.next_seq, start, plan.every, Number(plan.lead_meter ?? 0), reading).map((seq) => ({
            seq,
            dueOn: today,
            meterDue: meterThreshold(start, plan.every, seq),
          }));
  } else {
    const openNow = plan.basis === 'floating' && (await hasOpenWorkOrder(ctx, plan.id, asset.id));
    due = periodsToOpen(p.next_seq, today, plan.lead_days, calendarDueOf(plan, p, cal, openNow)).map((d) => ({
      ...d,
      meterDue: null,
    }));
  }
  const opened: OpenedWorkOrder[] = [];
  for (const d of due) {
    const id = newId();
    const number = await nextNumber(ctx, 'work_order', 'WO');
    const row = await ctx.db
      .insertInto('it.work_orders')
      .values({
        tenant_id: ctx.tenant.id,
        id,
        number,
        plan_id: plan.id,
        asset_id: asset.id,
        seq: d.seq,
        title: plan.title,
        due_on: d.dueOn,
        meter_due: d.meterDue,
        checklist: JSON.stringify(plan.checklist.map((text) => ({ text, done: false }))),
        status: 'open',
        opened_at: ctx.now(),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'plan_id', 'asset_id', 'seq']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    const payload: MaintenanceDue = {
      workOrderId: id,
      number,
      planId: plan.id,
      assetId: asset.id,
      assetTag: asset.tag,
      title: plan.title,
      dueOn: d.dueOn,
      meterDue: d.meterDue,
    };
    await ctx.emit(MAINTENANCE_DUE, payload);
    await ctx.audit({ action: MAINTENANCE_DUE, entityType: 'it.work_order', entityId: id, after: payload });
    opened.push({ id, number, assetId: asset.id, seq: d.seq, dueOn: d.dueOn });
  }
  const last = due.at(-1);
  if (last)
    await ctx.db
      .updateTable('it.maintenance_progress')
      .set({ next_seq: sql`greatest(next_seq, ${last.seq + 1})` })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('plan_id', '=', plan.id)
      .where('asset_id', '=', asset.id)
      .execute();
  return opened;
}

export const planQuery = (ctx: PluginContext) =>
  ctx.db.selectFrom('it.maintenance_plans').selectAll().where('tenant_id', '=', ctx.tenant.id);

/** Opens what has come due for every asset of one plan (or of every active plan). */
export async function openDue(ctx: PluginContext, at: Date, planId?: string): Promise<OpenedWorkOrder[]> {
  const { today, timeZone, cal } = await tenantCalendar(ctx, at);
  let q = planQuery(ctx).where('active', '=', true);
  if (planId) q = q.where('id', '=', planId);
  const plans = (await q.orderBy('created_at').execute()) as PlanRow[];
  const out: OpenedWorkOrder[] = [];
  for (const plan of plans)
    for (const asset of await coveredAssets(ctx, plan))
      out.push(...(await openDuePeriods(ctx, plan, asset, today, timeZone, cal)));
  return out;
}

/** Opens what a new meter reading brought due, for the plans of that meter covering the asset. */
export async function openDueForAsset(ctx: PluginContext, assetId: string): Promise<OpenedWorkOrder[]> {
  const { today, timeZone, cal } = await tenantCalendar(ctx);
  const asset = (await ctx.db
    .selectFrom('it.assets')
    .select(['id', 'tag', 'name', 'created_at', 'category_id', 'status'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', assetId)
    .executeTakeFirstOrThrow()) as AssetRef & { category_id: string; status: string };
  if (asset.status === 'retired') return [];
  const plans = (await planQuery(ctx)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('asset_id', '=', assetId), eb('category_id', '=', asset.category_id)]))
    .orderBy('created_at')
    .execute()) as PlanRow[];
  const out: OpenedWorkOrder[] = [];
  for (const plan of plans) out.push(...(await openDuePeriods(ctx, plan, asset, today, timeZone, cal)));
  return out;
}

export interface AssetSchedule {
  assetId: string;
  tag: string;
  name: string;
  /** The earliest open work order's due date, else the next period's. */
  nextDueOn: string | null;
  /** A meter plan's next threshold. */
  nextMeter: number | null;
  lastReading: number | null;
  lastDoneOn: string | null;
  openWorkOrders: number;
}

/** Where each covered asset stands in a plan: its next due date or threshold, open work orders, last completion. */
export async function planSchedule(ctx: PluginContext, plan: PlanRow): Promise<AssetSchedule[]> {
  const { timeZone, cal } = await tenantCalendar(ctx);
  const open = await ctx.db
    .selectFrom('it.work_orders')
    .select(['asset_id', sql<string>`min(due_on)::text`.as('due'), sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('plan_id', '=', plan.id)
    .where('status', '=', 'open')
    .groupBy('asset_id')
    .execute();
  const openBy = new Map(open.map((o) => [o.asset_id as string, o]));
  const out: AssetSchedule[] = [];
  for (const asset of await coveredAssets(ctx, plan)) {
    const p = await assetProgress(ctx, plan, asset, timeZone);
    const o = openBy.get(asset.id);
    const reading = plan.kind === 'meter' ? await latestReading(ctx, asset.id, plan.meter as string) : null;
    let nextDueOn: string | null = o ? ymd(o.due) : null;
    let nextMeter: number | null = null;
    if (p && plan.kind === 'meter') nextMeter = meterThreshold(Number(plan.meter_start ?? 0), plan.every, p.next_seq);
    else if (p && !nextDueOn) nextDueOn = calendarDueOf(plan, p, cal, false)(p.next_seq);
    out.push({
      assetId: asset.id,
      tag: asset.tag,
      name: asset.name,
      nextDueOn,
      nextMeter,
      lastReading: reading,
      lastDoneOn: p?.last_done_on ?? null,
      openWorkOrders: o ? Number(o.n) : 0,
    });
  }
  return out;
}

/** The earliest next due date and lowest next threshold over a plan's assets. */
export function earliest(schedule: AssetSchedule[]) {
  const dates = schedule.map((s) => s.nextDueOn).filter((d): d is string => !!d);
  const meters = schedule.map((s) => s.nextMeter).filter((d): d is number => d !== null);
  return {
    nextDueAt: dates.length ? dates.reduce((a, b) => (a.localeCompare(b) <= 0 ? a : b)) : null,
    nextMeter: meters.length ? Math.min(...meters) : null,
  };
}

/**
 * Records a meter reading. Readings never go backwards: the asset row is locked, so of two
 * concurrent readings each is compared with the other's; a lower one is 409 `meter_backwards`.
 */
export async function recordReading(
  ctx: PluginContext,
  assetId: string,
  meter: string,
  value: number,
): Promise<{ id: string; readAt: Date }> {
  const asset = await ctx.db
    .selectFrom('it.assets')
    .select(['id', 'tag'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', assetId)
    .forUpdate()
    .executeTakeFirst();
  if (!asset) throw badRequest('asset_not_found', m.asset_not_found, [fieldError('assetId', m.asset_not_found)]);
  const last = await latestReading(ctx, assetId, meter);
  if (last !== null && value < last)
    throw problem(409, m.meter_backwards, undefined, {
      extra: { last: String(last), value: String(value) },
      errors: [fieldError('value', m.meter_backwards, { last: String(last), value: String(value) })],
    });
  const id = newId();
  const readAt = ctx.now();
  await ctx.db
    .insertInto('it.meter_readings')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      asset_id: assetId,
      meter,
      value,
      read_at: readAt,
      recorded_by: ctx.actor?.userId ?? null,
      recorded_by_label: ctx.actor?.label ?? 'API',
    })
    .execute();
  await ctx.audit({
    action: 'it.meter.read',
    entityType: 'it.asset',
    entityId: assetId,
    after: { meter, value },
  });
  return { id, readAt };
}
