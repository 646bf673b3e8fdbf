import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createGunzip } from 'node:zlib';
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, enable } from './helpers.ts';

/**
 * Issue 18 item 6: a tenant exports its whole data set as one archive: every enabled module's tables
 * and core's data as JSON and CSV, every attachment, a manifest and SHA256SUMS whose checksums match,
 * and nothing of another tenant. One export at a time; only `tenant.records.export` may ask.
 */

let t: TestBureau;
let owner: TestUser;
let other: TestUser;
let attachmentId: string;
const SCAN = 'scanned receipt 2026 — Horák';

async function untar(bytes: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const ex = extract();
  ex.on('entry', (header, stream, next) => {
    buffer(stream).then((data) => {
      files.set(header.name, data);
      next();
    }, next);
  });
  const done = new Promise<void>((resolve, reject) => {
    ex.on('finish', () => resolve());
    ex.on('error', reject);
  });
  Readable.from(bytes).pipe(createGunzip()).pipe(ex);
  await done;
  return files;
}

beforeAll(async () => {
  t = await createTestBureau({ plugins: installedPlugins });
  owner = await t.signup({ email: 'owner@archive.example' });
  other = await t.signup({ email: 'owner@elsewhere.example' });
  for (const u of [owner, other]) await enable(u, 'accounting');
  const mine = await owner.json('POST', `/api/t/${owner.tenant.slug}/accounting/customers`, {
    name: 'Horák & syn, v.o.s.',
    email: 'horak@horak-syn.example',
  });
  expect(mine.status, JSON.stringify(mine.body)).toBe(201);
  const theirs = await other.json('POST', `/api/t/${other.tenant.slug}/accounting/customers`, {
    name: 'Cizí Zákazník s.r.o.',
    email: 'cizi@elsewhere.example',
  });
  expect(theirs.status).toBe(201);
  const form = new FormData();
  form.set('file', new File([new TextEncoder().encode(SCAN)], 'účtenka.txt'));
  form.set('entityType', 'accounting.customer');
  form.set('entityId', mine.body.id);
  const up = await t.app.request(`${t.origin}/api/t/${owner.tenant.slug}/records`, {
    method: 'POST',
    headers: { origin: t.origin, cookie: owner.cookie },
    body: form,
  });
  expect(up.status).toBe(201);
  attachmentId = ((await up.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

describe('archive export of a tenant', () => {
  const base = () => `/api/t/${owner.tenant.slug}/records/exports`;
  let exportId: string;
  let files: Map<string, Buffer>;

  it('is queued once; a second request while it is pending is 409 export_running', async () => {
    const first = await owner.json('POST', base());
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body.status).toBe('queued');
    exportId = first.body.id;
    const second = await owner.json('POST', base());
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('export_running');
    const early = await owner.request('GET', `${base()}/${exportId}/download`);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe('export_not_ready');
  });

  it('runs in the background to done with its progress complete', async () => {
    expect(await t.records.runPending()).toBeGreaterThanOrEqual(1);
    const list = await owner.json('GET', base());
    const e = list.body.exports.find((x: { id: string }) => x.id === exportId);
    expect(e, JSON.stringify(list.body)).toMatchObject({ status: 'done', error: null });
    expect(e.done).toBe(e.total);
    expect(e.total).toBeGreaterThan(3);
  });

  it('downloads an archive whose manifest and SHA256SUMS match every member', async () => {
    const res = await owner.request('GET', `${base()}/${exportId}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-content-sha256')).toBe(createHash('sha256').update(bytes).digest('hex'));
    files = await untar(bytes);
    const manifest = JSON.parse(String(files.get('manifest.json')));
    expect(manifest).toMatchObject({ format: 'bureau.tenant-archive/1', tenant: { slug: owner.tenant.slug } });
    expect(manifest.modules).toContain('accounting');
    expect(manifest.members.length).toBe(files.size - 1);
    for (const m of manifest.members) {
      const data = files.get(m.path);
      expect(data, m.path).toBeDefined();
      expect(
        createHash('sha256')
          .update(data as Buffer)
          .digest('hex'),
        m.path,
      ).toBe(m.sha256);
      expect((data as Buffer).length).toBe(m.size);
    }
    const sums = String(files.get('SHA256SUMS')).trim().split('\n');
    expect(sums.length).toBe(manifest.members.length - 1);
    for (const line of sums) {
      const [sum, path] = line.split(/ {2}/);
      expect(
        createHash('sha256')
          .update(files.get(path as string) as Buffer)
          .digest('hex'),
      ).toBe(sum);
    }
  });

  it("holds the tenant's module rows (JSON and CSV), core data, members and attachments", async () => {
    // The customer is a row of a data table (accounting's partners, or core's address book), in JSON and in CSV.
    const holding = [...files.keys()].filter(
      (k) => k.startsWith('data/') && String(files.get(k)).includes('Horák & syn'),
    );
    expect(
      holding.some((k) => k.endsWith('.json')),
      [...files.keys()].join(', '),
    ).toBe(true);
    expect(holding.some((k) => k.endsWith('.csv'))).toBe(true);
    const members = JSON.parse(String(files.get('data/core/members.json')));
    expect(members.map((m: { email: string }) => m.email)).toEqual(['owner@archive.example']);
    expect([...files.keys()]).toContain('data/core/audit_log.json');
    expect(String(files.get(`files/${attachmentId}/účtenka.txt`))).toBe(SCAN);
  });

  it('contains nothing of another tenant', () => {
    for (const [path, data] of files) {
      const text = String(data);
      expect(text.includes('Cizí Zákazník'), path).toBe(false);
      expect(text.includes(other.tenant.id), path).toBe(false);
      expect(text.includes('owner@elsewhere.example'), path).toBe(false);
    }
  });

  it('is refused to a member without tenant.records.export and invisible to another tenant', async () => {
    const accountant = await addMember(t, owner, 'member');
    expect((await accountant.json('POST', base())).status).toBe(403);
    expect((await accountant.request('GET', `${base()}/${exportId}/download`)).status).toBe(403);
    const stranger = await other.request('GET', `/api/t/${other.tenant.slug}/records/exports/${exportId}/download`);
    expect(stranger.status).toBe(404);
    expect((await other.json('GET', `/api/t/${other.tenant.slug}/records/exports`)).body.exports).toEqual([]);
  });
});
