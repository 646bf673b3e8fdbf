import { z } from '@hono/zod-openapi';
import type { TenantEnv } from '../http/env.ts';
import { badRequest, fieldError } from '../http/problem.ts';
import { defineRoute } from '../http/route.ts';
import { newRouter } from '../http/router.ts';
import { defaultCurrency, IdParam, json, jsonBody, Ok, problemResponses } from '../http/schemas.ts';
import {
  acceptEngagement,
  assignTeam,
  changeScope,
  createClient,
  declineEngagement,
  endEngagement,
  getEngagement,
  inviteClient,
  listEngagements,
  removeTeam,
  revokeEngagement,
} from './engagements.ts';
import { prm } from './messages.ts';
import { opOf, requireOwnPeople, requireProvider } from './op.ts';
import {
  Engagement,
  EngagementDetail,
  EngagementParam,
  EngagementTeamParam,
  GrantList,
  InviteBody,
  ScopeChange,
  StatusQuery,
  Team,
  TeamName,
} from './schemas.ts';
import { addTeamMember, createTeam, deleteTeam, listTeams, removeTeamMember, renameTeam } from './teams.ts';

const optionalBody = <T extends z.ZodType>(schema: T) => ({
  required: false,
  content: { 'application/json': { schema } },
});

/**
 * The provider's side, in its own tenant: teams, and engagements with clients (`/clients`).
 * Managed by the provider's own members with `tenant.clients.manage`.
 */
export const providerSideRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/teams',
      tags: ['providers'],
      summary: "The provider's teams, their members and the clients they work for",
      permission: 'tenant.members.read',
      responses: { 200: json(z.object({ teams: z.array(Team) })), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      return c.json({ teams: await listTeams(op) }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/teams',
      tags: ['providers'],
      permission: 'tenant.clients.manage',
      request: { body: jsonBody(TeamName) },
      responses: { 201: json(z.object({ id: z.string(), name: z.string() })), ...problemResponses(400, 403, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      return c.json(await createTeam(op, c.req.valid('json').name), 201);
    },
  )
  .openapi(
    defineRoute({
      method: 'patch',
      path: '/teams/{id}',
      tags: ['providers'],
      permission: 'tenant.clients.manage',
      request: { params: IdParam, body: jsonBody(TeamName) },
      responses: { 200: json(z.object({ id: z.string(), name: z.string() })), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      return c.json(await renameTeam(op, c.req.valid('param').id, c.req.valid('json').name), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/teams/{id}',
      tags: ['providers'],
      summary: 'Delete a team; it leaves every engagement it worked in',
      permission: 'tenant.clients.manage',
      request: { params: IdParam },
      responses: { 200: json(Ok), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      await deleteTeam(op, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/teams/{id}/members/{userId}',
      tags: ['providers'],
      summary: 'Add a member of the provider to a team',
      permission: 'tenant.clients.manage',
      request: { params: z.object({ id: z.uuid(), userId: z.uuid() }) },
      responses: { 200: json(Ok), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      const { id, userId } = c.req.valid('param');
      await addTeamMember(op, id, userId);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/teams/{id}/members/{userId}',
      tags: ['providers'],
      permission: 'tenant.clients.manage',
      request: { params: z.object({ id: z.uuid(), userId: z.uuid() }) },
      responses: { 200: json(Ok), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      const { id, userId } = c.req.valid('param');
      await removeTeamMember(op, id, userId);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/clients',
      tags: ['providers'],
      summary: "The provider's engagements with clients",
      permission: 'tenant.members.read',
      request: { query: StatusQuery },
      responses: { 200: json(z.object({ engagements: z.array(Engagement) })), ...problemResponses(400, 403, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      return c.json({ engagements: await listEngagements(op, 'provider', c.req.valid('query').status) }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/clients',
      tags: ['providers'],
      summary: 'Invite an existing tenant to an engagement, or create a client tenant on its behalf',
      permission: 'tenant.clients.manage',
      request: { body: jsonBody(InviteBody) },
      responses: {
        201: json(
          z.object({
            engagement: Engagement,
            invitation: z
              .object({ id: z.string(), email: z.string(), expiresAt: z.string(), link: z.string() })
              .nullable(),
            modules: z
              .object({
                enabled: z.array(z.string()).openapi({ description: 'Turned on in the new client at once' }),
                leftForOwner: z
                  .array(z.string())
                  .openapi({ description: 'Priced add-ons (or unmet requirements) the client’s owner turns on' }),
              })
              .nullable()
              .openapi({ description: 'For a client created here: the engagement’s modules, enabled or waiting' }),
          }),
        ),
        ...problemResponses(400, 403, 404, 409),
      },
    }),
    async (c) => {
      const op = opOf(c);
      const body = c.req.valid('json');
      const scope = { modules: body.modules, grants: body.grants, teams: body.teams };
      if (!!body.client === !!body.newClient) {
        throw badRequest('invalid_input', prm.client_or_new, [fieldError('client', prm.client_or_new_field)]);
      }
      if (body.client) {
        const engagement = await inviteClient(op, { ...scope, client: body.client });
        return c.json({ engagement, invitation: null, modules: null }, 201);
      }
      const n = body.newClient as NonNullable<typeof body.newClient>;
      const { engagement, invitation, modules } = await createClient(op, {
        ...scope,
        ownerEmail: n.ownerEmail,
        tenant: {
          name: n.name,
          slug: n.slug,
          country: n.country,
          currency: n.currency ?? defaultCurrency(n.country),
          locale: n.locale ?? (n.country === 'CZ' ? 'cs' : 'en'),
        },
      });
      return c.json(
        {
          engagement,
          invitation: {
            id: invitation.id,
            email: invitation.email,
            expiresAt: invitation.expiresAt,
            link: invitation.link,
          },
          modules,
        },
        201,
      );
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/clients/{id}',
      tags: ['providers'],
      summary: 'One engagement with a client, with its history',
      permission: 'tenant.members.read',
      request: { params: EngagementParam },
      responses: { 200: json(EngagementDetail), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      requireOwnPeople(op);
      return c.json(await getEngagement(op, 'provider', c.req.valid('param').id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'put',
      path: '/clients/{id}/teams/{teamId}',
      tags: ['providers'],
      summary: 'Give a team its grants inside the client (never beyond what the client allowed: 403)',
      permission: 'tenant.clients.manage',
      request: { params: EngagementTeamParam, body: jsonBody(z.object({ grants: GrantList })) },
      responses: { 200: json(Engagement), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      const { id, teamId } = c.req.valid('param');
      return c.json(await assignTeam(op, id, teamId, c.req.valid('json').grants), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/clients/{id}/teams/{teamId}',
      tags: ['providers'],
      permission: 'tenant.clients.manage',
      request: { params: EngagementTeamParam },
      responses: { 200: json(Engagement), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      const { id, teamId } = c.req.valid('param');
      return c.json(await removeTeam(op, 'provider', id, teamId), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/clients/{id}/end',
      tags: ['providers'],
      summary: 'End an engagement (or withdraw a pending invitation)',
      permission: 'tenant.clients.manage',
      request: { params: EngagementParam },
      responses: { 200: json(Engagement), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const op = opOf(c);
      requireProvider(op);
      return c.json(await endEngagement(op, c.req.valid('param').id), 200);
    },
  );

/**
 * The client's side, in its own tenant: every provider with access (`/providers`), and the controls
 * to accept, decline, narrow or revoke. Managed by the client's own members with
 * `tenant.providers.manage`; provider staff working inside the client never reach these.
 */
export const clientSideRoutes = newRouter<TenantEnv>()
  .openapi(
    defineRoute({
      method: 'get',
      path: '/providers',
      tags: ['providers'],
      summary: 'Providers with access to this firm: engagements, modules, grants, teams and people',
      permission: 'tenant.members.read',
      request: { query: StatusQuery },
      responses: { 200: json(z.object({ engagements: z.array(Engagement) })), ...problemResponses(400, 403) },
    }),
    async (c) => {
      const op = opOf(c);
      requireOwnPeople(op);
      return c.json({ engagements: await listEngagements(op, 'client', c.req.valid('query').status) }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'get',
      path: '/providers/{id}',
      tags: ['providers'],
      summary: 'One engagement with a provider, with its history',
      permission: 'tenant.members.read',
      request: { params: EngagementParam },
      responses: { 200: json(EngagementDetail), ...problemResponses(403, 404) },
    }),
    async (c) => {
      const op = opOf(c);
      requireOwnPeople(op);
      return c.json(await getEngagement(op, 'client', c.req.valid('param').id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/providers/{id}/accept',
      tags: ['providers'],
      summary: 'Accept a pending engagement, optionally covering less than asked',
      permission: 'tenant.providers.manage',
      request: { params: EngagementParam, body: optionalBody(ScopeChange) },
      responses: { 200: json(Engagement), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => {
      const body = (c.req.valid('json') ?? {}) as z.infer<typeof ScopeChange>;
      return c.json(await acceptEngagement(opOf(c), c.req.valid('param').id, body), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/providers/{id}/decline',
      tags: ['providers'],
      permission: 'tenant.providers.manage',
      request: { params: EngagementParam },
      responses: { 200: json(Engagement), ...problemResponses(403, 404, 409) },
    }),
    async (c) => c.json(await declineEngagement(opOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    defineRoute({
      method: 'patch',
      path: '/providers/{id}',
      tags: ['providers'],
      summary: 'Change what the engagement covers (within what the provider asked for); effective at once',
      permission: 'tenant.providers.manage',
      request: { params: EngagementParam, body: jsonBody(ScopeChange) },
      responses: { 200: json(Engagement), ...problemResponses(400, 403, 404, 409) },
    }),
    async (c) => c.json(await changeScope(opOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    defineRoute({
      method: 'delete',
      path: '/providers/{id}/teams/{teamId}',
      tags: ['providers'],
      summary: "Take one of the provider's teams out of the engagement",
      permission: 'tenant.providers.manage',
      request: { params: EngagementTeamParam },
      responses: { 200: json(Engagement), ...problemResponses(403, 404, 409) },
    }),
    async (c) => {
      const { id, teamId } = c.req.valid('param');
      return c.json(await removeTeam(opOf(c), 'client', id, teamId), 200);
    },
  )
  .openapi(
    defineRoute({
      method: 'post',
      path: '/providers/{id}/revoke',
      tags: ['providers'],
      summary: "Revoke an engagement: the provider's staff lose access on their next request",
      permission: 'tenant.providers.manage',
      request: { params: EngagementParam },
      responses: { 200: json(Engagement), ...problemResponses(403, 404, 409) },
    }),
    async (c) => c.json(await revokeEngagement(opOf(c), c.req.valid('param').id), 200),
  );

/** Both sides, mounted at `/api/t/:tenant`. */
export const engagementRoutes = newRouter<TenantEnv>().route('/', providerSideRoutes).route('/', clientSideRoutes);
