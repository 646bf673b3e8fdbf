import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createTestBureau, createTestDatabase, seedDemo, type TestDatabase } from '@bureau/core';
import { installationState, type Query, verifyAllChains } from '@bureau/core/ops';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.ts';
import { runCommand } from './cli.ts';
import { uploadAttachment } from './helpers.ts';

/**
 * Issue 22: `pnpm move-to-postgres` carries the demo firm from the embedded database into an empty
 * PostgreSQL database: every table's row count equal, every audit chain verifying, the attachment
 * still served, and the command says what to set next. The target is a fresh database on
 * DATABASE_URL's server, or (in the embedded run) a throwaway PostgreSQL 15 started here.
 */

let dir: string;
let env: Record<string, string>;
let target: TestDatabase;
let throwaway: ThrowawayPostgres | null = null;
let attachment: { id: string; sha256: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bureau-move-'));
  env = { BUREAU_DATA_DIR: join(dir, 'data'), BUREAU_STORAGE_DIR: join(dir, 'files') };
  const t = await createTestBureau({
    plugins: installedPlugins,
    database: await connect({ dataDir: env.BUREAU_DATA_DIR }),
    config: { storageDir: env.BUREAU_STORAGE_DIR },
  });
  await seedDemo(t.runtime, { print: false });
  const owner = await t.login('owner@demo-firm.example', 'bureau-demo');
  attachment = await uploadAttachment(t, owner.cookie, 'demo-firm', Buffer.from('%PDF-1.4\nmoved with the firm\n'));
  await t.events.drain();
  await t.close();
  if (!process.env.DATABASE_URL) throwaway = await startThrowawayPostgres();
  target = await createTestDatabase(process.env.DATABASE_URL ?? throwaway?.url);
  await target.database.close();
}, 240_000);

afterAll(async () => {
  await target?.drop();
  await throwaway?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const counts = async (database: Awaited<ReturnType<typeof connect>>) => {
  const q: Query = async (text, params) =>
    database.pool
      ? (await database.pool.query(text, params as unknown[])).rows
      : ((await database.pglite?.query<Record<string, any>>(text, params as unknown[]))?.rows ?? []);
  return (await installationState(q)).tables;
};

describe('move to PostgreSQL', () => {
  it('carries the demo firm across with equal counts and verifying audit chains', async () => {
    const run = await runCommand('move-to-postgres', ['--to', target.url as string], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Moved to postgres:\/\/.*: 2 tenants, \d+ tables \(\d+ rows, every count equal.*1 attachment file;.*audit chains of 2 tenants verify/,
    );
    expect(run.stdout).toContain(`DATABASE_URL=${target.url}`);
    expect(run.stdout).toContain(`BUREAU_STORAGE_DIR=${env.BUREAU_STORAGE_DIR}`);
    expect(run.stdout).toContain('docs/scaling.md');

    const source = await connect({ dataDir: env.BUREAU_DATA_DIR });
    const moved = await connect({ databaseUrl: target.url, poolSize: 2 });
    try {
      const before = await counts(source);
      const after = await counts(moved);
      expect(Object.keys(before).length).toBeGreaterThan(30);
      expect(after).toEqual(before);
      expect(await verifyAllChains(moved)).toBe(2);
    } finally {
      await source.close();
    }

    // Run as the command says: PostgreSQL, the files where they were.
    const t = await createTestBureau({
      plugins: installedPlugins,
      database: moved,
      config: { storageDir: env.BUREAU_STORAGE_DIR },
    });
    try {
      const owner = await t.login('owner@demo-firm.example', 'bureau-demo');
      const res = await owner.request('GET', `/api/t/demo-firm/records/${attachment.id}/content`);
      expect(res.status).toBe(200);
      expect(
        createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex'),
      ).toBe(attachment.sha256);
    } finally {
      await t.close();
    }
  }, 400_000);
});
