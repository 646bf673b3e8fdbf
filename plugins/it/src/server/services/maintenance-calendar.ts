import type { PluginContext } from '@bureau/core';
import {
  assetProgress,
  calendarDueOf,
  calendarRule,
  coveredAssets,
  type PlanRow,
  planQuery,
  tenantCalendar,
  ymd,
} from './maintenance.ts';
import { addDays, addMonths, dueOn, firstSeqOnOrAfter } from './maintenance-periods.ts';

/** One entry of the month: a work order by its due date, or a period of a plan not yet opened as one. */
export interface CalendarItem {
  date: string;
  kind: 'workOrder' | 'plan';
  /** The work order's id, or the plan's for a period not opened yet. */
  id: string;
  planId: string;
  number: string | null;
  title: string;
  assetId: string;
  assetTag: string;
  assetName: string;
  status: 'open' | 'done' | 'skipped' | 'planned';
  /** Not done and due before today in the tenant's calendar. */
  overdue: boolean;
}

/** More than this in one month is cut off (`truncated`): a month view is not an export. */
export const CALENDAR_LIMIT = 1000;

/**
 * A month of maintenance (`YYYY-MM`) in the tenant's calendar: every work order due in it (open,
 * done or skipped) and the due dates of the active calendar plans' periods that have no work order
 * yet (a fixed plan's every period; a floating plan's next one, which can be dated only while no
 * work order of it is open). Meter plans have no dates.
 */
export async function maintenanceCalendar(ctx: PluginContext, month: string) {
  const from = `${month}-01`;
  const to = addDays(addMonths(from, 1), -1);
  const { today, timeZone, cal } = await tenantCalendar(ctx);
  const workOrders = await ctx.db
    .selectFrom('it.work_orders as w')
    .innerJoin('it.assets as a', (j) => j.onRef('a.tenant_id', '=', 'w.tenant_id').onRef('a.id', '=', 'w.asset_id'))
    .select(['w.id', 'w.plan_id', 'w.number', 'w.title', 'w.due_on', 'w.status', 'a.id as asset_id', 'a.tag', 'a.name'])
    .where('w.tenant_id', '=', ctx.tenant.id)
    .where('w.due_on', '>=', from)
    .where('w.due_on', '<=', to)
    .orderBy('w.due_on')
    .orderBy('w.number')
    .limit(CALENDAR_LIMIT + 1)
    .execute();
  const items: CalendarItem[] = workOrders.map((w) => ({
    date: ymd(w.due_on),
    kind: 'workOrder',
    id: w.id,
    planId: w.plan_id,
    number: w.number,
    title: w.title,
    assetId: w.asset_id,
    assetTag: w.tag,
    assetName: w.name,
    status: w.status as CalendarItem['status'],
    overdue: w.status === 'open' && ymd(w.due_on) < today,
  }));
  const openPairs = new Set(
    (
      await ctx.db
        .selectFrom('it.work_orders')
        .select(['plan_id', 'asset_id'])
        .distinct()
        .where('tenant_id', '=', ctx.tenant.id)
        .where('status', '=', 'open')
        .execute()
    ).map((r) => `${r.plan_id}/${r.asset_id}`),
  );
  const plans = (await planQuery(ctx)
    .where('active', '=', true)
    .where('kind', '!=', 'meter')
    .orderBy('created_at')
    .execute()) as PlanRow[];
  for (const plan of plans) {
    for (const asset of await coveredAssets(ctx, plan)) {
      if (items.length > CALENDAR_LIMIT) break;
      const p = await assetProgress(ctx, plan, asset, timeZone);
      if (!p) continue;
      const planned = (date: string) =>
        items.push({
          date,
          kind: 'plan',
          id: plan.id,
          planId: plan.id,
          number: null,
          title: plan.title,
          assetId: asset.id,
          assetTag: asset.tag,
          assetName: asset.name,
          status: 'planned',
          overdue: date < today,
        });
      if (plan.basis === 'floating') {
        const date = calendarDueOf(plan, p, cal, openPairs.has(`${plan.id}/${asset.id}`))(p.next_seq);
        if (date && date >= from && date <= to) planned(date);
        continue;
      }
      // Due dates increase strictly with the period, and a shifted one stays before the next nominal date.
      const rule = calendarRule(plan, ymd(plan.starts_on));
      for (let seq = Math.max(p.next_seq, firstSeqOnOrAfter(rule, from) - 1); ; seq++) {
        const date = dueOn(rule, seq, cal);
        if (date > to || items.length > CALENDAR_LIMIT) break;
        if (date >= from) planned(date);
      }
    }
  }
  const truncated = items.length > CALENDAR_LIMIT;
  items.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.kind === b.kind ? 0 : a.kind === 'workOrder' ? -1 : 1) ||
      (a.number ?? '').localeCompare(b.number ?? '') ||
      a.assetTag.localeCompare(b.assetTag),
  );
  return { month, from, to, today, items: items.slice(0, CALENDAR_LIMIT), truncated };
}
