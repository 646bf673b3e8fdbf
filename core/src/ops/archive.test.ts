import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchive, writeArchive } from './archive.ts';
import { BackupError } from './errors.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MARKER_MEMBER, type Manifest, SQL_DUMP_MEMBER } from './manifest.ts';

/**
 * A backup cut short anywhere is refused as damaged or incomplete, and never waits forever: a restore of
 * an archive killed at 80 KB once hung because node's pipeline never saw the tar member fail when the
 * gzip under it ended early (CI, tests/ops/kill-backup). Deterministic here: the archive (marker, dump,
 * files, manifest) is cut at 399 points; with the old `pipeline(entry, …)` the cut at 65,839 bytes (inside
 * the dump) hung, checked.
 */

let dir: string;
let whole: Buffer;

/** Fails instead of hanging: the regression was a promise that never settled. */
const settlesWithin = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_r, reject) => setTimeout(() => reject(new Error(`readArchive hung for ${ms} ms`)), ms)),
  ]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bureau-archive-'));
  const path = join(dir, 'whole.tar.gz');
  const writer = writeArchive(createWriteStream(path), null);
  const marker = await writer.addBuffer(MARKER_MEMBER, Buffer.from('Bureau backup\n'));
  // Incompressible, so the dump spans most of the gzip stream and the cuts land inside it.
  const dump = await writer.addBuffer(SQL_DUMP_MEMBER, randomBytes(300 * 1024));
  const files = [];
  for (let i = 0; i < 12; i++) {
    files.push(
      await writer.addBuffer(
        `files/00000000-0000-4000-8000-00000000000${i % 3}/00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
        Buffer.from(`file ${i}\n`.repeat(200 * i)),
      ),
    );
  }
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    bureauVersion: 'test',
    createdAt: '2026-12-07T00:00:00Z',
    database: { kind: 'pglite', serverVersion: 'test', member: SQL_DUMP_MEMBER },
    schemas: [],
    migrations: {},
    tables: {},
    tenants: 0,
    files: { count: 0, bytes: 0 },
    members: [marker, dump, ...files],
  };
  await writer.finish(manifest);
  whole = await readFile(path);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readArchive on an archive cut short', () => {
  it('reads the whole archive (the cut versions below are of this sound file)', async () => {
    const path = join(dir, 'copy.tar.gz');
    await writeFile(path, whole);
    const opened = await settlesWithin(readArchive(path, await mkdtemp(join(dir, 'x-'))), 10_000);
    expect(opened.manifest.members.map((m) => m.name).slice(0, 2)).toEqual([MARKER_MEMBER, SQL_DUMP_MEMBER]);
    expect(opened.manifest.members).toHaveLength(14);
  });

  it('refuses it cut at any of 400 points as damaged or incomplete, without hanging', async () => {
    for (let k = 1; k < 400; k++) {
      const bytes = Math.max(3, Math.floor((whole.length * k) / 400));
      const path = join(dir, `cut-${bytes}.tar.gz`);
      await writeFile(path, whole.subarray(0, bytes));
      const err = await settlesWithin(readArchive(path, await mkdtemp(join(dir, 'x-'))), 10_000).then(
        () => null,
        (e) => e,
      );
      expect(err, `cut at ${bytes} of ${whole.length} bytes`).toBeInstanceOf(BackupError);
      expect(['damaged', 'incomplete']).toContain((err as BackupError).code);
    }
  });
});
