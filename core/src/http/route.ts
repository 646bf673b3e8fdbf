import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { grants } from '../tenancy/permissions.ts';
import type { TenantEnv } from './env.ts';
import { forbidden } from './problem.ts';

/** Refuses with 403 unless the actor's grants cover `permission`. */
export const requirePermission = (permission: string) =>
  createMiddleware<TenantEnv>(async (c, next) => {
    if (!grants(c.var.grants, permission)) throw forbidden(permission);
    await next();
  });

/**
 * Declares a tenant route: an OpenAPI route that names the permission it needs. The permission is
 * enforced before validation and published as `x-permission` in the OpenAPI document, where tests
 * check that every mutating route has one.
 */
export function defineRoute<const R extends Omit<RouteConfig, 'middleware'> & { permission: string }>(config: R) {
  const { permission, ...route } = config;
  return createRoute({
    ...route,
    middleware: [requirePermission(permission)] as const,
    'x-permission': permission,
  } as typeof route & { middleware: [ReturnType<typeof requirePermission>]; 'x-permission': string });
}
