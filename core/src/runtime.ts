import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { BureauLucia } from './auth/lucia.ts';
import type { AuthLimiters } from './auth/rate-limit.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import type { Actor, SessionUser, TenantInfo, TenantVariables } from './http/env.ts';
import type { Metrics } from './http/metrics.ts';
import type { Mailer } from './mail/mailer.ts';
import type { MailQueue } from './mail/queue.ts';
import type { Operations } from './ops/operations.ts';
import type { BureauPlugin } from './plugins/define-plugin.ts';
import type { TenantLister } from './tenancy/reachable.ts';

/** A settable clock: production reads the system time, tests move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** How a user reaches a tenant: the grants they hold there and, for provider staff, the limits. */
export interface Access {
  actor: Actor;
  /** Role key (builtin or custom) for direct members; null when reached through a provider. */
  role: string | null;
  grants: string[];
  /** Modules this access may use; null means every enabled module. */
  modules: string[] | null;
}

/** Resolves a signed-in user's access to a tenant, or null. Resolvers are tried in order. */
export type AccessResolver = (args: {
  runtime: Runtime;
  tenant: TenantInfo;
  user: SessionUser;
}) => Promise<Access | null>;

/** Runs inside the tenant transaction before every tenant route (e.g. billing refusing writes). */
export type RequestGuard = (c: Context<{ Variables: TenantVariables }>) => Promise<void>;

/** A tenant transaction as hooks see it. */
export interface HookContext {
  runtime: Runtime;
  tenant: TenantInfo;
  db: Kysely<any>;
  actor: Actor | null;
}

/**
 * Extension points core calls at fixed places; other core areas (billing, providers) register
 * here at start-up. A hook refuses by throwing a Problem (e.g. 402 `not_entitled`).
 */
export interface Hooks {
  /** Before a module is enabled; `confirmed` is true when the caller has accepted a price shown earlier. */
  beforeModuleEnable: Array<(ctx: HookContext, moduleId: string, confirmed: boolean) => Promise<void>>;
  /** After a module is enabled or disabled (e.g. billing adds or ends the add-on). */
  afterModuleChange: Array<(ctx: HookContext, moduleId: string, enabled: boolean) => Promise<void>>;
  /** Before an invitation is created or accepted (a seat is about to be used). */
  beforeSeatAdded: Array<(ctx: HookContext, confirmed: boolean) => Promise<void>>;
  /** In the sign-up transaction (privileged), right after a tenant is created (e.g. billing starts the trial). */
  tenantCreated: Array<(db: Kysely<any>, tenant: TenantInfo) => Promise<void>>;
  /** Extra fields for a module in GET /modules (e.g. price and entitlement). */
  moduleInfo: Array<(ctx: HookContext, moduleId: string) => Promise<Record<string, unknown>>>;
}

/** Everything a running Bureau instance holds; built once by createBureau. */
export interface Runtime {
  config: Config;
  database: Database;
  /** The privileged (owner) handle: migrations, auth lookups and explicit cross-tenant work only. */
  db: Kysely<any>;
  mailer: Mailer;
  /** Mail sent after the response (account mails: confirmation, reset, sign-up notices). */
  mailQueue: MailQueue;
  clock: Clock;
  lucia: BureauLucia;
  limiters: AuthLimiters;
  /** Installed plugins, in dependency order. */
  plugins: readonly BureauPlugin<string, any>[];
  accessResolvers: AccessResolver[];
  /** Sources of /api/me's tenant list: direct memberships first, then e.g. provider clients. */
  tenantListers: TenantLister[];
  requestGuards: RequestGuard[];
  hooks: Hooks;
  /** Maintenance mode, backups and the local operator token (ops/, docs/operations.md). */
  operations: Operations;
  /** Prometheus metrics of this instance (http/metrics.ts). */
  metrics: Metrics;
  log(level: 'error' | 'info' | 'debug', message: string, fields?: Record<string, unknown>): void;
}
