import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Actor, TenantEnv, TenantInfo } from '../http/env.ts';
import type { OutsideMail } from '../mail/outside.ts';
import type { NotificationInput, NotifyResult } from '../notifications/define.ts';
import type { ProviderTeam } from '../providers/client-teams.ts';
import type { PluginPersonalData } from '../records/classes.ts';
import type { PluginRecords } from '../records/declarations.ts';
import type { AttachmentInput } from '../records/store.ts';
import type { ScheduleDefinition } from '../schedules/define.ts';
import type { WorkflowDefinition } from '../workflows/define-workflow.ts';
import type { TransitionOptions, TransitionResult, WorkflowHandle } from '../workflows/handle.ts';

export interface LocalizedText {
  en: string;
  cs: string;
}

/** An event as delivered to handlers. `id` is stable across redeliveries: dedupe by it. */
export interface BureauEvent<P = unknown> {
  id: string;
  type: string;
  tenantId: string;
  payload: P;
  occurredAt: string;
}

/**
 * What a plugin's services, handlers and hooks receive: one tenant, one transaction.
 * `db` is already switched to the request role with row level security set to `tenant.id`.
 */
export interface PluginContext {
  tenant: TenantInfo;
  db: Kysely<any>;
  actor: Actor | null;
  now(): Date;
  /** Writes an event to the outbox in this transaction; delivered after commit. Returns the event id. */
  emit(type: string, payload: unknown): Promise<string>;
  /** Writes an audit row in this transaction. */
  audit(entry: AuditEntry): Promise<void>;
  /**
   * Audits a read of a sensitive record (e.g. a lab result): call it in every route or service that
   * returns one. Writes action `<entityType>.read` in this transaction.
   */
  auditRead(entityType: string, entityId: string): Promise<void>;
  /**
   * The tenant's own retention period of a record class (records management lets a tenant set it,
   * never below a statutory duty), or null where the class's standard applies. For a plugin's own
   * schedules that dispose of records by the class's period (core/src/records).
   */
  retentionPeriod(classKey: string): Promise<{ years: number; months: number } | null>;
  /**
   * Calls another plugin's service, declared in that plugin's `contract.ts` with `serviceRef`. Each
   * method call first checks that the service's module is enabled for this tenant and otherwise fails
   * with 409 `module_not_enabled` (so an optional integration should check `isEnabled` first).
   */
  use<T extends ServiceShape<T>>(ref: ServiceRef<T>): T;
  /** Whether a module is installed and enabled for this tenant (e.g. before an optional integration). */
  isEnabled(moduleId: string): Promise<boolean>;
  /**
   * Runs a named workflow transition on a record, in this transaction (core/src/workflows): the
   * record is locked, the current state and the guard are checked, and in a request the caller's
   * permission too (handlers and schedules act as the system). Writes the status, a status-history
   * row, an audit row and the event `<plugin>.<entity>.<transition>`.
   */
  transition<S extends string, T extends string>(
    workflow: WorkflowDefinition<S, T, any>,
    id: string,
    transition: NoInfer<T>,
    options?: TransitionOptions,
  ): Promise<TransitionResult<S>>;
  /** A workflow's records in this transaction: transition, start, view (state, allowed transitions, history). */
  workflow<S extends string, T extends string>(workflow: WorkflowDefinition<S, T, any>): WorkflowHandle<S, T>;
  /**
   * Notifies members of this tenant (core/src/notifications): given user ids, or everyone holding a
   * permission. Writes their inbox entries in this transaction (title and body as message keys with
   * params, rendered in each reader's language) and queues e-mail for after commit, per each user's
   * preferences. A user outside the tenant is 400 `recipient_not_in_tenant`, a permission nobody
   * holds 409 `no_recipients`; nothing is written then.
   */
  notify(notification: NotificationInput): Promise<NotifyResult>;
  /**
   * E-mails an address outside the tenant's members (a party's contact), in the given language, after
   * commit (core/src/mail/outside.ts); subject and text are declared messages. Returns the outbox
   * event's id. Keep personal data out of the params: they wait in the outbox.
   */
  mail(mail: OutsideMail): Promise<string>;
  /**
   * Stores a file as an attachment of an entity (core records: storage, retention class, content
   * type sniffed), in this transaction, audited as `record.uploaded`. The caller's own route decides
   * who may attach; reading it back follows the entity type's declared permissions.
   */
  attach(file: AttachmentInput): Promise<{ id: string; contentType: string }>;
  /**
   * Files every attachment of one of the plugin's entities under another of the same type (e.g. a
   * merged duplicate's files under the ticket it was merged into), in this transaction, audited as
   * `record.moved`. Returns how many moved.
   */
  moveAttachments(move: { entityType: string; fromId: string; toId: string }): Promise<number>;
  /**
   * Deletes chosen attachments of one of the plugin's entities (e.g. a delivery's signature when its
   * recipient's data is erased, the order's other files kept): hidden at once and their bytes purged
   * by the records job after the commit, audited as `record.deleted`. Returns how many.
   */
  deleteAttachments(del: { entityType: string; entityId: string; ids: readonly string[] }): Promise<number>;
  /**
   * The provider teams working in this tenant through an active engagement that covers a module (an
   * IT provider's helpdesk team, say): each with its provider, its grants here (capped by what the
   * tenant allowed) and its people's user ids (core/src/providers/client-teams.ts). Empty when no
   * provider serves the tenant for the module.
   */
  providerTeams(moduleId: string): Promise<ProviderTeam[]>;
}

/** A service is an object of async methods: every call may reach the database. */
export type ServiceShape<T> = { [K in keyof T]: (...args: any[]) => Promise<unknown> };

/** A typed reference to a service of a plugin; the only way plugins call each other. */
export interface ServiceRef<T> {
  readonly pluginId: string;
  readonly name: string;
  /** Carries the type only. */
  readonly __type?: T;
}

export function serviceRef<T extends ServiceShape<T>>(pluginId: string, name: string): ServiceRef<T> {
  return { pluginId, name };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** The Hono router a plugin adds its routes to; mounted at `/api/t/:tenant/<id>`. */
export type PluginRouter = OpenAPIHono<TenantEnv>;

export interface PluginDefinition<
  Id extends string = string,
  Services extends Record<string, unknown> = Record<string, never>,
> {
  /** URL segment, Postgres schema and permission prefix. Lowercase letters, digits, dashes. */
  id: Id;
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Plugin ids that must be installed and enabled first. */
  requires?: readonly string[];
  /**
   * Plugin ids this one works with when they are installed, never required (e.g. `it` with `hr`). A
   * handler in `on` for an event of such a plugin (`hr.employee.left`) is allowed while that plugin is
   * not installed (it never fires); once it is installed, the event must be declared like any other.
   */
  integrates?: readonly string[];
  /** Permissions this plugin defines, each `<id>.<name>`, with labels for the role editor. */
  permissions: Record<string, LocalizedText>;
  /** Permissions the built-in `member` role gets (e.g. read access). */
  memberPermissions?: readonly string[];
  /** Kysely migrations, run in order into schema `<id>` with the migration table `<id>.migrations`. */
  migrations: Record<string, Migration>;
  /**
   * Functions of this plugin that run as their owner (SECURITY DEFINER) and that the request role may
   * call, as `schema.name(argument types)`, e.g. `accounting.purge_tenant()`. Every other such function
   * is closed to the request role and to PUBLIC. Granted at every boot, since a restore loses grants.
   */
  requestFunctions?: readonly string[];
  /** Adds routes; each is declared with `defineRoute` and names the permission it needs. */
  routes?: (router: PluginRouter) => PluginRouter;
  /** Typed services other plugins call through this plugin's `contract` entry. */
  services?: { [K in keyof Services]: (ctx: PluginContext) => Services[K] };
  /** Event types this plugin emits, with a description. Handlers may only listen to declared types. */
  events?: Record<string, LocalizedText>;
  /**
   * Notification categories this plugin sends (`<id>.<name>` → label), which users can route to the
   * inbox, e-mail or off apart from the severity (`ctx.notify({ category })`).
   */
  notifications?: Record<string, LocalizedText>;
  /** Event handlers by type. At-least-once: must be idempotent (the processed-events record helps). */
  on?: Record<string, (event: BureauEvent<any>, ctx: PluginContext) => Promise<void>>;
  /** Runs in the tenant's transaction when a tenant enables the module (e.g. to seed data). */
  onEnable?: (ctx: PluginContext) => Promise<void>;
  /** Runs in the tenant's transaction when a tenant disables the module. Data stays. */
  onDisable?: (ctx: PluginContext) => Promise<void>;
  /** Deletes all of this tenant's data of the module (the confirmed purge action). */
  purge?: (ctx: PluginContext) => Promise<void>;
  /** Figures for the provider console, computed per client tenant. */
  summary?: (ctx: PluginContext) => Promise<Record<string, unknown>>;
  /** Seeds realistic sample data for a demo tenant. */
  demo?: (ctx: PluginContext) => Promise<void>;
  /**
   * Workflows of this plugin's entities, keyed by entity (`order` → entity type `<id>.order`, events
   * `<id>.order.<transition>`). Define each with `defineWorkflow`; mount its routes with `workflowRoutes`.
   */
  workflows?: Record<string, WorkflowDefinition<any, any, any>>;
  /**
   * Recurring jobs, keyed by name (`<id>.<name>`): each runs once per cron period for every tenant
   * that has the module enabled, in that tenant's transaction (core/src/schedules). A cron
   * expression that does not parse stops boot.
   */
  schedules?: Record<string, ScheduleDefinition>;
  /**
   * Records management: per entity type the permissions that read, attach and read sensitive
   * attachments, and which entity types hold special-category data (docs/events-audit-records.md).
   */
  records?: PluginRecords;
  /**
   * Personal data: the fields that hold it per entity type, and the hooks core calls for a data
   * subject's request: `export` everything about a person, `erase` the records no duty keeps.
   */
  personalData?: PluginPersonalData;
}

export type BureauPlugin<
  Id extends string = string,
  Services extends Record<string, unknown> = Record<string, never>,
> = PluginDefinition<Id, Services>;

/** Declares a server plugin. Returns it unchanged, typed. */
export function definePlugin<const Id extends string, Services extends Record<string, unknown> = Record<string, never>>(
  definition: PluginDefinition<Id, Services>,
): BureauPlugin<Id, Services> {
  return definition;
}
