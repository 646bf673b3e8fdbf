import { sql } from 'kysely';
import { createLucia } from './auth/lucia.ts';
import { createAuthLimiters } from './auth/rate-limit.ts';
import { installBilling, restrictBillingGrants } from './billing/install.ts';
import { startBillingJobs } from './billing/jobs.ts';
import type { Config } from './config.ts';
import { connect, type Database } from './db/connect.ts';
import { coreMigrations } from './db/migrations/index.ts';
import { migrate } from './db/migrator.ts';
import { APP_ROLE, ensureAppRole } from './db/roles.ts';
import { type EventOptions, startEventDispatcher } from './events/dispatcher.ts';
import { buildApp } from './http/app.ts';
import { createMailer } from './mail/mailer.ts';
import type { BureauPlugin } from './plugins/define-plugin.ts';
import { checkPlugins } from './plugins/registry.ts';
import { providerAccess, providerClientTenants } from './providers/index.ts';
import { type Clock, type Runtime, systemClock } from './runtime.ts';
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
}

/** Runs core's and every plugin's pending migrations. */
export async function migrateAll(database: Database, plugins: readonly BureauPlugin<string, any>[]) {
  await ensureAppRole(database.db);
  const applied = await migrate(database.db, { owner: 'core', schema: 'core', migrations: coreMigrations });
  // Secrets never reach the request role: it reads users' public columns only.
  await sql`revoke all on core.sessions, core.password_resets, core.users from ${sql.raw(APP_ROLE)}`.execute(
    database.db,
  );
  await sql`grant select (id, email, name, locale) on core.users to ${sql.raw(APP_ROLE)}`.execute(database.db);
  // The audit log is append-only for the request role (the schema grant above gave it all DML).
  await sql`revoke update, delete, truncate on core.audit_log from ${sql.raw(APP_ROLE)}`.execute(database.db);
  await restrictBillingGrants(database.db);
  for (const p of checkPlugins(plugins)) {
    applied.push(
      ...(await migrate(database.db, { owner: p.id, schema: p.id, migrations: p.migrations })).map(
        (m) => `${p.id}:${m}`,
      ),
    );
  }
  return applied;
}

/** Builds a running Bureau: database connected and migrated, runtime assembled, HTTP app ready. */
export async function createBureau(options: BureauOptions) {
  const { config } = options;
  const plugins = checkPlugins(options.plugins ?? []);
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
  const runtime: Runtime = {
    config,
    database,
    db: database.db,
    clock,
    log,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: (m) => log('info', m) }),
    lucia: createLucia({ db: database.db, config }),
    limiters: createAuthLimiters(() => clock.now().getTime()),
    plugins,
    accessResolvers: [membershipAccess, providerAccess],
    tenantListers: [directTenants, providerClientTenants],
    requestGuards: [],
    hooks: { beforeModuleEnable: [], afterModuleChange: [], beforeSeatAdded: [], moduleInfo: [], tenantCreated: [] },
  };
  installBilling(runtime);
  const app = buildApp(runtime);
  const events = await startEventDispatcher(runtime, options.events);
  // The billing run (docs/billing.md) on pg-boss; tests drive it with runBilling or billing.runNow().
  const billing = await startBillingJobs(runtime, events.boss, {
    background: options.events?.background !== false && config.env !== 'test',
  });
  return {
    app,
    runtime,
    /** Event delivery: `events.drain()` delivers everything pending (tests, scripts). */
    events,
    /** Billing jobs: `billing.runNow()` runs trials, renewals and dunning now. */
    billing,
    async close() {
      await billing.stop();
      await events.stop();
      await database.close();
    },
  };
}

export type Bureau = Awaited<ReturnType<typeof createBureau>>;
