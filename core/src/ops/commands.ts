import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { migrateAll } from '../bureau.ts';
import type { Config } from '../config.ts';
import { connect } from '../db/connect.ts';
import type { BureauPlugin } from '../plugins/define-plugin.ts';
import { createBackup } from './backup.ts';
import { installationState, type Query } from './catalogue.ts';
import { type DataDirLockInfo, dataDirHolder, lockDataDir } from './data-dir-lock.ts';
import { BackupError } from './errors.ts';
import { FILES_PREFIX, migrationLevel } from './manifest.ts';
import { redactUrl } from './pg-tools.ts';
import { restoreBackup, verifyAllChains } from './restore.ts';

/** What `pnpm backup` reports. */
export interface BackupSummary {
  path: string;
  bytes: number;
  sha256: string;
  tenants: number;
  files: number;
  migrationLevel: string[];
  /** True when the running server made it (embedded installations). */
  throughServer: boolean;
}

/** Whether an embedded data directory holds a database (PGlite writes PG_VERSION at initdb). */
export function hasEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

function noEmbedded(dataDir: string): BackupError {
  return new BackupError(
    'no_installation',
    `there is no embedded installation at ${resolve(dataDir)} (set BUREAU_DATA_DIR, or DATABASE_URL for PostgreSQL)`,
  );
}

async function moveFile(from: string, to: string) {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

/** Asks the running embedded server for a backup through its local operator route. */
async function backupThroughServer(
  holder: DataDirLockInfo,
  out: string | undefined,
  passphrase: string | undefined,
): Promise<BackupSummary> {
  let res: Response;
  try {
    res = await fetch(`${holder.url}/api/operator/backups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${holder.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(passphrase ? { passphrase } : {}),
    });
  } catch (err) {
    throw new BackupError(
      'server_unreachable',
      `the server holding the data directory (process ${holder.pid}) does not answer at ${holder.url}: ${(err as Error).message}`,
    );
  }
  const body = (await res.json().catch(() => null)) as any;
  if (res.status !== 201) {
    throw new BackupError(
      'server_backup_failed',
      `the running server could not make the backup: ${body?.title ?? res.status}`,
    );
  }
  let path = body.path as string;
  if (out && resolve(out) !== path) {
    if (existsSync(out)) throw new BackupError('exists', `${resolve(out)} exists already`);
    await moveFile(path, resolve(out));
    path = resolve(out);
  }
  return {
    path,
    bytes: body.bytes,
    sha256: body.sha256,
    tenants: body.tenants,
    files: body.files,
    migrationLevel: body.migrationLevel,
    throughServer: true,
  };
}

/**
 * `pnpm backup`: on PostgreSQL straight from the database; on the embedded database through the
 * running server when there is one (it alone may open the data directory), else by opening it.
 */
export async function backupInstallation(
  config: Config,
  options: { out: string; passphrase?: string | undefined },
): Promise<BackupSummary> {
  let database: Awaited<ReturnType<typeof connect>>;
  let release = async () => {};
  if (config.databaseUrl) {
    database = await connect({ databaseUrl: config.databaseUrl, poolSize: 2 });
  } else {
    const dataDir = config.dataDir ?? './.data';
    if (!hasEmbeddedDatabase(dataDir)) throw noEmbedded(dataDir);
    const holder = await dataDirHolder(dataDir);
    if (holder?.purpose === 'server' && holder.url && holder.token) {
      return backupThroughServer(holder, options.out, options.passphrase);
    }
    const lock = await lockDataDir(dataDir, 'backup');
    release = () => lock.release();
    database = await connect({ dataDir });
  }
  try {
    const r = await createBackup({
      database,
      storageDir: config.storageDir,
      out: options.out,
      passphrase: options.passphrase,
    });
    return {
      path: r.path,
      bytes: r.bytes,
      sha256: r.sha256,
      tenants: r.manifest.tenants,
      files: r.manifest.files.count,
      migrationLevel: migrationLevel(r.manifest.migrations),
      throughServer: false,
    };
  } finally {
    await database.close();
    await release();
  }
}

export interface MoveResult {
  to: string;
  tenants: number;
  tables: number;
  rows: number;
  files: number;
  chainsVerified: number;
  storageDir: string;
  dataDir: string;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * `pnpm move-to-postgres --to URL`: an embedded installation into an empty PostgreSQL database.
 * The source is brought to this build's level, backed up, and the backup restored into the target
 * (one transaction with the row-count check); then every table's count is compared with the source
 * and every audit chain verified. Attachments stay where they are unless `filesTo` names a new
 * (empty) storage directory; the embedded data directory is left as it was.
 */
export async function moveToPostgres(
  config: Config,
  options: {
    to: string;
    plugins: readonly BureauPlugin<string, any>[];
    filesTo?: string | undefined;
    log?: (line: string) => void;
  },
): Promise<MoveResult> {
  const log = options.log ?? (() => {});
  if (config.databaseUrl) {
    throw new BackupError('already_postgres', 'this installation runs on PostgreSQL already (DATABASE_URL is set)');
  }
  if (!/^postgres(ql)?:\/\//.test(options.to)) {
    throw new BackupError('bad_target', '--to must be a postgres:// URL of an empty database');
  }
  const dataDir = resolve(config.dataDir ?? './.data');
  if (!hasEmbeddedDatabase(dataDir)) throw noEmbedded(dataDir);
  const lock = await lockDataDir(dataDir, 'move').catch((err) => {
    if (err instanceof BackupError && err.code === 'in_use') {
      throw new BackupError('in_use', `${err.message}: stop it first, so nothing written after the copy is lost`);
    }
    throw err;
  });
  const work = await mkdtemp(join(tmpdir(), 'bureau-move-'));
  try {
    log(`Reading the embedded installation in ${dataDir} …`);
    const source = await connect({ dataDir });
    let archive: Awaited<ReturnType<typeof createBackup>>;
    try {
      const applied = await migrateAll(source, options.plugins);
      if (applied.length) log(`Brought it to this build's level first: ${applied.join(', ')}`);
      archive = await createBackup({ database: source, storageDir: config.storageDir, out: join(work, 'move.tar.gz') });
    } finally {
      await source.close();
    }
    const m = archive.manifest;
    log(
      `Copying ${m.tenants} tenants, ${Object.keys(m.tables).length} tables and ${m.files.count} files to ${redactUrl(options.to)} …`,
    );
    const storageDir = resolve(options.filesTo ?? config.storageDir);
    const restored = await restoreBackup({
      archive: archive.path,
      target: { databaseUrl: options.to, storageDir },
      plugins: options.plugins,
      files: !!options.filesTo,
      log,
    });
    // The files stay in place: check they are all there, byte for byte.
    if (!options.filesTo) {
      for (const member of m.members.filter((x) => x.name.startsWith(FILES_PREFIX))) {
        const path = join(storageDir, ...member.name.slice(FILES_PREFIX.length).split('/'));
        if ((await sha256Of(path).catch(() => null)) !== member.sha256) {
          throw new BackupError(
            'files_changed',
            `attachment ${member.name.slice(FILES_PREFIX.length)} changed or went missing during the move`,
          );
        }
      }
    }
    // Every table's count in the target equals the source's, and every chain verifies.
    const target = await connect({ databaseUrl: options.to, poolSize: 2 });
    try {
      const q: Query = async (text, params) =>
        (await (target.pool as NonNullable<typeof target.pool>).query(text, params as unknown[])).rows;
      const state = await installationState(q);
      for (const [table, n] of Object.entries(m.tables)) {
        if (state.tables[table] !== n) {
          throw new BackupError(
            'count_mismatch',
            `table ${table} has ${state.tables[table] ?? 'no'} rows in PostgreSQL, ${n} in the embedded database`,
          );
        }
      }
      const chains = await verifyAllChains(target);
      return {
        to: options.to,
        tenants: m.tenants,
        tables: Object.keys(m.tables).length,
        rows: Object.values(m.tables).reduce((a, b) => a + b, 0),
        files: m.files.count,
        chainsVerified: Math.max(chains, restored.chainsVerified),
        storageDir,
        dataDir,
      };
    } finally {
      await target.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    await lock.release();
  }
}
