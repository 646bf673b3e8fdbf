import { defineWorkflow, z } from '@bureau/core';
import { CheckoutFields } from '../schema.ts';
import { m } from './messages.ts';
import { checkIn, checkOut } from './services/assignments.ts';
import { releaseSeatsOf } from './services/licences.ts';

/** Exactly one holder, said in the reader's language. */
const CheckoutInput = CheckoutFields.refine(
  (v) => [v.userId, v.employeeId, v.locationId, v.assetId].filter(Boolean).length === 1,
  { message: m.one_holder.ref, path: ['userId'] },
);

/**
 * An asset's life. In stock → checked out (to a member, employee, location or another asset) →
 * checked in; in repair; lost (and found); retired with a reason (final; the
 * licence seats it held are freed). Each change goes through a
 * named transition: the asset row is locked (`select … for update`), so two check-outs of one asset
 * queue and the second finds it checked out (409 `invalid_transition`); the open assignment is also
 * unique in the database. Status history, audit row and the event `it.asset.<transition>` follow.
 */
export const assetWorkflow = defineWorkflow({
  table: 'it.assets',
  readPermission: 'it.read',
  initial: 'in_stock',
  states: {
    in_stock: { label: { en: 'In stock', cs: 'Skladem' }, tone: 'info' },
    deployed: { label: { en: 'Checked out', cs: 'Vydáno' }, tone: 'accent' },
    in_repair: { label: { en: 'In repair', cs: 'V opravě' }, tone: 'warning' },
    lost: { label: { en: 'Lost', cs: 'Ztraceno' }, tone: 'danger' },
    retired: { label: { en: 'Retired', cs: 'Vyřazeno' }, tone: 'neutral', final: true },
  },
  transitions: {
    checkout: {
      from: 'in_stock',
      to: 'deployed',
      permission: 'it.assets.assign',
      label: { en: 'Check out', cs: 'Vydat' },
      input: CheckoutInput,
      run: async ({ ctx, id, record, input, note }) => checkOut(ctx, { id, tag: record.tag }, input, note),
    },
    checkin: {
      from: 'deployed',
      to: 'in_stock',
      permission: 'it.assets.assign',
      label: { en: 'Check in', cs: 'Přijmout zpět' },
      run: async ({ ctx, id, note }) => checkIn(ctx, id, note),
    },
    repair: {
      from: 'in_stock',
      to: 'in_repair',
      permission: 'it.assets.manage',
      label: { en: 'Send to repair', cs: 'Poslat do opravy' },
    },
    repaired: {
      from: 'in_repair',
      to: 'in_stock',
      permission: 'it.assets.manage',
      label: { en: 'Back from repair', cs: 'Vráceno z opravy' },
    },
    lose: {
      from: ['in_stock', 'deployed'],
      to: 'lost',
      permission: 'it.assets.manage',
      label: { en: 'Report lost', cs: 'Nahlásit ztrátu' },
      danger: true,
      run: async ({ ctx, id, from, note }) => {
        const checkedIn = from === 'deployed' ? await checkIn(ctx, id, note) : {};
        // A lost device holds no licence either: its seats go back to their licences.
        const seatsFreed = await releaseSeatsOf(ctx, [{ type: 'asset', id }], 'asset_lost');
        return { ...checkedIn, seatsFreed };
      },
    },
    found: {
      from: 'lost',
      to: 'in_stock',
      permission: 'it.assets.manage',
      label: { en: 'Found', cs: 'Nalezeno' },
    },
    retire: {
      from: ['in_stock', 'in_repair', 'lost'],
      to: 'retired',
      permission: 'it.assets.manage',
      label: { en: 'Retire', cs: 'Vyřadit' },
      danger: true,
      input: z.object({
        reason: z.enum(['sold', 'scrapped', 'donated', 'stolen', 'returned_to_vendor', 'other']).meta({
          label: { en: 'Reason', cs: 'Důvod' },
          optionLabels: {
            sold: { en: 'Sold', cs: 'Prodáno' },
            scrapped: { en: 'Scrapped', cs: 'Zlikvidováno' },
            donated: { en: 'Donated', cs: 'Darováno' },
            stolen: { en: 'Stolen', cs: 'Odcizeno' },
            returned_to_vendor: { en: 'Returned to the vendor', cs: 'Vráceno dodavateli' },
            other: { en: 'Other', cs: 'Jiný' },
          },
        }),
      }),
      run: async ({ ctx, id, input }) => {
        await ctx.db
          .updateTable('it.assets')
          .set({ retired_reason: input.reason })
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
        // A retired device holds no licence: its seats go back to their licences.
        const seatsFreed = await releaseSeatsOf(ctx, [{ type: 'asset', id }], 'asset_retired');
        return { reason: input.reason, seatsFreed };
      },
    },
  },
});
