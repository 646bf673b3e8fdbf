import { z } from '@hono/zod-openapi';
import { Email, Locale, NewTenantFields } from '../http/schemas.ts';
import { STATUS_FILTER_KEYS } from './engagements.ts';
import { prm } from './messages.ts';

export const ModuleId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, prm.module_id.ref);
export const GrantPattern = z.string().min(1).max(100);
export const GrantList = z.array(GrantPattern).max(200);

const TenantRef = z.object({ id: z.string(), slug: z.string(), name: z.string() }).openapi('TenantRef');
const Person = z.object({ userId: z.string(), name: z.string(), email: z.string() });

export const Engagement = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'active', 'declined', 'revoked', 'ended']),
    origin: z.enum(['invited', 'created']),
    client: TenantRef,
    provider: TenantRef,
    modules: z.array(z.string()).openapi({ description: 'Modules the engagement covers (allowed by the client)' }),
    grants: z.array(z.string()).openapi({ description: 'The most any provider team may hold inside the client' }),
    proposed: z.object({ modules: z.array(z.string()), grants: z.array(z.string()) }),
    teams: z.array(
      z.object({ id: z.string(), name: z.string(), grants: z.array(z.string()), people: z.array(Person) }),
    ),
    createdAt: z.string(),
    respondedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    endedBy: z.enum(['client', 'provider']).nullable(),
  })
  .openapi('Engagement');

export const EngagementDetail = Engagement.extend({
  history: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      action: z.string(),
      side: z.enum(['client', 'provider']),
      actor: z.object({ userId: z.string().nullable(), label: z.string() }),
      details: z.unknown(),
    }),
  ),
}).openapi('EngagementDetail');

export const StatusQuery = z.object({
  status: z
    .enum(STATUS_FILTER_KEYS)
    .default('open')
    .openapi({ description: '`open` (pending and active, the default), `all`, or one status' }),
});

export const EngagementParam = z.object({ id: z.uuid() });
export const EngagementTeamParam = z.object({ id: z.uuid(), teamId: z.uuid() });

export const TeamAssignment = z.object({ teamId: z.uuid(), grants: GrantList });

const ScopeFields = {
  modules: z.array(ModuleId).max(50),
  grants: GrantList.optional().openapi({
    description: "What the client is asked to allow; defaults to the union of the teams' grants",
  }),
  teams: z.array(TeamAssignment).max(50).default([]),
};

export const NewClientInput = z.object({
  ...NewTenantFields,
  locale: Locale.optional(),
  ownerEmail: Email,
});

export const InviteBody = z
  .object({
    client: z
      .object({
        slug: z.string().min(1).max(60).optional(),
        email: Email.optional(),
        ico: z
          .string()
          .trim()
          .regex(/^\d{6,8}$/, prm.ico_format.ref)
          .optional(),
      })
      .refine((c) => [c.slug, c.email, c.ico].filter((x) => x !== undefined).length === 1, {
        message: prm.client_one_of.ref,
      })
      .optional()
      .openapi({
        description:
          'An existing firm, by its address (slug), the e-mail of its owner or an administrator, or its IČO; its owners and admins accept or decline',
      }),
    newClient: NewClientInput.optional().openapi({
      description: 'A new client tenant created on the client’s behalf; its owner is invited by e-mail',
    }),
    ...ScopeFields,
  })
  .openapi('EngagementInvite');

export const ScopeChange = z
  .object({ modules: z.array(ModuleId).max(50).optional(), grants: GrantList.optional() })
  .openapi('EngagementScope');

export const Team = z
  .object({
    id: z.string(),
    name: z.string(),
    members: z.array(Person),
    engagements: z.array(z.object({ id: z.string(), client: TenantRef, grants: z.array(z.string()) })),
  })
  .openapi('ProviderTeam');

export const TeamName = z.object({ name: z.string().trim().min(1).max(80) });

export const ConsoleClient = z
  .object({
    tenant: TenantRef,
    engagement: z.object({ id: z.string(), since: z.string() }),
    modules: z.array(z.string()),
    summary: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .openapi('ConsoleClient');
