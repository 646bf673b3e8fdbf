/**
 * @bureau/core's public surface: the only module plugins and apps import from core.
 */
export { z } from '@hono/zod-openapi';
export type { ChainVerification } from './audit/verify.ts';
export { type Bureau, type BureauOptions, createBureau, migrateAll } from './bureau.ts';
export { type Config, loadConfig, testConfig } from './config.ts';
export { connect, type Database } from './db/connect.ts';
export { type GuardViolation, tenantTableViolations } from './db/isolation-guard.ts';
export { enableTenantRls } from './db/rls.ts';
export { withTenant } from './db/with-tenant.ts';
export type { DeadLetter } from './events/dead-letters.ts';
export {
  DEAD_LETTER_QUEUE,
  type DrainResult,
  EVENTS_QUEUE,
  type EventDispatcher,
  type EventOptions,
} from './events/dispatcher.ts';
export type { CoreApp } from './http/app.ts';
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
export { type DemoLogin, type DemoOptions, type DemoResult, seedDemo } from './plugins/demo.ts';
export { fileStorage, type RecordStorage, recordStorage, setRecordStorage } from './records/storage.ts';
export type { Clock, Runtime } from './runtime.ts';
export { grants } from './tenancy/permissions.ts';
export { createTestBureau, type SignupOptions, type TestBureau, type TestUser } from './testing.ts';
