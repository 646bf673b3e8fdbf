import { grants, type PluginContext } from '@bureau/core';

/** A provider team as the helpdesk offers it: a team of a provider engaged for `it` that works tickets here. */
export interface HelpdeskTeam {
  id: string;
  name: string;
  provider: string;
  /** `Team (Provider)`, kept on categories and tickets. */
  label: string;
  userIds: string[];
}

/** The provider teams working in this firm through an engagement covering IT whose grants include `it.helpdesk`. */
export async function helpdeskTeams(ctx: PluginContext): Promise<HelpdeskTeam[]> {
  return (await ctx.providerTeams('it'))
    .filter((t) => grants(t.grants, 'it.helpdesk'))
    .map((t) => ({
      id: t.id,
      name: t.name,
      provider: t.provider.name,
      label: `${t.name} (${t.provider.name})`,
      userIds: t.userIds,
    }));
}
