import {
  conflict,
  defineRoute,
  json,
  jsonBody,
  newId,
  notFound,
  type PluginRouter,
  problemResponses,
  workflowRoutes,
  z,
} from '@bureau/core';
import { VEHICLE_ADDED, type VehicleAdded } from '../contract.ts';
import { vehicleWorkflow } from './workflow.ts';

const Vehicle = z
  .object({
    id: z.uuid(),
    plate: z.string(),
    name: z.string(),
    status: z.string(),
    driver: z.string().nullable(),
    registrationExpires: z.string().nullable(),
  })
  .openapi('FleetVehicle');
const COLUMNS = ['id', 'plate', 'name', 'status', 'driver', 'registration_expires'] as const;
const toVehicle = (r: Record<string, any>) => ({
  id: r.id as string,
  plate: r.plate as string,
  name: r.name as string,
  status: r.status as string,
  driver: (r.driver as string | null) ?? null,
  registrationExpires: r.registration_expires ? ymd(r.registration_expires) : null,
});
/** A `date` column from either driver (PGlite gives a Date at UTC midnight, pg a string). */
const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
const Driver = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    licenceNumber: z.string(),
    fitUntil: z.string().nullable(),
  })
  .openapi('FleetDriver');
const NewDriver = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.email().max(200).optional(),
  licenceNumber: z.string().trim().min(3).max(20),
  fitUntil: z.iso.date().optional(),
});
const LogEntry = z.object({ eventId: z.uuid(), message: z.string(), at: z.string() }).openapi('FleetLogEntry');

/**
 * Mounted at /api/t/:tenant/fleet behind the module gate; each route names its permission. The
 * vehicle workflow adds `GET /vehicles/{id}/workflow` and `POST /vehicles/{id}/service|return|retire`.
 */
export const routes = (router: PluginRouter) =>
  workflowRoutes(vehicleRoutes(router), vehicleWorkflow, { path: '/vehicles' });

const vehicleRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/vehicles',
        tags: ['fleet'],
        permission: 'fleet.read',
        responses: { 200: json(z.object({ vehicles: z.array(Vehicle) })), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        const vehicles = await c.var.db
          .selectFrom('fleet.vehicles')
          .select(COLUMNS)
          .where('tenant_id', '=', c.var.tenant.id)
          .orderBy('plate')
          .execute();
        return c.json({ vehicles: vehicles.map(toVehicle) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/vehicles',
        tags: ['fleet'],
        permission: 'fleet.manage',
        request: {
          body: jsonBody(
            z.object({
              plate: z.string().trim().toUpperCase().min(2).max(12),
              name: z.string().trim().min(1).max(100),
              driver: z.string().trim().min(1).max(100).optional(),
              registrationExpires: z.iso.date().optional(),
            }),
          ),
        },
        responses: { 201: json(Vehicle), ...problemResponses(400, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const taken = await db
          .selectFrom('fleet.vehicles')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('plate', '=', input.plate)
          .executeTakeFirst();
        if (taken) throw conflict('plate_taken', 'A vehicle with this plate exists');
        const id = newId();
        const row = await db
          .insertInto('fleet.vehicles')
          .values({
            tenant_id: tenant.id,
            id,
            plate: input.plate,
            name: input.name,
            driver: input.driver ?? null,
            registration_expires: input.registrationExpires ?? null,
            status: vehicleWorkflow.initial,
          })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        const vehicle = toVehicle(row);
        await ctx.workflow(vehicleWorkflow).start(id);
        // The row, the event and the audit entry commit together.
        await ctx.emit(VEHICLE_ADDED, { vehicleId: vehicle.id, plate: vehicle.plate } satisfies VehicleAdded);
        await ctx.audit({
          action: 'fleet.vehicle_added',
          entityType: 'fleet.vehicle',
          entityId: vehicle.id,
          after: vehicle,
        });
        return c.json(vehicle, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'patch',
        path: '/vehicles/{id}',
        tags: ['fleet'],
        permission: 'fleet.manage',
        request: {
          params: z.object({ id: z.uuid() }),
          body: jsonBody(z.object({ driver: z.string().trim().min(1).max(100).nullable() })),
        },
        responses: { 200: json(Vehicle), ...problemResponses(400, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { driver } = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const row = await db
          .updateTable('fleet.vehicles')
          .set({ driver })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', id)
          .returning(COLUMNS)
          .executeTakeFirst();
        if (!row) throw notFound('Vehicle');
        await ctx.audit({
          action: 'fleet.vehicle_updated',
          entityType: 'fleet.vehicle',
          entityId: id,
          after: { driver },
        });
        return c.json(toVehicle(row), 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/vehicles/{id}/log',
        tags: ['fleet'],
        permission: 'fleet.read',
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 200: json(z.object({ log: z.array(LogEntry) })), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { db, tenant } = c.var;
        const vehicle = await db
          .selectFrom('fleet.vehicles')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!vehicle) throw notFound('Vehicle');
        const rows = await db
          .selectFrom('fleet.vehicle_log')
          .select(['event_id', 'message', 'at'])
          .where('tenant_id', '=', tenant.id)
          .where('vehicle_id', '=', id)
          .orderBy('at')
          .execute();
        return c.json(
          { log: rows.map((r) => ({ eventId: r.event_id, message: r.message, at: new Date(r.at).toISOString() })) },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/drivers',
        tags: ['fleet'],
        permission: 'fleet.drivers',
        responses: { 200: json(z.object({ drivers: z.array(Driver) })), ...problemResponses(401, 403, 404) },
      }),
      async (c) => {
        const rows = await c.var.db
          .selectFrom('fleet.drivers')
          .selectAll()
          .where('tenant_id', '=', c.var.tenant.id)
          .orderBy('name')
          .execute();
        return c.json({ drivers: rows.map(driverOf) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/drivers',
        tags: ['fleet'],
        permission: 'fleet.drivers',
        request: { body: jsonBody(NewDriver) },
        responses: { 201: json(Driver), ...problemResponses(400, 403) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const row = {
          tenant_id: tenant.id,
          id: newId(),
          name: input.name,
          email: input.email ?? null,
          licence_number: input.licenceNumber,
          fit_until: input.fitUntil ?? null,
          created_at: ctx.now(),
        };
        await db.insertInto('fleet.drivers').values(row).execute();
        const driver = driverOf(row);
        // fleet.driver is declared specialCategory: core keeps the id and field names, not these values.
        await ctx.audit({
          action: 'fleet.driver_added',
          entityType: 'fleet.driver',
          entityId: driver.id,
          after: driver,
        });
        return c.json(driver, 201);
      },
    );

function driverOf(r: Record<string, any>) {
  return {
    id: r.id as string,
    name: r.name as string,
    email: (r.email ?? null) as string | null,
    licenceNumber: r.licence_number as string,
    fitUntil: r.fit_until == null ? null : ymd(r.fit_until),
  };
}
