import { badRequest, conflict, newId, notFound } from '@bureau/core';
import type { TaxGroup } from '../data/cz-depreciation.ts';
import { money, sum } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { isDate, monthEnd } from './dates.ts';
import { accountingPlan, taxPlan } from './depreciation.ts';
import { getAsset } from './fixed-assets.ts';
import { type LedgerLine, postLedgerEntry } from './ledger.ts';
import { pt } from './problem-texts.ts';

async function assetRow(ctx: Ctx, id: string) {
  const row = await dbOf(ctx)
    .selectFrom('accounting.fixed_assets')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Fixed asset');
  return row;
}

async function recorded(ctx: Ctx, kind: 'accounting' | 'tax', assetIds?: string[]) {
  let q = dbOf(ctx)
    .selectFrom('accounting.asset_depreciation')
    .select(['asset_id', 'period', 'amount'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', kind);
  if (assetIds) q = assetIds.length ? q.where('asset_id', 'in', assetIds) : q.where('asset_id', 'is', null);
  const rows = await q.execute();
  const by = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    const m = by.get(r.asset_id) ?? new Map<string, bigint>();
    m.set(r.period, BigInt(r.amount));
    by.set(r.asset_id, m);
  }
  return by;
}

/** The tax plan of an asset with the years already recorded (claimed or suspended). */
function planOf(
  row: {
    cost: string;
    tax_group: number | null;
    tax_method: 'straight' | 'accelerated';
    in_use_date: string;
    disposed_on: string | null;
  },
  taxRows: Map<string, bigint> | undefined,
) {
  if (!row.tax_group) return [];
  const suspended = new Set(
    [...(taxRows ?? new Map()).entries()].filter(([, v]) => v === 0n).map(([p]) => Number(p.slice(0, 4))),
  );
  return taxPlan({
    cost: BigInt(row.cost),
    group: row.tax_group as TaxGroup,
    method: row.tax_method,
    firstYear: Number(row.in_use_date.slice(0, 4)),
    disposalYear: row.disposed_on ? Number(row.disposed_on.slice(0, 4)) : null,
    suspended,
  });
}

/** One asset with its accounting plan (by year), the depreciation posted and its tax plan. */
export async function assetDetail(ctx: Ctx, id: string) {
  const { currency } = await settingsOf(ctx);
  const row = await assetRow(ctx, id);
  const asset = await getAsset(ctx, id);
  const posted = (await recorded(ctx, 'accounting', [id])).get(id) ?? new Map();
  const tax = (await recorded(ctx, 'tax', [id])).get(id);
  const byYear = new Map<number, { planned: bigint; posted: bigint }>();
  for (const m of accountingPlan({
    cost: BigInt(row.cost),
    lifeMonths: row.useful_life_months,
    inUseDate: row.in_use_date,
  })) {
    const y = Number(m.period.slice(0, 4));
    const e = byYear.get(y) ?? { planned: 0n, posted: 0n };
    e.planned += m.amount;
    e.posted += posted.get(m.period) ?? 0n;
    byYear.set(y, e);
  }
  return {
    ...asset,
    serialNumber: row.serial_number,
    location: row.location,
    costCenter: row.cost_center,
    note: row.note,
    disposedOn: row.disposed_on,
    disposalKind: row.disposal_kind,
    accountingPlan: [...byYear.entries()].map(([year, v]) => ({
      year,
      planned: money(v.planned, currency),
      posted: money(v.posted, currency),
    })),
    taxPlan: planOf(row, tax).map((y) => ({
      year: y.year,
      amount: money(y.amount, currency),
      residual: money(y.residual, currency),
      suspended: y.suspended,
      disposal: y.disposal,
      claimed: tax?.has(`${y.year}-01-01`) ?? false,
    })),
  };
}

/**
 * Posts the accounting depreciation of every active asset due up to the end of `period`
 * ('YYYY-MM'): each asset's months not posted before, in one entry dated the month's last day
 * (Dr depreciation expense / Cr accumulated depreciation, per asset). Running it again posts nothing.
 */
export async function runDepreciation(ctx: Ctx, period: string) {
  const settings = await settingsOf(ctx);
  const end = monthEnd(`${period}-01`);
  const assets = await dbOf(ctx)
    .selectFrom('accounting.fixed_assets')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('status', '=', 'active')
    .where('in_use_date', '<', `${period}-01`)
    .orderBy('inventory_number')
    .execute();
  const posted = await recorded(
    ctx,
    'accounting',
    assets.map((a) => a.id),
  );
  const lines: LedgerLine[] = [];
  const rows: { asset_id: string; period: string; amount: bigint }[] = [];
  for (const a of assets) {
    const done = posted.get(a.id) ?? new Map<string, bigint>();
    const due = accountingPlan({
      cost: BigInt(a.cost),
      lifeMonths: a.useful_life_months,
      inUseDate: a.in_use_date,
    }).filter((m) => m.period <= `${period}-01` && !done.has(m.period) && m.amount > 0n);
    const amount = sum(due.map((m) => m.amount));
    if (amount === 0n) continue;
    const memo = `${a.inventory_number} ${a.name}`.slice(0, 500);
    const base = { currency: settings.currency, amount, rate: '1', costCenter: a.cost_center, memo };
    lines.push({ ...base, accountId: a.expense_account_id, debit: amount, credit: 0n });
    lines.push({ ...base, accountId: a.depreciation_account_id, debit: 0n, credit: amount });
    for (const m of due) rows.push({ asset_id: a.id, period: m.period, amount: m.amount });
  }
  if (!lines.length) return { period, entryId: null as string | null, assets: 0, total: money(0n, settings.currency) };
  const cz = settings.country === 'CZ';
  const entry = await postLedgerEntry(ctx, {
    date: end,
    memo: `${cz ? 'Účetní odpisy' : 'Depreciation'} ${period}`,
    source: { type: 'accounting.depreciation', id: `${period}:${newId()}` },
    lines,
  });
  await dbOf(ctx)
    .insertInto('accounting.asset_depreciation')
    .values(
      rows.map((r) => ({
        tenant_id: ctx.tenant.id,
        id: newId(),
        kind: 'accounting' as const,
        entry_id: entry.id,
        ...r,
      })),
    )
    .execute();
  await ctx.audit({
    action: 'accounting.depreciation.run',
    entityType: 'accounting.depreciation',
    entityId: entry.id,
    after: { period, assets: new Set(rows.map((r) => r.asset_id)).size },
  });
  return {
    period,
    entryId: entry.id,
    assets: new Set(rows.map((r) => r.asset_id)).size,
    total: money(sum(rows.map((r) => r.amount)), settings.currency),
  };
}

/**
 * Takes an asset out of use (sale, scrapping): its accumulated depreciation and what is left of
 * its cost (the net book value, to 541) leave the asset account. Proceeds of a sale are invoiced
 * separately (revenue 641).
 */
export async function disposeAsset(ctx: Ctx, id: string, input: { date: string; kind: 'sale' | 'scrap' | 'other' }) {
  const settings = await settingsOf(ctx);
  const row = await assetRow(ctx, id);
  if (row.status === 'disposed')
    throw conflict('already_disposed', {
      en: `Asset ${row.inventory_number} is disposed`,
      cs: `Majetek ${row.inventory_number} je vyřazený`,
    });
  if (!isDate(input.date) || input.date < row.in_use_date) {
    throw badRequest('invalid_input', pt.dateInvalid, [
      {
        path: 'date',
        message: {
          en: 'A date on or after the date the asset was put into use',
          cs: 'Datum v den uvedení majetku do užívání nebo později',
        },
      },
    ]);
  }
  const accumulated = sum([...((await recorded(ctx, 'accounting', [id])).get(id) ?? new Map()).values()]);
  const cost = BigInt(row.cost);
  const nbv = cost - accumulated;
  const cz = settings.country === 'CZ';
  const residualAccount = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', '=', cz ? '541' : '6990')
    .executeTakeFirst();
  if (!residualAccount)
    throw conflict('account_not_configured', {
      en: 'No account for the net book value of disposed assets',
      cs: 'Chybí účet pro zůstatkovou cenu vyřazeného majetku',
    });
  const cur = { currency: settings.currency, rate: '1', memo: `${row.inventory_number} ${row.name}`.slice(0, 500) };
  const lines: LedgerLine[] = [];
  if (accumulated > 0n) {
    lines.push({ ...cur, accountId: row.depreciation_account_id, debit: accumulated, credit: 0n, amount: accumulated });
    lines.push({ ...cur, accountId: row.asset_account_id, debit: 0n, credit: accumulated, amount: accumulated });
  }
  if (nbv > 0n) {
    lines.push({ ...cur, accountId: residualAccount.id, debit: nbv, credit: 0n, amount: nbv });
    lines.push({ ...cur, accountId: row.asset_account_id, debit: 0n, credit: nbv, amount: nbv });
  }
  const entry = await postLedgerEntry(ctx, {
    date: input.date,
    memo: `${cz ? 'Vyřazení majetku' : 'Asset disposed'} ${row.inventory_number} – ${row.name}`.slice(0, 500),
    source: { type: 'accounting.asset_disposal', id },
    lines,
  });
  await dbOf(ctx)
    .updateTable('accounting.fixed_assets')
    .set({ status: 'disposed', disposed_on: input.date, disposal_kind: input.kind, disposal_entry_id: entry.id })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .execute();
  const after = await assetDetail(ctx, id);
  await ctx.audit({
    action: 'accounting.asset.dispose',
    entityType: 'accounting.asset',
    entityId: id,
    after: { date: input.date, kind: input.kind },
  });
  return after;
}

async function taxYearRows(ctx: Ctx, year: number) {
  const assets = await dbOf(ctx)
    .selectFrom('accounting.fixed_assets')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .where('tax_group', 'is not', null)
    .where('in_use_date', '<=', `${year}-12-31`)
    .orderBy('inventory_number')
    .execute();
  const tax = await recorded(
    ctx,
    'tax',
    assets.map((a) => a.id),
  );
  return assets.flatMap((a) => {
    const y = planOf(a, tax.get(a.id)).find((p) => p.year === year);
    return y
      ? [
          {
            assetId: a.id,
            inventoryNumber: a.inventory_number,
            name: a.name,
            group: a.tax_group as number,
            method: a.tax_method,
            amount: y.amount,
            residual: y.residual,
            suspended: y.suspended,
            claimed: tax.get(a.id)?.has(`${year}-01-01`) ?? false,
          },
        ]
      : [];
  });
}

/** Each asset's tax depreciation for a year (planned, or as claimed), for the income tax return. */
export async function taxDepreciationYear(ctx: Ctx, year: number) {
  const { currency } = await settingsOf(ctx);
  const rows = await taxYearRows(ctx, year);
  return {
    year,
    currency,
    rows: rows.map((r) => ({ ...r, amount: money(r.amount, currency), residual: money(r.residual, currency) })),
    total: money(sum(rows.map((r) => r.amount)), currency),
  };
}

/**
 * Records a year's tax depreciation as claimed: each asset's planned amount, or nil for assets
 * whose depreciation is suspended that year (the plan then moves a year on). A year is recorded once.
 */
export async function recordTaxYear(ctx: Ctx, year: number, suspend: string[] = []) {
  const rows = await taxYearRows(ctx, year);
  const pending = rows.filter((r) => !r.claimed);
  if (!pending.length)
    throw conflict('already_recorded', {
      en: `Tax depreciation for ${year} is recorded`,
      cs: `Daňové odpisy za rok ${year} už jsou zapsané`,
    });
  const skip = new Set(suspend);
  if (suspend.some((s) => !rows.some((r) => r.assetId === s))) {
    throw badRequest('invalid_input', { en: 'Unknown assets', cs: 'Neznámý majetek' }, [
      {
        path: 'suspend',
        message: { en: 'Not assets depreciated for tax that year', cs: 'Nejde o majetek daňově odpisovaný v tom roce' },
      },
    ]);
  }
  await dbOf(ctx)
    .insertInto('accounting.asset_depreciation')
    .values(
      pending.map((r) => ({
        tenant_id: ctx.tenant.id,
        id: newId(),
        asset_id: r.assetId,
        kind: 'tax' as const,
        period: `${year}-01-01`,
        amount: skip.has(r.assetId) ? 0n : r.amount,
      })),
    )
    .execute();
  await ctx.audit({
    action: 'accounting.tax_depreciation.record',
    entityType: 'accounting.depreciation',
    entityId: null,
    after: { year, suspended: suspend },
  });
  return taxDepreciationYear(ctx, year);
}
