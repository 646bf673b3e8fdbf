import { type BureauEvent, definePlugin, newId, type PluginContext } from '@bureau/core';
import { type FleetRegister, VEHICLE_ADDED, type VehicleAdded } from '../contract.ts';
import { init } from './migrations/0001_init.ts';
import { routes } from './routes.ts';

async function countVehicles(ctx: PluginContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('fleet.vehicles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', ctx.tenant.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Writes a log line per delivered event; the event id is the key, so a redelivery changes nothing. */
async function logVehicleAdded(event: BureauEvent<VehicleAdded>, ctx: PluginContext): Promise<void> {
  await ctx.db
    .insertInto('fleet.vehicle_log')
    .values({
      tenant_id: ctx.tenant.id,
      event_id: event.id,
      vehicle_id: event.payload.vehicleId,
      message: `Vehicle ${event.payload.plate} registered`,
      at: ctx.now(),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
    .execute();
}

/**
 * Fleet: a third-party department in one folder. It is not installed in the app; the tests install it
 * to show that a module needs no change to core.
 */
export default definePlugin<'fleet', { register: FleetRegister }>({
  id: 'fleet',
  version: '1.0.0',
  title: { en: 'Fleet', cs: 'Vozový park' },
  description: { en: 'Company vehicles and their history', cs: 'Firemní vozidla a jejich historie' },
  permissions: {
    'fleet.read': { en: 'See vehicles', cs: 'Vidět vozidla' },
    'fleet.manage': { en: 'Register vehicles', cs: 'Evidovat vozidla' },
  },
  memberPermissions: ['fleet.read'],
  migrations: { '0001_init': init },
  routes,
  services: { register: (ctx) => ({ count: () => countVehicles(ctx) }) },
  events: { [VEHICLE_ADDED]: { en: 'A vehicle was registered', cs: 'Vozidlo bylo zaevidováno' } },
  on: { [VEHICLE_ADDED]: logVehicleAdded },
  async onEnable(ctx) {
    await ctx.db
      .insertInto('fleet.settings')
      .values({ tenant_id: ctx.tenant.id, service_interval_km: 15000 })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute();
  },
  summary: async (ctx) => ({ vehicles: await countVehicles(ctx) }),
  async demo(ctx) {
    const vehicles = [
      { plate: '1AB2345', name: 'Škoda Octavia Combi' },
      { plate: '2CD6789', name: 'Ford Transit' },
      { plate: '3EF0123', name: 'Toyota Corolla Hybrid' },
    ];
    for (const v of vehicles) {
      const inserted = await ctx.db
        .insertInto('fleet.vehicles')
        .values({ tenant_id: ctx.tenant.id, id: newId(), ...v })
        .onConflict((oc) => oc.columns(['tenant_id', 'plate']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) await ctx.emit(VEHICLE_ADDED, { vehicleId: inserted.id, plate: v.plate } satisfies VehicleAdded);
    }
  },
});
