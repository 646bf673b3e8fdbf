import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { TenantEnv } from '../http/env.ts';
import { forbidden } from '../http/problem.ts';
import { grants } from '../tenancy/permissions.ts';

export const BILLING_READ = 'tenant.billing.read';
export const BILLING_MANAGE = 'tenant.billing.manage';

/** Reads are open to holders of tenant.billing.read or tenant.billing.manage. */
const requireBillingRead = createMiddleware<TenantEnv>(async (c, next) => {
  if (!grants(c.var.grants, BILLING_READ) && !grants(c.var.grants, BILLING_MANAGE)) throw forbidden(BILLING_READ);
  await next();
});

/** A billing read route (like defineRoute, but manage also grants read); published as x-permission tenant.billing.read. */
export function defineReadRoute<const R extends Omit<RouteConfig, 'middleware'>>(config: R) {
  return createRoute({
    ...config,
    middleware: [requireBillingRead] as const,
    'x-permission': BILLING_READ,
  } as R & { middleware: [typeof requireBillingRead]; 'x-permission': string });
}
