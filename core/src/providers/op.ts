import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Actor, TenantEnv, TenantInfo } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import type { PluginContext } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import { clientIp } from '../tenancy/tenant-middleware.ts';
import { prm } from './messages.ts';

/** One request's work on engagements: the tenant transaction of the side acting (client or provider). */
export interface Op {
  runtime: Runtime;
  /** The request's tenant transaction (request role, RLS on `tenant`). */
  db: Kysely<any>;
  tenant: TenantInfo;
  actor: Actor;
  /** The acting tenant's context (audit rows). */
  ctx: PluginContext;
  requestId: string | null;
  ip: string | null;
}

export function opOf(c: Context<TenantEnv>): Op {
  return {
    runtime: c.var.runtime,
    db: c.var.db,
    tenant: c.var.tenant,
    actor: c.var.actor,
    ctx: c.var.ctx,
    requestId: c.var.requestId,
    ip: clientIp(c),
  };
}

/**
 * Engagements are managed by a tenant's own people (members, or its API tokens), never by another
 * provider's staff working inside it: a provider must not widen or approve its own access.
 */
export function requireOwnPeople(op: Op): void {
  if (op.actor.providerTenantId) {
    throw new Problem(403, 'own_people_only', prm.own_people_only);
  }
}

/** Refuses provider-only work in a tenant that is not a provider. */
export function requireProvider(op: Op): void {
  if (op.tenant.kind !== 'provider') {
    throw new Problem(409, 'not_a_provider', prm.not_a_provider);
  }
}
