import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The operations commands as an operator runs them: `node apps/server/src/<name>.ts …`. */
export const commandPath = (name: 'backup' | 'restore' | 'move-to-postgres' | 'migrate') =>
  fileURLToPath(new URL(`../../apps/server/src/${name}.ts`, import.meta.url));

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function startCommand(
  name: Parameters<typeof commandPath>[0],
  args: string[],
  env: Record<string, string | undefined>,
): { child: ChildProcess; done: Promise<CommandRun> } {
  const child = spawn(process.execPath, [commandPath(name), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'error', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<CommandRun>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

export const runCommand = (...a: Parameters<typeof startCommand>) => startCommand(...a).done;

/** An installation's environment: a fresh database on DATABASE_URL's server, or an embedded data directory. */
export async function installationEnv(): Promise<{
  env: Record<string, string>;
  dir: string;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'bureau-cli-'));
  const base = process.env.DATABASE_URL;
  if (!base) {
    return {
      dir,
      env: {
        BUREAU_DATA_DIR: join(dir, 'data'),
        BUREAU_STORAGE_DIR: join(dir, 'files'),
        BUREAU_BACKUP_DIR: join(dir, 'backups'),
      },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `bureau_cli_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    dir,
    env: {
      DATABASE_URL: url.toString(),
      BUREAU_STORAGE_DIR: join(dir, 'files'),
      BUREAU_BACKUP_DIR: join(dir, 'backups'),
    },
    async cleanup() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
