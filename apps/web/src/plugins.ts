import { grants, type PluginNavItem, type PluginRoute, type PluginUi, type PluginWidget } from '@bureau/core/ui';
import type { MeTenant } from './api/types.ts';
import { installedPlugins } from './installed-plugins.ts';

const cache = new Map<string, Promise<PluginUi>>();

/** Loads one plugin's UI entry (its own chunk), once. */
export function loadPluginUi(id: string): Promise<PluginUi> {
  let p = cache.get(id);
  if (!p) {
    const loader = installedPlugins[id];
    if (!loader) return Promise.reject(new Error(`Plugin ${id} has no UI installed`));
    p = loader().then((m) => m.default);
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}

/**
 * Which installed plugin UIs a tenant may show: enabled for the tenant (GET /api/me → modules) and
 * granting the user at least something of the module (a permission `<id>.*`-matched by their grants).
 */
export function visibleModuleIds(tenant: MeTenant): string[] {
  return tenant.modules.filter(
    (id) =>
      id in installedPlugins && tenant.permissions.some((p) => p === '*' || p === `${id}.*` || p.startsWith(`${id}.`)),
  );
}

export interface LoadedPlugins {
  plugins: PluginUi[];
  failed: string[];
}

/** Loads the UI entries of the tenant's visible modules only; a disabled module's chunk is never requested. */
export async function loadTenantPlugins(tenant: MeTenant): Promise<LoadedPlugins> {
  const ids = visibleModuleIds(tenant);
  const results = await Promise.allSettled(ids.map(loadPluginUi));
  const plugins: PluginUi[] = [];
  const failed: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') plugins.push(r.value);
    else failed.push(ids[i] as string);
  });
  return { plugins, failed };
}

const allowed = (permissions: string[], p: string | undefined) => !p || grants(permissions, p);

export const navOf = (plugin: PluginUi, permissions: string[]): PluginNavItem[] =>
  plugin.nav.filter((n) => allowed(permissions, n.permission));
export const routesOf = (plugin: PluginUi, permissions: string[]): PluginRoute[] =>
  plugin.routes.filter((r) => allowed(permissions, r.permission));
export const widgetsOf = (plugin: PluginUi, permissions: string[]): PluginWidget[] =>
  (plugin.widgets ?? []).filter((w) => allowed(permissions, w.permission));

/** `/t/acme/hr` + `/employees/:id` */
export function modulePath(tenantSlug: string, pluginId: string, path: string): string {
  const rel = path === '/' || path === '' ? '' : path.startsWith('/') ? path : `/${path}`;
  return `/t/${tenantSlug}/${pluginId}${rel}`;
}
