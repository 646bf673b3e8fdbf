import { badRequest, conflict, type FieldError, newId, notFound } from '@bureau/core';
import { sql } from 'kysely';
import { money } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import type { AccountType } from './db.ts';
import { YEAR_END } from './year-lock.ts';

export interface CostCenter {
  id: string;
  code: string;
  name: { cs: string; en: string };
  active: boolean;
}

const viewOf = (r: { id: string; code: string; name_cs: string; name_en: string; active: boolean }): CostCenter => ({
  id: r.id,
  code: r.code,
  name: { cs: r.name_cs, en: r.name_en },
  active: r.active,
});

export async function listCostCenters(ctx: Ctx, opts: { active?: boolean | undefined } = {}): Promise<CostCenter[]> {
  let q = dbOf(ctx)
    .selectFrom('accounting.cost_centers')
    .select(['id', 'code', 'name_cs', 'name_en', 'active'])
    .where('tenant_id', '=', ctx.tenant.id);
  if (opts.active !== undefined) q = q.where('active', '=', opts.active);
  return (await q.orderBy('code').execute()).map(viewOf);
}

export async function createCostCenter(
  ctx: Ctx,
  input: { code: string; name: { cs: string; en: string }; active?: boolean | undefined },
): Promise<CostCenter> {
  const db = dbOf(ctx);
  const code = input.code.toUpperCase();
  const dup = await db
    .selectFrom('accounting.cost_centers')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (dup)
    throw conflict(
      'duplicate_code',
      { en: `Cost centre ${code} exists already`, cs: `Středisko ${code} už existuje` },
      { costCenter: code },
    );
  const id = newId();
  await db
    .insertInto('accounting.cost_centers')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      code,
      name_cs: input.name.cs,
      name_en: input.name.en,
      active: input.active ?? true,
    })
    .execute();
  const created = await getCostCenter(ctx, id);
  await ctx.audit({
    action: 'accounting.cost_center.created',
    entityType: 'accounting.cost_center',
    entityId: id,
    after: created,
  });
  return created;
}

export async function getCostCenter(ctx: Ctx, id: string): Promise<CostCenter> {
  const r = await dbOf(ctx)
    .selectFrom('accounting.cost_centers')
    .select(['id', 'code', 'name_cs', 'name_en', 'active'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('Cost centre');
  return viewOf(r);
}

/** Renames a cost centre or (de)activates it; its code stays (lines refer to it). */
export async function updateCostCenter(
  ctx: Ctx,
  id: string,
  patch: { name?: { cs: string; en: string } | undefined; active?: boolean | undefined },
): Promise<CostCenter> {
  const before = await getCostCenter(ctx, id);
  const changes = {
    ...(patch.name ? { name_cs: patch.name.cs, name_en: patch.name.en } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
  };
  if (!Object.keys(changes).length) return before;
  await dbOf(ctx)
    .updateTable('accounting.cost_centers')
    .set(changes)
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  const after = await getCostCenter(ctx, id);
  await ctx.audit({
    action: 'accounting.cost_center.updated',
    entityType: 'accounting.cost_center',
    entityId: id,
    before,
    after,
  });
  return after;
}

/**
 * The cost centres of entry lines, checked against the tenant's list: with no list every text is
 * taken as it is; once the tenant defined any, a line's centre must be one of its active codes
 * (case-insensitive, stored as the list spells it). 400 `invalid_input` naming each line.
 */
export async function checkCostCenters(
  ctx: Ctx,
  lines: readonly { costCenter?: string | null | undefined }[],
): Promise<(string | null)[]> {
  const given = lines.map((l) => l.costCenter?.trim() || null);
  if (!given.some((c) => c !== null)) return given;
  const list = await listCostCenters(ctx);
  if (!list.length) return given;
  const active = new Map(list.filter((c) => c.active).map((c) => [c.code, c.code]));
  const errors: FieldError[] = [];
  const out = given.map((c, i) => {
    if (c === null) return null;
    const code = active.get(c.toUpperCase());
    if (!code)
      errors.push({
        path: `lines.${i}.costCenter`,
        code: 'cost_center_unknown',
        message: { en: `No active cost centre ${c}`, cs: `Aktivní středisko ${c} neexistuje` },
      });
    return code ?? c;
  });
  if (errors.length)
    throw badRequest(
      'invalid_input',
      { en: 'Unknown or inactive cost centre', cs: 'Neznámé nebo neaktivní středisko' },
      errors,
    );
  return out;
}

const NONE = '';

/**
 * Profit and loss by cost centre for [from, to]: income and expense per account with one column per
 * centre the lines used (the list's order, then codes no longer listed) and a column for lines
 * without one. Read from the journal lines (the monthly summaries keep no centre); the year-end
 * entries are left out as in the other reports.
 */
export async function profitAndLossByCostCenter(ctx: Ctx, range: { from: string; to: string }) {
  const { currency } = await settingsOf(ctx);
  const rows = await sql<{ code: string; name: string; type: AccountType; cc: string; debit: string; credit: string }>`
    select a.code, a.name, a.type, coalesce(l.cost_center, '') as cc,
           sum(l.debit)::text as debit, sum(l.credit)::text as credit
      from accounting.journal_lines l
      join accounting.journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
      join accounting.accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
     where l.tenant_id = ${ctx.tenant.id} and l.date >= ${range.from} and l.date <= ${range.to}
       and a.type in ('income', 'expense')
       and (e.source_type is null or e.source_type not in (${sql.join([YEAR_END.close, YEAR_END.open, YEAR_END.reopen])}))
     group by a.code, a.name, a.type, coalesce(l.cost_center, '')`.execute(ctx.db);
  const list = await listCostCenters(ctx);
  const used = new Set(rows.rows.map((r) => r.cc));
  const columns: { code: string | null; name: { cs: string; en: string } | null }[] = [
    ...list.filter((c) => c.active || used.has(c.code)).map((c) => ({ code: c.code, name: c.name })),
    ...[...used]
      .filter((cc) => cc !== NONE && !list.some((c) => c.code === cc))
      .sort()
      .map((cc) => ({ code: cc, name: null })),
    { code: null, name: null },
  ];
  const key = (code: string | null) => code ?? NONE;
  const section = (type: 'income' | 'expense') => {
    const byAccount = new Map<string, { account: string; name: string; amounts: Map<string, bigint> }>();
    for (const r of rows.rows.filter((x) => x.type === type)) {
      const a = byAccount.get(r.code) ?? { account: r.code, name: r.name, amounts: new Map<string, bigint>() };
      const value = type === 'income' ? BigInt(r.credit) - BigInt(r.debit) : BigInt(r.debit) - BigInt(r.credit);
      a.amounts.set(r.cc, (a.amounts.get(r.cc) ?? 0n) + value);
      byAccount.set(r.code, a);
    }
    const accounts = [...byAccount.values()].sort((x, y) => x.account.localeCompare(y.account));
    const totals = new Map(columns.map((c) => [key(c.code), 0n]));
    for (const a of accounts) for (const [cc, v] of a.amounts) totals.set(cc, (totals.get(cc) ?? 0n) + v);
    return {
      raw: totals,
      out: {
        rows: accounts.map((a) => {
          const amounts = columns.map((c) => a.amounts.get(key(c.code)) ?? 0n);
          return {
            account: a.account,
            name: a.name,
            amounts: amounts.map((v) => money(v, currency)),
            total: money(
              amounts.reduce((s, v) => s + v, 0n),
              currency,
            ),
          };
        }),
        totals: columns.map((c) => money(totals.get(key(c.code)) ?? 0n, currency)),
        total: money(
          [...totals.values()].reduce((s, v) => s + v, 0n),
          currency,
        ),
      },
    };
  };
  const income = section('income');
  const expense = section('expense');
  const results = columns.map((c) => (income.raw.get(key(c.code)) ?? 0n) - (expense.raw.get(key(c.code)) ?? 0n));
  return {
    currency,
    from: range.from,
    to: range.to,
    columns,
    income: income.out,
    expense: expense.out,
    result: results.map((v) => money(v, currency)),
    total: money(
      results.reduce((s, v) => s + v, 0n),
      currency,
    ),
  };
}
