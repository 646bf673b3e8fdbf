import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { TenantEnv } from '../http/env.ts';
import { hasAuditedChange } from './write.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The route pattern that answered, e.g. `/api/t/:tenant/roles/:id` (the last method-bound match). */
function answeringRoute(c: Context<TenantEnv>): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i];
    if (r && r.method !== 'ALL') return r.path;
  }
  return c.req.path;
}

/**
 * The generic audit row: a successful mutating tenant request whose handler wrote no audit row of
 * its own still leaves one, named after its route (`POST /api/t/:tenant/hr/employees`), in the same
 * tenant transaction. Called by the tenant middleware after the handler, before commit.
 */
export async function auditFallback(c: Context<TenantEnv>): Promise<void> {
  if (!MUTATING.has(c.req.method) || hasAuditedChange(c.var.db)) return;
  const route = answeringRoute(c);
  // `/api/t/:tenant/<area>/...` → `<area>`: the module or core area the request touched.
  const area = route.split('/')[4] || 'request';
  const params = c.req.param() as Record<string, string>;
  await c.var.ctx.audit({
    action: `${c.req.method} ${route}`,
    entityType: area,
    entityId: params.id ?? null,
    after: { path: c.req.path, status: c.res.status },
  });
}
