import { newId, notFound, type PluginContext } from '@bureau/core';
import type { CheckoutInput } from '../../schema.ts';
import { m } from '../messages.ts';
import { type HolderType, resolveHolder } from './holders.ts';

export type { HolderType } from './holders.ts';

/** The check-out transition's work: one open assignment (the database refuses a second). */
export async function checkOut(
  ctx: PluginContext,
  asset: { id: string; tag: string },
  input: CheckoutInput,
  note: string | null,
) {
  const holder = await resolveHolder(ctx, input, ['user', 'employee', 'location', 'asset'], asset.id);
  const id = newId();
  await ctx.db
    .insertInto('it.assignments')
    .values({
      tenant_id: ctx.tenant.id,
      id,
      asset_id: asset.id,
      holder_type: holder.type,
      holder_id: holder.id,
      holder_label: holder.label,
      checked_out_at: ctx.now(),
      checked_out_by: ctx.actor?.label ?? null,
      expected_back: input.expectedBack ?? null,
      note,
    })
    .execute();
  return { assignmentId: id, holderType: holder.type, holderId: holder.id, holder: holder.label };
}

/** The check-in transition's work: closes the open assignment. */
export async function checkIn(ctx: PluginContext, assetId: string, note: string | null) {
  const row = await ctx.db
    .updateTable('it.assignments')
    .set({ checked_in_at: ctx.now(), checked_in_by: ctx.actor?.label ?? null, ...(note ? { note } : {}) })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('asset_id', '=', assetId)
    .where('checked_in_at', 'is', null)
    .returning(['id', 'holder_label'])
    .executeTakeFirst();
  if (!row) throw notFound(m.asset_not_found);
  return { assignmentId: row.id, holder: row.holder_label };
}

export interface Assignment {
  id: string;
  assetId: string;
  assetTag: string;
  assetName: string;
  holderType: HolderType;
  holderId: string;
  holder: string;
  checkedOutAt: string;
  checkedOutBy: string | null;
  expectedBack: string | null;
  acknowledgedAt: string | null;
  checkedInAt: string | null;
  checkedInBy: string | null;
  note: string | null;
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
const ymd = (d: unknown) => (d ? (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10)) : null);

export const toAssignment = (r: Record<string, any>): Assignment => ({
  id: r.id,
  assetId: r.asset_id,
  assetTag: r.tag,
  assetName: r.name,
  holderType: r.holder_type,
  holderId: r.holder_id,
  holder: r.holder_label,
  checkedOutAt: new Date(r.checked_out_at).toISOString(),
  checkedOutBy: r.checked_out_by ?? null,
  expectedBack: ymd(r.expected_back),
  acknowledgedAt: iso(r.acknowledged_at),
  checkedInAt: iso(r.checked_in_at),
  checkedInBy: r.checked_in_by ?? null,
  note: r.note ?? null,
});

/** Assignments with their asset, newest first. */
export const assignmentQuery = (ctx: PluginContext) =>
  ctx.db
    .selectFrom('it.assignments as g')
    .innerJoin('it.assets as a', (j) => j.onRef('a.tenant_id', '=', 'g.tenant_id').onRef('a.id', '=', 'g.asset_id'))
    .selectAll('g')
    .select(['a.tag', 'a.name'])
    .where('g.tenant_id', '=', ctx.tenant.id)
    .orderBy('g.checked_out_at', 'desc')
    .orderBy('g.id', 'desc');
