import { type Kysely, sql } from 'kysely';
import { withTenant } from '../db/with-tenant.ts';
import type { Actor, SessionUser, TenantInfo } from '../http/env.ts';
import { badRequest, fieldError, notFound } from '../http/problem.ts';
import { pluginContext } from '../plugins/context.ts';
import type { PluginContext } from '../plugins/define-plugin.ts';
import { enabledModulesOf } from '../plugins/enabled-modules.ts';
import { recordsConsoleSummary } from '../records/console-summary.ts';
import { callerScope } from '../records/scope.ts';
import type { Runtime } from '../runtime.ts';
import { roleGrants } from '../tenancy/access.ts';
import { grants } from '../tenancy/permissions.ts';
import { reachableClients } from './access.ts';
import { touchesModule } from './grants.ts';
import { prm } from './messages.ts';

export const CONSOLE_SORTS = ['name', '-name', 'slug', '-slug', 'created', '-created'] as const;
export type ConsoleSort = (typeof CONSOLE_SORTS)[number];

export interface ConsoleQuery {
  sort: ConsoleSort;
  q?: string | undefined;
  module?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface ConsoleClient {
  tenant: { id: string; slug: string; name: string };
  engagement: { id: string; since: string };
  modules: string[];
  summary: Record<string, Record<string, unknown>>;
}

const TENANT_COLUMNS = [
  't.id',
  't.slug',
  't.name',
  't.kind',
  't.status',
  't.country',
  't.locale',
  't.currency',
] as const;

const SORT_COLUMN = { name: 't.name', slug: 't.slug', created: 'pc.created_at' } as const;

function encodeCursor(sort: ConsoleSort, key: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

function decodeCursor(sort: ConsoleSort, cursor: string): { key: string; id: string } {
  const bad = () => badRequest('invalid_cursor', prm.bad_cursor, [fieldError('cursor', prm.bad_cursor_field)]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== sort ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string' ||
    parsed[1].length > 200 ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(parsed[2]) ||
    (sort.endsWith('created') && Number.isNaN(Date.parse(parsed[1])))
  ) {
    throw bad();
  }
  return { key: parsed[1], id: parsed[2] };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Client transactions in flight at once: embedded PGlite has one connection; a server pool has more. */
function summaryConcurrency(runtime: Runtime): number {
  if (runtime.database.kind !== 'postgres') return 1;
  const max = (runtime.database.pool as { options?: { max?: number } } | undefined)?.options?.max ?? 10;
  return Math.max(1, Math.min(8, max - 2));
}

/** The caller's reach in a client for core's records summary: their grants there and the engagement's modules. */
interface RecordsReach {
  grants: readonly string[];
  modules: readonly string[];
}

/**
 * Each module's `summary` for one client, in that client's tenant transaction, and core's records
 * summary (`records`) when the caller may read the client's records. A failing summary is reported
 * as unavailable and rolled back to a savepoint; the others still answer.
 */
async function summariesOf(
  runtime: Runtime,
  tenant: TenantInfo,
  modules: string[],
  records: RecordsReach | null,
  actor: Actor,
  requestId: string | null,
  ip: string | null,
): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  const hooks: { m: string; summary: (ctx: PluginContext) => Promise<Record<string, unknown>> }[] = modules.flatMap(
    (m) => {
      const summary = runtime.plugins.find((p) => p.id === m)?.summary;
      return summary ? [{ m, summary }] : [];
    },
  );
  if (!hooks.length && !records) return out;
  await withTenant(runtime.db, tenant.id, async (trx) => {
    const ctx = pluginContext({ runtime, tenant, db: trx, actor, requestId, ip });
    if (records) {
      hooks.push({
        m: 'records',
        summary: async () => ({
          ...(await recordsConsoleSummary(
            await callerScope({
              runtime,
              tenant,
              db: trx,
              ctx,
              actor,
              grants: records.grants,
              moduleScope: records.modules,
            }),
          )),
        }),
      });
    }
    for (const { m, summary } of hooks) {
      await sql`savepoint console_summary`.execute(trx);
      try {
        out[m] = await summary(ctx);
        await sql`release savepoint console_summary`.execute(trx);
      } catch (err) {
        await sql`rollback to savepoint console_summary`.execute(trx);
        runtime.log('error', 'summary failed', {
          module: m,
          tenant: tenant.id,
          error: err instanceof Error ? err.message : String(err),
        });
        out[m] = { error: 'unavailable' };
      }
    }
  });
  return out;
}

/**
 * The provider console: the provider's active clients, one page, each with its covered and enabled
 * modules and their summaries. Members holding `tenant.clients.manage` see every client; other
 * members see the clients their teams work for, with summaries of the modules their grants touch.
 * Queries are batched per page (page, client rows, team reach, enabled modules); then one
 * transaction per client for the summaries, a few at a time on a server.
 */
export async function providerConsole(
  runtime: Runtime,
  args: { providerSlug: string; user: SessionUser; query: ConsoleQuery; requestId: string | null; ip: string | null },
): Promise<{ clients: ConsoleClient[]; next: string | null }> {
  const db: Kysely<any> = runtime.db;
  const { user, query } = args;
  const provider = await db
    .selectFrom('core.tenants as t')
    .innerJoin('core.memberships as m', (j) => j.onRef('m.tenant_id', '=', 't.id').on('m.user_id', '=', user.id))
    .select([...TENANT_COLUMNS, 'm.role'])
    .where('t.slug', '=', args.providerSlug)
    .where('t.kind', '=', 'provider')
    .executeTakeFirst();
  if (!provider) throw notFound(prm.provider_not_found);
  const providerInfo = provider as unknown as TenantInfo;
  const isManager = grants(await roleGrants(runtime, db, provider.id, provider.role), 'tenant.clients.manage');

  const sortKey = query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMN;
  const dir = query.sort.startsWith('-') ? 'desc' : 'asc';
  const column = SORT_COLUMN[sortKey];
  let q = db
    .selectFrom('core.provider_clients as pc')
    .innerJoin('core.tenants as t', 't.id', 'pc.client_tenant_id')
    .select([...TENANT_COLUMNS, 'pc.id as engagement_id', 'pc.created_at'])
    .where('pc.tenant_id', '=', provider.id)
    .where('pc.status', '=', 'active');
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('t.name', 'ilike', pattern), eb('t.slug', 'ilike', pattern)]));
  }
  if (query.module) q = q.where(sql<boolean>`${query.module} = any(pc.modules)`);
  if (!isManager) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('core.engagement_teams as et')
          .innerJoin('core.provider_team_members as tm', (j) =>
            j.onRef('tm.tenant_id', '=', 'et.tenant_id').onRef('tm.team_id', '=', 'et.team_id'),
          )
          .select(sql`1`.as('one'))
          .whereRef('et.tenant_id', '=', 'pc.tenant_id')
          .whereRef('et.engagement_id', '=', 'pc.id')
          .where('tm.user_id', '=', user.id),
      ),
    );
  }
  if (query.cursor) {
    const c = decodeCursor(query.sort, query.cursor);
    const key = sortKey === 'created' ? sql`cast(${c.key} as timestamptz)` : sql`${c.key}`;
    q = q.where(
      sql<boolean>`(${sql.ref(column)}, pc.id) ${sql.raw(dir === 'asc' ? '>' : '<')} (${key}, cast(${c.id} as uuid))`,
    );
  }
  const rows = await q
    .orderBy(column, dir)
    .orderBy('pc.id', dir)
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > query.limit && last
      ? encodeCursor(
          query.sort,
          sortKey === 'created' ? new Date(last.created_at).toISOString() : String(last[sortKey]),
          last.engagement_id,
        )
      : null;
  if (!page.length) return { clients: [], next: null };

  // The client's copy is authoritative for what the engagement covers.
  const clientIds = page.map((r) => r.id);
  const covered = await db
    .selectFrom('core.engagements')
    .select(['tenant_id', 'modules', 'grants'])
    .where('tenant_id', 'in', clientIds)
    .where(
      'id',
      'in',
      page.map((r) => r.engagement_id),
    )
    .where('provider_tenant_id', '=', provider.id)
    .where('status', '=', 'active')
    .execute();
  const coveredBy = new Map(covered.map((r) => [r.tenant_id, r.modules as string[]]));
  const engagementGrants = new Map(covered.map((r) => [r.tenant_id, r.grants as string[]]));
  const enabled = await enabledModulesOf(db, clientIds);
  const staffGrants = isManager
    ? null
    : new Map((await reachableClients(db, user.id, provider.id)).map((r) => [r.clientId, r.grants]));

  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    tokenId: null,
    providerTenantId: provider.id,
    label: `${user.email} via ${provider.slug}`,
  };
  const visible = page.filter((r) => coveredBy.has(r.id));
  const clients = await mapLimit(visible, summaryConcurrency(runtime), async (r) => {
    const cover = coveredBy.get(r.id) ?? [];
    const modules = (enabled.get(r.id) ?? []).filter((m) => cover.includes(m));
    const mine = staffGrants?.get(r.id);
    const summarised = staffGrants ? modules.filter((m) => mine && touchesModule(mine, m)) : modules;
    const reachGrants = staffGrants ? (mine ?? []) : (engagementGrants.get(r.id) ?? []);
    const records = grants(reachGrants, 'tenant.records.read') ? { grants: reachGrants, modules: cover } : null;
    const tenant = {
      id: r.id,
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      status: r.status,
      country: r.country,
      locale: r.locale,
      currency: r.currency,
    } as TenantInfo;
    return {
      tenant: { id: r.id, slug: r.slug, name: r.name },
      engagement: { id: r.engagement_id, since: new Date(r.created_at).toISOString() },
      modules,
      summary: await summariesOf(runtime, tenant, summarised, records, actor, args.requestId, args.ip),
    };
  });

  // Reading across client tenants is audited in the provider's log.
  await withTenant(db, provider.id, (trx) =>
    pluginContext({
      runtime,
      tenant: providerInfo,
      db: trx,
      actor: { ...actor, providerTenantId: null, label: user.email },
      requestId: args.requestId,
      ip: args.ip,
    }).audit({
      action: 'provider.console_read',
      entityType: 'provider_console',
      entityId: null,
      after: {
        clients: clients.map((c) => c.tenant.id),
        sort: query.sort,
        q: query.q ?? null,
        module: query.module ?? null,
      },
    }),
  );
  return { clients, next };
}
