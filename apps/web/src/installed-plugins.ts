/**
 * The plugins whose panels this web app can show: one line per installed plugin, each a lazy import of
 * the plugin's UI entry (`@bureau/plugin-<id>/ui`, its src/ui/index.ts). Each becomes its own chunk, which
 * the shell requests only for a module that is enabled for the current tenant and permitted to the user.
 * Keep in step with the server's installed-plugin list (apps/server config); add the package to
 * apps/web/package.json as `"@bureau/plugin-<id>": "workspace:*"`.
 */
import type { PluginUi } from '@bureau/core/ui';

export type PluginUiLoader = () => Promise<{ default: PluginUi }>;

export const installedPlugins: Record<string, PluginUiLoader> = {
  accounting: () => import('@bureau/plugin-accounting/ui'),
  medical: () => import('@bureau/plugin-medical/ui'),
  orders: () => import('@bureau/plugin-orders/ui'),
  hr: () => import('@bureau/plugin-hr/ui'),
  it: () => import('@bureau/plugin-it/ui'),
};
