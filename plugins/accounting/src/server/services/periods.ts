import { conflict, newId } from '@bureau/core';
import { sql } from 'kysely';
import type { PeriodLockedPayload } from '../../contract.ts';
import { actorLabel, type Ctx, dbOf, settingsOf } from './context.ts';
import { addMonths } from './dates.ts';

export interface PeriodView {
  /** 'YYYY-MM'. */
  period: string;
  locked: boolean;
  lockedAt: string | null;
  lockedBy: string | null;
  entries: number;
}

/** The twelve months of a fiscal year with their lock state and entry counts. */
export async function listPeriods(ctx: Ctx, fiscalYear: number): Promise<PeriodView[]> {
  const settings = await settingsOf(ctx);
  const first = `${fiscalYear}-${String(settings.fiscal_year_start_month).padStart(2, '0')}-01`;
  const months = Array.from({ length: 12 }, (_, i) => addMonths(first, i));
  const end = addMonths(first, 12);
  const db = dbOf(ctx);
  const locks = await db
    .selectFrom('accounting.period_locks')
    .select(['period', 'locked_at', 'locked_by'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('period', '>=', first)
    .where('period', '<', end)
    .execute();
  const counts = await db
    .selectFrom('accounting.journal_entries')
    .select([sql<string>`to_char(date, 'YYYY-MM')`.as('month'), sql<string>`count(*)`.as('n')])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('date', '>=', first)
    .where('date', '<', end)
    .groupBy(sql`to_char(date, 'YYYY-MM')`)
    .execute();
  const byMonth = new Map(locks.map((l) => [l.period.slice(0, 7), l]));
  const countBy = new Map(counts.map((c) => [c.month, Number(c.n)]));
  return months.map((m) => {
    const p = m.slice(0, 7);
    const lock = byMonth.get(p);
    return {
      period: p,
      locked: !!lock,
      lockedAt: lock ? new Date(lock.locked_at).toISOString() : null,
      lockedBy: lock?.locked_by ?? null,
      entries: countBy.get(p) ?? 0,
    };
  });
}

export async function lockPeriod(ctx: Ctx, period: string): Promise<void> {
  await settingsOf(ctx);
  const inserted = await dbOf(ctx)
    .insertInto('accounting.period_locks')
    .values({ tenant_id: ctx.tenant.id, id: newId(), period: `${period}-01`, locked_by: actorLabel(ctx) })
    .onConflict((oc) => oc.columns(['tenant_id', 'period']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted)
    throw conflict('already_locked', {
      en: `The period ${period} is already locked`,
      cs: `Období ${period} už je uzamčené`,
    });
  await ctx.audit({
    action: 'accounting.period.lock',
    entityType: 'accounting.period',
    entityId: inserted.id,
    after: { period },
  });
  const payload: PeriodLockedPayload = { period };
  await ctx.emit('accounting.period.locked', payload);
}

export async function unlockPeriod(ctx: Ctx, period: string): Promise<void> {
  const deleted = await dbOf(ctx)
    .deleteFrom('accounting.period_locks')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('period', '=', `${period}-01`)
    .returning('id')
    .executeTakeFirst();
  if (!deleted)
    throw conflict('not_locked', { en: `The period ${period} is not locked`, cs: `Období ${period} není uzamčené` });
  await ctx.audit({
    action: 'accounting.period.unlock',
    entityType: 'accounting.period',
    entityId: deleted.id,
    before: { period },
  });
}

export async function lastLockedPeriod(ctx: Ctx): Promise<string | null> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.period_locks')
    .select('period')
    .where('tenant_id', '=', ctx.tenant.id)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? row.period.slice(0, 7) : null;
}
