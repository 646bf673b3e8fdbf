import { defineRoute, json, type PluginRouter, problemResponses, z } from '@bureau/core';
import { helpdeskTeams } from '../services/provider-teams.ts';

const HelpdeskTeam = z
  .object({ id: z.uuid(), name: z.string(), provider: z.string(), label: z.string() })
  .openapi('ItHelpdeskTeam');
export type HelpdeskTeam = z.infer<typeof HelpdeskTeam>;

export const providerTeamRoutes = (router: PluginRouter) =>
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/provider-teams',
      tags: ['it'],
      summary:
        "The provider teams that work tickets in the firm (an active engagement covering IT, it.helpdesk among the team's grants): a ticket category's default can be one",
      permission: 'it.helpdesk',
      responses: { 200: json(z.object({ items: z.array(HelpdeskTeam) })), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: (await helpdeskTeams(c.var.ctx)).map(({ userIds: _, ...team }) => team) }, 200),
  );
