import { badRequest, fieldError, notFound, type PluginContext, Problem, parseMoney } from '@bureau/core';
import type { AssetPatch, CustomField } from '../../schema.ts';
import { m } from '../messages.ts';
import { type AssetView, assertLocation, assertSerialFree, checkCustom, getAsset } from './assets.ts';
import { resolveVendor } from './vendors.ts';

/** The fields an edit may change, as the API names them (the audit entry lists those that did). */
const EDITABLE = [
  'name',
  'serialNumber',
  'model',
  'vendor',
  'vendorId',
  'purchaseDate',
  'purchasePrice',
  'invoiceRef',
  'warrantyUntil',
  'locationId',
  'custom',
  'note',
] as const;

/**
 * Changes the fields sent (null clears one). The asset row is locked for the change; a serial number
 * another asset has is 409 `serial_taken`, an unknown location or vendor 400, custom values are checked
 * against the category. The audit entry holds the changed fields only, before and after; nothing
 * changed writes nothing.
 */
export async function updateAsset(ctx: PluginContext, id: string, patch: AssetPatch): Promise<AssetView> {
  const t = ctx.tenant.id;
  const locked = await ctx.db
    .selectFrom('it.assets')
    .select(['id', 'category_id'])
    .where('tenant_id', '=', t)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw notFound(m.asset_not_found);
  const before = (await getAsset(ctx, id)) as AssetView;
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.model !== undefined) set.model = patch.model || null;
  if (patch.invoiceRef !== undefined) set.invoice_ref = patch.invoiceRef || null;
  if (patch.note !== undefined) set.note = patch.note || null;
  if (patch.purchaseDate !== undefined) set.purchase_date = patch.purchaseDate;
  if (patch.warrantyUntil !== undefined) set.warranty_until = patch.warrantyUntil;
  if (patch.purchasePrice !== undefined) {
    set.purchase_price_minor = patch.purchasePrice === null ? null : String(parseMoney(patch.purchasePrice));
    set.currency = patch.purchasePrice === null ? null : (before.currency ?? ctx.tenant.currency);
  }
  if (patch.serialNumber !== undefined && patch.serialNumber !== before.serialNumber) {
    if (patch.serialNumber) await assertSerialFree(ctx, patch.serialNumber, id);
    set.serial_number = patch.serialNumber;
  }
  if (patch.locationId) await assertLocation(ctx, patch.locationId);
  if (patch.locationId !== undefined) set.location_id = patch.locationId;
  if (patch.custom !== undefined) {
    const category = await ctx.db
      .selectFrom('it.categories')
      .select('fields')
      .where('tenant_id', '=', t)
      .where('id', '=', locked.category_id)
      .executeTakeFirstOrThrow();
    const errors = checkCustom((category.fields ?? []) as CustomField[], patch.custom);
    if (errors.length) throw badRequest('invalid_input', m.invalid_custom, errors);
    set.custom = JSON.stringify(patch.custom);
  }
  if (patch.vendorId !== undefined || patch.vendor !== undefined) {
    const vendor = await resolveVendor(ctx, patch);
    set.vendor = vendor?.name ?? null;
    set.vendor_party_id = vendor?.partyId ?? null;
  }
  if (Object.keys(set).length) {
    try {
      await ctx.db.updateTable('it.assets').set(set).where('tenant_id', '=', t).where('id', '=', id).execute();
    } catch (err) {
      // Another request gave another asset this serial number and committed first.
      const e = err as { code?: string; constraint?: string };
      if (e.code === '23505' && e.constraint === 'assets_serial_key' && patch.serialNumber)
        throw new Problem(409, 'serial_taken', m.serial_in_use, {
          params: { serial: patch.serialNumber },
          errors: [fieldError('serialNumber', m.serial_in_use, { serial: patch.serialNumber })],
        });
      throw err;
    }
  }
  const after = (await getAsset(ctx, id)) as AssetView;
  const changed = EDITABLE.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length)
    await ctx.audit({
      action: 'it.asset.updated',
      entityType: 'it.asset',
      entityId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
  return after;
}
