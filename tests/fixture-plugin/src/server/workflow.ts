import { conflict, defineWorkflow, z } from '@bureau/core';

/**
 * A vehicle's life: in use (active), at the workshop (in_service), retired. Sending one to the
 * workshop takes a slot (the `run` hook, in the same transaction: refused when the workshop is full);
 * retiring one needs a reason and is refused while a driver still has it (the guard).
 */
export const vehicleWorkflow = defineWorkflow({
  table: 'fleet.vehicles',
  readPermission: 'fleet.read',
  initial: 'active',
  states: {
    active: { label: { en: 'In use', cs: 'V provozu' }, tone: 'success' },
    in_service: { label: { en: 'At the workshop', cs: 'V servisu' }, tone: 'warning' },
    retired: { label: { en: 'Retired', cs: 'Vyřazeno' }, tone: 'neutral', final: true },
  },
  transitions: {
    service: {
      from: 'active',
      to: 'in_service',
      permission: 'fleet.manage',
      label: { en: 'Send to the workshop', cs: 'Poslat do servisu' },
      input: z.object({
        workshop: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .meta({ label: { en: 'Workshop', cs: 'Servis' } }),
      }),
      async run({ ctx, input }) {
        const settings = await ctx.db
          .selectFrom('fleet.settings')
          .select('workshop_slots')
          .where('tenant_id', '=', ctx.tenant.id)
          .executeTakeFirst();
        const busy = await ctx.db
          .selectFrom('fleet.vehicles')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('tenant_id', '=', ctx.tenant.id)
          .where('status', '=', 'in_service')
          .executeTakeFirstOrThrow();
        if (Number(busy.n) > (settings?.workshop_slots ?? 2)) {
          throw conflict('workshop_full', 'Every workshop slot is taken');
        }
        return { workshop: input.workshop };
      },
    },
    return: {
      from: 'in_service',
      to: 'active',
      permission: 'fleet.manage',
      label: { en: 'Back in use', cs: 'Zpět do provozu' },
    },
    retire: {
      from: ['active', 'in_service'],
      to: 'retired',
      permission: 'fleet.manage',
      label: { en: 'Retire', cs: 'Vyřadit' },
      danger: true,
      input: z.object({
        reason: z.enum(['sold', 'scrapped', 'stolen', 'registration_expired']).meta({
          label: { en: 'Reason', cs: 'Důvod' },
          optionLabels: {
            sold: { en: 'Sold', cs: 'Prodáno' },
            scrapped: { en: 'Scrapped', cs: 'Sešrotováno' },
            stolen: { en: 'Stolen', cs: 'Odcizeno' },
            registration_expired: { en: 'Registration expired', cs: 'Propadlá registrace' },
          },
        }),
      }),
      guard: (_ctx, vehicle: { driver: string | null }) =>
        vehicle.driver ? { en: 'Take the vehicle from its driver first', cs: 'Nejprve vozidlo odeberte řidiči' } : true,
      async run({ ctx, id, input }) {
        await ctx.db
          .updateTable('fleet.vehicles')
          .set({ retired_reason: input.reason })
          .where('tenant_id', '=', ctx.tenant.id)
          .where('id', '=', id)
          .execute();
      },
    },
  },
});
