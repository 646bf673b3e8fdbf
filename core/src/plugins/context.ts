import type { Kysely } from 'kysely';
import { redactDetails } from '../audit/redact.ts';
import { writeAudit } from '../audit/write.ts';
import { writeEvent } from '../events/outbox.ts';
import type { Actor, TenantInfo } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import type { Message } from '../i18n/messages.ts';
import { queueOutsideMail } from '../mail/outside.ts';
import { notify } from '../notifications/notify.ts';
import { clientProviderTeams } from '../providers/client-teams.ts';
import { isSpecialCategory } from '../records/declarations.ts';
import { storeAttachment } from '../records/store.ts';
import type { Runtime } from '../runtime.ts';
import { workflowHandle } from '../workflows/handle.ts';
import type { PluginContext, ServiceRef, ServiceShape } from './define-plugin.ts';
import { pm } from './messages.ts';
import { moduleTitle } from './titles.ts';

export interface ContextArgs {
  runtime: Runtime;
  tenant: TenantInfo;
  /** A transaction already inside the tenant (request role, RLS set). */
  db: Kysely<any>;
  actor: Actor | null;
  requestId: string | null;
  ip: string | null;
  /**
   * The request's permission grants, checked by workflow transitions; absent for the system (event
   * handlers, schedules), which may run any transition its guard allows.
   */
  grants?: readonly string[] | null;
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
        {
          tenantId: tenant.id,
          actor,
          requestId: args.requestId,
          ip: args.ip,
          at: runtime.clock.now(),
          ...entry,
          // Special-category and payroll data never reach audit details: ids and changed field names only.
          ...(isSpecialCategory(runtime.plugins, entry.entityType) ? redactDetails(entry.before, entry.after) : {}),
        },
        { kind: 'change' },
      ),
    retentionPeriod: async (classKey) => {
      const own = await db
        .selectFrom('core.record_class_periods')
        .select(['years', 'months'])
        .where('tenant_id', '=', tenant.id)
        .where('class_key', '=', classKey)
        .executeTakeFirst();
      return own ? { years: Number(own.years), months: Number(own.months) } : null;
    },
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
      if (!plugin) throw moduleNotEnabled(runtime, ref.pluginId, pm.not_installed);
      if (!factory)
        throw new Problem(500, 'service_missing', pm.service_missing, {
          params: { module: moduleTitle(runtime, ref.pluginId) },
        });
      return guardService(factory(ctx), async () => {
        if (!(await ctx.isEnabled(ref.pluginId))) throw moduleNotEnabled(runtime, ref.pluginId);
      });
    },
    transition: (workflow, id, transition, options) => ctx.workflow(workflow).transition(id, transition, options),
    workflow: (workflow) => workflowHandle(runtime.plugins, { ctx, grants: args.grants ?? null }, workflow),
    notify: (notification) => notify(runtime, db, tenant.id, notification),
    mail: (mail) => queueOutsideMail(db, tenant.id, runtime.clock.now(), mail),
    async attach(file) {
      const { row } = await storeAttachment(runtime, db, tenant.id, actor?.label ?? 'system', file);
      await ctx.audit({
        action: 'record.uploaded',
        entityType: file.entityType,
        entityId: file.entityId,
        after: { recordId: row.id, contentType: row.content_type, size: row.size, sha256: row.sha256 },
      });
      return { id: row.id, contentType: row.content_type };
    },
    async moveAttachments({ entityType, fromId, toId }) {
      const res = await db
        .updateTable('core.records')
        .set({ entity_id: toId })
        .where('tenant_id', '=', tenant.id)
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', fromId)
        .executeTakeFirst();
      const moved = Number(res.numUpdatedRows ?? 0n);
      if (moved > 0)
        await ctx.audit({ action: 'record.moved', entityType, entityId: toId, after: { from: fromId, moved } });
      return moved;
    },
    async deleteAttachments({ entityType, entityId, ids }) {
      if (!ids.length) return 0;
      const res = await db
        .updateTable('core.records')
        .set({ purge: true, deleted_at: runtime.clock.now(), deleted_by: actor?.label ?? 'system' })
        .where('tenant_id', '=', tenant.id)
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', entityId)
        .where('id', 'in', [...ids])
        .where('purge', '=', false)
        .executeTakeFirst();
      const deleted = Number(res.numUpdatedRows ?? 0n);
      if (deleted > 0)
        await ctx.audit({ action: 'record.deleted', entityType, entityId, after: { recordIds: [...ids], deleted } });
      return deleted;
    },
    providerTeams: (moduleId) => clientProviderTeams(db, tenant.id, moduleId),
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

function moduleNotEnabled(runtime: Runtime, moduleId: string, message: Message = pm.not_enabled) {
  return new Problem(409, 'module_not_enabled', message, {
    params: { module: moduleTitle(runtime, moduleId) },
    extra: { module: moduleId },
  });
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
