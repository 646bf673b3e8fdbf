import { badRequest, conflict, fieldError, notFound } from '../http/problem.ts';
import { newId } from '../lib/ids.ts';
import { loadHeader, recordEvent } from './engagements.ts';
import { prm } from './messages.ts';
import type { Op } from './op.ts';

export interface TeamView {
  id: string;
  name: string;
  members: { userId: string; name: string; email: string }[];
  /** Engagements (open ones) this team works in, with the team's grants there. */
  engagements: { id: string; client: { id: string; slug: string; name: string }; grants: string[] }[];
}

/** Every team of the provider with its members and open engagements. */
export async function listTeams(op: Op): Promise<TeamView[]> {
  const { db, tenant } = op;
  const teams = await db
    .selectFrom('core.provider_teams')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('name')
    .execute();
  if (!teams.length) return [];
  const members = await db
    .selectFrom('core.provider_team_members as tm')
    .innerJoin('core.users as u', 'u.id', 'tm.user_id')
    .select(['tm.team_id', 'u.id', 'u.name', 'u.email'])
    .where('tm.tenant_id', '=', tenant.id)
    .orderBy('u.name')
    .execute();
  const work = await db
    .selectFrom('core.engagement_teams as et')
    .innerJoin('core.provider_clients as pc', (j) =>
      j.onRef('pc.tenant_id', '=', 'et.tenant_id').onRef('pc.id', '=', 'et.engagement_id'),
    )
    .innerJoin('core.tenants as c', 'c.id', 'pc.client_tenant_id')
    .select(['et.team_id', 'et.grants', 'pc.id', 'c.id as client_id', 'c.slug', 'c.name'])
    .where('et.tenant_id', '=', tenant.id)
    .where('pc.status', 'in', ['pending', 'active'])
    .orderBy('c.name')
    .execute();
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ userId: m.id, name: m.name, email: m.email })),
    engagements: work
      .filter((w) => w.team_id === t.id)
      .map((w) => ({ id: w.id, client: { id: w.client_id, slug: w.slug, name: w.name }, grants: w.grants })),
  }));
}

async function findTeam(op: Op, id: string) {
  const team = await op.db
    .selectFrom('core.provider_teams')
    .select(['id', 'name'])
    .where('tenant_id', '=', op.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!team) throw notFound(prm.team_not_found);
  return team;
}

async function nameTaken(op: Op, name: string, except?: string) {
  const row = await op.db
    .selectFrom('core.provider_teams')
    .select('id')
    .where('tenant_id', '=', op.tenant.id)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  return !!row && row.id !== except;
}

export async function createTeam(op: Op, name: string) {
  if (await nameTaken(op, name)) throw conflict('team_exists', prm.team_exists);
  const team = { id: newId(), name };
  await op.db
    .insertInto('core.provider_teams')
    .values({ tenant_id: op.tenant.id, ...team, created_at: op.runtime.clock.now() })
    .execute();
  await op.ctx.audit({ action: 'team.created', entityType: 'team', entityId: team.id, after: team });
  return team;
}

export async function renameTeam(op: Op, id: string, name: string) {
  const before = await findTeam(op, id);
  if (await nameTaken(op, name, id)) throw conflict('team_exists', prm.team_exists);
  await op.db
    .updateTable('core.provider_teams')
    .set({ name })
    .where('tenant_id', '=', op.tenant.id)
    .where('id', '=', id)
    .execute();
  await op.ctx.audit({ action: 'team.renamed', entityType: 'team', entityId: id, before, after: { id, name } });
  return { id, name };
}

/** Deletes a team; it leaves every engagement it worked in (both sides see that in the history). */
export async function deleteTeam(op: Op, id: string) {
  const team = await findTeam(op, id);
  const assigned = await op.db
    .selectFrom('core.engagement_teams as et')
    .innerJoin('core.provider_clients as pc', (j) =>
      j.onRef('pc.tenant_id', '=', 'et.tenant_id').onRef('pc.id', '=', 'et.engagement_id'),
    )
    .select(['et.engagement_id', 'et.grants', 'pc.status'])
    .where('et.tenant_id', '=', op.tenant.id)
    .where('et.team_id', '=', id)
    .execute();
  await op.db.deleteFrom('core.provider_teams').where('tenant_id', '=', op.tenant.id).where('id', '=', id).execute();
  for (const a of assigned) {
    if (a.status !== 'pending' && a.status !== 'active') continue;
    const header = await loadHeader(op, a.engagement_id, 'provider');
    await recordEvent(op, header, 'team_removed', { team: { id, name: team.name }, grants: a.grants });
  }
  await op.ctx.audit({ action: 'team.deleted', entityType: 'team', entityId: id, before: team });
}

export async function addTeamMember(op: Op, teamId: string, userId: string) {
  const team = await findTeam(op, teamId);
  const member = await op.db
    .selectFrom('core.memberships')
    .select('id')
    .where('tenant_id', '=', op.tenant.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) {
    throw badRequest('not_a_member', prm.not_a_member, [fieldError('userId', prm.not_a_member_field)]);
  }
  const added = await op.db
    .insertInto('core.provider_team_members')
    .values({
      tenant_id: op.tenant.id,
      id: newId(),
      team_id: teamId,
      user_id: userId,
      created_at: op.runtime.clock.now(),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'team_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (added) {
    await op.ctx.audit({
      action: 'team.member_added',
      entityType: 'team',
      entityId: teamId,
      after: { team: team.name, userId },
    });
  }
}

export async function removeTeamMember(op: Op, teamId: string, userId: string) {
  const team = await findTeam(op, teamId);
  const removed = await op.db
    .deleteFrom('core.provider_team_members')
    .where('tenant_id', '=', op.tenant.id)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!removed) throw notFound(prm.team_member_not_found);
  await op.ctx.audit({
    action: 'team.member_removed',
    entityType: 'team',
    entityId: teamId,
    before: { team: team.name, userId },
  });
}

/**
 * Who works for a client when the proposal names no team: the person proposing, in a team named
 * after the client (found by name or created), so an accepted engagement is usable at once by the
 * provider staff who proposed it. An API token proposing must name a team.
 */
export async function proposerTeam(op: Op, clientName: string): Promise<string> {
  if (!op.actor.userId) {
    throw badRequest('team_required', prm.team_required, [fieldError('teams', prm.team_required)]);
  }
  const name = clientName.slice(0, 80);
  const existing = await op.db
    .selectFrom('core.provider_teams')
    .select('id')
    .where('tenant_id', '=', op.tenant.id)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  const teamId = existing?.id ?? (await createTeam(op, name)).id;
  await addTeamMember(op, teamId, op.actor.userId);
  return teamId;
}
