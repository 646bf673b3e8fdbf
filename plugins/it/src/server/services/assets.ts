import {
  badRequest,
  type FieldError,
  fieldError,
  formatMoney,
  isUuid,
  newId,
  type PluginContext,
  parseMoney,
  problem,
} from '@bureau/core';
import { sql } from 'kysely';
import { ASSET_CREATED, type AssetCreated } from '../../contract.ts';
import type { AssetInput, CustomField } from '../../schema.ts';
import { m } from '../messages.ts';
import { assetWorkflow } from '../workflow.ts';
import { resolveVendor } from './vendors.ts';

export interface AssetView {
  id: string;
  tag: string;
  name: string;
  categoryId: string;
  category: string;
  serialNumber: string | null;
  model: string | null;
  vendor: string | null;
  vendorId: string | null;
  purchaseDate: string | null;
  purchasePrice: string | null;
  currency: string | null;
  invoiceRef: string | null;
  warrantyUntil: string | null;
  locationId: string | null;
  location: string | null;
  status: string;
  retiredReason: string | null;
  custom: Record<string, string | number>;
  holder: string | null;
  holderType: string | null;
  holderId: string | null;
  note: string | null;
  createdAt: string;
}

/** A `date` column from either driver (PGlite gives a Date at UTC midnight, pg a string). */
export const ymd = (d: unknown) =>
  d ? (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10)) : null;

export const toAsset = (r: Record<string, any>): AssetView => ({
  id: r.id,
  tag: r.tag,
  name: r.name,
  categoryId: r.category_id,
  category: r.category_name,
  serialNumber: r.serial_number ?? null,
  model: r.model ?? null,
  vendor: r.vendor ?? null,
  vendorId: r.vendor_party_id ?? null,
  purchaseDate: ymd(r.purchase_date),
  purchasePrice: r.purchase_price_minor === null ? null : formatMoney(r.purchase_price_minor),
  currency: r.currency ?? null,
  invoiceRef: r.invoice_ref ?? null,
  warrantyUntil: ymd(r.warranty_until),
  locationId: r.location_id ?? null,
  location: r.location_name ?? null,
  status: r.status,
  retiredReason: r.retired_reason ?? null,
  custom: r.custom ?? {},
  holder: r.holder_label ?? null,
  holderType: r.holder_type ?? null,
  holderId: r.holder_id ?? null,
  note: r.note ?? null,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Assets with their category, location and current holder (for lists and the card). */
export const assetQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.assets as a')
    .innerJoin('it.categories as c', (j) =>
      j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.category_id'),
    )
    .leftJoin('it.locations as l', (j) =>
      j.onRef('l.tenant_id', '=', 'a.tenant_id').onRef('l.id', '=', 'a.location_id'),
    )
    .leftJoin('it.assignments as g', (j) =>
      j.onRef('g.tenant_id', '=', 'a.tenant_id').onRef('g.asset_id', '=', 'a.id').on('g.checked_in_at', 'is', null),
    )
    .selectAll('a')
    .select(['c.name as category_name', 'l.name as location_name', 'g.holder_label', 'g.holder_type', 'g.holder_id'])
    .where('a.tenant_id', '=', ctx.tenant.id);

export async function getAsset(ctx: PluginContext, id: string): Promise<AssetView | null> {
  const row = await assetQuery(ctx).where('a.id', '=', id).executeTakeFirst();
  return row ? toAsset(row) : null;
}

/** A category by id or by name; an unknown name creates it (without custom fields). */
async function resolveCategory(ctx: PluginContext, ref: string) {
  const t = ctx.tenant.id;
  const q = ctx.db.selectFrom('it.categories').select(['id', 'name', 'fields']).where('tenant_id', '=', t);
  const found = isUuid(ref)
    ? await q.where('id', '=', ref).executeTakeFirst()
    : await q.where(sql`lower(name)`, '=', ref.toLowerCase()).executeTakeFirst();
  if (found) return { id: found.id as string, fields: (found.fields ?? []) as CustomField[] };
  if (isUuid(ref))
    throw badRequest('category_not_found', m.category_not_found, [fieldError('category', m.category_not_found)]);
  const id = newId();
  await ctx.db
    .insertInto('it.categories')
    .values({ tenant_id: t, id, name: ref, fields: JSON.stringify([]), created_at: ctx.now() })
    .execute();
  await ctx.audit({ action: 'it.category.created', entityType: 'it.category', entityId: id, after: { name: ref } });
  return { id, fields: [] as CustomField[] };
}

/** Custom values checked against the category's fields: required, number, date, no unknown keys. */
export function checkCustom(fields: CustomField[], values: Record<string, string | number> = {}): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set(fields.map((f) => f.key));
  for (const k of Object.keys(values))
    if (!keys.has(k)) errors.push(fieldError(`custom.${k}`, m.custom_unknown, { field: k }));
  for (const f of fields) {
    const v = values[f.key];
    const path = `custom.${f.key}`;
    if (v === undefined || v === '') {
      if (f.required) errors.push(fieldError(path, m.custom_required, { field: f.label }));
    } else if (f.type === 'number' && !Number.isFinite(typeof v === 'number' ? v : Number(String(v).replace(',', '.'))))
      errors.push(fieldError(path, m.custom_number, { field: f.label }));
    else if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(v)))
      errors.push(fieldError(path, m.custom_date, { field: f.label }));
  }
  return errors;
}

/** The next generated tag, `IT-00001`…, skipping tags someone typed by hand. */
async function nextTag(ctx: PluginContext): Promise<string> {
  for (;;) {
    const row = await sql<{ value: string }>`
      insert into it.counters (tenant_id, name, value) values (${ctx.tenant.id}, 'asset_tag', 1)
      on conflict (tenant_id, name) do update set value = it.counters.value + 1
      returning value`.execute(ctx.db);
    const tag = `IT-${String(row.rows[0]?.value).padStart(5, '0')}`;
    const taken = await ctx.db
      .selectFrom('it.assets')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('tag', '=', tag)
      .executeTakeFirst();
    if (!taken) return tag;
  }
}

/** 409 `serial_taken` naming the asset that has the serial number (other than `except`). */
export async function assertSerialFree(ctx: PluginContext, serial: string, except?: string) {
  let q = ctx.db
    .selectFrom('it.assets')
    .select('tag')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('serial_number', '=', serial);
  if (except) q = q.where('id', '<>', except);
  const taken = await q.executeTakeFirst();
  if (taken) {
    const params = { serial, tag: taken.tag as string };
    throw problem(409, m.serial_taken, params, { errors: [fieldError('serialNumber', m.serial_taken, params)] });
  }
}

/** 400 `location_not_found` unless the tenant has the location. */
export async function assertLocation(ctx: PluginContext, id: string) {
  const loc = await ctx.db
    .selectFrom('it.locations')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!loc)
    throw badRequest('location_not_found', m.location_not_found, [fieldError('locationId', m.location_not_found)]);
}

/** Registers an asset in stock: 409 `tag_taken` / `serial_taken` on a duplicate, nothing written. */
export async function createAsset(ctx: PluginContext, input: AssetInput): Promise<string> {
  const t = ctx.tenant.id;
  if (input.tag) {
    const taken = await ctx.db
      .selectFrom('it.assets')
      .select('id')
      .where('tenant_id', '=', t)
      .where(sql`lower(tag)`, '=', input.tag.toLowerCase())
      .executeTakeFirst();
    if (taken)
      throw problem(
        409,
        m.tag_taken,
        { tag: input.tag },
        { errors: [fieldError('tag', m.tag_taken, { tag: input.tag })] },
      );
  }
  if (input.serialNumber) await assertSerialFree(ctx, input.serialNumber);
  if (input.locationId) await assertLocation(ctx, input.locationId);
  const category = await resolveCategory(ctx, input.category);
  const errors = checkCustom(category.fields, input.custom);
  if (errors.length) throw badRequest('invalid_input', m.invalid_custom, errors);
  const vendor = await resolveVendor(ctx, input);
  const id = newId();
  const tag = input.tag ?? (await nextTag(ctx));
  await ctx.db
    .insertInto('it.assets')
    .values({
      tenant_id: t,
      id,
      tag,
      name: input.name,
      category_id: category.id,
      serial_number: input.serialNumber ?? null,
      model: input.model || null,
      vendor: vendor?.name ?? null,
      vendor_party_id: vendor?.partyId ?? null,
      purchase_date: input.purchaseDate ?? null,
      purchase_price_minor: input.purchasePrice ? String(parseMoney(input.purchasePrice)) : null,
      currency: input.purchasePrice ? ctx.tenant.currency : null,
      invoice_ref: input.invoiceRef || null,
      warranty_until: input.warrantyUntil ?? null,
      location_id: input.locationId ?? null,
      status: 'in_stock',
      custom: JSON.stringify(input.custom ?? {}),
      note: input.note || null,
      created_at: ctx.now(),
    })
    .execute();
  return id;
}

/** Registers an asset as the API does: the row, its workflow in stock, the event and the audit entry. */
export async function registerAsset(ctx: PluginContext, input: AssetInput): Promise<AssetView> {
  const id = await createAsset(ctx, input);
  await ctx.workflow(assetWorkflow).start(id);
  const asset = (await getAsset(ctx, id)) as AssetView;
  const payload: AssetCreated = { assetId: id, tag: asset.tag, name: asset.name };
  await ctx.emit(ASSET_CREATED, payload);
  await ctx.audit({ action: ASSET_CREATED, entityType: 'it.asset', entityId: id, after: input });
  return asset;
}
