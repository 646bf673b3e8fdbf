import { type PluginRouter, workflowRoutes } from '@bureau/core';
import { ticketWorkflow } from '../ticket-workflow.ts';
import { assetWorkflow } from '../workflow.ts';
import { assetEditRoutes } from './asset-edit.ts';
import { assetRoutes } from './assets.ts';
import { cannedResponseRoutes } from './canned-responses.ts';
import { healthRoutes } from './health.ts';
import { helpdeskSettingsRoutes } from './helpdesk-settings.ts';
import { licenceRoutes } from './licences.ts';
import { maintenanceRoutes } from './maintenance.ts';
import { maintenanceCalendarRoutes } from './maintenance-calendar.ts';
import { peopleRoutes } from './people.ts';
import { providerTeamRoutes } from './provider-teams.ts';
import { setupRoutes } from './setup.ts';
import { stockRoutes } from './stock.ts';
import { ticketCategoryRoutes } from './ticket-categories.ts';
import { ticketRoutes } from './tickets.ts';

/**
 * Mounted at /api/t/:tenant/it behind the module gate; each route names its permission. The asset
 * workflow adds `GET /assets/{id}/workflow` and `POST /assets/{id}/checkout|checkin|repair|repaired|lose|found|retire`;
 * the ticket workflow `POST /tickets/{id}/assign|start|answer|wait|resolve|close|merge|reopen`.
 */
export const routes = (router: PluginRouter) => {
  setupRoutes(router);
  helpdeskSettingsRoutes(router);
  maintenanceRoutes(router);
  maintenanceCalendarRoutes(router);
  stockRoutes(router);
  licenceRoutes(router);
  peopleRoutes(router);
  assetEditRoutes(router);
  healthRoutes(router);
  ticketCategoryRoutes(router);
  providerTeamRoutes(router);
  cannedResponseRoutes(router);
  workflowRoutes(assetRoutes(router), assetWorkflow, { path: '/assets' });
  workflowRoutes(ticketRoutes(router), ticketWorkflow, { path: '/tickets' });
  return router;
};
