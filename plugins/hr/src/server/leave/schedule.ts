import type { PluginContext } from '@bureau/core';
import { HOLIDAY_CZ } from '../data/holiday-cz.ts';
import { ymd, ymdOrNull } from '../services/dates.ts';
import type { Segment } from './hours.ts';

export interface Schedule {
  /** Employment contracts (HPP): these earn holiday. */
  employment: Segment[];
  /** Every contract with hours (agreements too): a leave's hours are counted on these. */
  all: Segment[];
}

const dayBefore = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The employee's weekly working time day by day over `from`–`to`: contracts split at their changes of hours. */
export async function scheduleOf(ctx: PluginContext, employeeId: string, from: string, to: string): Promise<Schedule> {
  const t = ctx.tenant.id;
  const contracts = await ctx.db
    .selectFrom('hr.contracts')
    .select(['id', 'type', 'start_date', 'end_date', 'weekly_hours'])
    .where('tenant_id', '=', t)
    .where('employee_id', '=', employeeId)
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
    .orderBy('start_date')
    .execute();
  const changes = contracts.length
    ? await ctx.db
        .selectFrom('hr.contract_changes')
        .select(['contract_id', 'effective_from', 'weekly_hours'])
        .where('tenant_id', '=', t)
        .where(
          'contract_id',
          'in',
          contracts.map((c) => c.id),
        )
        .where('weekly_hours', 'is not', null)
        .orderBy('effective_from')
        .execute()
    : [];
  const schedule: Schedule = { employment: [], all: [] };
  for (const c of contracts) {
    const start = ymd(c.start_date);
    const end = ymdOrNull(c.end_date) ?? to;
    let segFrom = start;
    let weekly = Number(c.weekly_hours);
    const pieces: Segment[] = [];
    for (const ch of changes.filter((x) => x.contract_id === c.id)) {
      const at = ymd(ch.effective_from);
      if (at <= segFrom || at > end) continue;
      pieces.push({ from: segFrom, to: dayBefore(at), weeklyHours: weekly });
      segFrom = at;
      weekly = Number(ch.weekly_hours);
    }
    pieces.push({ from: segFrom, to: end, weeklyHours: weekly });
    const within = pieces
      .map((p) => ({ ...p, from: p.from < from ? from : p.from, to: p.to > to ? to : p.to }))
      .filter((p) => p.from <= p.to && p.weeklyHours > 0);
    schedule.all.push(...within);
    if (c.type === 'hpp') schedule.employment.push(...within);
  }
  return schedule;
}

/** A day's hours: the weekly time in force on `day` (else the latest contract's) / 5; 8 without any. */
export function dailyHours(schedule: Schedule, day: string): number {
  const s = schedule.all.find((x) => x.from <= day && day <= x.to) ?? schedule.employment.at(-1) ?? schedule.all.at(-1);
  return s ? s.weeklyHours / HOLIDAY_CZ.workingDaysInWeek.value : 8;
}
