import { type Kysely, sql } from 'kysely';
import type { Actor, TenantInfo } from '../http/env.ts';
import { fieldError, notFound, Problem } from '../http/problem.ts';
import type { HookContext, Runtime } from '../runtime.ts';
import type { BureauPlugin, PluginContext } from './define-plugin.ts';
import { pm } from './messages.ts';
import { requiredBy } from './registry.ts';
import { moduleTitle, moduleTitles } from './titles.ts';

type AnyPlugin = BureauPlugin<string, any>;

/** One tenant transaction acting on its modules: the request's, or one a script opened with withTenant. */
export interface ModuleOp {
  runtime: Runtime;
  tenant: TenantInfo;
  /** The tenant transaction (request role, RLS set to `tenant`). */
  db: Kysely<any>;
  actor: Actor | null;
  /** The same transaction as a PluginContext (onEnable/onDisable/purge run with it; audit rows). */
  ctx: PluginContext;
}

export interface ModuleRow {
  module_id: string;
  enabled: boolean;
  enabled_at: unknown;
  disabled_at: unknown;
}

const hookContext = (op: ModuleOp): HookContext => ({
  runtime: op.runtime,
  tenant: op.tenant,
  db: op.db,
  actor: op.actor,
});

/** The installed plugin with this id, or 404. */
export function installedPlugin(runtime: Pick<Runtime, 'plugins'>, id: string): AnyPlugin {
  const plugin = runtime.plugins.find((p) => p.id === id);
  if (!plugin) throw notFound(pm.module_not_found);
  return plugin;
}

/** The tenant's module rows (all, or those of `ids`). */
export async function moduleRows(
  db: Kysely<any>,
  tenantId: string,
  ids?: readonly string[],
): Promise<Map<string, ModuleRow>> {
  if (ids && !ids.length) return new Map();
  let q = db
    .selectFrom('core.tenant_modules')
    .select(['module_id', 'enabled', 'enabled_at', 'disabled_at'])
    .where('tenant_id', '=', tenantId);
  if (ids) q = q.where('module_id', 'in', ids);
  const rows = (await q.execute()) as ModuleRow[];
  return new Map(rows.map((r) => [r.module_id, r]));
}

/** Locks (creating if needed) the tenant's row for one module, so concurrent changes of it serialize. */
async function lockModuleRow(op: ModuleOp, id: string): Promise<ModuleRow> {
  await op.db
    .insertInto('core.tenant_modules')
    .values({ tenant_id: op.tenant.id, module_id: id, enabled: false })
    .onConflict((oc) => oc.columns(['tenant_id', 'module_id']).doNothing())
    .execute();
  return (await op.db
    .selectFrom('core.tenant_modules')
    .select(['module_id', 'enabled', 'enabled_at', 'disabled_at'])
    .where('tenant_id', '=', op.tenant.id)
    .where('module_id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow()) as ModuleRow;
}

/**
 * Enables a module for the tenant: its requirements must be enabled (409 `requirements_not_enabled`
 * naming them), then the `beforeModuleEnable` hooks (billing may refuse with 402), the row, the
 * plugin's `onEnable`, the `afterModuleChange` hooks and an audit row. Enabling an enabled module
 * changes nothing. Returns the module's row.
 */
export async function enableModule(op: ModuleOp, id: string, confirmed: boolean): Promise<ModuleRow> {
  const plugin = installedPlugin(op.runtime, id);
  const current = await lockModuleRow(op, id);
  if (current.enabled) return current;

  const requires = plugin.requires ?? [];
  // Share-lock the requirements' rows: a concurrent disable of one of them waits for this transaction.
  const reqRows = requires.length
    ? await op.db
        .selectFrom('core.tenant_modules')
        .select(['module_id', 'enabled'])
        .where('tenant_id', '=', op.tenant.id)
        .where('module_id', 'in', requires)
        .forShare()
        .execute()
    : [];
  const missing = requires.filter((r) => !reqRows.some((row) => row.module_id === r && row.enabled));
  if (missing.length) {
    throw new Problem(409, 'requirements_not_enabled', pm.requirements, {
      params: { module: moduleTitle(op.runtime, id), missing: moduleTitles(op.runtime, missing) },
      extra: { missing },
    });
  }

  for (const hook of op.runtime.hooks.beforeModuleEnable) await hook(hookContext(op), id, confirmed);
  const now = op.runtime.clock.now();
  await op.db
    .updateTable('core.tenant_modules')
    .set({ enabled: true, enabled_at: now, updated_at: now })
    .where('tenant_id', '=', op.tenant.id)
    .where('module_id', '=', id)
    .execute();
  if (plugin.onEnable) await plugin.onEnable(op.ctx);
  for (const hook of op.runtime.hooks.afterModuleChange) await hook(hookContext(op), id, true);
  await op.ctx.audit({
    action: 'module.enabled',
    entityType: 'module',
    entityId: id,
    before: { enabled: false },
    after: { enabled: true },
  });
  return { ...current, enabled: true, enabled_at: now };
}

/**
 * Disables a module for the tenant, keeping its data: refused (409 `required_by_enabled`, naming them)
 * while an enabled module requires it. Runs the plugin's `onDisable`, the `afterModuleChange` hooks and
 * writes an audit row. Disabling a disabled module changes nothing.
 */
export async function disableModule(op: ModuleOp, id: string): Promise<ModuleRow> {
  const plugin = installedPlugin(op.runtime, id);
  // Lock first, then look at the dependents: a concurrent enable of one of them share-locks this row.
  const current = await lockModuleRow(op, id);
  if (!current.enabled) return current;

  const dependents = requiredBy(op.runtime.plugins, id);
  const enabledDependents = [...(await moduleRows(op.db, op.tenant.id, dependents)).values()]
    .filter((r) => r.enabled)
    .map((r) => r.module_id)
    .sort();
  if (enabledDependents.length) {
    throw new Problem(409, 'required_by_enabled', pm.required_by, {
      params: {
        module: moduleTitle(op.runtime, id),
        requiredBy: moduleTitles(op.runtime, enabledDependents),
        count: enabledDependents.length,
      },
      extra: { requiredBy: enabledDependents },
    });
  }

  const now = op.runtime.clock.now();
  await op.db
    .updateTable('core.tenant_modules')
    .set({ enabled: false, disabled_at: now, updated_at: now })
    .where('tenant_id', '=', op.tenant.id)
    .where('module_id', '=', id)
    .execute();
  if (plugin.onDisable) await plugin.onDisable(op.ctx);
  for (const hook of op.runtime.hooks.afterModuleChange) await hook(hookContext(op), id, false);
  await op.ctx.audit({
    action: 'module.disabled',
    entityType: 'module',
    entityId: id,
    before: { enabled: true },
    after: { enabled: false },
  });
  return { ...current, enabled: false, disabled_at: now };
}

/**
 * Deletes all of the tenant's data of a disabled module: `confirm` must repeat the module id (400
 * otherwise), an enabled module is refused (409 `module_enabled`). The plugin's `purge` hook runs
 * first (it may refuse, e.g. for retention, or clean up outside its schema); then every row of the
 * tenant left in the module's schema is deleted. Audited with the counts. Returns rows deleted per table.
 */
export async function purgeModule(op: ModuleOp, id: string, confirm: string): Promise<Record<string, number>> {
  const plugin = installedPlugin(op.runtime, id);
  if (confirm !== id) {
    throw new Problem(400, 'confirmation_mismatch', pm.confirm_mismatch, {
      params: { id },
      errors: [fieldError('confirm', pm.confirm_exactly, { id })],
    });
  }
  const current = await lockModuleRow(op, id);
  if (current.enabled)
    throw new Problem(409, 'module_enabled', pm.module_enabled, { params: { module: moduleTitle(op.runtime, id) } });
  if (plugin.purge) await plugin.purge(op.ctx);
  const deleted = await purgeSchema(op.db, plugin.id, op.tenant.id);
  Object.assign(deleted, await purgeCoreRowsOf(op.db, op.tenant.id, plugin.id));
  await op.ctx.audit({ action: 'module.purged', entityType: 'module', entityId: id, after: { deleted } });
  return deleted;
}

/**
 * What core keeps about a module's records: the status history of its workflows' entities.
 * Deleted with the module's data, counted under the core table's name.
 */
async function purgeCoreRowsOf(db: Kysely<any>, tenantId: string, moduleId: string): Promise<Record<string, number>> {
  const history = await db
    .deleteFrom('core.status_history')
    .where('tenant_id', '=', tenantId)
    .where('entity_type', 'like', `${moduleId}.%`)
    .executeTakeFirst();
  const n = Number(history.numDeletedRows);
  return n ? { 'core.status_history': n } : {};
}

/** The tenant's rows in every table of a plugin's schema, children before the tables they reference. */
async function purgeSchema(db: Kysely<any>, schema: string, tenantId: string): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select ch.relname as child, pa.relname as parent
      from pg_constraint k
      join pg_class ch on ch.oid = k.conrelid
      join pg_class pa on pa.oid = k.confrelid
      join pg_namespace n on n.oid = ch.relnamespace
      join pg_namespace pn on pn.oid = pa.relnamespace
     where k.contype = 'f' and n.nspname = ${schema} and pn.nspname = ${schema} and ch.oid <> pa.oid`.execute(db);
  // A table goes once every table referencing it is done; a cycle of foreign keys falls back to name order.
  const names = tables.rows.map((t) => t.name);
  const children = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges.rows) children.get(e.parent)?.add(e.child);
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < names.length) {
    const ready = names.find((n) => !done.has(n) && [...(children.get(n) ?? [])].every((ch) => done.has(ch)));
    const pick = ready ?? names.find((n) => !done.has(n));
    if (!pick) break;
    done.add(pick);
    order.push(pick);
  }
  const deleted: Record<string, number> = {};
  for (const table of order) {
    const res = await db.deleteFrom(`${schema}.${table}`).where('tenant_id', '=', tenantId).executeTakeFirst();
    deleted[`${schema}.${table}`] = Number(res.numDeletedRows);
  }
  return deleted;
}
