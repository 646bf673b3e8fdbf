import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bureau, createBureau, EVENTS_QUEUE } from '../src/index.ts';
import { crashConfig, crashEvents, crashPlugins } from './events-crash-child.ts';

const CHILD = join(import.meta.dirname, 'events-crash-child.ts');

/** Where the child and the restarted instance meet: a fresh database on the server, or a PGlite directory. */
const env: Record<string, string> = {};
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  const server = process.env.DATABASE_URL;
  if (server) {
    const name = `bureau_crash_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    env.CRASH_DATABASE_URL = url.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'bureau-crash-'));
    env.CRASH_DATA_DIR = dir;
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
});
afterAll(() => cleanup());

interface ChildRun {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/**
 * Runs the child on this Node (24, type stripping). With `killOn`, SIGKILLs it as soon as it prints
 * a line starting with that word; otherwise waits for it to end by itself.
 */
function runChild(mode: string, extraEnv: Record<string, string> = {}, killOn?: string): Promise<ChildRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD, mode], {
      env: { ...process.env, ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let i = buffer.indexOf('\n');
      while (i >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        lines.push(line);
        if (killOn && line.startsWith(killOn)) child.kill('SIGKILL');
        i = buffer.indexOf('\n');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ lines, signal, code, stderr });
    });
  });
}

const payload = (run: ChildRun, word: string) => {
  const line = run.lines.find((l) => l.startsWith(`${word} `));
  if (!line) throw new Error(`child printed no ${word}: ${JSON.stringify(run)}`);
  return line.slice(word.length + 1);
};

/** The instance after the restart, in this process. */
async function restart(): Promise<Bureau> {
  return createBureau({
    config: crashConfig(env),
    plugins: crashPlugins,
    events: { ...crashEvents, background: false },
  });
}

const entries = (b: Bureau, eventId: string) =>
  b.runtime.db.selectFrom('crashbooks.entries').select('n').where('event_id', '=', eventId).execute();

async function jobStates(b: Bureau, eventId: string): Promise<string[]> {
  const q = await b.events.boss.getQueue(EVENTS_QUEUE);
  if (!q) return [];
  const r = await sql<{ state: string }>`
    select state from ${sql.id('pgboss', q.table)}
    where name = ${EVENTS_QUEUE} and data->>'eventId' = ${eventId}`.execute(b.runtime.db);
  return r.rows.map((x) => x.state);
}

// Two cold starts of a child process and two restarts each: give them room on a loaded machine.
describe('a process killed between commit and delivery', { timeout: 240_000 }, () => {
  let session: { cookie: string; slug: string; tenantId: string; eventId: string };

  it('delivers the committed event exactly once after restart', async () => {
    const run = await runChild('commit', {}, 'READY');
    expect(run.signal).toBe('SIGKILL');
    session = JSON.parse(payload(run, 'READY'));

    const b = await restart();
    try {
      // The commit survived the kill; nothing was dispatched or delivered.
      const row = await b.runtime.db
        .selectFrom('core.outbox')
        .select(['type', 'dispatched_at'])
        .where('id', '=', session.eventId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ type: 'crashshop.sold', dispatched_at: null });
      expect(await entries(b, session.eventId)).toEqual([]);

      await b.events.drain({ timeoutMs: 30_000 });
      expect(await entries(b, session.eventId)).toEqual([{ n: 1 }]);
      expect(await jobStates(b, session.eventId)).toEqual(['completed']);
      // Draining again changes nothing.
      await b.events.drain();
      expect(await entries(b, session.eventId)).toHaveLength(1);
    } finally {
      await b.close();
    }
  });

  it('does not apply an event twice when the process dies after the handler committed', async () => {
    const run = await runChild('deliver', { CRASH_SESSION: JSON.stringify(session) });
    expect(run.signal, run.stderr).toBe('SIGKILL');
    const eventId = payload(run, 'DELIVERED');

    const b = await restart();
    try {
      // The handler's work committed, but pg-boss still holds the job as active: it will be redelivered.
      expect(await entries(b, eventId)).toEqual([{ n: 2 }]);
      expect(await jobStates(b, eventId)).toEqual(['active']);
      const processed = await b.runtime.db
        .selectFrom('core.processed_events')
        .select('handler')
        .where('event_id', '=', eventId)
        .execute();
      expect(processed).toEqual([{ handler: 'crashbooks' }]);

      // The delivery expires (expireInSeconds: 1), pg-boss retries it, the handler is skipped.
      await b.events.drain({ timeoutMs: 30_000 });
      expect(await jobStates(b, eventId)).toEqual(['completed']);
      expect(await entries(b, eventId)).toEqual([{ n: 2 }]);
      const dead = await b.runtime.db.selectFrom('core.event_dead_letters').select('id').execute();
      expect(dead).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
