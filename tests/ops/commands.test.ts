import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from '@bureau/core';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type ServerProcess, signupOver, startServer } from '../support/server-process.ts';
import { installationEnv, runCommand } from './cli.ts';

/**
 * Issue 22's commands as an operator runs them, against the real server: `pnpm backup` while it
 * serves (embedded: the server makes it, since only one process may open the data directory),
 * `pnpm restore` into an empty target and its refusals (exit status, one line on stderr), and a
 * server that refuses a database migrated by a newer build.
 */

type Installation = Awaited<ReturnType<typeof installationEnv>>;
let source: Installation;
let target: Installation;
let server: ServerProcess | null = null;
const embedded = !process.env.DATABASE_URL;

beforeAll(async () => {
  source = await installationEnv();
  target = await installationEnv();
  server = await startServer(source.env);
  await signupOver(new HttpClient(server.origin), { email: 'owner@cli.test', slug: 'cli-firm' });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await source?.cleanup();
  await target?.cleanup();
});

const oneLine = (text: string) => text.trim().split('\n').length === 1;

describe('operations commands', () => {
  it('pnpm backup writes a whole archive while the server runs', async () => {
    const out = join(source.dir, 'nightly.tar.gz');
    const run = await runCommand('backup', ['--out', out], source.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(embedded ? /^Backup written by the running server: / : /^Backup written: /);
    expect(run.stdout).toContain('1 tenant, 0 attachment files');
    expect(existsSync(out)).toBe(true);
  }, 180_000);

  it('pnpm restore checks, restores into an empty target, and refuses it once it is not empty', async () => {
    const archive = join(source.dir, 'nightly.tar.gz');
    const check = await runCommand('restore', ['--check', archive], target.env);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('nothing was changed');
    const restored = await runCommand('restore', [archive], target.env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored into .*: 1 tenant, 0 attachment files; every table's row count matches/);
    const again = await runCommand('restore', [archive], target.env);
    expect(again.code).toBe(1);
    expect(oneLine(again.stderr)).toBe(true);
    expect(again.stderr).toMatch(/^restore: the (target database|data directory) .*not empty.*--force/);
  }, 300_000);

  it('refuses bad input with exit status 1 (2 for wrong usage) and one line', async () => {
    const notes = join(source.dir, 'notes.txt');
    await writeFile(notes, 'hello\n');
    const bad = await runCommand('restore', [notes], target.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`restore: ${notes} is not a Bureau backup\n`);
    const usage = await runCommand('restore', [], target.env);
    expect(usage.code).toBe(2);
    const move = await runCommand('move-to-postgres', ['--to', 'mysql://nope'], source.env);
    expect(move.code).toBe(1);
    expect(oneLine(move.stderr)).toBe(true);
  }, 180_000);

  it(embedded
    ? 'keeps a second process out of the data directory the server holds'
    : 'lets pnpm migrate run beside the server on PostgreSQL (the lock serialises upgrades)', async () => {
    const run = await runCommand('migrate', [], source.env);
    if (embedded) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^migrate: the data directory .* is in use by a running Bureau server \(process \d+/);
    } else {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Database is up to date');
    }
  }, 120_000);

  it('refuses to start on a database a newer build migrated, saying both levels', async () => {
    await server?.stop();
    server = null;
    const future = `insert into core.migrations (name, timestamp) values ('9999_from_the_future', '2099-01-01T00:00:00.000Z')`;
    if (embedded) {
      const db = await connect({ dataDir: source.env.BUREAU_DATA_DIR });
      await sql.raw(future).execute(db.db);
      await db.close();
    } else {
      const c = new pg.Client({ connectionString: source.env.DATABASE_URL });
      await c.connect();
      await c.query(future);
      await c.end();
    }
    const err = await startServer(source.env).then(
      (s) => {
        server = s;
        return '';
      },
      (e: Error) => e.message,
    );
    expect(err).toMatch(
      /Bureau did not start: this database is at migration core\/9999_from_the_future, this build knows up to core\/\d{4}_\w+/,
    );
  }, 180_000);
});
