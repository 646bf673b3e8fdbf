import {
  accountToIban,
  badRequest,
  domesticAccountText,
  type FieldError,
  fieldError,
  type PluginContext,
} from '@bureau/core';
import type { PaymentSettingsInput } from '../../schema.ts';
import { m } from '../messages.ts';

/** The employer's payment settings as stored (IBANs), read by the payments of a run. */
export interface PaymentSettings {
  debitIban: string | null;
  departmentAccounts: { department: string; iban: string }[];
  cssz: { iban: string; variableSymbol: string } | null;
  insurers: { insurer: string; iban: string; variableSymbol: string }[];
  taxOffice: { advancesIban: string; withholdingIban: string | null; variableSymbol: string } | null;
  payDay: number;
}

/** Without settings: nothing known, payday the 15th (a common výplatní termín). */
const EMPTY: PaymentSettings = {
  debitIban: null,
  departmentAccounts: [],
  cssz: null,
  insurers: [],
  taxOffice: null,
  payDay: 15,
};

export async function loadPaymentSettings(ctx: PluginContext): Promise<PaymentSettings> {
  const t = ctx.tenant.id;
  const row = await ctx.db.selectFrom('hr.payment_settings').selectAll().where('tenant_id', '=', t).executeTakeFirst();
  const departments = await ctx.db
    .selectFrom('hr.payment_debit_accounts')
    .select(['department', 'iban'])
    .where('tenant_id', '=', t)
    .orderBy('department')
    .execute();
  const insurers = await ctx.db
    .selectFrom('hr.payment_insurers')
    .select(['insurer', 'iban', 'variable_symbol'])
    .where('tenant_id', '=', t)
    .orderBy('insurer')
    .execute();
  if (!row && !departments.length && !insurers.length) return EMPTY;
  return {
    debitIban: row?.debit_iban ?? null,
    departmentAccounts: departments,
    cssz: row?.cssz_iban ? { iban: row.cssz_iban, variableSymbol: row.cssz_variable_symbol } : null,
    insurers: insurers.map((i) => ({ insurer: i.insurer, iban: i.iban, variableSymbol: i.variable_symbol })),
    taxOffice: row?.tax_advances_iban
      ? {
          advancesIban: row.tax_advances_iban,
          withholdingIban: row.tax_withholding_iban ?? null,
          variableSymbol: row.tax_variable_symbol,
        }
      : null,
    payDay: row?.pay_day ?? EMPTY.payDay,
  };
}

/** An account as the API shows it: the domestic number for a Czech IBAN, with the IBAN. */
export const accountView = (iban: string) => ({ account: domesticAccountText(iban), iban });

/** The settings as the API returns them. */
export function settingsView(s: PaymentSettings) {
  return {
    debitAccount: s.debitIban ? accountView(s.debitIban) : null,
    departmentAccounts: s.departmentAccounts.map((d) => ({ department: d.department, ...accountView(d.iban) })),
    cssz: s.cssz ? { ...accountView(s.cssz.iban), variableSymbol: s.cssz.variableSymbol } : null,
    insurers: s.insurers.map((i) => ({ insurer: i.insurer, ...accountView(i.iban), variableSymbol: i.variableSymbol })),
    taxOffice: s.taxOffice
      ? {
          advances: accountView(s.taxOffice.advancesIban),
          withholding: s.taxOffice.withholdingIban ? accountView(s.taxOffice.withholdingIban) : null,
          variableSymbol: s.taxOffice.variableSymbol,
        }
      : null,
    payDay: s.payDay,
  };
}

/** Checks every account (field errors name each bad one) and replaces the settings; nothing is written on a refusal. */
export async function savePaymentSettings(ctx: PluginContext, input: PaymentSettingsInput): Promise<PaymentSettings> {
  const errors: FieldError[] = [];
  const iban = (path: string, text: string | null | undefined) => {
    if (!text) return null;
    const v = accountToIban(text);
    if (!v) errors.push(fieldError(path, m.invalid_bank_account));
    return v;
  };
  const settings: PaymentSettings = {
    debitIban: iban('debitAccount', input.debitAccount),
    departmentAccounts: (input.departmentAccounts ?? []).map((d, i) => ({
      department: d.department,
      iban: iban(`departmentAccounts.${i}.account`, d.account) ?? '',
    })),
    cssz: input.cssz
      ? { iban: iban('cssz.account', input.cssz.account) ?? '', variableSymbol: input.cssz.variableSymbol }
      : null,
    insurers: (input.insurers ?? []).map((x, i) => ({
      insurer: x.insurer,
      iban: iban(`insurers.${i}.account`, x.account) ?? '',
      variableSymbol: x.variableSymbol,
    })),
    taxOffice: input.taxOffice
      ? {
          advancesIban: iban('taxOffice.advancesAccount', input.taxOffice.advancesAccount) ?? '',
          withholdingIban: iban('taxOffice.withholdingAccount', input.taxOffice.withholdingAccount),
          variableSymbol: input.taxOffice.variableSymbol,
        }
      : null,
    payDay: input.payDay,
  };
  const seen = new Set<string>();
  settings.departmentAccounts.forEach((d, i) => {
    const key = d.department.toLocaleLowerCase('cs');
    if (seen.has(key))
      errors.push(
        fieldError(`departmentAccounts.${i}.department`, m.department_account_twice, { department: d.department }),
      );
    seen.add(key);
  });
  const insurers = new Set<string>();
  settings.insurers.forEach((x, i) => {
    if (insurers.has(x.insurer))
      errors.push(fieldError(`insurers.${i}.insurer`, m.insurer_twice, { insurer: x.insurer }));
    insurers.add(x.insurer);
  });
  if (errors.length) throw badRequest('invalid_input', errors[0]!.message, errors);

  const t = ctx.tenant.id;
  const row = {
    debit_iban: settings.debitIban,
    cssz_iban: settings.cssz?.iban ?? null,
    cssz_variable_symbol: settings.cssz?.variableSymbol ?? null,
    tax_advances_iban: settings.taxOffice?.advancesIban ?? null,
    tax_withholding_iban: settings.taxOffice?.withholdingIban ?? null,
    tax_variable_symbol: settings.taxOffice?.variableSymbol ?? null,
    pay_day: settings.payDay,
    updated_at: ctx.now(),
  };
  await ctx.db
    .insertInto('hr.payment_settings')
    .values({ tenant_id: t, ...row })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
    .execute();
  await ctx.db.deleteFrom('hr.payment_debit_accounts').where('tenant_id', '=', t).execute();
  if (settings.departmentAccounts.length)
    await ctx.db
      .insertInto('hr.payment_debit_accounts')
      .values(settings.departmentAccounts.map((d) => ({ tenant_id: t, department: d.department, iban: d.iban })))
      .execute();
  await ctx.db.deleteFrom('hr.payment_insurers').where('tenant_id', '=', t).execute();
  if (settings.insurers.length)
    await ctx.db
      .insertInto('hr.payment_insurers')
      .values(
        settings.insurers.map((x) => ({
          tenant_id: t,
          insurer: x.insurer,
          iban: x.iban,
          variable_symbol: x.variableSymbol,
        })),
      )
      .execute();
  // Accounts and symbols are the employer's own, not personal data: the audit keeps the new settings.
  await ctx.audit({
    action: 'hr.payment_settings.updated',
    entityType: 'hr.payment_settings',
    entityId: t,
    after: settingsView(settings),
  });
  return settings;
}
