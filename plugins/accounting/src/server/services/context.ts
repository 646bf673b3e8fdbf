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
    throw conflict('not_initialised', 'Accounting has not been set up for this tenant; enable the module first');
  return row as Settings;
}

/** Maps the ledger's own SQLSTATEs (raised by its triggers) to problems; anything else is rethrown. */
export function ledgerProblem(err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  switch (e?.code) {
    case 'AC001':
      return badRequest('unbalanced', 'The entry does not balance: debits must equal credits');
    case 'AC002':
      return conflict('period_locked', e.message ?? 'The period is locked');
    case 'AC003':
      return conflict('immutable', 'Posted entries cannot be changed; post a reversal instead');
    case 'AC005':
      return badRequest('invalid_entry', 'The entry lines do not match the entry');
    case 'AC004':
      return conflict('immutable', e.message ?? 'An issued document cannot change');
    case 'AC006':
      return conflict('immutable', e.message ?? 'Kept by the database');
    case 'AC007':
      return conflict('account_in_use', e.message ?? 'The account has postings');
    case 'AC008':
      return badRequest('not_postable', e.message ?? 'Group accounts cannot be posted to');
    case 'AC009':
      return conflict('settlement_mismatch', e.message ?? 'Allocations do not match');
    case 'AC011':
      return conflict('cash_date_order', e.message ?? 'A cash document cannot be dated before the last one');
    case 'AC012':
      return conflict('cash_insufficient', e.message ?? 'The cash desk does not hold that much');
    case 'AC013':
      return conflict('cash_day_closed', e.message ?? 'The cash desk day is closed');
    case 'AC010':
      return conflict('module_enabled', e.message ?? 'Disable accounting before deleting its data');
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
