import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { TenantEnv } from '../http/env.ts';
import { notFound } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, jsonBody, problemResponses } from '../http/schemas.ts';
import { listQuery, listResponse } from '../lists/query.ts';
import { sendList } from '../lists/send.ts';
import { ptm } from './messages.ts';
import { type Party, PartyInput, PartyPatch, PartySchema } from './schema.ts';
import { createParty, deleteParty, getParty, partiesQuery, toParty, updateParty } from './service.ts';

export const PARTIES_READ = 'tenant.parties.read';
export const PARTIES_MANAGE = 'tenant.parties.manage';

const PartyQuery = listQuery({
  sort: ['name', 'ico', 'createdAt', 'updatedAt'],
  defaultSort: 'name',
  filters: {
    role: z.string().trim().toLowerCase().max(40).optional().openapi({ description: 'Only parties with this role' }),
    tag: z.string().trim().max(40).optional().openapi({ description: 'Only parties with this tag' }),
    type: z.enum(['company', 'person']).optional(),
    active: z.enum(['true', 'false']).optional().openapi({ description: 'Only active (true) or inactive (false)' }),
  },
});

const yesNo = (v: boolean) => ({ en: v ? 'yes' : 'no', cs: v ? 'ano' : 'ne' });

/** The shared address book: `/api/t/:tenant/parties`, read by members, changed with tenant.parties.manage. */
export const partyRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/parties',
      tags: ['parties'],
      permission: PARTIES_READ,
      summary: 'The address book: search by name, IČO, DIČ or e-mail; filter by role, tag, type, active',
      request: { query: PartyQuery },
      responses: { 200: listResponse(PartySchema), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      let query = partiesQuery(c.var);
      if (q.role) query = query.where(sql<boolean>`${q.role} = any(p.roles)`);
      if (q.tag) query = query.where(sql<boolean>`${q.tag} = any(p.tags)`);
      if (q.type) query = query.where('p.type', '=', q.type);
      if (q.active) query = query.where('p.active', '=', q.active === 'true');
      return sendList(
        c,
        q,
        query,
        {
          sort: { name: 'p.name', ico: 'p.ico', createdAt: 'p.created_at', updatedAt: 'p.updated_at' },
          id: 'p.id',
          search: ['p.name', 'p.ico', 'p.dic', 'p.email'],
        },
        (r) => toParty(r as never),
        {
          filename: 'parties',
          title: { en: 'Address book', cs: 'Adresář' },
          columns: [
            { header: { en: 'Name', cs: 'Název' }, value: (p: Party) => p.name },
            { header: 'IČO', value: (p) => p.ico },
            { header: 'DIČ', value: (p) => p.dic },
            { header: { en: 'Country', cs: 'Země' }, value: (p) => p.country },
            { header: { en: 'E-mail', cs: 'E-mail' }, value: (p) => p.email },
            { header: { en: 'Phone', cs: 'Telefon' }, value: (p) => p.phone },
            { header: { en: 'Roles', cs: 'Role' }, value: (p) => p.roles.join(', ') },
            { header: { en: 'Tags', cs: 'Štítky' }, value: (p) => p.tags.join(', ') },
            { header: { en: 'Active', cs: 'Aktivní' }, value: (p) => yesNo(p.active).en },
          ],
        },
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/parties',
      tags: ['parties'],
      permission: PARTIES_MANAGE,
      description:
        'Adds a company or person. IČO (check digit), DIČ, IBAN, BIC and Czech account numbers are checked (field errors); a second party with the same IČO is 409 duplicate_ico naming the first.',
      request: { body: jsonBody(PartyInput) },
      responses: { 201: json(PartySchema), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => c.json(await createParty(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/parties/{id}',
      tags: ['parties'],
      permission: PARTIES_READ,
      request: { params: IdParam },
      responses: { 200: json(PartySchema), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const party = await getParty(c.var, c.req.valid('param').id);
      if (!party) throw notFound(ptm.not_found);
      return c.json(party, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'patch',
      path: '/parties/{id}',
      tags: ['parties'],
      permission: PARTIES_MANAGE,
      description:
        'Changes the fields sent; lists (addresses, contacts, bank accounts, roles, tags) are replaced whole.',
      request: { params: IdParam, body: jsonBody(PartyPatch) },
      responses: { 200: json(PartySchema), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateParty(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/parties/{id}',
      tags: ['parties'],
      permission: PARTIES_MANAGE,
      description:
        "Removes a party. Other modules' records that point at it keep their own copy of the details and lose the link.",
      request: { params: IdParam },
      responses: { 204: { description: 'Removed' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      await deleteParty(c.var.ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
