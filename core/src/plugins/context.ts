import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/write.ts';
import { writeEvent } from '../events/outbox.ts';
import type { Actor, TenantInfo } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import type { Runtime } from '../runtime.ts';
import type { PluginContext, ServiceRef, ServiceShape } from './define-plugin.ts';

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
      writeAudit(
        db,
        { tenantId: tenant.id, actor, requestId: args.requestId, ip: args.ip, at: runtime.clock.now(), ...entry },
        { kind: 'change' },
      ),
    auditRead: (entityType, entityId) =>
      writeAudit(
        db,
        {
          tenantId: tenant.id,
          actor,
          requestId: args.requestId,
          ip: args.ip,
          at: runtime.clock.now(),
          action: `${entityType}.read`,
          entityType,
          entityId,
        },
        { kind: 'read' },
      ),
    use<T extends ServiceShape<T>>(ref: ServiceRef<T>): T {
      const plugin = runtime.plugins.find((p) => p.id === ref.pluginId);
      const factory = plugin?.services?.[ref.name] as ((c: PluginContext) => T) | undefined;
      if (!plugin) throw moduleNotEnabled(ref.pluginId, `The ${ref.pluginId} module is not installed`);
      if (!factory) throw new Problem(500, 'service_missing', `Service ${ref.pluginId}.${ref.name} is not installed`);
      return guardService(factory(ctx), async () => {
        if (!(await ctx.isEnabled(ref.pluginId))) throw moduleNotEnabled(ref.pluginId);
      });
    },
    async isEnabled(moduleId: string) {
      if (!runtime.plugins.some((p) => p.id === moduleId)) return false;
      const row = await db
        .selectFrom('core.tenant_modules')
        .select('enabled')
        .where('tenant_id', '=', tenant.id)
        .where('module_id', '=', moduleId)
        .executeTakeFirst();
      return row?.enabled === true;
    },
  };
  return ctx;
}

function moduleNotEnabled(moduleId: string, message = `The ${moduleId} module is not enabled for this tenant`) {
  return new Problem(409, 'module_not_enabled', message, { extra: { module: moduleId } });
}

/** Wraps a service so each method call runs `check` first (the module must still be enabled). */
function guardService<T extends ServiceShape<T>>(service: T, check: () => Promise<void>): T {
  return new Proxy(service, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await check();
        return value.apply(target, args);
      };
    },
  });
}
