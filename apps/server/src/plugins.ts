import type { BureauPlugin } from '@bureau/core';
import accounting from '@bureau/plugin-accounting';
import hrPlugin from '@bureau/plugin-hr';
import itPlugin from '@bureau/plugin-it';
import medical from '@bureau/plugin-medical';
import ordersPlugin from '@bureau/plugin-orders';

/**
 * The installed department modules. Adding a department is one line here (and its UI entry in
 * apps/web/src/installed-plugins.ts); no core file changes.
 */
export const installedPlugins: readonly BureauPlugin<string, any>[] = [
  accounting,
  medical,
  ordersPlugin,
  itPlugin,
  hrPlugin,
];
