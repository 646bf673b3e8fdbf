import { type BureauEvent, definePlugin, newId, type PluginContext } from '@bureau/core';
import {
  type FleetRegister,
  VEHICLE_ADDED,
  VEHICLE_RETIRED,
  type VehicleAdded,
  type VehicleRetired,
} from '../contract.ts';
import { init } from './migrations/0001_init.ts';
import { vehicleWorkflow as vehicleWorkflowMigration } from './migrations/0002_workflow.ts';
import { reports } from './migrations/0003_reports.ts';
import { drivers } from './migrations/0004_drivers.ts';
import { routes } from './routes.ts';
import { expireRegistrations, weeklyReport } from './schedules.ts';
import { vehicleWorkflow } from './workflow.ts';

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

/** The log line of a retirement: the workflow event `fleet.vehicle.retire` is declared by the workflow itself. */
async function logVehicleRetired(event: BureauEvent<VehicleRetired>, ctx: PluginContext): Promise<void> {
  await ctx.db
    .insertInto('fleet.vehicle_log')
    .values({
      tenant_id: ctx.tenant.id,
      event_id: event.id,
      vehicle_id: event.payload.id,
      message: `Vehicle retired (${event.payload.from} → ${event.payload.to})`,
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
    'fleet.drivers': {
      en: "See and register drivers, read drivers' sensitive files",
      cs: 'Vidět a evidovat řidiče, číst citlivé soubory řidičů',
    },
  },
  memberPermissions: ['fleet.read'],
  migrations: {
    '0001_init': init,
    '0002_workflow': vehicleWorkflowMigration,
    '0003_reports': reports,
    '0004_drivers': drivers,
  },
  records: {
    auditRead: 'fleet.read',
    entities: {
      'fleet.vehicle': {
        label: { en: 'Vehicle', cs: 'Vozidlo' },
        read: 'fleet.read',
        attach: 'fleet.manage',
        sensitive: 'fleet.drivers',
      },
      // Licence scans and medical fitness certificates: health data, never in audit details.
      'fleet.driver': {
        label: { en: 'Driver', cs: 'Řidič' },
        read: 'fleet.drivers',
        attach: 'fleet.drivers',
        sensitive: 'fleet.drivers',
        specialCategory: true,
      },
    },
  },
  routes,
  services: {
    register: (ctx) => ({
      count: () => countVehicles(ctx),
      retire: async (id, reason) => (await ctx.transition(vehicleWorkflow, id, 'retire', { input: { reason } })).to,
    }),
  },
  workflows: { vehicle: vehicleWorkflow },
  schedules: { 'expire-registrations': expireRegistrations, 'weekly-report': weeklyReport },
  events: { [VEHICLE_ADDED]: { en: 'A vehicle was registered', cs: 'Vozidlo bylo zaevidováno' } },
  on: { [VEHICLE_ADDED]: logVehicleAdded, [VEHICLE_RETIRED]: logVehicleRetired },
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
