import type { Kysely } from 'kysely';
import { businessDate } from '../billing/dates.ts';
import type { Actor, TenantInfo } from '../http/env.ts';
import type { BureauPlugin, PluginContext } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import { grants } from '../tenancy/permissions.ts';
import { type Caller, enabledModules, usableModules } from './access.ts';
import { type InstalledClass, installedClasses } from './classes.ts';

/**
 * One tenant's records-management work: its transaction as a PluginContext (plugin hooks run in it),
 * who acts, and which modules' classes and personal data are in reach.
 */
export interface RecordsScope {
  runtime: Runtime;
  tenant: TenantInfo;
  db: Kysely<any>;
  ctx: PluginContext;
  actor: Actor | null;
  /** Installed modules enabled for the tenant that the caller may use (all enabled ones for the system). */
  modules: Set<string>;
  /** The caller's grants; null for the system (jobs), which may do everything. */
  grants: readonly string[] | null;
}

export async function callerScope(v: {
  runtime: Runtime;
  tenant: TenantInfo;
  db: Kysely<any>;
  ctx: PluginContext;
  actor: Actor;
  grants: readonly string[];
  moduleScope: readonly string[] | null;
}): Promise<RecordsScope> {
  const caller: Caller = {
    db: v.db,
    tenantId: v.tenant.id,
    grants: v.grants,
    moduleScope: v.moduleScope,
    plugins: v.runtime.plugins,
  };
  const modules = usableModules(caller, await enabledModules(caller));
  return { runtime: v.runtime, tenant: v.tenant, db: v.db, ctx: v.ctx, actor: v.actor, modules, grants: v.grants };
}

export async function systemScope(
  runtime: Runtime,
  tenant: TenantInfo,
  db: Kysely<any>,
  ctx: PluginContext,
): Promise<RecordsScope> {
  const modules = await enabledModules({
    db,
    tenantId: tenant.id,
    grants: [],
    moduleScope: null,
    plugins: runtime.plugins,
  });
  return { runtime, tenant, db, ctx, actor: null, modules, grants: null };
}

/** The record classes of the modules in scope. */
export const classesInScope = (s: RecordsScope): InstalledClass[] =>
  installedClasses(s.runtime.plugins).filter((c) => s.modules.has(c.plugin.id));

/** Whether the caller may read a module's records (its `records.auditRead`); the system always may. */
export function mayReadModule(s: RecordsScope, plugin: BureauPlugin<string, any>): boolean {
  if (!s.grants) return true;
  const perm = plugin.records?.auditRead;
  return perm ? grants(s.grants, perm) : Object.keys(plugin.permissions ?? {}).every((p) => grants(s.grants ?? [], p));
}

/** Today in the installation's business time zone (YYYY-MM-DD). */
export const today = (runtime: Runtime): string => businessDate(runtime.clock.now(), runtime.config.billing.timeZone);

/** A date column as `YYYY-MM-DD` (PGlite and pg return a Date or a string for `date`). */
export const ymd = (d: unknown): string =>
  typeof d === 'string' ? d.slice(0, 10) : (d as Date).toISOString().slice(0, 10);

export const actorLabel = (s: RecordsScope): string => s.actor?.label ?? 'system';
