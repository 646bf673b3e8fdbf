import { CompiledQuery } from 'kysely';
import { hashSecret } from '../auth/tokens.ts';
import type { Database } from '../db/connect.ts';
import { countRoundTrip } from '../db/request-stats.ts';
import type { SessionUser, TenantInfo } from '../http/env.ts';

/**
 * What one query learns about a cookie request to `/api/t/:tenant/…` before its transaction
 * (docs/performance.md): the tenant named by the path, the caller's direct membership there (with a
 * custom role's permissions) and the tenant's subscription status. Read with the privileged handle,
 * in the same statement as the session, so a tenant request starts with one round trip instead of
 * four. The tenant middleware uses it only for the slug it was read for.
 */
export interface Resolved {
  slug: string;
  tenant: TenantInfo | null;
  /** The caller's direct membership; null when not a member (provider staff are resolved after). */
  membership: { role: string; customPermissions: string[] | null } | null;
  /** The subscription's status; null when the tenant has none yet (the guard creates the trial). */
  subscription: { status: string; retentionUntil: string | null } | null;
  /** Whether the module named by the path's next segment is enabled (plugins/mount.ts' gate). */
  module: { id: string; enabled: boolean } | null;
}

/** The tenant slug of a `/api/t/:tenant/…` path and the segment after it (a module id on plugin routes). */
export interface TenantPath {
  slug: string;
  area: string | null;
}

export interface SessionRow {
  user: SessionUser;
  expiresAt: Date;
  resolved: Resolved | null;
}

/**
 * The session's user and, when `slug` is given, the tenant request's facts, in one statement.
 * Null when no session has this id.
 */
export async function readSession(
  database: Pick<Database, 'db' | 'pool'>,
  sessionId: string,
  path: TenantPath | null,
): Promise<SessionRow | null> {
  const hash = hashSecret(sessionId);
  const slug = path?.slug ?? null;
  if (slug === null || slug.length > 60) {
    const row = (await run(database, 'bureau_session', SESSION_SQL, [hash]))[0];
    return row ? { ...sessionOf(row), resolved: slug === null ? null : emptyResolved(slug) } : null;
  }
  const area = path?.area ?? '';
  const row = (await run(database, 'bureau_session_tenant', SESSION_TENANT_SQL, [hash, slug, area]))[0];
  if (!row) return null;
  const tenant: TenantInfo | null = row.t_id
    ? {
        id: row.t_id,
        slug: row.t_slug,
        name: row.t_name,
        kind: row.t_kind,
        status: row.t_status,
        country: row.t_country,
        locale: row.t_locale,
        currency: row.t_currency,
      }
    : null;
  return {
    ...sessionOf(row),
    resolved: {
      slug,
      tenant,
      membership: row.m_role ? { role: row.m_role, customPermissions: row.r_permissions ?? null } : null,
      subscription: row.b_status ? { status: row.b_status, retentionUntil: row.b_retention_until ?? null } : null,
      module: area ? { id: area, enabled: row.tm_enabled === true } : null,
    },
  };
}

const SESSION_SQL = `select s.user_id, s.expires_at, u.email, u.name, u.locale
  from core.sessions s join core.users u on u.id = s.user_id
 where s.id_hash = $1`;

const SESSION_TENANT_SQL = `select s.user_id, s.expires_at, u.email, u.name, u.locale,
       t.id as t_id, t.slug as t_slug, t.name as t_name, t.kind as t_kind, t.status as t_status,
       t.country as t_country, t.locale as t_locale, t.currency as t_currency,
       m.role as m_role, r.permissions as r_permissions,
       b.status as b_status, b.retention_until::text as b_retention_until,
       tm.enabled as tm_enabled
  from core.sessions s
  join core.users u on u.id = s.user_id
  left join core.tenants t on t.slug = $2
  left join core.memberships m on m.tenant_id = t.id and m.user_id = s.user_id
  left join core.roles r on r.tenant_id = t.id and r.key = m.role
  left join core.billing_subscriptions b on b.tenant_id = t.id
  left join core.tenant_modules tm on tm.tenant_id = t.id and tm.module_id = $3
 where s.id_hash = $1`;

/**
 * On PostgreSQL a named statement: each pooled connection plans the join once, not on every request.
 * On PGlite through Kysely (one in-process connection, no planning worth saving).
 */
async function run(database: Pick<Database, 'db' | 'pool'>, name: string, text: string, values: string[]) {
  if (database.pool) {
    countRoundTrip();
    return (await database.pool.query({ name, text, values })).rows as any[];
  }
  return (await database.db.executeQuery<any>(CompiledQuery.raw(text, values))).rows;
}

const emptyResolved = (slug: string): Resolved => ({
  slug,
  tenant: null,
  membership: null,
  subscription: null,
  module: null,
});

function sessionOf(row: any) {
  return {
    user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale },
    expiresAt: new Date(row.expires_at),
  };
}

const TENANT_PATH = /^\/api\/t\/([^/]+)(?:\/([^/]+))?/;

/** The slug (decoded as the router decodes it) and next segment of a `/api/t/:tenant/…` path; null otherwise. */
export function tenantPathOf(path: string): TenantPath | null {
  const m = TENANT_PATH.exec(path);
  if (!m?.[1]) return null;
  try {
    return { slug: decodeURIComponent(m[1]), area: m[2] && m[2].length <= 60 ? m[2] : null };
  } catch {
    return null;
  }
}
