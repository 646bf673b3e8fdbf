import { badRequest, conflict } from '@bureau/core';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import type { SettingsTable } from './db.ts';
import { pt } from './problem-texts.ts';

/** Roles an account can play in automatic postings, and the settings column that names it. */
export const ACCOUNT_ROLES = {
  receivable: 'receivable_account_id',
  payable: 'payable_account_id',
  vatOutput: 'vat_output_account_id',
  vatInput: 'vat_input_account_id',
  revenue: 'revenue_account_id',
  expense: 'expense_account_id',
  bankRoot: 'bank_root_account_id',
  cash: 'cash_account_id',
  fxGain: 'fx_gain_account_id',
  fxLoss: 'fx_loss_account_id',
  bankFee: 'bank_fee_account_id',
  advances: 'advances_account_id',
} as const satisfies Record<string, keyof SettingsTable>;

export type AccountRole = keyof typeof ACCOUNT_ROLES;

export interface SettingsView {
  currency: string;
  country: string;
  fiscalYearStartMonth: number;
  accounts: Record<AccountRole, string | null>;
}

/** The account id configured for a role; a 409 if the tenant unset it. */
export async function roleAccount(ctx: Ctx, role: AccountRole): Promise<string> {
  const s = await settingsOf(ctx);
  const id = s[ACCOUNT_ROLES[role]];
  if (!id)
    throw conflict('account_not_configured', {
      en: `No ${role} account is configured in the accounting settings`,
      cs: `V nastavení účetnictví není zadán účet pro roli ${role}`,
    });
  return id;
}

export async function getSettings(ctx: Ctx): Promise<SettingsView> {
  const s = await settingsOf(ctx);
  const ids = Object.values(ACCOUNT_ROLES)
    .map((c) => s[c])
    .filter((v): v is string => !!v);
  const accounts = ids.length
    ? await dbOf(ctx)
        .selectFrom('accounting.accounts')
        .select(['id', 'code'])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', 'in', ids)
        .execute()
    : [];
  const code = new Map(accounts.map((a) => [a.id, a.code]));
  return {
    currency: s.currency,
    country: s.country,
    fiscalYearStartMonth: s.fiscal_year_start_month,
    accounts: Object.fromEntries(
      Object.entries(ACCOUNT_ROLES).map(([role, col]) => [role, s[col] ? (code.get(s[col]) ?? null) : null]),
    ) as Record<AccountRole, string | null>,
  };
}

export async function updateSettings(
  ctx: Ctx,
  patch: { fiscalYearStartMonth?: number | undefined; accounts?: Partial<Record<AccountRole, string>> | undefined },
): Promise<SettingsView> {
  const before = await getSettings(ctx);
  const db = dbOf(ctx);
  const set: Record<string, unknown> = {};
  if (patch.fiscalYearStartMonth !== undefined && patch.fiscalYearStartMonth !== before.fiscalYearStartMonth) {
    const any = await db
      .selectFrom('accounting.journal_entries')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .limit(1)
      .executeTakeFirst();
    if (any)
      throw conflict('books_in_use', {
        en: 'The fiscal year cannot change once entries are posted',
        cs: 'Účetní období nelze změnit, když už jsou zaúčtované zápisy',
      });
    set.fiscal_year_start_month = patch.fiscalYearStartMonth;
  }
  for (const [role, code] of Object.entries(patch.accounts ?? {})) {
    const col = ACCOUNT_ROLES[role as AccountRole];
    const row = await db
      .selectFrom('accounting.accounts')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('code', '=', code as string)
      .executeTakeFirst();
    if (!row)
      throw badRequest('invalid_input', pt.noAccount(String(code)), [
        { path: `accounts.${role}`, message: pt.noAccount(String(code)) },
      ]);
    set[col] = row.id;
  }
  if (Object.keys(set).length) {
    await db.updateTable('accounting.settings').set(set).where('tenant_id', '=', ctx.tenant.id).execute();
  }
  const after = await getSettings(ctx);
  await ctx.audit({
    action: 'accounting.settings.update',
    entityType: 'accounting.settings',
    entityId: null,
    before,
    after,
  });
  return after;
}
