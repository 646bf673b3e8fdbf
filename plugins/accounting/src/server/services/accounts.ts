import { badRequest, conflict, newId, notFound } from '@bureau/core';
import { sql } from 'kysely';
import { chartFor, vatFor } from './charts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import type { AccountType, CashFlowCategory } from './db.ts';
import { pt } from './problem-texts.ts';

const { noAccount, inactiveAccount: inactive } = pt;

export interface AccountView {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  parent: string | null;
  parentId: string | null;
  active: boolean;
  cash: boolean;
  cashFlow: CashFlowCategory;
  hasPostings: boolean;
}

/**
 * Seeds a tenant's books on first enable: the chart for its country, the settings that name the
 * control accounts, and the country's VAT rates. Enabling again later changes nothing.
 */
export async function seedTenant(ctx: Ctx): Promise<void> {
  const db = dbOf(ctx);
  const t = ctx.tenant.id;
  const existing = await db
    .selectFrom('accounting.settings')
    .select('id')
    .where('tenant_id', '=', t)
    .executeTakeFirst();
  if (existing) return;
  const chart = chartFor(ctx.tenant.country);
  const ids = new Map<string, string>();
  for (const a of chart.accounts) ids.set(a.code, newId());
  await db
    .insertInto('accounting.accounts')
    .values(
      chart.accounts.map((a) => ({
        tenant_id: t,
        id: ids.get(a.code) as string,
        code: a.code,
        name: a.name,
        type: a.type,
        parent_id: a.parent ? (ids.get(a.parent) as string) : null,
        cash: a.cash,
        cash_flow: a.cashFlow,
      })),
    )
    .execute();
  const d = chart.defaults;
  const id = (code: string) => ids.get(code) as string;
  await db
    .insertInto('accounting.settings')
    .values({
      tenant_id: t,
      id: newId(),
      currency: ctx.tenant.currency.toUpperCase(),
      country: ctx.tenant.country.toUpperCase(),
      receivable_account_id: id(d.receivable),
      payable_account_id: id(d.payable),
      vat_output_account_id: id(d.vatOutput),
      vat_input_account_id: id(d.vatInput),
      revenue_account_id: id(d.revenue),
      expense_account_id: id(d.expense),
      bank_root_account_id: id(d.bankRoot),
      cash_account_id: id(d.cash),
      fx_gain_account_id: id(d.fxGain),
      fx_loss_account_id: id(d.fxLoss),
      bank_fee_account_id: id(d.bankFee),
      advances_account_id: id(d.advances),
    })
    .execute();
  await db
    .insertInto('accounting.vat_rates')
    .values(
      vatFor(ctx.tenant.country).map((r) => ({
        tenant_id: t,
        id: newId(),
        country: ctx.tenant.country.toUpperCase(),
        code: r.code,
        rate: r.rate,
        valid_from: r.validFrom,
        valid_to: r.validTo,
      })),
    )
    .execute();
}

function accountsQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.accounts as a')
    .leftJoin('accounting.accounts as p', (j) =>
      j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.parent_id'),
    )
    .select([
      'a.id',
      'a.code',
      'a.name',
      'a.type',
      'a.parent_id',
      'p.code as parent_code',
      'a.active',
      'a.cash',
      'a.cash_flow',
      sql<boolean>`exists (select 1 from accounting.account_balances b
        where b.tenant_id = a.tenant_id and b.account_id = a.id)`.as('has_postings'),
    ])
    .where('a.tenant_id', '=', ctx.tenant.id);
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountsQuery>['executeTakeFirstOrThrow']>>;

const view = (r: AccountRow): AccountView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: r.type,
  parent: r.parent_code ?? null,
  parentId: r.parent_id,
  active: r.active,
  cash: r.cash,
  cashFlow: r.cash_flow,
  hasPostings: !!r.has_postings,
});

export async function listAccounts(
  ctx: Ctx,
  opts: { active?: boolean | undefined; type?: AccountType | undefined } = {},
) {
  let q = accountsQuery(ctx);
  if (opts.active !== undefined) q = q.where('a.active', '=', opts.active);
  if (opts.type) q = q.where('a.type', '=', opts.type);
  return (await q.orderBy('a.code').execute()).map(view);
}

export async function getAccount(ctx: Ctx, id: string): Promise<AccountView> {
  const row = await accountsQuery(ctx).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Account');
  return view(row);
}

export async function accountIdByCode(ctx: Ctx, code: string, path = 'account'): Promise<string> {
  const row = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select(['id', 'active'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw badRequest('invalid_input', noAccount(code), [{ path, message: noAccount(code) }]);
  if (!row.active) throw badRequest('invalid_input', inactive(code), [{ path, message: inactive(code) }]);
  return row.id;
}

export interface AccountInput {
  code: string;
  name: string;
  type: AccountType;
  parent?: string | null | undefined;
  active?: boolean | undefined;
  cash?: boolean | undefined;
  cashFlow?: CashFlowCategory | undefined;
}

async function parentId(ctx: Ctx, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  const row = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row)
    throw badRequest('invalid_input', { en: 'Unknown parent account', cs: 'Neznámý nadřazený účet' }, [
      { path: 'parent', message: noAccount(code) },
    ]);
  return row.id;
}

async function assertCodeFree(ctx: Ctx, code: string, except?: string) {
  let q = dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', code);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst())
    throw conflict('duplicate_code', {
      en: `An account with code ${code} already exists`,
      cs: `Účet ${code} už existuje`,
    });
}

export async function createAccount(ctx: Ctx, input: AccountInput): Promise<AccountView> {
  await settingsOf(ctx);
  await assertCodeFree(ctx, input.code);
  const parent = await parentId(ctx, input.parent);
  let cash = input.cash;
  let cashFlow = input.cashFlow;
  if (parent && (cash === undefined || cashFlow === undefined)) {
    const p = await getAccount(ctx, parent);
    cash ??= p.cash;
    cashFlow ??= p.cashFlow;
  }
  const id = newId();
  await dbOf(ctx)
    .insertInto('accounting.accounts')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      code: input.code,
      name: input.name,
      type: input.type,
      parent_id: parent,
      active: input.active ?? true,
      cash: cash ?? false,
      cash_flow: cashFlow ?? 'operating',
    })
    .execute();
  const created = await getAccount(ctx, id);
  await ctx.audit({
    action: 'accounting.account.create',
    entityType: 'accounting.account',
    entityId: id,
    after: created,
  });
  return created;
}

export interface AccountPatch {
  code?: string | undefined;
  name?: string | undefined;
  type?: AccountType | undefined;
  parent?: string | null | undefined;
  active?: boolean | undefined;
  cash?: boolean | undefined;
  cashFlow?: CashFlowCategory | undefined;
}

export async function updateAccount(ctx: Ctx, id: string, patch: AccountPatch): Promise<AccountView> {
  const before = await getAccount(ctx, id);
  if (
    (patch.code !== undefined && patch.code !== before.code) ||
    (patch.type !== undefined && patch.type !== before.type)
  ) {
    if (before.hasPostings) {
      throw conflict('account_in_use', {
        en: `Account ${before.code} has postings; its code and type cannot change`,
        cs: `Na účtu ${before.code} jsou zápisy; jeho číslo ani typ nelze změnit`,
      });
    }
  }
  if (patch.code !== undefined) await assertCodeFree(ctx, patch.code, id);
  let parent: string | null | undefined;
  if (patch.parent !== undefined) {
    parent = await parentId(ctx, patch.parent);
    // Refuse cycles: walk up from the new parent.
    let cursor = parent;
    while (cursor) {
      if (cursor === id)
        throw badRequest(
          'parent_cycle',
          { en: 'An account cannot be its own ancestor', cs: 'Účet nemůže být nadřazený sám sobě' },
          [{ path: 'parent', message: { en: 'Would create a cycle', cs: 'Vznikl by cyklus' } }],
        );
      const up: { parent_id: string | null } | undefined = await dbOf(ctx)
        .selectFrom('accounting.accounts')
        .select('parent_id')
        .where('tenant_id', '=', ctx.tenant.id)
        .where('id', '=', cursor)
        .executeTakeFirst();
      cursor = up?.parent_id ?? null;
    }
  }
  const changes = {
    ...(patch.code !== undefined ? { code: patch.code } : {}),
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.type !== undefined ? { type: patch.type } : {}),
    ...(parent !== undefined ? { parent_id: parent } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.cash !== undefined ? { cash: patch.cash } : {}),
    ...(patch.cashFlow !== undefined ? { cash_flow: patch.cashFlow } : {}),
  };
  // An empty patch changes nothing and answers the account as it is.
  if (Object.keys(changes).length === 0) return before;
  await dbOf(ctx)
    .updateTable('accounting.accounts')
    .set(changes)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  const after = await getAccount(ctx, id);
  await ctx.audit({
    action: 'accounting.account.update',
    entityType: 'accounting.account',
    entityId: id,
    before,
    after,
  });
  return after;
}

/** Deletes an account that has never been posted to, has no children and is not used by settings, documents or bank accounts. */
export async function deleteAccount(ctx: Ctx, id: string): Promise<void> {
  const before = await getAccount(ctx, id);
  const db = dbOf(ctx);
  const t = ctx.tenant.id;
  const lines = await db
    .selectFrom('accounting.journal_lines')
    .select('id')
    .where('tenant_id', '=', t)
    .where('account_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (lines || before.hasPostings)
    throw conflict(
      'account_in_use',
      `Account ${before.code} has postings and cannot be deleted; deactivate it instead`,
    );
  const child = await db
    .selectFrom('accounting.accounts')
    .select('code')
    .where('tenant_id', '=', t)
    .where('parent_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (child)
    throw conflict('account_has_children', {
      en: `Account ${before.code} has sub-accounts (${child.code})`,
      cs: `Účet ${before.code} má analytické účty (${child.code})`,
    });
  const settings = await settingsOf(ctx);
  const roles = Object.entries(settings).filter(([k, v]) => k.endsWith('_account_id') && v === id);
  if (roles.length)
    throw conflict('account_in_use', {
      en: `Account ${before.code} is a default account in the settings`,
      cs: `Účet ${before.code} je výchozím účtem v nastavení`,
    });
  const docLine = await db
    .selectFrom('accounting.document_lines')
    .select('id')
    .where('tenant_id', '=', t)
    .where('account_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  const bank = await db
    .selectFrom('accounting.bank_accounts')
    .select('id')
    .where('tenant_id', '=', t)
    .where('account_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (docLine || bank)
    throw conflict('account_in_use', {
      en: `Account ${before.code} is used by documents or bank accounts`,
      cs: `Účet ${before.code} používají doklady nebo bankovní účty`,
    });
  await db.deleteFrom('accounting.accounts').where('tenant_id', '=', t).where('id', '=', id).execute();
  await ctx.audit({ action: 'accounting.account.delete', entityType: 'accounting.account', entityId: id, before });
}
