import { badRequest, type FieldError, newId, notFound } from '@bureau/core';
import { sql } from 'kysely';
import type { FixedAsset, FixedAssetRequest, FixedAssetsService } from '../../contract.ts';
import { amountOf, money } from './amounts.ts';
import { type Ctx, dbOf, settingsOf } from './context.ts';
import { isDate } from './dates.ts';
import type { AssetCategory } from './db.ts';
import { postLedgerEntry } from './ledger.ts';
import { pt } from './problem-texts.ts';

/** Default accounts of an asset card per chart: asset, accumulated depreciation, depreciation expense. */
const CZ_DEFAULTS: Record<AssetCategory, { asset: string; expense: string; from: string }> = {
  tangible: { asset: '022', expense: '551', from: '042' },
  intangible: { asset: '013', expense: '551', from: '041' },
};
const GENERIC_DEFAULTS: Record<AssetCategory, { asset: string; expense: string; depreciation: string }> = {
  tangible: { asset: '1520', expense: '6800', depreciation: '1590' },
  intangible: { asset: '1600', expense: '6800', depreciation: '1690' },
};

const noActive = (code: string) => ({ en: `No active account ${code}`, cs: `Aktivní účet ${code} neexistuje` });

/** Czech chart: the accumulated depreciation (oprávky) of 01x is 07x, of 02x is 08x (013 → 073, 022 → 082). */
export function czDepreciationAccount(assetCode: string): string | null {
  const m = /^0([12])(\d)(.*)$/.exec(assetCode);
  if (!m) return null;
  return `0${m[1] === '1' ? '7' : '8'}${m[2]}${m[3]}`;
}

async function accountIds(ctx: Ctx, codes: string[]) {
  const rows = await dbOf(ctx)
    .selectFrom('accounting.accounts')
    .select(['id', 'code', 'active'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.filter((r) => r.active).map((r) => [r.code, r.id]));
}

function assetQuery(ctx: Ctx) {
  return dbOf(ctx)
    .selectFrom('accounting.fixed_assets as f')
    .innerJoin('accounting.accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'f.tenant_id').onRef('a.id', '=', 'f.asset_account_id'),
    )
    .selectAll('f')
    .select([
      'a.code as account_code',
      sql<string>`coalesce((select sum(d.amount) from accounting.asset_depreciation d
        where d.tenant_id = f.tenant_id and d.asset_id = f.id and d.kind = 'accounting'), 0)::bigint::text`.as(
        'accumulated',
      ),
    ])
    .where('f.tenant_id', '=', ctx.tenant.id);
}

type AssetRow = Awaited<ReturnType<ReturnType<typeof assetQuery>['executeTakeFirstOrThrow']>>;

function assetView(r: AssetRow, currency: string): FixedAsset {
  const accumulated = BigInt(r.accumulated);
  return {
    id: r.id,
    inventoryNumber: r.inventory_number,
    name: r.name,
    category: r.category,
    account: r.account_code,
    acquisitionDate: r.acquisition_date,
    inUseDate: r.in_use_date,
    cost: money(r.cost, currency),
    currency,
    usefulLifeMonths: r.useful_life_months,
    taxGroup: r.tax_group,
    taxMethod: r.tax_method,
    status: r.status,
    accumulated: money(accumulated, currency),
    bookValue: money(BigInt(r.cost) - accumulated, currency),
    source: r.source_type && r.source_id ? { type: r.source_type, id: r.source_id } : null,
  };
}

export async function getAsset(ctx: Ctx, id: string): Promise<FixedAsset> {
  const { currency } = await settingsOf(ctx);
  const row = await assetQuery(ctx).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Fixed asset');
  return assetView(row, currency);
}

export async function listAssets(
  ctx: Ctx,
  opts: { status?: 'active' | 'disposed' | undefined; limit: number; offset: number },
): Promise<FixedAsset[]> {
  const { currency } = await settingsOf(ctx);
  let q = assetQuery(ctx);
  if (opts.status) q = q.where('f.status', '=', opts.status);
  const rows = await q.orderBy('f.inventory_number').limit(opts.limit).offset(opts.offset).execute();
  return rows.map((r) => assetView(r, currency));
}

async function assetIdBySource(ctx: Ctx, source: { type: string; id: string }) {
  const row = await dbOf(ctx)
    .selectFrom('accounting.fixed_assets')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('source_type', '=', source.type)
    .where('source_id', '=', source.id)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Creates an asset card: validates the dates, cost, life and tax group, names the accounts
 * (asset, accumulated depreciation, depreciation expense), numbers it and, when asked, posts the
 * putting into use (Dr asset / Cr acquisition in progress).
 */
export async function createAsset(
  ctx: Ctx,
  input: FixedAssetRequest,
): Promise<{ asset: FixedAsset; created: boolean }> {
  if (input.source) {
    const existing = await assetIdBySource(ctx, input.source);
    if (existing) return { asset: await getAsset(ctx, existing), created: false };
  }
  const settings = await settingsOf(ctx);
  const cz = settings.country === 'CZ';
  const category: AssetCategory = input.category ?? 'tangible';
  const errors: FieldError[] = [];
  if (!input.name?.trim()) errors.push({ path: 'name', message: pt.required });
  if (!isDate(input.acquisitionDate)) errors.push({ path: 'acquisitionDate', message: pt.expectedDate });
  const inUse = input.inUseDate ?? input.acquisitionDate;
  if (!isDate(inUse)) errors.push({ path: 'inUseDate', message: pt.expectedDate });
  else if (inUse < input.acquisitionDate)
    errors.push({
      path: 'inUseDate',
      message: { en: 'Must not be before the acquisition date', cs: 'Nesmí být před datem pořízení' },
    });
  if (!Number.isInteger(input.usefulLifeMonths) || input.usefulLifeMonths < 1 || input.usefulLifeMonths > 1200)
    errors.push({
      path: 'usefulLifeMonths',
      message: { en: 'Whole months from 1 to 1200', cs: 'Celé měsíce od 1 do 1200' },
    });
  const group = input.taxGroup ?? null;
  if (group !== null && (!Number.isInteger(group) || group < 1 || group > 6))
    errors.push({
      path: 'taxGroup',
      message: { en: 'A depreciation group from 1 to 6', cs: 'Odpisová skupina od 1 do 6' },
    });
  if (input.source && (!/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/.test(input.source.type) || !input.source.id))
    errors.push({
      path: 'source',
      message: {
        en: `Expected '{ type: "<module>.<record>", id }'`,
        cs: `Očekáváno '{ type: "<modul>.<záznam>", id }'`,
      },
    });
  let cost = 0n;
  try {
    cost = amountOf(input.cost, settings.currency, 'cost');
  } catch (err) {
    errors.push(...((err as { errors?: FieldError[] }).errors ?? []));
  }
  const assetCode = input.account ?? (cz ? CZ_DEFAULTS : GENERIC_DEFAULTS)[category].asset;
  // 022001 → 082001 when the analytic exists, else the synthetic 082.
  const derived = cz ? czDepreciationAccount(assetCode) : GENERIC_DEFAULTS[category].depreciation;
  const candidates = derived ? [derived, derived.slice(0, 3)] : [];
  const expenseCode = (cz ? CZ_DEFAULTS : GENERIC_DEFAULTS)[category].expense;
  const fromCode = input.post ? (input.post.from ?? (cz ? CZ_DEFAULTS[category].from : undefined)) : undefined;
  const ids = await accountIds(
    ctx,
    [assetCode, ...candidates, expenseCode, fromCode].filter((c): c is string => !!c),
  );
  const depreciationCode = candidates.find((c) => ids.has(c));
  if (!ids.has(assetCode)) errors.push({ path: 'account', message: noActive(assetCode) });
  if (!depreciationCode || !ids.has(depreciationCode))
    errors.push({
      path: 'account',
      message: {
        en: `No accumulated depreciation account for ${assetCode}`,
        cs: `K účtu ${assetCode} chybí účet oprávek`,
      },
    });
  if (!ids.has(expenseCode))
    errors.push({
      path: 'account',
      message: {
        en: `No depreciation expense account ${expenseCode}`,
        cs: `Chybí nákladový účet odpisů ${expenseCode}`,
      },
    });
  if (input.post && (!fromCode || !ids.has(fromCode)))
    errors.push({
      path: 'post.from',
      message: fromCode
        ? noActive(fromCode)
        : { en: 'Name the account to post from', cs: 'Zadejte účet, ze kterého se účtuje' },
    });
  if (errors.length)
    throw badRequest(
      'invalid_input',
      { en: 'The fixed asset is invalid', cs: 'Dlouhodobý majetek obsahuje chyby' },
      errors,
    );

  const requestedNumber = input.inventoryNumber?.trim() || null;
  if (requestedNumber) {
    const dup = await dbOf(ctx)
      .selectFrom('accounting.fixed_assets')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('inventory_number', '=', requestedNumber)
      .executeTakeFirst();
    if (dup) {
      throw badRequest(
        'duplicate_inventory_number',
        { en: `Inventory number ${requestedNumber} is taken`, cs: `Inventární číslo ${requestedNumber} je obsazené` },
        [{ path: 'inventoryNumber', message: { en: 'Already used', cs: 'Už použito' } }],
      );
    }
  }
  const id = newId();
  // The database gives the card its inventory number (A<year>-<nnnn>) unless one was given.
  const { inventory_number: inventoryNumber } = await dbOf(ctx)
    .insertInto('accounting.fixed_assets')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      inventory_number: requestedNumber,
      name: input.name.trim(),
      category,
      asset_account_id: ids.get(assetCode) as string,
      depreciation_account_id: ids.get(depreciationCode as string) as string,
      expense_account_id: ids.get(expenseCode) as string,
      acquisition_date: input.acquisitionDate,
      in_use_date: inUse,
      cost,
      useful_life_months: input.usefulLifeMonths,
      tax_group: group,
      tax_method: input.taxMethod ?? 'straight',
      serial_number: input.serialNumber ?? null,
      location: input.location ?? null,
      cost_center: input.costCenter ?? null,
      note: input.note ?? null,
      source_type: input.source?.type ?? null,
      source_id: input.source?.id ?? null,
    })
    .returning('inventory_number')
    .executeTakeFirstOrThrow();
  if (input.post && fromCode) {
    const assetId = ids.get(assetCode) as string;
    const entry = await postLedgerEntry(ctx, {
      date: inUse,
      memo: `${cz ? 'Zařazení majetku' : 'Asset put into use'} ${inventoryNumber} – ${input.name.trim()}`,
      source: { type: 'accounting.asset', id },
      lines: [
        { accountId: assetId, debit: cost, credit: 0n, currency: settings.currency, amount: cost, rate: '1' },
        {
          accountId: ids.get(fromCode) as string,
          debit: 0n,
          credit: cost,
          currency: settings.currency,
          amount: cost,
          rate: '1',
        },
      ],
    });
    await dbOf(ctx)
      .updateTable('accounting.fixed_assets')
      .set({ activation_entry_id: entry.id })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
  }
  const asset = await getAsset(ctx, id);
  await ctx.audit({ action: 'accounting.asset.create', entityType: 'accounting.asset', entityId: id, after: asset });
  return { asset, created: true };
}

/** The `accounting.fixedAssets` service of the contract. */
export function fixedAssetsServiceFor(ctx: Ctx): FixedAssetsService {
  return {
    create: (request) => createAsset(ctx, request),
    get: (id) => getAsset(ctx, id),
    async findBySource(source) {
      const id = await assetIdBySource(ctx, source);
      return id ? getAsset(ctx, id) : null;
    },
  };
}
