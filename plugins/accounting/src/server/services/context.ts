import { badRequest, conflict, type PluginContext } from '@bureau/core';
import type { Selectable } from 'kysely';
import type { Db, SettingsTable } from './db.ts';

export type Ctx = PluginContext;

/** The tenant transaction, typed with the accounting schema. */
export const dbOf = (ctx: Ctx): Db => ctx.db as unknown as Db;

export const actorLabel = (ctx: Ctx): string | null => ctx.actor?.label ?? null;

export type Settings = Selectable<SettingsTable>;

/** The tenant's accounting settings (functional currency, default accounts); seeded on enable. */
export async function settingsOf(ctx: Ctx): Promise<Settings> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.settings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  if (!row)
    throw conflict('not_initialised', {
      en: 'Accounting has not been set up for this tenant; enable the module first',
      cs: 'Účetnictví není pro tuto firmu nastavené; nejdřív zapněte modul',
    });
  return row as Settings;
}

/**
 * The database's own words (its triggers raise English) with a Czech text for the same refusal.
 * Services check first, so these are the last line of defence.
 */
const fromDb = (e: { message?: string }, en: string, cs: string) => ({ en: e.message ?? en, cs });

/** Maps the ledger's own SQLSTATEs (raised by its triggers) to problems; anything else is rethrown. */
export function ledgerProblem(err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  switch (e?.code) {
    case 'AC001':
      return badRequest('unbalanced', {
        en: 'The entry does not balance: debits must equal credits',
        cs: 'Zápis není vyrovnaný: strana má dáti se musí rovnat straně dal',
      });
    case 'AC002': {
      const period = /\d{4}-\d{2}/.exec(e.message ?? '')?.[0];
      return conflict(
        'period_locked',
        fromDb(e, 'The period is locked', period ? `Období ${period} je uzamčené` : 'Období je uzamčené'),
      );
    }
    case 'AC003':
      return conflict('immutable', {
        en: 'Posted entries cannot be changed; post a reversal instead',
        cs: 'Zaúčtované zápisy nelze měnit; zaúčtujte storno',
      });
    case 'AC005':
      return badRequest('invalid_entry', {
        en: 'The entry lines do not match the entry',
        cs: 'Řádky zápisu k zápisu nepatří',
      });
    case 'AC004':
      return conflict('immutable', fromDb(e, 'An issued document cannot change', 'Vystavený doklad nelze měnit'));
    case 'AC006':
      return conflict('immutable', fromDb(e, 'Kept by the database', 'Tato data vede databáze sama'));
    case 'AC007':
      return conflict('account_in_use', fromDb(e, 'The account has postings', 'Na účtu jsou zápisy'));
    case 'AC008':
      return badRequest(
        'not_postable',
        fromDb(e, 'Group accounts cannot be posted to', 'Na souhrnné účty nelze účtovat'),
      );
    case 'AC009':
      return conflict(
        'settlement_mismatch',
        fromDb(e, 'Allocations do not match', 'Přiřazené úhrady nesouhlasí s doklady'),
      );
    case 'AC011':
      return conflict(
        'cash_date_order',
        fromDb(
          e,
          'A cash document cannot be dated before the last one',
          'Pokladní doklad nemůže mít starší datum než poslední doklad',
        ),
      );
    case 'AC012':
      return conflict(
        'cash_insufficient',
        fromDb(e, 'The cash desk does not hold that much', 'V pokladně tolik peněz není'),
      );
    case 'AC013':
      return conflict('cash_day_closed', fromDb(e, 'The cash desk day is closed', 'Pokladní den je uzavřený'));
    case 'AC010':
      return conflict(
        'module_enabled',
        fromDb(e, 'Disable accounting before deleting its data', 'Před smazáním dat účetnictví ho vypněte'),
      );
    default:
      return err;
  }
}

/** Runs `fn`, translating ledger trigger errors into problems. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw ledgerProblem(err);
  }
}
