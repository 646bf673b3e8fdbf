import { type Kysely, sql } from 'kysely';
import { accountMailHandlers } from './auth/account-mail.ts';
import { createLucia } from './auth/lucia.ts';
import { createAuthLimiters } from './auth/rate-limit.ts';
import { installBilling, restrictBillingGrants } from './billing/install.ts';
import { startBillingJobs } from './billing/jobs.ts';
import type { Config } from './config.ts';
import { connect, type Database } from './db/connect.ts';
import { coreMigrations } from './db/migrations/index.ts';
import { lockInstallation, type MigrationSet, migrate, refuseNewerSchema } from './db/migrator.ts';
import {
  APP_ROLE,
  CORE_REQUEST_FUNCTIONS,
  ensureAppRole,
  restrictDefinerFunctions,
  revokeSetConfig,
} from './db/roles.ts';
import { type EventOptions, startEventDispatcher } from './events/dispatcher.ts';
import { buildApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { createMailer } from './mail/mailer.ts';
import { createMailQueue } from './mail/queue.ts';
import { backupSchedule } from './ops/backups.ts';
import { createOperations } from './ops/operations.ts';
import { PARTY_EVENTS } from './parties/service.ts';
import type { BureauPlugin } from './plugins/define-plugin.ts';
import { checkPlugins, PluginRegistryError } from './plugins/registry.ts';
import { providerAccess, providerClientTenants } from './providers/index.ts';
import { disposalProposalSchedule, type RecordsJobs, startRecordsJobs } from './records/jobs.ts';
import { subjectRequestReminderSchedule } from './records/subject-reminders.ts';
import { type Clock, type Runtime, systemClock } from './runtime.ts';
import type { PlatformSchedule } from './schedules/define.ts';
import { installedSchedules, scheduleProblems } from './schedules/registry.ts';
import { type ScheduleOptions, startScheduler } from './schedules/runner.ts';
import { membershipAccess } from './tenancy/access.ts';
import { directTenants } from './tenancy/reachable.ts';

export interface BureauOptions {
  config: Config;
  plugins?: readonly BureauPlugin<string, any>[];
  clock?: Clock;
  /** Use an existing connection instead of connecting from config. */
  database?: Database;
  /** Event delivery settings (retries, backoff, background delivery); see events/dispatcher.ts. */
  events?: EventOptions;
  /** Jobs of the platform itself (e.g. scheduled backups), run once per cron period across all instances. */
  schedules?: readonly PlatformSchedule[];
  /** Scheduler settings (retries, tick interval); runs in the background unless tests drive `schedules.runDue`. */
  scheduler?: Partial<ScheduleOptions>;
  /** Token that opens the operator backup routes to `pnpm backup` on this machine (apps/server). */
  localToken?: string;
}

/**
 * Upgrades the installation: core's and every plugin's pending migrations, with the request role's
 * grants, in ONE transaction under the installation lock. Several instances starting at once migrate
 * once (the others wait, then find nothing pending); a failing migration leaves the database exactly
 * as it was; a database migrated by a newer build is refused (NewerSchemaError) before anything runs.
 */
export async function migrateAll(
  database: Database,
  plugins: readonly BureauPlugin<string, any>[],
  options: { /** The caller holds the installation lock on another session (a restore). */ locked?: boolean } = {},
) {
  const checked = checkPlugins(plugins, { coreEvents: PARTY_EVENTS });
  const sets: MigrationSet[] = [
    { owner: 'core', schema: 'core', migrations: coreMigrations },
    ...checked.map((p) => ({ owner: p.id, schema: p.id, migrations: p.migrations })),
  ];
  return database.db.transaction().execute(async (trx) => {
    if (!options.locked) await lockInstallation(trx);
    await refuseNewerSchema(trx, sets);
    await ensureAppRole(trx);
    const [core, ...modules] = sets as [MigrationSet, ...MigrationSet[]];
    const applied = await migrate(trx, core);
    await restrictCoreGrants(trx);
    for (const set of modules) applied.push(...(await migrate(trx, set)).map((m) => `${set.owner}:${m}`));
    // After every schema exists: functions running as their owner, the same after an upgrade or a restore.
    await restrictDefinerFunctions(
      trx,
      sets.map((s) => s.schema),
      [...CORE_REQUEST_FUNCTIONS, ...checked.flatMap((p) => p.requestFunctions ?? [])],
    );
    return applied;
  });
}

/** What the request role may not do on core's tables (the schema grant gave it all DML). */
export async function restrictCoreGrants(db: Kysely<any>) {
  // Secrets never reach the request role: it reads users' public columns only.
  await sql`revoke all on core.sessions, core.password_resets, core.users from ${sql.raw(APP_ROLE)}`.execute(db);
  await sql`grant select (id, email, name, locale) on core.users to ${sql.raw(APP_ROLE)}`.execute(db);
  // No request changes or deletes a tenant (issue 11, item 10). It may add one: a provider creating
  // a client tenant (providers/engagements.ts createClient) does it in its own request.
  await sql`revoke update, delete, truncate on core.tenants from ${sql.raw(APP_ROLE)}`.execute(db);
  // Nor sets `role` or `bureau.tenant_id` from a statement (migration 0050; pg_catalog is not in a backup).
  await revokeSetConfig(db);
  // The audit log is append-only for the request role.
  await sql`revoke update, delete, truncate on core.audit_log from ${sql.raw(APP_ROLE)}`.execute(db);
  // Scheduler bookkeeping across tenants is the platform's, never a request's.
  await sql`revoke all on core.schedule_ticks, core.platform_runs from ${sql.raw(APP_ROLE)}`.execute(db);
  // Queued account mails hold addresses and are the platform's (issue 11, item 7).
  await sql`revoke all on core.mail_jobs from ${sql.raw(APP_ROLE)}`.execute(db);
  // Second-factor secrets and recovery codes are the login's only.
  await sql`revoke all on core.user_totp, core.user_recovery_codes from ${sql.raw(APP_ROLE)}`.execute(db);
  await restrictBillingGrants(db);
}

/** Builds a running Bureau: database connected and migrated, runtime assembled, HTTP app ready. */
export async function createBureau(options: BureauOptions) {
  const { config } = options;
  const plugins = checkPlugins(options.plugins ?? [], { coreEvents: PARTY_EVENTS });
  // Core's own platform jobs (the daily backup, ops/backups.ts), then the caller's.
  let recordsJobs: RecordsJobs | null = null;
  const platformSchedules = [
    backupSchedule(config),
    disposalProposalSchedule(() => recordsJobs as RecordsJobs),
    subjectRequestReminderSchedule,
    ...(options.schedules ?? []),
  ].filter((s): s is PlatformSchedule => s !== null);
  const platformProblems = scheduleProblems(installedSchedules([], platformSchedules, config.billing.timeZone));
  if (platformProblems.length) throw new PluginRegistryError(platformProblems);
  const database =
    options.database ?? (await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir ?? undefined }));
  await migrateAll(database, plugins);
  const log: Runtime['log'] = (level, message, fields) => {
    const rank = { silent: 0, error: 1, info: 2, debug: 3 } as const;
    if (rank[level] > rank[config.logLevel]) return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  const clock = options.clock ?? systemClock;
  const runtime = {
    config,
    database,
    db: database.db,
    clock,
    log,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: (m) => log('info', m) }),
    lucia: createLucia({ db: database.db, config }),
    limiters: createAuthLimiters(() => clock.now().getTime(), { signupPerHour: config.signupPerHour }),
    plugins,
    accessResolvers: [membershipAccess, providerAccess],
    tenantListers: [directTenants, providerClientTenants],
    requestGuards: [],
    hooks: { beforeModuleEnable: [], afterModuleChange: [], beforeSeatAdded: [], moduleInfo: [], tenantCreated: [] },
  } as Omit<Runtime, 'operations' | 'mailQueue' | 'metrics'> as Runtime;
  runtime.operations = createOperations(runtime, options.localToken ?? null);
  runtime.metrics = createMetrics(runtime);
  installBilling(runtime);
  const app = buildApp(runtime);
  // The billing run (docs/billing.md) on pg-boss; tests drive it with runBilling or billing.runNow().
  const background = options.events?.background !== false && config.env !== 'test';
  runtime.mailQueue = createMailQueue(runtime, accountMailHandlers, { background });
  const events = await startEventDispatcher(runtime, options.events);
  const billing = await startBillingJobs(runtime, events.boss, { background });
  recordsJobs = startRecordsJobs(runtime, { background });
  const records = recordsJobs;
  const schedules = await startScheduler(runtime, events.boss, platformSchedules, {
    background,
    ...options.scheduler,
  });
  runtime.metrics.scheduleStats = () => schedules.stats();
  // On PostgreSQL, noticing another process restoring or upgrading the database (maintenance mode).
  if (background) runtime.operations.maintenance.watch(database);
  return {
    app,
    runtime,
    /** Event delivery: `events.drain()` delivers everything pending (tests, scripts). */
    events,
    /** Billing jobs: `billing.runNow()` runs trials, renewals and dunning now. */
    billing,
    /** Scheduled jobs: `schedules.runDue(at)` fans out and runs what is due at `at` (tests, scripts). */
    schedules,
    /** Account mails sent after the response: `mail.runPending()` sends what is queued now (tests, scripts). */
    mail: runtime.mailQueue,
    /** Records management jobs: `records.runPending()` runs queued disposal runs now (tests, scripts). */
    records,
    async close() {
      runtime.operations.maintenance.stop();
      await runtime.operations.backups.stop();
      await schedules.stop();
      await records.stop();
      await runtime.mailQueue.stop();
      await billing.stop();
      await events.stop();
      await database.close();
    },
  };
}

export type Bureau = Awaited<ReturnType<typeof createBureau>>;
