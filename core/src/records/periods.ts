import { problem } from '../http/problem.ts';
import { type InstalledClass, isDue, keepUntilDate, subtractFromDate } from './classes.ts';
import { type HoldIndex, heldKeys } from './holds.ts';
import { mm } from './management-messages.ts';
import { actorLabel, classesInScope, type RecordsScope, today } from './scope.ts';
import { type Period, periodMonths, TRIGGER_LABELS } from './statutes.ts';

/** The tenant's lengthened periods, by class. */
export async function tenantPeriods(s: RecordsScope): Promise<Map<string, Period>> {
  const rows = await s.db
    .selectFrom('core.record_class_periods')
    .select(['class_key', 'years', 'months'])
    .where('tenant_id', '=', s.tenant.id)
    .execute();
  return new Map(rows.map((r) => [r.class_key as string, { years: r.years, months: r.months }]));
}

/** The period that applies to a class for the tenant: its own setting, else the class's standard. */
export const effectivePeriod = (c: InstalledClass, own: Period | undefined): Period => own ?? c.standard;

/**
 * Sets a tenant's period for a class. Shorter than a statutory duty: 409 `below_statutory_minimum`
 * naming the minimum and its source, nothing changed. `null` returns the class to its standard.
 */
export async function setTenantPeriod(s: RecordsScope, c: InstalledClass, period: Period | null) {
  const before = (await tenantPeriods(s)).get(c.key) ?? null;
  if (period && periodMonths(period) < periodMonths(c.minimum)) {
    const duty = c.statutes.filter((st) => st.duty).sort((a, b) => periodMonths(b.period) - periodMonths(a.period))[0];
    throw problem(
      409,
      mm.below_statutory_minimum,
      { years: c.minimum.years, months: c.minimum.months, source: duty?.source ?? '' },
      { extra: { minimum: c.minimum, source: duty?.source ?? null, recordClass: c.key } },
    );
  }
  await s.db
    .deleteFrom('core.record_class_periods')
    .where('tenant_id', '=', s.tenant.id)
    .where('class_key', '=', c.key)
    .execute();
  if (period) {
    await s.db
      .insertInto('core.record_class_periods')
      .values({
        tenant_id: s.tenant.id,
        class_key: c.key,
        years: period.years,
        months: period.months,
        updated_at: s.runtime.clock.now(),
        updated_by: actorLabel(s),
      })
      .execute();
  }
  await s.ctx.audit({
    action: 'record-class.period_set',
    entityType: 'record-class',
    entityId: c.key,
    before: before ? { period: before } : null,
    after: { period: period ?? c.standard, standard: period === null },
  });
}

export interface DueRecord {
  classKey: string;
  id: string;
  label: string;
  triggerDate: string;
  keepUntil: string;
  entityType: string | null;
  entityId: string | null;
  held: boolean;
}

/** The records of a class past retention on `day`, marked when a legal hold keeps them. */
export async function dueRecords(
  s: RecordsScope,
  c: InstalledClass,
  period: Period,
  holds: HoldIndex,
  day = today(s.runtime),
): Promise<DueRecord[]> {
  const candidates = await c.definition.records(s.ctx, { triggeredBy: subtractFromDate(day, period) });
  return candidates
    .filter((r) => isDue(r.triggerDate, period, day))
    .map((r) => ({
      classKey: c.key,
      id: r.id,
      label: r.label,
      triggerDate: r.triggerDate as string,
      keepUntil: keepUntilDate(r.triggerDate, period) as string,
      entityType: r.entityType ?? null,
      entityId: r.entityId ?? null,
      held: holds.isHeld(c.key, r.id),
    }));
}

/** The retention schedule: every class in scope with its rule, the tenant's period and the records due. */
export async function retentionSchedule(s: RecordsScope) {
  const own = await tenantPeriods(s);
  const holds = await heldKeys(s);
  const day = today(s.runtime);
  const classes = [];
  for (const c of classesInScope(s)) {
    const period = effectivePeriod(c, own.get(c.key));
    const due = await dueRecords(s, c, period, holds, day);
    classes.push({
      key: c.key,
      module: c.plugin.id,
      label: c.definition.label,
      trigger: c.definition.trigger,
      triggerLabel: TRIGGER_LABELS[c.definition.trigger],
      disposal: c.definition.disposal,
      statutes: c.statutes.map((st) => ({
        key: st.key,
        label: st.label,
        period: st.period,
        trigger: st.trigger,
        duty: st.duty,
        source: st.source,
        url: st.url,
        verified: st.verified,
        ...(st.note ? { note: st.note } : {}),
      })),
      minimum: c.minimum,
      standard: c.standard,
      period,
      lengthened: own.has(c.key),
      due: due.filter((d) => !d.held).length,
      held: due.filter((d) => d.held).length,
    });
  }
  return { today: day, classes };
}
