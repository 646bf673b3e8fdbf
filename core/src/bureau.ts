import { sql } from 'kysely';
import { createLucia } from './auth/lucia.ts';
import { createAuthLimiters } from './auth/rate-limit.ts';
import type { Config } from './config.ts';
import { connect, type Database } from './db/connect.ts';
import { coreMigrations } from './db/migrations/index.ts';
import { migrate } from './db/migrator.ts';
import { APP_ROLE, ensureAppRole } from './db/roles.ts';
import { buildApp } from './http/app.ts';
import { createMailer } from './mail/mailer.ts';
import type { BureauPlugin } from './plugins/define-plugin.ts';
import { type Clock, type Runtime, systemClock } from './runtime.ts';
import { membershipAccess } from './tenancy/access.ts';
import { directTenants } from './tenancy/reachable.ts';

export interface BureauOptions {
  config: Config;
  plugins?: readonly BureauPlugin<string, any>[];
  clock?: Clock;
  /** Use an existing connection instead of connecting from config. */
  database?: Database;
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
  for (const p of plugins) {
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
  const plugins = options.plugins ?? [];
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
    accessResolvers: [membershipAccess],
    tenantListers: [directTenants],
    requestGuards: [],
    hooks: { beforeModuleEnable: [], afterModuleChange: [], beforeSeatAdded: [], moduleInfo: [] },
  };
  const app = buildApp(runtime);
  return {
    app,
    runtime,
    async close() {
      await database.close();
    },
  };
}

export type Bureau = Awaited<ReturnType<typeof createBureau>>;
