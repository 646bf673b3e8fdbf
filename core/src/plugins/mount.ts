import type { OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { BaseEnv, TenantEnv } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import type { Runtime } from '../runtime.ts';
import { pm } from './messages.ts';
import { moduleTitle } from './titles.ts';

/** Refuses a plugin's routes unless the module is enabled for the tenant and within the caller's scope. */
export const moduleGate = (moduleId: string) =>
  createMiddleware<TenantEnv>(async (c, next) => {
    const scope = c.var.moduleScope;
    if (scope && !scope.includes(moduleId)) {
      throw new Problem(403, 'module_not_in_scope', pm.not_in_scope, {
        params: { module: moduleTitle(c.var.runtime, moduleId) },
        extra: { module: moduleId },
      });
    }
    // The session's statement read it already for this tenant and module (tenancy/resolve.ts).
    const { resolved } = c.var;
    const known = resolved?.tenant?.id === c.var.tenant.id && resolved.module?.id === moduleId ? resolved.module : null;
    const row =
      known ??
      (await c.var.db
        .selectFrom('core.tenant_modules')
        .select('enabled')
        .where('tenant_id', '=', c.var.tenant.id)
        .where('module_id', '=', moduleId)
        .executeTakeFirst());
    if (!row?.enabled) {
      throw new Problem(403, 'module_not_enabled', pm.not_enabled, {
        params: { module: moduleTitle(c.var.runtime, moduleId) },
        extra: { module: moduleId },
      });
    }
    await next();
  });

/** Mounts every installed plugin's router at `/api/t/:tenant/<id>` behind its module gate. */
export function mountPlugins(app: OpenAPIHono<BaseEnv>, runtime: Runtime) {
  for (const plugin of runtime.plugins) {
    if (!plugin.routes) continue;
    const router = plugin.routes(newRouter<TenantEnv>());
    const base = `/api/t/:tenant/${plugin.id}`;
    app.use(`${base}/*`, moduleGate(plugin.id) as never);
    app.route(base, router as never);
  }
}
