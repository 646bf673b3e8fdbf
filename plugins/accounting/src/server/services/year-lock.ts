import { conflict } from '@bureau/core';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { fiscalYearOf } from './dates.ts';

/** Sources of the year-end entries (`services/year-end.ts`); reports look through the first three. */
export const YEAR_END = {
  close: 'accounting.year_end.close',
  open: 'accounting.year_end.open',
  reopen: 'accounting.year_end.reopen',
  opening: 'accounting.opening_balances',
} as const;

/** 409 `year_closed` for a posting dated in a closed fiscal year (year-end entries excepted). */
export async function assertYearOpen(ctx: Ctx, date: string, sourceType?: string | null): Promise<void> {
  if (sourceType?.startsWith('accounting.year_end.')) return;
  const s = await settingsOf(ctx);
  const year = fiscalYearOf(date, s.fiscal_year_start_month);
  const row = await dbOf(ctx)
    .selectFrom('accounting.year_closings')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('fiscal_year', '=', year)
    .executeTakeFirst();
  if (row) {
    throw conflict(
      'year_closed',
      {
        en: 'The year {year} is closed; reopen it to post on {date}',
        cs: 'Rok {year} je uzavřen; pro zápis k {date} ho znovu otevřete',
      },
      { year, date },
    );
  }
}
