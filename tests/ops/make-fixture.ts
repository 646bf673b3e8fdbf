/**
 * Made the upgrade fixtures in tests/ops/fixtures (see README.md there), one per database kind:
 *   node tests/ops/make-fixture.ts                      → embedded (PGlite)
 *   DATABASE_URL=postgres://… node tests/ops/make-fixture.ts → PostgreSQL
 * A fixture must come from an earlier schema than the current one, so it is never remade from a
 * newer build: a new fixture gets a new name and the old ones stay.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createTestBureau, seedDemo } from '@bureau/core';
import { BUREAU_VERSION, createBackup } from '@bureau/core/ops';
import { installedPlugins } from '@bureau/server';

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const name = `bureau-${BUREAU_VERSION}-${kind}`;

const t = await createTestBureau({ plugins: installedPlugins });
try {
  const demo = await seedDemo(t.runtime, { print: false });
  const owner = await t.login('owner@demo-firm.example', 'bureau-demo');
  // An attachment on one of the firm's journal entries, so the fixture carries a file too.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n% Bureau upgrade fixture\n');
  const fd = new FormData();
  fd.set('file', new File([pdf], 'receipt.pdf', { type: 'application/pdf' }));
  fd.set('entityType', 'accounting.journal_entry');
  fd.set('entityId', 'fixture-1');
  const res = await t.app.request(`${t.origin}/api/t/${demo.firm.slug}/records`, {
    method: 'POST',
    headers: { origin: t.origin, cookie: owner.cookie },
    body: fd,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const attachment = (await res.json()) as { id: string };
  await t.events.drain();
  const backup = await createBackup({
    database: t.runtime.database,
    storageDir: t.runtime.config.storageDir,
    out: `${dir}${name}.tar.gz`,
  });
  const expect = {
    madeBy: `tests/ops/make-fixture.ts, Bureau ${BUREAU_VERSION}, ${new Date().toISOString().slice(0, 10)}`,
    login: { email: 'owner@demo-firm.example', password: 'bureau-demo', tenant: demo.firm.slug },
    attachment: { id: attachment.id, sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.length },
    tenants: backup.manifest.tenants,
  };
  await writeFile(`${dir}${name}.expect.json`, `${JSON.stringify(expect, null, 2)}\n`);
  console.log(`${backup.path}: ${backup.bytes} bytes, ${backup.manifest.members.length} members`);
} finally {
  await t.close();
}
