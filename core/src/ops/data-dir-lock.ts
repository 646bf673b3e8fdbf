import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BackupError } from './errors.ts';

/**
 * Only one process may open an embedded data directory (PGlite does not stop a second one, and two
 * would corrupt it). `<data dir>.lock`, beside the directory, names the process holding it: the
 * server (with its address and a token, so `pnpm backup` can ask it for a backup), or a restore or
 * move. A lock whose process is gone is stale and taken over.
 */
export interface DataDirLockInfo {
  pid: number;
  purpose: 'server' | 'restore' | 'move' | 'backup' | 'migrate';
  startedAt: string;
  /** The server's base URL (purpose server). */
  url?: string;
  /** Bearer token of the server's local operator routes (purpose server). */
  token?: string;
}

export interface DataDirLock {
  info: DataDirLockInfo;
  /** Updates what the lock says (e.g. the server's URL once it listens). */
  update(more: Partial<DataDirLockInfo>): Promise<void>;
  release(): Promise<void>;
}

export const lockPathOf = (dataDir: string) => `${resolve(dataDir)}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of a data directory's lock, or null. */
export async function dataDirHolder(dataDir: string): Promise<DataDirLockInfo | null> {
  try {
    const info = JSON.parse(await readFile(lockPathOf(dataDir), 'utf8')) as DataDirLockInfo;
    return Number.isInteger(info.pid) && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

function describeHolder(h: DataDirLockInfo): string {
  return h.purpose === 'server'
    ? `a running Bureau server (process ${h.pid}${h.url ? `, ${h.url}` : ''})`
    : `a running ${h.purpose} (process ${h.pid})`;
}

/** Takes the lock or refuses with a one-line reason naming the holder. */
export async function lockDataDir(
  dataDir: string,
  purpose: DataDirLockInfo['purpose'],
  more: Partial<DataDirLockInfo> = {},
): Promise<DataDirLock> {
  const path = lockPathOf(dataDir);
  let info: DataDirLockInfo = { pid: process.pid, purpose, startedAt: new Date().toISOString(), ...more };
  if (purpose === 'server' && !info.token) info.token = randomBytes(32).toString('base64url');
  const write = (flag: 'wx' | 'w') => writeFile(path, `${JSON.stringify(info)}\n`, { flag, mode: 0o600 });
  for (let attempt = 0; ; attempt++) {
    try {
      await write('wx');
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await dataDirHolder(dataDir);
    if (holder || attempt > 1) {
      throw new BackupError(
        'in_use',
        `the data directory ${resolve(dataDir)} is in use by ${holder ? describeHolder(holder) : 'another process'}`,
      );
    }
    // Stale: its process is gone.
    await rm(path, { force: true });
  }
  return {
    get info() {
      return info;
    },
    async update(next) {
      info = { ...info, ...next };
      await write('w');
    },
    async release() {
      const current = await readFile(path, 'utf8').catch(() => '');
      if (current && JSON.parse(current).pid === process.pid) await rm(path, { force: true });
    },
  };
}
