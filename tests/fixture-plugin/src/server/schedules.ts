import { newId, Problem, type ScheduleDefinition } from '@bureau/core';
import { vehicleWorkflow } from './workflow.ts';

/** A business date in Prague (`YYYY-MM-DD`) of an instant. */
const pragueDate = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(d);

/**
 * Every night, vehicles whose registration expired before the run's date are retired through the
 * workflow, as the system (no permission needed; the guard still refuses one a driver still has).
 */
export const expireRegistrations: ScheduleDefinition = {
  cron: '0 3 * * *',
  label: { en: 'Retire vehicles whose registration expired', cs: 'Vyřadit vozidla s propadlou registrací' },
  async run(ctx) {
    const today = pragueDate(ctx.schedule.scheduledAt);
    const expired = await ctx.db
      .selectFrom('fleet.vehicles')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('status', '<>', 'retired')
      .where('registration_expires', '<', today)
      .orderBy('plate')
      .execute();
    for (const v of expired) {
      try {
        await ctx.transition(vehicleWorkflow, v.id, 'retire', { input: { reason: 'registration_expired' } });
      } catch (err) {
        // A vehicle still with its driver stays; the others go.
        if (!(err instanceof Problem && err.code === 'transition_blocked')) throw err;
      }
    }
  },
};

/** Every Monday at 6:00 (Prague), a report of the fleet's size for the week. */
export const weeklyReport: ScheduleDefinition = {
  cron: '0 6 * * 1',
  label: { en: 'Weekly fleet report', cs: 'Týdenní přehled vozového parku' },
  async run(ctx) {
    const counts = await ctx.db
      .selectFrom('fleet.vehicles')
      .select([
        (eb) => eb.fn.countAll<string>().as('vehicles'),
        (eb) => eb.fn.count<string>('id').filterWhere('status', '=', 'in_service').as('in_service'),
      ])
      .where('tenant_id', '=', ctx.tenant.id)
      .where('status', '<>', 'retired')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('fleet.reports')
      .values({
        tenant_id: ctx.tenant.id,
        id: newId(),
        week_of: pragueDate(ctx.schedule.scheduledAt),
        vehicles: Number(counts.vehicles),
        in_service: Number(counts.in_service),
        created_at: ctx.now(),
      })
      .execute();
  },
};
