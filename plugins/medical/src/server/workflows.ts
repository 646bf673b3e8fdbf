import { defineWorkflow, newId, z } from '@bureau/core';
import { SPECIMEN_REJECTED, type SpecimenRejected } from '../contract.ts';
import { noticeClinic } from './services/clinic-notice.ts';

export const REJECTION_REASONS = ['haemolysed', 'clotted', 'insufficient', 'mislabelled'] as const;
const Location = z
  .string()
  .trim()
  .max(120)
  .optional()
  .meta({ label: { en: 'Where (room, rack, fridge)', cs: 'Kde (místnost, stojan, lednice)' } });

/** Writes a chain-of-custody line: who did what to the specimen, when and where. */
async function custody(
  ctx: import('@bureau/core').PluginContext,
  specimenId: string,
  action: string,
  location: string | null,
) {
  await ctx.db
    .insertInto('medical.custody')
    .values({
      tenant_id: ctx.tenant.id,
      id: newId(),
      specimen_id: specimenId,
      action,
      at: ctx.now(),
      actor_id: ctx.actor?.userId ?? null,
      actor_label: ctx.actor?.label ?? null,
      location,
    })
    .execute();
}

/**
 * A specimen: collected (labelled at the clinic) → received (in the lab) → in analysis → done, or
 * rejected with a reason, which tells the orderer. Every step writes a chain-of-custody line.
 */
export const specimenWorkflow = defineWorkflow({
  table: 'medical.specimens',
  readPermission: 'medical.read',
  initial: 'collected',
  states: {
    collected: { label: { en: 'Collected', cs: 'Odebráno' }, tone: 'neutral' },
    received: { label: { en: 'Received', cs: 'Přijato' }, tone: 'info' },
    in_analysis: { label: { en: 'In analysis', cs: 'V analýze' }, tone: 'accent' },
    done: { label: { en: 'Done', cs: 'Hotovo' }, tone: 'success', final: true },
    rejected: { label: { en: 'Rejected', cs: 'Odmítnuto' }, tone: 'danger', final: true },
  },
  transitions: {
    receive: {
      from: 'collected',
      to: 'received',
      permission: 'medical.order',
      label: { en: 'Receive', cs: 'Přijmout' },
      input: z.object({ location: Location }),
      async run({ ctx, id, input }) {
        const location = (input as { location?: string }).location ?? null;
        await ctx.db
          .updateTable('medical.specimens')
          .set({ received_at: ctx.now(), ...(location ? { storage_location: location } : {}) })
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
        await custody(ctx, id, 'receive', location);
      },
    },
    start: {
      from: 'received',
      to: 'in_analysis',
      permission: 'medical.result',
      label: { en: 'Start analysis', cs: 'Zahájit analýzu' },
      async run({ ctx, id }) {
        await custody(ctx, id, 'start', null);
      },
    },
    complete: {
      from: 'in_analysis',
      to: 'done',
      // Completed by the release of its last result (or by hand by whoever may release).
      permission: 'medical.release',
      label: { en: 'Complete', cs: 'Dokončit' },
      input: z.object({ location: Location }),
      async run({ ctx, id, input }) {
        const location = (input as { location?: string }).location ?? null;
        if (location) {
          await ctx.db
            .updateTable('medical.specimens')
            .set({ storage_location: location })
            .where('tenant_id', '=', ctx.tenant.id)
            .where('id', '=', id)
            .execute();
        }
        await custody(ctx, id, 'complete', location);
      },
    },
    reject: {
      from: ['collected', 'received', 'in_analysis'],
      to: 'rejected',
      permission: 'medical.order',
      label: { en: 'Reject', cs: 'Odmítnout' },
      danger: true,
      input: z.object({
        reason: z.enum(REJECTION_REASONS).meta({
          label: { en: 'Reason', cs: 'Důvod' },
          optionLabels: {
            haemolysed: { en: 'Haemolysed', cs: 'Hemolýza' },
            clotted: { en: 'Clotted', cs: 'Sraženina' },
            insufficient: { en: 'Insufficient volume', cs: 'Nedostatečné množství' },
            mislabelled: { en: 'Mislabelled', cs: 'Chybně označeno' },
          },
        }),
      }),
      async run({ ctx, id, input, record }) {
        const reason = (input as { reason: SpecimenRejected['reason'] }).reason;
        await ctx.db
          .updateTable('medical.specimens')
          .set({ rejection_reason: reason })
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
        await custody(ctx, id, 'reject', null);
        const r = record as { order_id: string; barcode: string };
        await ctx.emit(SPECIMEN_REJECTED, {
          specimenId: id,
          orderId: r.order_id,
          barcode: r.barcode,
          reason,
        } satisfies SpecimenRejected);
        await noticeClinic(ctx, 'rejected', { orderId: r.order_id, specimenId: id, reason });
        return { reason };
      },
    },
  },
});

/**
 * A result: entered by a technician → released by whoever the tenant's local rules allow (the
 * checks run in services/release.ts before the transition) → superseded when an amended version
 * is released. Released results are never changed; a correction is a new version.
 */
export const resultWorkflow = defineWorkflow({
  table: 'medical.results',
  readPermission: 'medical.read',
  initial: 'entered',
  states: {
    entered: { label: { en: 'Awaiting release', cs: 'Čeká na uvolnění' }, tone: 'warning' },
    released: { label: { en: 'Released', cs: 'Uvolněno' }, tone: 'success' },
    superseded: { label: { en: 'Superseded', cs: 'Nahrazeno' }, tone: 'neutral', final: true },
    withdrawn: { label: { en: 'Withdrawn', cs: 'Staženo' }, tone: 'neutral', final: true },
  },
  transitions: {
    release: {
      from: 'entered',
      to: 'released',
      permission: 'medical.release',
      label: { en: 'Release', cs: 'Uvolnit' },
    },
    supersede: {
      from: 'released',
      to: 'superseded',
      permission: 'medical.release',
      label: { en: 'Supersede', cs: 'Nahradit' },
    },
    withdraw: {
      from: 'entered',
      to: 'withdrawn',
      permission: 'medical.result',
      label: { en: 'Withdraw', cs: 'Stáhnout' },
      danger: true,
    },
  },
});
