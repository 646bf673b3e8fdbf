import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createTestBureau, seedDemo, type TestBureau } from '@bureau/core';
import { BackupError, type BackupResult, createBackup, restoreBackup } from '@bureau/core/ops';
import { installedPlugins } from '@bureau/server';
import { sql } from 'kysely';
import { extract, pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmptyTarget, emptyTarget, fileDigests, tableRows, uploadAttachment } from './helpers.ts';

/**
 * Issue 22's round trip on the database this suite runs on: a tenant with accounting data and an
 * attachment, backed up, restored into an empty target, and every table's rows and every file's
 * bytes compared; then every kind of bad input refused with a one-line reason, target untouched.
 */

let t: TestBureau;
let work: string;
let backup: BackupResult;
let fileBytes: Buffer;
let encrypted: BackupResult;
let target: EmptyTarget;
const PASSPHRASE = 'correct horse battery staple';

beforeAll(async () => {
  t = await createTestBureau({ plugins: installedPlugins });
  await seedDemo(t.runtime, { print: false });
  const owner = await t.login('owner@demo-firm.example', 'bureau-demo');
  // A file of every byte value, so no text handling anywhere can pass unnoticed.
  fileBytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256))]);
  await uploadAttachment(t, owner.cookie, 'demo-firm', fileBytes);
  await t.signup();
  await t.events.drain();
  // pg-boss keeps heartbeats in its tables; stopped, nothing changes between the backup and the comparison.
  await t.events.stop();
  work = await mkdtemp(join(tmpdir(), 'bureau-backup-test-'));
  backup = await createBackup({
    database: t.runtime.database,
    storageDir: t.runtime.config.storageDir,
    out: join(work, 'full.tar.gz'),
  });
});

afterAll(async () => {
  await t?.close();
  await target?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes a manifest with the version, migration level, time, checksums and row counts', () => {
    const m = backup.manifest;
    expect(m.format).toBe('bureau-backup');
    expect(m.bureauVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.database.kind).toBe(t.runtime.database.kind);
    expect(m.migrations.core?.length).toBeGreaterThan(0);
    expect(m.migrations.accounting?.length).toBeGreaterThan(0);
    expect(Date.parse(m.createdAt)).toBeGreaterThan(Date.now() - 600_000);
    expect(m.tables['core.tenants']).toBe(3);
    expect(m.tables['accounting.journal_lines']).toBeGreaterThan(0);
    expect(m.files).toEqual({ count: 1, bytes: fileBytes.length });
    for (const member of m.members) expect(member.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(backup.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves the running installation as it was: settings back, tenant requests served under row level security', async () => {
    // pg_dump turns row_security off in PGlite's one session; left so, every tenant query failed with a 500.
    const owner = await t.login('owner@demo-firm.example', 'bureau-demo');
    expect((await owner.request('GET', '/api/t/demo-firm/billing')).status).toBe(200);
    expect((await owner.request('GET', '/api/t/demo-firm/accounting/accounts')).status).toBe(200);
    const { rows } = await sql<{ row_security: string }>`show row_security`.execute(t.runtime.database.db);
    expect(rows[0]?.row_security).toBe('on');
  });

  it('restores an encrypted backup into an empty target with every row of every table and every file byte equal', async () => {
    encrypted = await createBackup({
      database: t.runtime.database,
      storageDir: t.runtime.config.storageDir,
      out: join(work, 'full.tar.gz.enc'),
      passphrase: PASSPHRASE,
    });
    target = await emptyTarget();
    const result = await restoreBackup({
      archive: encrypted.path,
      target,
      plugins: installedPlugins,
      passphrase: PASSPHRASE,
    });
    expect(result.migrated).toEqual([]);
    expect(result.chainsVerified).toBe(3);
    const tables = Object.keys(encrypted.manifest.tables);
    const before = await tableRows(t.runtime.db, tables);
    const restored = await target.open();
    try {
      const after = await tableRows(restored.db, tables);
      for (const name of tables) expect(after.get(name), name).toEqual(before.get(name));
    } finally {
      await restored.close();
    }
    expect(await fileDigests(target.storageDir)).toEqual(await fileDigests(t.runtime.config.storageDir));
  }, 240_000);

  it('serves an authenticated tenant request from the restored database, the request role as narrow as before', async () => {
    // The restore above ran into a target whose database never saw the request role's grants: the
    // dump carries none (--no-privileges), and an embedded target has no request role at all.
    const served = await createTestBureau({
      plugins: installedPlugins,
      database: await target.open(),
      config: { storageDir: target.storageDir },
    });
    try {
      const owner = await served.login('owner@demo-firm.example', 'bureau-demo');
      const accounts = await owner.json('GET', '/api/t/demo-firm/accounting/accounts');
      expect(accounts.status).toBe(200);
      expect(accounts.body.accounts.length).toBeGreaterThan(0);
      const tenantId = owner.tenant.id;
      const other = (
        await served.runtime.db.selectFrom('core.tenants').select('id').where('id', '<>', tenantId).execute()
      )[0]?.id as string;
      const attempt = (q: ReturnType<typeof sql>) =>
        served
          .inTenant(tenantId, (ctx) => q.execute(ctx.db))
          .then(
            () => 'ok',
            (err: { code?: string }) => err.code ?? String(err),
          );
      expect(await attempt(sql`select set_config('bureau.tenant_id', ${other}, true)`)).toBe('42501');
      expect(await attempt(sql`select set_config('role', 'postgres', true)`)).toBe('42501');
      expect(await attempt(sql`update core.tenants set name = 'taken' where id = ${other}`)).toBe('42501');
      expect(await attempt(sql`select accounting.take_number(${other}::uuid, 'entry', 2026)`)).toBe('42501');
      // Functions running as their owner: the request role only those declared for it (the purge), PUBLIC none.
      const { rows: privileges } = await sql<{ f: string; app: boolean; pub: boolean }>`
        select f, has_function_privilege('bureau_app', f, 'execute') as app,
          has_function_privilege('public', f, 'execute') as pub
        from unnest(array['accounting.purge_tenant()', 'accounting.take_number(uuid, text, int)']) f`.execute(
        served.runtime.db,
      );
      expect(privileges).toEqual([
        { f: 'accounting.purge_tenant()', app: true, pub: false },
        { f: 'accounting.take_number(uuid, text, int)', app: false, pub: false },
      ]);
      const people = await served.inTenant(tenantId, async (ctx) =>
        (await sql<{ email: string }>`select email from core.users order by email`.execute(ctx.db)).rows.map(
          (r) => r.email,
        ),
      );
      const members = await served.runtime.db
        .selectFrom('core.users as u')
        .innerJoin('core.memberships as m', 'm.user_id', 'u.id')
        .where('m.tenant_id', '=', tenantId)
        .select('u.email')
        .orderBy('u.email')
        .execute();
      expect(people).toContain('owner@demo-firm.example');
      expect(people).toEqual(members.map((m) => m.email));
      const everyone = await served.runtime.db.selectFrom('core.users').select('id').execute();
      expect(everyone.length).toBeGreaterThan(people.length);
    } finally {
      await served.close();
    }
  }, 120_000);

  describe('bad input: non-zero exit, a one-line reason, the target unchanged', () => {
    const refuse = async (archive: string, code: string, message: RegExp, more: { passphrase?: string } = {}) => {
      const target = await emptyTarget();
      try {
        const err = await restoreBackup({ archive, target, plugins: installedPlugins, ...more }).catch((e) => e);
        expect(err).toBeInstanceOf(BackupError);
        expect((err as BackupError).code).toBe(code);
        expect((err as Error).message).toMatch(message);
        expect((err as Error).message).not.toContain('\n');
        // Unchanged: still empty.
        if (target.dataDir) expect(await stat(target.dataDir).catch(() => null)).toBeNull();
        else {
          const db = await target.open();
          const schemas = await db.db
            .selectFrom('pg_namespace' as any)
            .select('nspname' as any)
            .where('nspname' as any, 'in', ['core', 'accounting', 'pgboss'])
            .execute();
          await db.close();
          expect(schemas).toEqual([]);
        }
        expect(await fileDigests(target.storageDir)).toEqual(new Map());
      } finally {
        await target.drop();
      }
    };

    it('refuses a truncated archive', async () => {
      const cut = join(work, 'truncated.tar.gz');
      await copyFile(backup.path, cut);
      await truncate(cut, Math.floor(backup.bytes * 0.6));
      await refuse(cut, 'damaged', /truncated or damaged/);
    });

    it('refuses an archive whose member was altered', async () => {
      const altered = join(work, 'altered.tar.gz');
      await repack(backup.path, altered, (name, data) =>
        name.startsWith('files/') ? Buffer.concat([data.subarray(0, 100), Buffer.from('X'), data.subarray(101)]) : data,
      );
      await refuse(altered, 'damaged', /^the backup is damaged: files\/.* does not match its checksum$/);
    });

    it('refuses a file that is not a Bureau backup', async () => {
      const text = join(work, 'notes.txt');
      await writeFile(text, 'not a backup\n');
      await refuse(text, 'not_a_backup', /notes\.txt is not a Bureau backup$/);
      const otherTar = join(work, 'other.tar.gz');
      await writeTar(otherTar, [['readme.md', Buffer.from('hello')]]);
      await refuse(otherTar, 'not_a_backup', /other\.tar\.gz is not a Bureau backup$/);
    });

    it('refuses an archive from a newer build with both migration levels', async () => {
      const newer = join(work, 'newer.tar.gz');
      await repack(backup.path, newer, (name, data) => {
        if (name !== 'manifest.json') return data;
        const m = JSON.parse(data.toString('utf8'));
        m.migrations.core.push('9999_from_the_future');
        return Buffer.from(JSON.stringify(m));
      });
      const last = [...(backup.manifest.migrations.core ?? [])].sort().at(-1);
      await refuse(
        newer,
        'newer_schema',
        new RegExp(`^this backup is at migration core/9999_from_the_future, this build knows up to core/${last}$`),
      );
    });

    it('refuses a wrong or missing passphrase', async () => {
      await refuse(encrypted.path, 'wrong_passphrase', /^wrong passphrase for this backup$/, {
        passphrase: 'wrong horse',
      });
      await refuse(encrypted.path, 'passphrase_required', /encrypted/);
    });

    it('refuses a target that is not empty unless forced, then replaces it and keeps the old data aside', async () => {
      // The target the encrypted backup was restored into above.
      const err = await restoreBackup({ archive: backup.path, target, plugins: installedPlugins }).catch((e) => e);
      expect((err as BackupError).code).toBe('target_not_empty');
      expect((err as Error).message).toMatch(/is not empty.*--force/);
      const forced = await restoreBackup({ archive: backup.path, target, plugins: installedPlugins, force: true });
      expect(forced.chainsVerified).toBe(3);
      expect(forced.keptAside.length).toBe(target.dataDir ? 2 : 1);
      for (const dir of forced.keptAside) await rm(dir, { recursive: true, force: true });
    }, 240_000);
  });
});

/** Rewrites an archive's members through `edit`, keeping everything else (the manifest too). */
async function repack(from: string, to: string, edit: (name: string, data: Buffer) => Buffer) {
  const members: Array<[string, Buffer]> = [];
  const ex = extract();
  const reading = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry as AsyncIterable<Buffer>) chunks.push(c);
      members.push([entry.header.name, Buffer.concat(chunks)]);
    }
  })();
  await pipeline(createReadStream(from), createGunzip(), ex);
  await reading;
  await writeTar(
    to,
    members.map(([n, d]) => [n, edit(n, d)]),
  );
}

async function writeTar(to: string, members: Array<[string, Buffer]>) {
  const p = pack();
  for (const [name, data] of members) p.entry({ name }, data);
  p.finalize();
  await pipeline(p as unknown as PassThrough, createGzip(), createWriteStream(to));
}
