import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway PostgreSQL 15 in a temporary directory on 127.0.0.1, for the bench and the fault
 * tests: initdb + pg_ctl from /usr/lib/postgresql/15/bin, run as user postgres when we are root.
 */

const run = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  /** Stops the server (fast: connections are cut, as in a crash of the database). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function pgCommand(cmd: string, args: string[]): [string, string[]] {
  const bin = join(PG_BIN, cmd);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function pg(cmd: string, args: string[]) {
  const [file, argv] = pgCommand(cmd, args);
  return run(file, argv, { maxBuffer: 16 * 1024 * 1024 });
}

export async function startThrowawayPostgres(
  options: { settings?: Record<string, string | number> } = {},
): Promise<ThrowawayPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'bureau-pg-'));
  await chmod(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const settings: Record<string, string | number> = {
    listen_addresses: "'127.0.0.1'",
    port,
    unix_socket_directories: `'${dir}'`,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: 200,
    shared_buffers: "'256MB'",
    ...options.settings,
  };
  const conf = Object.entries(settings)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
  await writeFile(join(dir, 'extra.conf'), `${conf}\n`);
  await chmod(join(dir, 'extra.conf'), 0o644);
  await run('sh', ['-c', `echo "include '${dir}/extra.conf'" >> ${data}/postgresql.conf`]);
  const handle: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async start() {
      await pg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    },
    async stop() {
      await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}

/** Whether the PostgreSQL binaries are installed here. */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await run(join(PG_BIN, 'pg_ctl'), ['--version']);
    return true;
  } catch {
    return false;
  }
}
