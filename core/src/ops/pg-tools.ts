import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BackupError } from './errors.ts';

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore, psql) for installations on a PostgreSQL
 * server. Found in BUREAU_PG_BIN, else the newest /usr/lib/postgresql/<major>/bin (Debian), else
 * on PATH. pg_dump must be at least as new as the server.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore' | 'psql', env = process.env): string {
  const dirs: string[] = [];
  if (env.BUREAU_PG_BIN) dirs.push(env.BUREAU_PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...majors.map((m) => join(debian, m, 'bin')));
  }
  dirs.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  for (const dir of dirs) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new BackupError(
    'pg_tools_missing',
    `${name} was not found: install PostgreSQL's client programs (Debian: postgresql-client) or set BUREAU_PG_BIN`,
  );
}

/**
 * libpq arguments for a postgres:// URL without putting the password on the command line (where
 * `ps` shows it): the URL without the password, and PGPASSWORD in the environment.
 */
export function libpqTarget(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {};
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return { dbname: url.toString(), env };
}

/** The URL with its password hidden, for messages. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'the database';
  }
}

export interface ToolRun {
  child: ChildProcess;
  /** Resolves when the program exits 0; rejects with its first error line otherwise. */
  done: Promise<void>;
}

/** Starts a PostgreSQL program; stderr is collected for the error message. */
export function runTool(path: string, args: string[], env: Record<string, string> = {}, stdin = false): ToolRun {
  const child = spawn(path, args, {
    env: { ...process.env, ...env, PGAPPNAME: 'bureau-ops' },
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-20_000);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (err) => reject(new BackupError('pg_tool_failed', `${path}: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const lines = stderr.split('\n').map((l) => l.trim());
      const error = lines.find((l) => /\b(ERROR|FATAL|error):/.test(l)) ?? lines.find(Boolean) ?? '';
      const name = path.split('/').at(-1);
      reject(
        new BackupError(
          'pg_tool_failed',
          `${name} failed (${signal ?? `exit ${code}`})${error ? `: ${error.replace(/^.*?(ERROR|FATAL|error):\s*/, '')}` : ''}`,
        ),
      );
    });
  });
  return { child, done };
}
