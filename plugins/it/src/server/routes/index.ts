import { type PluginRouter, workflowRoutes } from '@bureau/core';
import { assetWorkflow } from '../workflow.ts';
import { assetRoutes } from './assets.ts';
import { setupRoutes } from './setup.ts';

/**
 * Mounted at /api/t/:tenant/it behind the module gate; each route names its permission. The asset
 * workflow adds `GET /assets/{id}/workflow` and `POST /assets/{id}/checkout|checkin|repair|repaired|lose|found|retire`.
 */
export const routes = (router: PluginRouter) => {
  setupRoutes(router);
  workflowRoutes(assetRoutes(router), assetWorkflow, { path: '/assets' });
  return router;
};
