import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/write.ts';
import { writeEvent } from '../events/outbox.ts';
import type { Actor, TenantInfo } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import type { PluginContext, ServiceRef } from './define-plugin.ts';

export interface ContextArgs {
  runtime: Runtime;
  tenant: TenantInfo;
  /** A transaction already inside the tenant (request role, RLS set). */
  db: Kysely<any>;
  actor: Actor | null;
  requestId: string | null;
  ip: string | null;
}

/** Builds the PluginContext for one tenant transaction. */
export function pluginContext(args: ContextArgs): PluginContext {
  const { runtime, tenant, db, actor } = args;
  const ctx: PluginContext = {
    tenant,
    db,
    actor,
    now: () => runtime.clock.now(),
    emit: (type, payload) => writeEvent(db, { tenantId: tenant.id, type, payload, occurredAt: runtime.clock.now() }),
    audit: (entry) =>
      writeAudit(db, {
        tenantId: tenant.id,
        actor,
        requestId: args.requestId,
        ip: args.ip,
        at: runtime.clock.now(),
        ...entry,
      }),
    use<T>(ref: ServiceRef<T>): T {
      const plugin = runtime.plugins.find((p) => p.id === ref.pluginId);
      const factory = plugin?.services?.[ref.name] as ((c: PluginContext) => T) | undefined;
      if (!factory) throw new Problem(500, 'service_missing', `Service ${ref.pluginId}.${ref.name} is not installed`);
      return factory(ctx);
    },
  };
  return ctx;
}
