/**
 * @bureau/core's public surface: the only module plugins and apps import from core.
 */
export { z } from '@hono/zod-openapi';
export { type Bureau, type BureauOptions, createBureau, migrateAll } from './bureau.ts';
export { type Config, loadConfig, testConfig } from './config.ts';
export { connect, type Database } from './db/connect.ts';
export { enableTenantRls } from './db/rls.ts';
export { withTenant } from './db/with-tenant.ts';
export type { Actor, BaseEnv, TenantEnv, TenantInfo, TenantVariables } from './http/env.ts';
export { badRequest, conflict, type FieldError, forbidden, notFound, Problem } from './http/problem.ts';
export { defineRoute } from './http/route.ts';
export { json, jsonBody, problemResponses } from './http/schemas.ts';
export { isUuid, newId } from './lib/ids.ts';
export { formatMoney, minorDigits, parseMoney, roundHalfAway } from './lib/money.ts';
export {
  type AuditEntry,
  type BureauEvent,
  type BureauPlugin,
  definePlugin,
  type LocalizedText,
  type PluginContext,
  type PluginDefinition,
  type PluginRouter,
  type ServiceRef,
  serviceRef,
} from './plugins/define-plugin.ts';
export type { Clock, Runtime } from './runtime.ts';
export { grants } from './tenancy/permissions.ts';
export { createTestBureau, type SignupOptions, type TestBureau, type TestUser } from './testing.ts';
