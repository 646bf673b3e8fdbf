import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Vehicles get a status (the vehicle workflow), a driver and a registration expiry; the workshop has slots. */
export const vehicleWorkflow: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('fleet.vehicles')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('driver', 'text')
      .addColumn('registration_expires', 'date')
      .addColumn('retired_reason', 'text')
      .execute();
    await db.schema
      .alterTable('fleet.settings')
      .addColumn('workshop_slots', 'integer', (c) => c.notNull().defaultTo(2))
      .execute();
  },
};
