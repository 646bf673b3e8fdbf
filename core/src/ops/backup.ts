import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import corePackage from '../../package.json' with { type: 'json' };
import type { Database } from '../db/connect.ts';
import { writeArchive } from './archive.ts';
import { type DumpResult, dumpPglite, dumpPostgres } from './dump.ts';
import { encryptingStream } from './encryption.ts';
import { BackupError } from './errors.ts';
import { storedFiles } from './files.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  FILES_PREFIX,
  MARKER_MEMBER,
  MARKER_TEXT,
  type Manifest,
  PG_DUMP_MEMBER,
  SQL_DUMP_MEMBER,
} from './manifest.ts';

export const BUREAU_VERSION: string = corePackage.version;

export interface BackupOptions {
  database: Database;
  /** Where attachments are stored (config.storageDir). */
  storageDir: string;
  /** The archive to write; refused when it exists. */
  out: string;
  /** Encrypts the archive when set. */
  passphrase?: string | undefined;
  now?: Date;
}

export interface BackupResult {
  path: string;
  manifest: Manifest;
  /** SHA-256 of the archive file itself, for the operator to keep beside it. */
  sha256: string;
  bytes: number;
}

/** `bureau-2025-01-31T02-00-00Z.tar.gz` (or `.tar.gz.enc` when encrypted). */
export function backupFileName(at: Date, encrypted: boolean): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return `bureau-${stamp}.tar.gz${encrypted ? '.enc' : ''}`;
}

/** Whether a file name is one backupFileName makes (so the schedule prunes nothing else). */
export function isBackupFileName(name: string): boolean {
  return /^bureau-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.tar\.gz(\.enc)?$/.test(name);
}

async function fsyncPath(path: string) {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes one archive of the whole installation: the database dump (consistent, while the server
 * runs), every attachment file, and the manifest. The bytes go to `<out>.partial-…` first and are
 * renamed to `out` only once complete and synced, so an interrupted backup (even `kill -9`) never
 * leaves a file under the archive's name.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const out = resolve(options.out);
  if (await stat(out).catch(() => null)) throw new BackupError('exists', `${out} exists already`);
  await mkdir(dirname(out), { recursive: true });
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  const work = await mkdtemp(join(tmpdir(), 'bureau-backup-'));
  try {
    const { database } = options;
    const dumpMember = database.kind === 'postgres' ? PG_DUMP_MEMBER : SQL_DUMP_MEMBER;
    const dumpFile = join(work, dumpMember);
    let state: DumpResult;
    if (database.kind === 'postgres') {
      const url = (database.pool?.options as { connectionString?: string } | undefined)?.connectionString;
      if (!database.pool || !url) throw new BackupError('no_database', 'the PostgreSQL connection has no URL');
      state = await dumpPostgres(database.pool, url, dumpFile);
    } else {
      if (!database.pglite) throw new BackupError('no_database', 'the embedded database is not open');
      state = await dumpPglite(database.pglite, dumpFile);
    }
    // Files after the database: an upload that commits meanwhile only adds an unreferenced file.
    const files = await storedFiles(options.storageDir);

    const encrypt = options.passphrase ? await encryptingStream(options.passphrase) : null;
    const output = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const archive = writeArchive(output, encrypt);
    try {
      const members = [await archive.addBuffer(MARKER_MEMBER, Buffer.from(MARKER_TEXT))];
      const dumpSize = (await stat(dumpFile)).size;
      members.push(await archive.add(dumpMember, dumpSize, createReadStream(dumpFile)));
      let fileBytes = 0;
      for (const key of files) {
        const path = join(options.storageDir, ...key.split('/'));
        // Open first: a file deleted since it was listed is skipped; one replaced keeps the bytes opened.
        const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return null;
          throw err;
        });
        if (!fh) continue;
        const size = (await fh.stat()).size;
        const member = await archive.add(`${FILES_PREFIX}${key}`, size, fh.createReadStream());
        fileBytes += member.size;
        members.push(member);
      }
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        bureauVersion: BUREAU_VERSION,
        createdAt: (options.now ?? new Date()).toISOString(),
        database: { kind: database.kind, serverVersion: state.serverVersion, member: dumpMember },
        schemas: state.schemas,
        migrations: state.migrations,
        tables: state.tables,
        tenants: state.tables['core.tenants'] ?? 0,
        files: { count: members.length - 2, bytes: fileBytes },
        members,
      };
      const { sha256, bytes } = await archive.finish(manifest);
      await fsyncPath(partial);
      await rename(partial, out);
      await fsyncPath(dirname(out)).catch(() => {});
      return { path: out, manifest, sha256, bytes };
    } catch (err) {
      archive.abort(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
