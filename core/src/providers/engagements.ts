import { sql } from 'kysely';
import type { FieldError } from '../http/problem.ts';
import { badRequest, conflict, fieldError, notFound, Problem } from '../http/problem.ts';
import { cm } from '../i18n/core-messages.ts';
import { isLocale } from '../i18n/locale.ts';
import type { Message } from '../i18n/messages.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import { sendMail } from '../mail/localized.ts';
import { moduleTitles } from '../plugins/titles.ts';
import { createInvitation } from '../tenancy/invitations.ts';
import { tm } from '../tenancy/messages.ts';
import { isKnownGrant, unknownPermissions } from '../tenancy/roles.ts';
import { insertTenant } from '../tenancy/signup.ts';
import { findTenantById } from '../tenancy/tenants.ts';
import { revokeBoundToEngagement } from './bound.ts';
import { enableClientModules } from './client-modules.ts';
import { auditIn, inTenant } from './cross-tenant.ts';
import { intersectGrants, isSubset, reduceGrants, unionGrants } from './grants.ts';
import { prm } from './messages.ts';
import { type Op, requireOwnPeople, requireProvider } from './op.ts';
import { proposerTeam } from './teams.ts';

export type EngagementStatus = 'pending' | 'active' | 'declined' | 'revoked' | 'ended';
export const OPEN_STATUSES: readonly EngagementStatus[] = ['pending', 'active'];
export type Side = 'client' | 'provider';

/** The engagement as the client holds it (authoritative), with both tenants named. */
export interface Header {
  id: string;
  clientId: string;
  providerId: string;
  status: EngagementStatus;
  origin: 'invited' | 'created';
  modules: string[];
  grants: string[];
  proposedModules: string[];
  proposedGrants: string[];
}

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

export interface TeamInEngagement {
  id: string;
  name: string;
  grants: string[];
  people: { userId: string; name: string; email: string }[];
}

export interface EngagementView {
  id: string;
  status: EngagementStatus;
  origin: 'invited' | 'created';
  client: TenantRef;
  provider: TenantRef;
  modules: string[];
  grants: string[];
  proposed: { modules: string[]; grants: string[] };
  teams: TeamInEngagement[];
  createdAt: string;
  respondedAt: string | null;
  endedAt: string | null;
  endedBy: Side | null;
}

export interface HistoryEntry {
  id: string;
  at: string;
  action: string;
  side: Side;
  actor: { userId: string | null; label: string };
  details: unknown;
}

const HEADER_COLUMNS = [
  'id',
  'status',
  'origin',
  'modules',
  'grants',
  'proposed_modules',
  'proposed_grants',
  'created_at',
  'responded_at',
  'ended_at',
  'ended_by',
] as const;

const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Loads an engagement of the acting tenant and locks the client's row (the authoritative copy),
 * so concurrent changes from either side queue up. 404 when the engagement is not this tenant's.
 */
export async function loadHeader(op: Op, id: string, side: Side): Promise<Header> {
  let clientId: string;
  let providerId: string;
  if (side === 'client') {
    const own = await op.db
      .selectFrom('core.engagements')
      .select('provider_tenant_id')
      .where('tenant_id', '=', op.tenant.id)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!own) throw notFound(prm.engagement_not_found);
    clientId = op.tenant.id;
    providerId = own.provider_tenant_id;
  } else {
    const own = await op.db
      .selectFrom('core.provider_clients')
      .select('client_tenant_id')
      .where('tenant_id', '=', op.tenant.id)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!own) throw notFound(prm.engagement_not_found);
    clientId = own.client_tenant_id;
    providerId = op.tenant.id;
  }
  const row = await inTenant(op, clientId, () =>
    op.db
      .selectFrom('core.engagements')
      .select(HEADER_COLUMNS)
      .where('tenant_id', '=', clientId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  );
  if (!row) throw notFound(prm.engagement_not_found);
  return {
    id,
    clientId,
    providerId,
    status: row.status,
    origin: row.origin,
    modules: row.modules,
    grants: row.grants,
    proposedModules: row.proposed_modules,
    proposedGrants: row.proposed_grants,
  };
}

function requireOpen(h: Header) {
  if (!OPEN_STATUSES.includes(h.status)) {
    throw conflict('engagement_closed', prm.engagement_closed, { status: h.status });
  }
}

/** Updates the header on both sides (the client's row and the provider's mirror) in this transaction. */
async function updateHeader(
  op: Op,
  h: Header,
  patch: Partial<{
    status: EngagementStatus;
    modules: string[];
    grants: string[];
    responded_at: Date;
    ended_at: Date;
    ended_by: Side;
  }>,
) {
  const values = { ...patch, updated_at: op.runtime.clock.now() };
  await inTenant(op, h.clientId, () =>
    op.db
      .updateTable('core.engagements')
      .set(values)
      .where('tenant_id', '=', h.clientId)
      .where('id', '=', h.id)
      .execute(),
  );
  await inTenant(op, h.providerId, () =>
    op.db
      .updateTable('core.provider_clients')
      .set(values)
      .where('tenant_id', '=', h.providerId)
      .where('id', '=', h.id)
      .execute(),
  );
  Object.assign(h, {
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.modules ? { modules: patch.modules } : {}),
    ...(patch.grants ? { grants: patch.grants } : {}),
  });
}

/** Appends an event to the engagement's history on both sides and an audit row in both tenants. */
export async function recordEvent(op: Op, h: Header, action: string, details: Record<string, unknown>) {
  const side: Side = op.tenant.id === h.clientId ? 'client' : 'provider';
  const at = op.runtime.clock.now();
  for (const tenantId of [h.clientId, h.providerId]) {
    await inTenant(op, tenantId, () =>
      op.db
        .insertInto('core.engagement_events')
        .values({
          tenant_id: tenantId,
          id: newId(),
          engagement_id: h.id,
          at,
          action,
          side,
          actor_user_id: op.actor.userId,
          actor_label: op.actor.label,
          details: JSON.stringify(details),
        })
        .execute(),
    );
  }
  const entry = { action: `engagement.${action}`, entityType: 'engagement', entityId: h.id, after: details };
  await op.ctx.audit(entry);
  await auditIn(op, side === 'client' ? h.providerId : h.clientId, entry);
}

/** Narrows every team's grants in the engagement to the client's grants; returns what changed. */
async function capTeams(op: Op, h: Header, ceiling: string[]) {
  return inTenant(op, h.providerId, async () => {
    const rows = await op.db
      .selectFrom('core.engagement_teams as et')
      .innerJoin('core.provider_teams as t', (j) =>
        j.onRef('t.tenant_id', '=', 'et.tenant_id').onRef('t.id', '=', 'et.team_id'),
      )
      .select(['et.id', 'et.team_id', 't.name', 'et.grants'])
      .where('et.tenant_id', '=', h.providerId)
      .where('et.engagement_id', '=', h.id)
      .execute();
    const changed: { team: { id: string; name: string }; before: string[]; after: string[] }[] = [];
    for (const r of rows) {
      const next = intersectGrants(r.grants, ceiling);
      if (sameList(next, r.grants)) continue;
      await op.db
        .updateTable('core.engagement_teams')
        .set({ grants: next })
        .where('tenant_id', '=', h.providerId)
        .where('id', '=', r.id)
        .execute();
      changed.push({ team: { id: r.team_id, name: r.name }, before: r.grants, after: next });
    }
    return changed;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Teams (with people) working in the given engagements of one provider; runs under that provider. */
async function teamsFor(op: Op, providerId: string, engagementIds: string[]) {
  const out = new Map<string, TeamInEngagement[]>();
  if (!engagementIds.length) return out;
  const rows = await inTenant(op, providerId, () =>
    op.db
      .selectFrom('core.engagement_teams as et')
      .innerJoin('core.provider_teams as t', (j) =>
        j.onRef('t.tenant_id', '=', 'et.tenant_id').onRef('t.id', '=', 'et.team_id'),
      )
      .leftJoin('core.provider_team_members as tm', (j) =>
        j.onRef('tm.tenant_id', '=', 't.tenant_id').onRef('tm.team_id', '=', 't.id'),
      )
      .leftJoin('core.users as u', 'u.id', 'tm.user_id')
      .select(['et.engagement_id', 't.id', 't.name', 'et.grants', 'u.id as user_id', 'u.name as user_name', 'u.email'])
      .where('et.tenant_id', '=', providerId)
      .where('et.engagement_id', 'in', engagementIds)
      .orderBy('t.name')
      .orderBy('u.name')
      .execute(),
  );
  for (const r of rows) {
    const list = out.get(r.engagement_id) ?? [];
    let team = list.find((t) => t.id === r.id);
    if (!team) {
      team = { id: r.id, name: r.name, grants: r.grants, people: [] };
      list.push(team);
    }
    if (r.user_id) team.people.push({ userId: r.user_id, name: r.user_name, email: r.email });
    out.set(r.engagement_id, list);
  }
  return out;
}

const STATUS_FILTERS = {
  open: OPEN_STATUSES,
  all: ['pending', 'active', 'declined', 'revoked', 'ended'],
  pending: ['pending'],
  active: ['active'],
  declined: ['declined'],
  revoked: ['revoked'],
  ended: ['ended'],
} as const satisfies Record<string, readonly EngagementStatus[]>;
export type StatusFilter = keyof typeof STATUS_FILTERS;
export const STATUS_FILTER_KEYS = Object.keys(STATUS_FILTERS) as [StatusFilter, ...StatusFilter[]];

function toView(r: any, client: TenantRef, provider: TenantRef, teams: TeamInEngagement[]): EngagementView {
  return {
    id: r.id,
    status: r.status,
    origin: r.origin,
    client,
    provider,
    modules: r.modules,
    grants: r.grants,
    proposed: { modules: r.proposed_modules, grants: r.proposed_grants },
    teams,
    createdAt: isoOrNull(r.created_at) as string,
    respondedAt: isoOrNull(r.responded_at),
    endedAt: isoOrNull(r.ended_at),
    endedBy: r.ended_by ?? null,
  };
}

const ref = (t: { id: string; slug: string; name: string }): TenantRef => ({ id: t.id, slug: t.slug, name: t.name });

/** The engagements of the acting tenant on one side: its providers (client side) or its clients. */
export async function listEngagements(
  op: Op,
  side: Side,
  status: StatusFilter,
  id?: string,
): Promise<EngagementView[]> {
  const statuses = [...STATUS_FILTERS[status]];
  if (side === 'client') {
    let q = op.db
      .selectFrom('core.engagements as e')
      .innerJoin('core.tenants as p', 'p.id', 'e.provider_tenant_id')
      .select(HEADER_COLUMNS.map((c) => `e.${c}` as const))
      .select(['p.id as other_id', 'p.slug as other_slug', 'p.name as other_name'])
      .where('e.tenant_id', '=', op.tenant.id);
    q = id ? q.where('e.id', '=', id) : q.where('e.status', 'in', statuses);
    const rows = await q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(500).execute();
    const byProvider = new Map<string, string[]>();
    for (const r of rows) byProvider.set(r.other_id, [...(byProvider.get(r.other_id) ?? []), r.id]);
    const teams = new Map<string, TeamInEngagement[]>();
    for (const [providerId, ids] of byProvider) {
      for (const [k, v] of await teamsFor(op, providerId, ids)) teams.set(k, v);
    }
    return rows.map((r) =>
      toView(r, ref(op.tenant), { id: r.other_id, slug: r.other_slug, name: r.other_name }, teams.get(r.id) ?? []),
    );
  }
  let q = op.db
    .selectFrom('core.provider_clients as e')
    .innerJoin('core.tenants as c', 'c.id', 'e.client_tenant_id')
    .select(HEADER_COLUMNS.map((c) => `e.${c}` as const))
    .select(['c.id as other_id', 'c.slug as other_slug', 'c.name as other_name'])
    .where('e.tenant_id', '=', op.tenant.id);
  q = id ? q.where('e.id', '=', id) : q.where('e.status', 'in', statuses);
  const rows = await q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(500).execute();
  const teams = await teamsFor(
    op,
    op.tenant.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toView(r, { id: r.other_id, slug: r.other_slug, name: r.other_name }, ref(op.tenant), teams.get(r.id) ?? []),
  );
}

/** One engagement of the acting tenant with its history (this side's copy). */
export async function getEngagement(op: Op, side: Side, id: string) {
  const [view] = await listEngagements(op, side, 'all', id);
  if (!view) throw notFound(prm.engagement_not_found);
  const events = await op.db
    .selectFrom('core.engagement_events')
    .select(['id', 'at', 'action', 'side', 'actor_user_id', 'actor_label', 'details'])
    .where('tenant_id', '=', op.tenant.id)
    .where('engagement_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .limit(1000)
    .execute();
  const history: HistoryEntry[] = events.map((e) => ({
    id: e.id,
    at: isoOrNull(e.at) as string,
    action: e.action,
    side: e.side,
    actor: { userId: e.actor_user_id, label: e.actor_label },
    details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details,
  }));
  return { ...view, history };
}

async function viewOf(op: Op, side: Side, id: string): Promise<EngagementView> {
  const [view] = await listEngagements(op, side, 'all', id);
  if (!view) throw notFound(prm.engagement_not_found);
  return view;
}

// ---------------------------------------------------------------------------------------------
// Validation

function invalid(errors: FieldError[]): never {
  throw new Problem(400, 'invalid_input', cm.invalid_input, { errors });
}

function checkModules(op: Op, modules: string[], path: string): string[] {
  const installed = new Set(op.runtime.plugins.map((p) => p.id));
  const unknown = modules.filter((m) => !installed.has(m));
  if (unknown.length) invalid([fieldError(path, prm.unknown_modules, { modules: unknown, count: unknown.length })]);
  return [...new Set(modules)].sort();
}

function checkGrants(op: Op, grants: string[], path: string): string[] {
  const unknown = grants.filter((g) => !isKnownGrant(op.runtime, g));
  if (unknown.length) throw unknownPermissions(unknown, path);
  return reduceGrants(grants);
}

export interface ScopeInput {
  modules: string[];
  /** What the client is asked to allow; defaults to the union of the teams' grants. */
  grants?: string[] | undefined;
  teams: { teamId: string; grants: string[] }[];
}

/** Validates what a provider asks for: installed modules, known grants, its own teams, teams within the grants. */
async function checkProposal(op: Op, input: ScopeInput) {
  const modules = checkModules(op, input.modules, 'modules');
  const teams = input.teams.map((t, i) => ({
    teamId: t.teamId,
    grants: checkGrants(op, t.grants, `teams.${i}.grants`),
  }));
  const ids = teams.map((t) => t.teamId);
  if (new Set(ids).size !== ids.length) invalid([fieldError('teams', prm.team_twice)]);
  if (ids.length) {
    const found = await op.db
      .selectFrom('core.provider_teams')
      .select('id')
      .where('tenant_id', '=', op.tenant.id)
      .where('id', 'in', ids)
      .execute();
    const known = new Set(found.map((f) => f.id));
    const missing = ids.map((id, i) => ({ id, i })).filter((x) => !known.has(x.id));
    if (missing.length) invalid(missing.map((m) => fieldError(`teams.${m.i}.teamId`, prm.team_not_found)));
  }
  // Asked for: as given; else what the teams will hold; else everything in each module chosen.
  const grants = input.grants
    ? checkGrants(op, input.grants, 'grants')
    : teams.length
      ? unionGrants(...teams.map((t) => t.grants))
      : modules.map((m) => `${m}.*`);
  const beyond = teams.map((t, i) => ({ t, i })).filter(({ t }) => !isSubset(t.grants, grants));
  if (beyond.length) {
    invalid(beyond.map(({ i }) => fieldError(`teams.${i}.grants`, prm.team_beyond_engagement)));
  }
  return { modules, grants, teams };
}

// ---------------------------------------------------------------------------------------------
// Provider side

/** The proposer's own team when the proposal names none (see proposerTeam). */
async function proposerIfNoTeam(op: Op, input: ScopeInput, clientName: string): Promise<string | null> {
  return input.teams.length ? null : proposerTeam(op, clientName);
}

function withProposer(scope: Awaited<ReturnType<typeof checkProposal>>, teamId: string | null) {
  return teamId ? { ...scope, teams: [{ teamId, grants: scope.grants }] } : scope;
}

async function insertEngagement(
  op: Op,
  clientId: string,
  scope: Awaited<ReturnType<typeof checkProposal>>,
  origin: 'invited' | 'created',
): Promise<Header> {
  const open = await op.db
    .selectFrom('core.provider_clients')
    .select('id')
    .where('tenant_id', '=', op.tenant.id)
    .where('client_tenant_id', '=', clientId)
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirst();
  if (open) throw conflict('engagement_exists', prm.engagement_exists, { id: open.id });
  const now = op.runtime.clock.now();
  const id = newId();
  const status: EngagementStatus = origin === 'created' ? 'active' : 'pending';
  const header = {
    id,
    status,
    origin,
    modules: scope.modules,
    grants: scope.grants,
    proposed_modules: scope.modules,
    proposed_grants: scope.grants,
    invited_by: op.actor.userId,
    created_at: now,
    responded_at: origin === 'created' ? now : null,
    updated_at: now,
  };
  await inTenant(op, clientId, () =>
    op.db
      .insertInto('core.engagements')
      .values({ tenant_id: clientId, provider_tenant_id: op.tenant.id, ...header })
      .execute(),
  );
  await op.db
    .insertInto('core.provider_clients')
    .values({ tenant_id: op.tenant.id, client_tenant_id: clientId, ...header })
    .execute();
  for (const t of scope.teams) {
    await op.db
      .insertInto('core.engagement_teams')
      .values({
        tenant_id: op.tenant.id,
        id: newId(),
        engagement_id: id,
        team_id: t.teamId,
        grants: t.grants,
        created_at: now,
      })
      .execute();
  }
  return {
    id,
    clientId,
    providerId: op.tenant.id,
    status,
    origin,
    modules: scope.modules,
    grants: scope.grants,
    proposedModules: scope.modules,
    proposedGrants: scope.grants,
  };
}

/** How a provider names an existing client: its address, an owner's or admin's e-mail, or its IČO. */
export type ClientRef = { slug?: string | undefined; email?: string | undefined; ico?: string | undefined };

/** The client a provider names, or a plain 404 on the field that named it. */
async function findClient(op: Op, ref: ClientRef) {
  const tenants = op.db.selectFrom('core.tenants').select(['id', 'slug', 'name', 'locale']);
  if (ref.slug !== undefined) {
    const client = await tenants.where('slug', '=', ref.slug.trim().toLowerCase()).executeTakeFirst();
    if (!client) throw clientNotFound('client.slug', prm.no_client_slug, { slug: ref.slug });
    return client;
  }
  const [by, value] = ref.email !== undefined ? ['email', ref.email] : ['ico', (ref.ico ?? '').padStart(8, '0')];
  const found = await sql<{ tenant_id: string }>`select tenant_id from core.directory_lookup(${by}, ${value})`.execute(
    op.db,
  );
  const ids = [...new Set(found.rows.map((r) => r.tenant_id))].filter((id) => id !== op.tenant.id);
  if (!ids.length) {
    throw by === 'email'
      ? clientNotFound('client.email', prm.no_client_email, { email: value })
      : clientNotFound('client.ico', prm.no_client_ico, { ico: value });
  }
  if (ids.length > 1) {
    throw new Problem(409, 'client_ambiguous', prm.client_ambiguous, {
      errors: [fieldError(`client.${by}`, prm.client_ambiguous)],
    });
  }
  return tenants.where('id', '=', ids[0] as string).executeTakeFirstOrThrow();
}

const clientNotFound = (path: string, message: Message, params: Record<string, string>) =>
  new Problem(404, 'client_not_found', message, { params, errors: [fieldError(path, message, params)] });

/** A provider invites an existing tenant; its owners and admins accept or decline. */
export async function inviteClient(op: Op, input: ScopeInput & { client: ClientRef }) {
  requireProvider(op);
  requireOwnPeople(op);
  const client = await findClient(op, input.client);
  if (client.id === op.tenant.id)
    throw badRequest('invalid_input', prm.own_firm, [fieldError('client.slug', prm.own_firm_field)]);
  const scope = withProposer(await checkProposal(op, input), await proposerIfNoTeam(op, input, client.name));
  const h = await insertEngagement(op, client.id, scope, 'invited');
  await recordEvent(op, h, 'invited', { modules: scope.modules, grants: scope.grants, teams: scope.teams });
  // Tell the client's owners and admins (read under the client, as they are the client's members).
  const admins = await inTenant(op, client.id, () =>
    op.db
      .selectFrom('core.memberships as m')
      .innerJoin('core.users as u', 'u.id', 'm.user_id')
      .select(['u.email', 'u.locale'])
      .where('m.tenant_id', '=', client.id)
      .where('m.role', 'in', ['owner', 'admin'])
      .execute(),
  );
  const link = `${op.runtime.config.publicUrl}/t/${client.slug}/settings/providers`;
  for (const a of admins) {
    await sendMail(op.runtime, {
      to: a.email,
      locale: isLocale(a.locale) ? a.locale : isLocale(client.locale) ? client.locale : 'en',
      subject: prm.invite_mail_subject,
      text: prm.invite_mail_text,
      params: {
        provider: op.tenant.name,
        client: client.name,
        modules: moduleTitles(op.runtime, scope.modules),
        count: scope.modules.length,
        link,
      },
    });
  }
  return viewOf(op, 'provider', h.id);
}

export interface NewClientInput extends ScopeInput {
  tenant: { name: string; slug: string; country: string; currency: string; locale: 'en' | 'cs' };
  ownerEmail: string;
}

/**
 * A provider creates a client tenant on the client's behalf: the engagement is active at once and
 * the client's owner is invited by e-mail; on accepting they own the tenant and control the engagement.
 */
export async function createClient(op: Op, input: NewClientInput) {
  requireProvider(op);
  requireOwnPeople(op);
  const scope = withProposer(await checkProposal(op, input), await proposerIfNoTeam(op, input, input.tenant.name));
  const clientId = await insertTenant(op.db, { ...input.tenant, kind: 'company' });
  const h = await insertEngagement(op, clientId, scope, 'created');
  const client = await findTenantById(op.db, clientId);
  if (!client) throw notFound(tm.tenant_not_found);
  // The invitation machinery of core, run under the new tenant inside this transaction.
  const invitation = await inTenant(op, clientId, () =>
    createInvitation(op.runtime, op.db, client, {
      email: input.ownerEmail,
      role: 'owner',
      invitedBy: op.actor.userId,
      recordInviter: false,
    }),
  );
  const modules = await enableClientModules(op, client, scope.modules);
  await recordEvent(op, h, 'created', {
    modules: scope.modules,
    grants: scope.grants,
    teams: scope.teams,
    owner: input.ownerEmail,
    enabled: modules.enabled,
    leftForOwner: modules.leftForOwner,
  });
  return { engagement: await viewOf(op, 'provider', h.id), invitation, modules };
}

/** Gives a provider team a role (grants) inside the client, never beyond what the client allowed. */
export async function assignTeam(op: Op, id: string, teamId: string, grantsIn: string[]) {
  requireProvider(op);
  requireOwnPeople(op);
  const h = await loadHeader(op, id, 'provider');
  requireOpen(h);
  const grants = checkGrants(op, grantsIn, 'grants');
  const team = await op.db
    .selectFrom('core.provider_teams')
    .select(['id', 'name'])
    .where('tenant_id', '=', op.tenant.id)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) throw notFound(prm.team_not_found);
  if (!isSubset(grants, h.grants)) {
    throw new Problem(403, 'exceeds_client_approval', prm.exceeds_client_approval, {
      extra: { allowed: h.grants, requested: grants },
    });
  }
  const before = await op.db
    .selectFrom('core.engagement_teams')
    .select(['id', 'grants'])
    .where('tenant_id', '=', op.tenant.id)
    .where('engagement_id', '=', id)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  if (before) {
    if (sameList(before.grants, grants)) return viewOf(op, 'provider', id);
    await op.db
      .updateTable('core.engagement_teams')
      .set({ grants })
      .where('tenant_id', '=', op.tenant.id)
      .where('id', '=', before.id)
      .execute();
  } else {
    await op.db
      .insertInto('core.engagement_teams')
      .values({
        tenant_id: op.tenant.id,
        id: newId(),
        engagement_id: id,
        team_id: teamId,
        grants,
        created_at: op.runtime.clock.now(),
      })
      .execute();
  }
  await recordEvent(op, h, before ? 'team_changed' : 'team_assigned', {
    team: { id: team.id, name: team.name },
    ...(before ? { before: before.grants } : {}),
    grants,
  });
  return viewOf(op, 'provider', id);
}

/** Takes a team out of an engagement; either side may do it. */
export async function removeTeam(op: Op, side: Side, id: string, teamId: string) {
  requireOwnPeople(op);
  const h = await loadHeader(op, id, side);
  requireOpen(h);
  const removed = await inTenant(op, h.providerId, () =>
    op.db
      .deleteFrom('core.engagement_teams as et')
      .where('et.tenant_id', '=', h.providerId)
      .where('et.engagement_id', '=', id)
      .where('et.team_id', '=', teamId)
      .returning(['et.grants'])
      .executeTakeFirst(),
  );
  if (!removed) throw notFound(prm.team_not_found);
  const team = await inTenant(op, h.providerId, () =>
    op.db
      .selectFrom('core.provider_teams')
      .select(['id', 'name'])
      .where('tenant_id', '=', h.providerId)
      .where('id', '=', teamId)
      .executeTakeFirst(),
  );
  await recordEvent(op, h, 'team_removed', { team: { id: teamId, name: team?.name ?? null }, grants: removed.grants });
  return viewOf(op, side, id);
}

/** The provider ends an engagement (or withdraws a pending invitation). */
export async function endEngagement(op: Op, id: string) {
  requireOwnPeople(op);
  const h = await loadHeader(op, id, 'provider');
  requireOpen(h);
  const wasPending = h.status === 'pending';
  const now = op.runtime.clock.now();
  await updateHeader(op, h, { status: 'ended', ended_at: now, ended_by: 'provider' });
  await revokeBoundToEngagement(op, h.clientId, h.id);
  await recordEvent(op, h, wasPending ? 'withdrawn' : 'ended', {});
  return viewOf(op, 'provider', id);
}

// ---------------------------------------------------------------------------------------------
// Client side

/**
 * What the client allows: any installed modules and known grants, narrower or wider than the
 * proposal (the client decides). A module added without naming grants brings everything in it.
 */
function checkScope(op: Op, h: Header, input: { modules?: string[] | undefined; grants?: string[] | undefined }) {
  const modules = input.modules ? checkModules(op, input.modules, 'modules') : h.modules;
  const added = modules.filter((m) => !h.modules.includes(m));
  const grants = input.grants
    ? checkGrants(op, input.grants, 'grants')
    : reduceGrants([...h.grants, ...added.map((m) => `${m}.*`)]);
  return { modules, grants };
}

/**
 * Teams that held everything the client allowed before keep holding everything when the client
 * widens, so a wider grant is usable at once; other teams keep what the provider gave them.
 */
async function widenTeams(op: Op, h: Header, before: string[], after: string[]) {
  if (isSubset(after, before)) return [];
  return inTenant(op, h.providerId, async () => {
    const rows = await op.db
      .selectFrom('core.engagement_teams as et')
      .innerJoin('core.provider_teams as t', (j) =>
        j.onRef('t.tenant_id', '=', 'et.tenant_id').onRef('t.id', '=', 'et.team_id'),
      )
      .select(['et.id', 'et.team_id', 't.name', 'et.grants'])
      .where('et.tenant_id', '=', h.providerId)
      .where('et.engagement_id', '=', h.id)
      .execute();
    const changed: { team: { id: string; name: string }; before: string[]; after: string[] }[] = [];
    for (const r of rows) {
      if (!isSubset(before, r.grants) || sameList(r.grants, after)) continue;
      await op.db
        .updateTable('core.engagement_teams')
        .set({ grants: after })
        .where('tenant_id', '=', h.providerId)
        .where('id', '=', r.id)
        .execute();
      changed.push({ team: { id: r.team_id, name: r.name }, before: r.grants, after });
    }
    return changed;
  });
}

/** The client's admins accept a pending engagement, as proposed or with a scope of their own. */
export async function acceptEngagement(op: Op, id: string, input: { modules?: string[]; grants?: string[] }) {
  requireOwnPeople(op);
  const h = await loadHeader(op, id, 'client');
  if (h.status !== 'pending') throw conflict('not_pending', prm.not_pending, { status: h.status });
  const before = h.grants;
  const scope = checkScope(op, h, input);
  await updateHeader(op, h, { status: 'active', ...scope, responded_at: op.runtime.clock.now() });
  const capped = await capTeams(op, h, scope.grants);
  const widened = await widenTeams(op, h, before, scope.grants);
  await recordEvent(op, h, 'accepted', {
    ...scope,
    ...(capped.length ? { teamsNarrowed: capped } : {}),
    ...(widened.length ? { teamsWidened: widened } : {}),
  });
  return viewOf(op, 'client', id);
}

export async function declineEngagement(op: Op, id: string) {
  requireOwnPeople(op);
  const h = await loadHeader(op, id, 'client');
  if (h.status !== 'pending') throw conflict('not_pending', prm.not_pending, { status: h.status });
  await updateHeader(op, h, { status: 'declined', responded_at: op.runtime.clock.now() });
  await recordEvent(op, h, 'declined', {});
  return viewOf(op, 'client', id);
}

/**
 * The client changes what an engagement covers (modules, grants), narrower or wider. Teams holding
 * more than the new grants are narrowed at once, teams that held everything are widened with it;
 * effective on the next request.
 */
export async function changeScope(op: Op, id: string, input: { modules?: string[]; grants?: string[] }) {
  requireOwnPeople(op);
  const h = await loadHeader(op, id, 'client');
  requireOpen(h);
  const before = { modules: h.modules, grants: h.grants };
  const scope = checkScope(op, h, input);
  await updateHeader(op, h, scope);
  const capped = await capTeams(op, h, scope.grants);
  const widened = await widenTeams(op, h, before.grants, scope.grants);
  await recordEvent(op, h, 'scope_changed', {
    before,
    after: scope,
    ...(capped.length ? { teamsNarrowed: capped } : {}),
    ...(widened.length ? { teamsWidened: widened } : {}),
  });
  return viewOf(op, 'client', id);
}

/** The client revokes an engagement: the provider's staff lose access on their next request. */
export async function revokeEngagement(op: Op, id: string) {
  requireOwnPeople(op);
  const h = await loadHeader(op, id, 'client');
  requireOpen(h);
  await updateHeader(op, h, { status: 'revoked', ended_at: op.runtime.clock.now(), ended_by: 'client' });
  await revokeBoundToEngagement(op, h.clientId, h.id);
  await recordEvent(op, h, 'revoked', {});
  return viewOf(op, 'client', id);
}
