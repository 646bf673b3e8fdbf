import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { auditFallback } from '../audit/fallback.ts';
import { tokenAccess } from '../auth/token-access.ts';
import { hashSecret } from '../auth/tokens.ts';
import { addPhase, phase } from '../db/request-stats.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { TenantEnv } from '../http/env.ts';
import { notFound, Problem, unauthorized } from '../http/problem.ts';
import { pluginContext } from '../plugins/context.ts';
import type { Access, Runtime } from '../runtime.ts';
import { membershipAccess, membershipAccessOf } from './access.ts';
import { tm } from './messages.ts';
import { findTenantBySlug } from './tenants.ts';

/** Thrown inside the transaction to roll it back while keeping the response already built. */
class Rollback extends Error {}

export async function isLiveToken(runtime: Runtime, secret: string): Promise<boolean> {
  const row = await runtime.db
    .selectFrom('core.api_tokens')
    .select('id')
    .where('token_hash', '=', hashSecret(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

/**
 * Resolves `/api/t/:tenant/…`: the tenant by slug, the caller's access (API token, membership or a
 * provider engagement), then runs the rest of the request in the tenant transaction. A tenant that
 * does not exist and one the caller cannot reach look the same: 404.
 */
export const tenantMiddleware = createMiddleware<TenantEnv>(async (c, next) => {
  const runtime = c.var.runtime;
  const slug = c.req.param('tenant') ?? '';
  // A cookie request's session statement already read the tenant, membership and subscription.
  const resolved = c.var.resolved?.slug === slug ? c.var.resolved : null;
  const tenant = resolved ? resolved.tenant : await phase('tenant', () => findTenantBySlug(runtime.db, slug));
  const bearer = c.req.header('authorization');
  let access: Access | null = null;
  if (bearer?.startsWith('Bearer ')) {
    const secret = bearer.slice(7).trim();
    const found = tenant ? await phase('access', () => tokenAccess(runtime, tenant, secret)) : null;
    // A token whose creator lost the path it was made through is as dead as a revoked one.
    if (found === 'dead') throw new Problem(401, 'invalid_token', tm.invalid_token);
    access = found;
    if (!access) {
      // A valid token of another tenant learns nothing about this one: 404 whether or not it exists.
      // An unknown or revoked token is 401 whatever the path.
      if (await isLiveToken(runtime, secret)) throw notFound(tm.tenant_not_found);
      throw new Problem(401, 'invalid_token', tm.invalid_token);
    }
  } else {
    const user = c.var.user;
    if (!user) throw unauthorized();
    if (!tenant) throw notFound(tm.tenant_not_found);
    access = await phase('access', async () => {
      if (resolved?.membership) {
        const m = resolved.membership;
        return membershipAccessOf(runtime, user, m.role, m.customPermissions);
      }
      for (const resolve of runtime.accessResolvers) {
        // Already known not to be a member: the membership resolver has nothing to add.
        if (resolved && resolve === membershipAccess) continue;
        const found = await resolve({ runtime, tenant, user });
        if (found) return found;
      }
      return null;
    });
  }
  if (!tenant || !access) throw notFound(tm.tenant_not_found);

  c.set('tenant', tenant);
  c.set('actor', access.actor);
  c.set('grants', access.grants);
  c.set('role', access.role);
  c.set('moduleScope', access.modules);
  if (runtime.config.serverTiming) timeSerialisation(c);

  const entering = performance.now();
  let bodyDone = 0;
  try {
    await withTenant(runtime.db, tenant.id, async (trx) => {
      addPhase('enter', performance.now() - entering);
      c.set('db', trx);
      c.set(
        'ctx',
        pluginContext({
          runtime,
          tenant,
          db: trx,
          actor: access.actor,
          requestId: c.var.requestId,
          ip: clientIp(c),
          grants: access.grants,
        }),
      );
      await phase('guards', async () => {
        for (const guard of runtime.requestGuards) await guard(c);
      });
      await phase('handler', next);
      if (c.error || c.res.status >= 400) throw new Rollback();
      await auditFallback(c);
      bodyDone = performance.now();
    });
    addPhase('commit', performance.now() - bodyDone);
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
});

/** Times `c.json` (the serialisation of the answer) as its own phase, out of the handler's time. */
function timeSerialisation(c: Context<TenantEnv>) {
  const json = c.json.bind(c) as (...args: unknown[]) => Response;
  (c as { json: unknown }).json = (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return json(...args);
    } finally {
      const ms = performance.now() - t0;
      addPhase('serialise', ms);
      addPhase('handler', -ms);
    }
  };
}

/** The caller's address: the socket peer, or X-Forwarded-For's first hop behind a trusted proxy. */
export function clientIp(c: Context<any, any, any>): string {
  if (c.var.runtime.config.trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
