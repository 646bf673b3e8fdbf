/** Outsourcing providers: teams, engagements between providers and clients, the access path, the console. */
export { providerAccess, providerClientTenants, providerReach, reachableClients } from './access.ts';
export { consoleRoutes } from './console-routes.ts';
export { intersectGrants, reduceGrants, touchesModule, unionGrants } from './grants.ts';
export { clientSideRoutes, engagementRoutes, providerSideRoutes } from './routes.ts';
