import { type FieldError, fieldError, newId, type PluginContext, Problem } from '@bureau/core';
import { m } from '../messages.ts';

export interface WarehouseLocations {
  warehouseId: string;
  dispatchId: string;
  scrapId: string;
  defaultBinId: string;
}

/** A new warehouse with its dispatch (picked goods waiting to ship) and scrap locations and a first bin. */
export async function createWarehouse(
  ctx: PluginContext,
  input: { code: string; name: string; firstBin?: string },
): Promise<WarehouseLocations> {
  const at = ctx.now();
  const warehouseId = newId();
  await ctx.db
    .insertInto('orders.warehouses')
    .values({ tenant_id: ctx.tenant.id, id: warehouseId, code: input.code, name: input.name, created_at: at })
    .execute();
  const loc = (code: string, kind: string, path: number) => ({
    tenant_id: ctx.tenant.id,
    id: newId(),
    warehouse_id: warehouseId,
    code,
    kind,
    pick_path: path,
    created_at: at,
  });
  const bin = loc(input.firstBin ?? 'A-01-01', 'bin', 10);
  const dispatch = loc('DISPATCH', 'dispatch', 0);
  const scrap = loc('SCRAP', 'scrap', 0);
  await ctx.db.insertInto('orders.locations').values([bin, dispatch, scrap]).execute();
  return { warehouseId, dispatchId: dispatch.id, scrapId: scrap.id, defaultBinId: bin.id };
}

/** On enabling: the settings row and a main warehouse, unless there are some already. */
export async function ensureSetup(ctx: PluginContext): Promise<void> {
  const settings = await ctx.db
    .selectFrom('orders.settings')
    .select('default_warehouse_id')
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  if (settings?.default_warehouse_id) return;
  const w = await createWarehouse(ctx, {
    code: 'MAIN',
    name: ctx.tenant.locale === 'en' ? 'Main warehouse' : 'Hlavní sklad',
  });
  await ctx.db
    .insertInto('orders.settings')
    .values({ tenant_id: ctx.tenant.id, default_warehouse_id: w.warehouseId })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ default_warehouse_id: w.warehouseId }))
    .execute();
}

export async function settingsOf(ctx: PluginContext): Promise<{ invoiceOn: 'ship' | 'deliver'; warehouseId: string }> {
  let row = await ctx.db
    .selectFrom('orders.settings')
    .selectAll()
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirst();
  if (!row?.default_warehouse_id) {
    await ensureSetup(ctx);
    row = await ctx.db
      .selectFrom('orders.settings')
      .selectAll()
      .where('tenant_id', '=', ctx.tenant.id)
      .executeTakeFirstOrThrow();
  }
  return { invoiceOn: row.invoice_on, warehouseId: row.default_warehouse_id };
}

export async function warehouseLocations(ctx: PluginContext, warehouseId: string): Promise<WarehouseLocations> {
  const rows = await ctx.db
    .selectFrom('orders.locations')
    .select(['id', 'kind', 'code', 'pick_path'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('warehouse_id', '=', warehouseId)
    .orderBy('pick_path')
    .orderBy('code')
    .execute();
  const dispatch = rows.find((r) => r.kind === 'dispatch');
  const scrap = rows.find((r) => r.kind === 'scrap');
  const bin = rows.find((r) => r.kind === 'bin');
  if (!dispatch || !scrap || !bin) throw new Problem(404, 'not_found', m.warehouse_not_found);
  return { warehouseId, dispatchId: dispatch.id, scrapId: scrap.id, defaultBinId: bin.id };
}

/** A location of the tenant with its kind and warehouse; 400 with a field error when unknown. */
export async function locationOf(ctx: PluginContext, id: string, field = 'locationId') {
  const row = await ctx.db
    .selectFrom('orders.locations')
    .select(['id', 'kind', 'code', 'warehouse_id'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row)
    throw new Problem(400, 'location_not_found', m.location_not_found, {
      errors: [{ path: field, message: m.location_not_found, code: 'location_not_found' }],
    });
  return row;
}

/** A field error at `warehouseId` when the tenant has no such warehouse (none without an id). */
export async function warehouseErrors(ctx: PluginContext, warehouseId: string | undefined): Promise<FieldError[]> {
  if (!warehouseId) return [];
  const w = await ctx.db
    .selectFrom('orders.warehouses')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', warehouseId)
    .executeTakeFirst();
  return w ? [] : [fieldError('warehouseId', m.warehouse_not_found)];
}

/**
 * The bin goods go into: the location given when it is a bin of the warehouse (else a field error at
 * `path` is added to `errors`), or the warehouse's default bin.
 */
export async function binIn(
  ctx: PluginContext,
  warehouse: { warehouseId: string; defaultBinId: string },
  locationId: string | undefined,
  path: string,
  errors: FieldError[],
): Promise<string> {
  if (!locationId) return warehouse.defaultBinId;
  const loc = await locationOf(ctx, locationId, path);
  if (loc.kind !== 'bin') errors.push(fieldError(path, m.location_not_bin, { kind: loc.kind }));
  else if (loc.warehouse_id !== warehouse.warehouseId) errors.push(fieldError(path, m.location_other_warehouse));
  return loc.id;
}
