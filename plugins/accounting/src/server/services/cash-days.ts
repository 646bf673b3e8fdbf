import { conflict, defineMessages } from '@bureau/core';
import { type Ctx, dbOf } from './context.ts';

const m = defineMessages('accounting.cashDays', {
  closed: {
    en: 'Cash desk {desk} is closed through {closed}: no document can be dated {date}',
    cs: 'Pokladna {desk} je uzavřena do {closed}: doklad nelze datovat {date}',
  },
});

/** The last closed day of a cash desk, or null. */
export async function closedThrough(ctx: Ctx, deskId: string): Promise<string | null> {
  const r = await dbOf(ctx)
    .selectFrom('accounting.cash_closes')
    .select((eb) => eb.fn.max('date').as('date'))
    .where('tenant_id', '=', ctx.tenant.id)
    .where('desk_id', '=', deskId)
    .executeTakeFirst();
  return (r?.date as string | null | undefined) ?? null;
}

/** 409 `cash_day_closed` when `date` falls on or before the desk's last daily close (the database checks again, AC013). */
export async function assertDayOpen(ctx: Ctx, desk: { id: string; code: string }, date: string): Promise<void> {
  const closed = await closedThrough(ctx, desk.id);
  if (closed && date <= closed) throw conflict('cash_day_closed', m.closed, { desk: desk.code, closed, date });
}
