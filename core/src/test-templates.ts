import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { migrateAll } from './bureau.ts';
import { connect, type Database } from './db/connect.ts';
import { coreMigrations } from './db/migrations/index.ts';
import type { BureauPlugin } from './plugins/define-plugin.ts';
import { TEMPLATES_ENV, templatePrefix } from './test-template-run.ts';

/**
 * Migrated test databases, built once per test run and plugin set, then copied for every test file
 * that asks for the same set: an in-memory PGlite cluster costs ~10 s to initialise and migrate and
 * ~3 s to load from a dump; on PostgreSQL `create database … template` skips the migrations.
 *
 * Only while the run has a template directory (test-template-run.ts, vitest's global setup, makes and
 * removes it and drops the run's PostgreSQL templates): a template never outlives the code that
 * migrated it.
 */
type Plugins = readonly BureauPlugin<string, any>[];

/** The run's template directory, or null when templates are off. */
function runDirectory(): string | null {
  return process.env[TEMPLATES_ENV] || null;
}

/**
 * Names a plugin set by every migration's owner, name and source text. Values a migration captures
 * from its closure are not seen: test plugins made by a factory differ by id or by migration name.
 */
export function schemaKey(plugins: Plugins): string {
  const hash = createHash('sha256');
  const sets = [{ id: 'core', migrations: coreMigrations }, ...plugins];
  for (const set of sets) {
    for (const name of Object.keys(set.migrations).sort()) {
      hash.update(`${set.id}/${name}\n${String(set.migrations[name]?.up)}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Runs `build` once per key across the run's worker processes; later callers wait, then find it done. */
async function once(dir: string, key: string, done: () => Promise<boolean>, build: () => Promise<void>) {
  const lock = join(dir, `${key}.lock`);
  for (;;) {
    if (await done()) return;
    try {
      await mkdir(lock);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      if (!(await done())) await build();
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
    return;
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A migrated in-memory PGlite for `plugins`, loaded from the run's dump (made here on the first call). */
export async function templatePglite(plugins: Plugins): Promise<Database | null> {
  const dir = runDirectory();
  if (!dir) return null;
  const file = join(dir, `${schemaKey(plugins)}.tar.gz`);
  let built: Database | null = null;
  await once(
    dir,
    schemaKey(plugins),
    () => exists(file),
    async () => {
      const database = await connect({});
      await migrateAll(database, plugins);
      await database.pglite?.exec('checkpoint');
      const dump = await database.pglite?.dumpDataDir('gzip');
      if (!dump) throw new Error('PGlite gave no data directory dump');
      await writeFile(`${file}.${process.pid}`, new Uint8Array(await dump.arrayBuffer()));
      await rename(`${file}.${process.pid}`, file);
      built = database;
    },
  );
  if (built) return built;
  return connect({ loadDataDir: new Blob([new Uint8Array(await readFile(file))]) });
}

/**
 * A migrated embedded data directory for `plugins`, to copy for a server under test (the e2e
 * harness), built on the first call.
 */
export async function templateDataDir(plugins: Plugins): Promise<string | null> {
  const dir = runDirectory();
  if (!dir) return null;
  const key = schemaKey(plugins);
  const dataDir = join(dir, `data-${key}`);
  await once(
    dir,
    `data-${key}`,
    () => exists(join(dataDir, 'PG_VERSION')),
    async () => {
      const building = `${dataDir}.building`;
      await rm(building, { recursive: true, force: true });
      const database = await connect({ dataDir: building });
      try {
        await migrateAll(database, plugins);
      } finally {
        await database.close();
      }
      await rename(building, dataDir);
    },
  );
  return dataDir;
}

/** The name of the run's migrated template database for `plugins` on `serverUrl`, made on the first call. */
export async function templatePostgres(serverUrl: string, plugins: Plugins): Promise<string | null> {
  const dir = runDirectory();
  if (!dir) return null;
  const key = schemaKey(plugins);
  const name = `${templatePrefix(dir)}${key}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const present = async () =>
      (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    await once(dir, `pg-${key}`, present, async () => {
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building}`);
      await admin.query(`create database ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      const database = await connect({ databaseUrl: url.toString(), poolSize: 1 });
      try {
        await migrateAll(database, plugins);
      } finally {
        await database.close();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
    });
  } finally {
    await admin.end();
  }
  return name;
}
