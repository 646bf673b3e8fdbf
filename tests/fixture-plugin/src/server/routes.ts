import {
  conflict,
  defineRoute,
  json,
  jsonBody,
  newId,
  notFound,
  type PluginRouter,
  problemResponses,
  z,
} from '@bureau/core';
import { VEHICLE_ADDED, type VehicleAdded } from '../contract.ts';

const Vehicle = z.object({ id: z.uuid(), plate: z.string(), name: z.string() }).openapi('FleetVehicle');
const LogEntry = z.object({ eventId: z.uuid(), message: z.string(), at: z.string() }).openapi('FleetLogEntry');

/** Mounted at /api/t/:tenant/fleet behind the module gate; each route names its permission. */
export const routes = (router: PluginRouter) =>
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
          .select(['id', 'plate', 'name'])
          .where('tenant_id', '=', c.var.tenant.id)
          .orderBy('plate')
          .execute();
        return c.json({ vehicles }, 200);
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
        const vehicle = { id: newId(), ...input };
        await db
          .insertInto('fleet.vehicles')
          .values({ tenant_id: tenant.id, ...vehicle })
          .execute();
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
    );
