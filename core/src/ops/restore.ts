import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import pg from 'pg';
import { verifyChain } from '../audit/verify.ts';
import { migrateAll } from '../bureau.ts';
import { connect, type Database } from '../db/connect.ts';
import { coreMigrations } from '../db/migrations/index.ts';
import { INSTALLATION_LOCK, newerMessage } from '../db/migrator.ts';
import type { BureauPlugin } from '../plugins/define-plugin.ts';
import { readArchive } from './archive.ts';
import { bureauSchemas, type Query } from './catalogue.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { BackupError, NewerSchemaError } from './errors.ts';
import { storedFiles } from './files.ts';
import { loadIntoPglite, loadIntoPostgres } from './load.ts';
import type { Manifest } from './manifest.ts';
import { redactUrl } from './pg-tools.ts';

export interface RestoreTarget {
  /** postgres://… of an empty database; unset restores into the embedded `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string | null | undefined;
  /** Where the attachment files go (config.storageDir). */
  storageDir: string;
}

export interface RestoreOptions {
  archive: string;
  passphrase?: string | undefined;
  target: RestoreTarget;
  /** The build's installed plugins: their migrations decide what this build can restore. */
  plugins: readonly BureauPlugin<string, any>[];
  /** Replace a target that is not empty. */
  force?: boolean;
  /** Stop after checking the archive and the target (touches nothing). */
  checkOnly?: boolean;
  /** Migrate to this build's level afterwards (default true; the upgrade test looks in between). */
  migrate?: boolean;
  /** Restore the attachment files too (default true; a move leaves them where they are). */
  files?: boolean;
  /** Progress lines for the operator. */
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  /** Migrations run after the restore to reach this build's level. */
  migrated: string[];
  /** Tenants whose audit chain was verified. */
  chainsVerified: number;
  files: number;
  /** Where a replaced (--force) data directory or storage directory was moved, to delete when satisfied. */
  keptAside: string[];
}

/** Refuses an archive this build cannot take: a newer migration, or a module it does not install. */
export function checkCompatible(manifest: Manifest, plugins: readonly BureauPlugin<string, any>[]): void {
  const known = new Map<string, string[]>([
    ['core', Object.keys(coreMigrations)],
    ...plugins.map((p) => [p.id, Object.keys(p.migrations)] as [string, string[]]),
  ]);
  for (const [owner, names] of Object.entries(manifest.migrations)) {
    const ours = known.get(owner);
    if (!ours) {
      throw new BackupError(
        'unknown_module',
        `this backup holds module "${owner}" (migration ${owner}/${[...names].sort().at(-1)}), which this build does not install`,
      );
    }
    const unknown = names.filter((n) => !ours.includes(n));
    if (unknown.length) throw new NewerSchemaError(newerMessage('this backup', owner, unknown, ours));
  }
}

async function isEmptyDir(path: string): Promise<boolean> {
  const entries = await readdir(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries.length === 0;
}

const sibling = (path: string, what: string) =>
  `${resolve(path)}.${what}-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;

/**
 * Restores a backup into an empty target (or, with `force`, in place of a non-empty one):
 * 1. reads the whole archive into a scratch directory and checks its manifest and every checksum;
 * 2. refuses an archive of a newer build or of a module this build lacks, and a non-empty target;
 * 3. loads the database in one transaction that checks every table's row count before it commits,
 *    and the files into a new directory beside the target;
 * 4. swaps the new data in (a replaced directory is kept aside), migrates it to this build's level,
 *    and verifies every tenant's audit chain.
 * Nothing of the target changes before step 3, and a failure in step 3 leaves it as it was.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const { target } = options;
  const stage = await mkdtemp(join(tmpdir(), 'bureau-restore-'));
  const cleanups: Array<() => Promise<void>> = [async () => rm(stage, { recursive: true, force: true })];
  try {
    log(`Checking ${options.archive} …`);
    const { manifest } = await readArchive(options.archive, stage, options.passphrase);
    log(
      `The backup is whole: ${manifest.members.length} members, ${manifest.tenants} tenants, ${manifest.files.count} files, made ${manifest.createdAt} by Bureau ${manifest.bureauVersion} (${manifest.database.kind}).`,
    );
    checkCompatible(manifest, options.plugins);
    if (!target.databaseUrl && manifest.database.kind === 'postgres') {
      throw new BackupError(
        'wrong_target',
        'this backup was made from PostgreSQL: restore it into PostgreSQL (set DATABASE_URL to an empty database)',
      );
    }

    // The target: its lock, and whether it is empty.
    let installationLock: pg.Client | null = null;
    let existingSchemas: string[] = [];
    if (target.databaseUrl) {
      installationLock = new pg.Client({ connectionString: target.databaseUrl });
      installationLock.on('error', () => {});
      await installationLock.connect().catch((err: Error) => {
        throw new BackupError(
          'target_unreachable',
          `cannot reach ${redactUrl(target.databaseUrl as string)}: ${err.message}`,
        );
      });
      const client = installationLock;
      cleanups.push(async () => client.end().catch(() => {}));
      const q: Query = async (text, params) => (await client.query(text, params as unknown[])).rows;
      existingSchemas = await bureauSchemas(q);
      if (existingSchemas.length && !options.force) {
        throw new BackupError(
          'target_not_empty',
          `the target database is not empty (it holds ${existingSchemas.join(', ')}): restore into an empty database or pass --force to replace it`,
        );
      }
    } else {
      if (!target.dataDir) throw new BackupError('no_target', 'no target: set DATABASE_URL or BUREAU_DATA_DIR');
      const lock = await lockDataDir(target.dataDir, 'restore');
      cleanups.push(() => lock.release());
      if (!(await isEmptyDir(target.dataDir)) && !options.force) {
        throw new BackupError(
          'target_not_empty',
          `the data directory ${resolve(target.dataDir)} is not empty: restore into an empty one or pass --force to replace it`,
        );
      }
    }
    const withFiles = options.files !== false;
    const storageEmpty = !withFiles || (await storedFiles(target.storageDir)).length === 0;
    if (!storageEmpty && !options.force) {
      throw new BackupError(
        'target_not_empty',
        `the storage directory ${resolve(target.storageDir)} holds attachments: restore into an empty one or pass --force to replace it`,
      );
    }
    if (options.checkOnly) return { manifest, migrated: [], chainsVerified: 0, files: 0, keptAside: [] };

    // Running servers on this database answer 503 until we are done; starting ones wait.
    await installationLock?.query('select pg_advisory_lock($1::bigint)', [INSTALLATION_LOCK.toString()]);

    // Everything new is written beside the target first; nothing visible changes until it is complete.
    // The default storage directory lies inside the embedded data directory: then the files go
    // into the new data directory and move in with it.
    const storage = resolve(target.storageDir);
    const dataDir = target.databaseUrl ? null : resolve(target.dataDir as string);
    const storageInData = !!dataDir && (storage === dataDir || storage.startsWith(`${dataDir}${sep}`));
    const newData = dataDir ? sibling(dataDir, 'restoring') : null;
    const newStorage = storageInData
      ? join(newData as string, relative(dataDir as string, storage))
      : sibling(storage, 'restoring');
    if (newData) cleanups.push(async () => rm(newData, { recursive: true, force: true }));
    cleanups.push(async () => rm(newStorage, { recursive: true, force: true }));
    const copyFiles = async () => {
      if (!withFiles) return;
      await mkdir(newStorage, { recursive: true });
      if (manifest.files.count) await cp(join(stage, 'files'), newStorage, { recursive: true });
    };
    const swapIn = async (current: string, next: string, empty: boolean) => {
      if (await stat(current).catch(() => null)) {
        if (empty) await rm(current, { recursive: true, force: true });
        else {
          const aside = sibling(current, 'replaced');
          await rename(current, aside);
          keptAside.push(aside);
        }
      }
      await rename(next, current);
    };

    log('Loading the database …');
    const keptAside: string[] = [];
    if (!storageInData) await copyFiles();
    if (target.databaseUrl) {
      await loadIntoPostgres(target.databaseUrl, stage, manifest, existingSchemas);
    } else {
      await loadIntoPglite(newData as string, stage, manifest);
      if (storageInData) await copyFiles();
      await swapIn(dataDir as string, newData as string, await isEmptyDir(dataDir as string));
    }
    if (withFiles && !storageInData) await swapIn(storage, newStorage, storageEmpty);

    // Forward to this build's level, then check every tenant's audit chain.
    const database: Database = await connect({ databaseUrl: target.databaseUrl, dataDir: target.dataDir ?? undefined });
    try {
      let migrated: string[] = [];
      if (options.migrate !== false) {
        log('Migrating to this build …');
        // We hold the installation lock on another session already.
        migrated = await migrateAll(database, options.plugins, { locked: !!installationLock });
      }
      const chainsVerified = await verifyAllChains(database);
      log(`Audit chains of ${chainsVerified} tenants verify.`);
      return { manifest, migrated, chainsVerified, files: withFiles ? manifest.files.count : 0, keptAside };
    } finally {
      await database.close();
    }
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  }
}

/** Verifies every tenant's audit chain; throws naming the first that does not verify. */
export async function verifyAllChains(database: Database): Promise<number> {
  const tenants = await database.db.selectFrom('core.tenants').select(['id', 'slug']).orderBy('slug').execute();
  for (const t of tenants) {
    const v = await verifyChain(database.db, t.id);
    if (!v.ok) {
      throw new BackupError(
        'audit_chain_broken',
        `the audit chain of tenant "${t.slug}" does not verify (${v.broken?.reason} at entry ${v.broken?.seq})`,
      );
    }
  }
  return tenants.length;
}
