import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createTestBureau } from '@bureau/core';
import { BackupError, readArchive } from '@bureau/core/ops';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationEnv, runCommand, startCommand } from './cli.ts';

/**
 * Issue 22: `kill -9` during `pnpm backup` never leaves a file that restore accepts. The archive is
 * written under a hidden `.partial` name and renamed only when complete; the test kills the command
 * while that file grows (a 24 MB attachment keeps it writing) and checks what is left.
 */

type Installation = Awaited<ReturnType<typeof installationEnv>>;
let inst: Installation;
let scratch: string;

beforeAll(async () => {
  inst = await installationEnv();
  const database = await connect({ databaseUrl: inst.env.DATABASE_URL, dataDir: inst.env.BUREAU_DATA_DIR });
  const t = await createTestBureau({
    plugins: installedPlugins,
    database,
    config: { storageDir: inst.env.BUREAU_STORAGE_DIR },
  });
  const owner = await t.signup();
  await t.close();
  const dir = join(inst.env.BUREAU_STORAGE_DIR as string, owner.tenant.id);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, randomUUID()), randomBytes(24 * 1024 * 1024));
  scratch = await mkdtemp(join(tmpdir(), 'bureau-kill-'));
}, 180_000);

afterAll(async () => {
  await inst?.cleanup();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Waits until the hidden partial archive of `out` exists with at least `bytes`; returns its path. */
async function partialOf(dir: string, out: string, bytes: number, deadline: number): Promise<string | null> {
  const prefix = `.${out}.partial-`;
  while (Date.now() < deadline) {
    for (const name of await readdir(dir)) {
      if (!name.startsWith(prefix)) continue;
      const s = await stat(join(dir, name)).catch(() => null);
      if (s && s.size >= bytes) return join(dir, name);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

describe('kill -9 during a backup', () => {
  it('leaves no archive under its name, and restore refuses what was half-written', async () => {
    let killedMidWrite = 0;
    for (const [i, threshold] of [1, 4 * 1024 * 1024].entries()) {
      const name = `killed-${i}.tar.gz`;
      const run = startCommand('backup', ['--out', join(scratch, name)], inst.env);
      const partial = await partialOf(scratch, name, threshold, Date.now() + 150_000);
      run.child.kill('SIGKILL');
      await run.done;
      expect(existsSync(join(scratch, name)), 'no archive under the final name').toBe(false);
      if (!partial) continue;
      killedMidWrite++;
      const err = await readArchive(partial, await mkdtemp(join(scratch, 'stage-'))).catch((e) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect((err as BackupError).code).toMatch(/^(damaged|incomplete)$/);
    }
    expect(killedMidWrite, 'the kill landed while the archive was being written').toBe(2);

    // Uninterrupted, the same command writes an archive that reads back whole.
    const done = await runCommand('backup', ['--out', join(scratch, 'whole.tar.gz')], inst.env);
    expect(done.code).toBe(0);
    const whole = await readArchive(join(scratch, 'whole.tar.gz'), await mkdtemp(join(scratch, 'stage-')));
    expect(whole.manifest.files).toEqual({ count: 1, bytes: 24 * 1024 * 1024 });
  }, 400_000);
});
