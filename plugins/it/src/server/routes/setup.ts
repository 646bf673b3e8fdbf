import { defineRoute, json, jsonBody, newId, type PluginRouter, problem, problemResponses, z } from '@bureau/core';
import { sql } from 'kysely';
import { CategoryInput, CustomField, LocationInput } from '../../schema.ts';
import { m } from '../messages.ts';

const tags = ['it'];

export const Category = z
  .object({ id: z.uuid(), name: z.string(), fields: z.array(CustomField), assets: z.number() })
  .openapi('ItCategory');
export const Person = z.object({ id: z.uuid(), name: z.string(), email: z.string() }).openapi('ItPerson');
export const Location = z.object({ id: z.uuid(), name: z.string(), assets: z.number() }).openapi('ItLocation');

/** Categories (with the custom fields their assets carry), locations, and the members assets go to. */
export const setupRoutes = (router: PluginRouter) =>
  router
    .openapi(
      defineRoute({
        method: 'get',
        path: '/people',
        tags,
        summary: "The firm's members an asset can be checked out to",
        permission: 'it.assets.assign',
        responses: { 200: json(z.object({ items: z.array(Person) })), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const rows = await c.var.db
          .selectFrom('core.memberships as ms')
          .innerJoin('core.users as u', 'u.id', 'ms.user_id')
          .select(['u.id', 'u.name', 'u.email'])
          .where('ms.tenant_id', '=', c.var.tenant.id)
          .orderBy(sql`lower(u.name)`)
          .limit(1000)
          .execute();
        return c.json({ items: rows.map((r) => ({ id: r.id, name: r.name || r.email, email: r.email })) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/categories',
        tags,
        summary: 'Asset categories with their custom fields and asset counts',
        permission: 'it.read',
        responses: { 200: json(z.object({ items: z.array(Category) })), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const rows = await c.var.db
          .selectFrom('it.categories as c')
          .select(['c.id', 'c.name', 'c.fields'])
          .select(
            sql<string>`(select count(*) from it.assets a where a.tenant_id = c.tenant_id and a.category_id = c.id)`.as(
              'n',
            ),
          )
          .where('c.tenant_id', '=', c.var.tenant.id)
          .orderBy(sql`lower(c.name)`)
          .execute();
        return c.json(
          { items: rows.map((r) => ({ id: r.id, name: r.name, fields: r.fields ?? [], assets: Number(r.n) })) },
          200,
        );
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/categories',
        tags,
        summary: 'Add a category; 409 category_taken for a name in use',
        permission: 'it.assets.manage',
        request: { body: jsonBody(CategoryInput) },
        responses: { 201: json(Category, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const taken = await db
          .selectFrom('it.categories')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where(sql`lower(name)`, '=', input.name.toLowerCase())
          .executeTakeFirst();
        if (taken) throw problem(409, m.category_taken, { name: input.name });
        const id = newId();
        await db
          .insertInto('it.categories')
          .values({
            tenant_id: tenant.id,
            id,
            name: input.name,
            fields: JSON.stringify(input.fields),
            created_at: ctx.now(),
          })
          .execute();
        await ctx.audit({ action: 'it.category.created', entityType: 'it.category', entityId: id, after: input });
        return c.json({ id, name: input.name, fields: input.fields, assets: 0 }, 201);
      },
    )
    .openapi(
      defineRoute({
        method: 'get',
        path: '/locations',
        tags,
        summary: 'Locations with asset counts',
        permission: 'it.read',
        responses: { 200: json(z.object({ items: z.array(Location) })), ...problemResponses(401, 403) },
      }),
      async (c) => {
        const rows = await c.var.db
          .selectFrom('it.locations as l')
          .select(['l.id', 'l.name'])
          .select(
            sql<string>`(select count(*) from it.assets a where a.tenant_id = l.tenant_id and a.location_id = l.id)`.as(
              'n',
            ),
          )
          .where('l.tenant_id', '=', c.var.tenant.id)
          .orderBy(sql`lower(l.name)`)
          .execute();
        return c.json({ items: rows.map((r) => ({ id: r.id, name: r.name, assets: Number(r.n) })) }, 200);
      },
    )
    .openapi(
      defineRoute({
        method: 'post',
        path: '/locations',
        tags,
        summary: 'Add a location; 409 location_taken for a name in use',
        permission: 'it.assets.manage',
        request: { body: jsonBody(LocationInput) },
        responses: { 201: json(Location, 'Created'), ...problemResponses(400, 401, 403, 409) },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const { db, tenant, ctx } = c.var;
        const taken = await db
          .selectFrom('it.locations')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .where(sql`lower(name)`, '=', input.name.toLowerCase())
          .executeTakeFirst();
        if (taken) throw problem(409, m.location_taken, { name: input.name });
        const id = newId();
        await db
          .insertInto('it.locations')
          .values({ tenant_id: tenant.id, id, name: input.name, created_at: ctx.now() })
          .execute();
        await ctx.audit({ action: 'it.location.created', entityType: 'it.location', entityId: id, after: input });
        return c.json({ id, name: input.name, assets: 0 }, 201);
      },
    );
