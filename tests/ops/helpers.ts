import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createTestDatabase, type Database, type TestBureau } from '@bureau/core';
import { type Kysely, sql } from 'kysely';

/** Every row of every table, as sorted JSON texts: what "every table's rows are equal" compares. */
export async function tableRows(db: Kysely<any>, tables: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of tables) {
    const [schema, table] = name.split('.') as [string, string];
    const res = await sql<{ r: string }>`select to_jsonb(t)::text as r from ${sql.id(schema, table)} t`.execute(db);
    out.set(name, res.rows.map((x) => x.r).sort());
  }
  return out;
}

/** SHA-256 of every attachment file under a storage root, by storage key. */
export async function fileDigests(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const tenants = await readdir(root).catch(() => [] as string[]);
  for (const t of tenants) {
    for (const f of await readdir(join(root, t)).catch(() => [] as string[])) {
      if (f.endsWith('.tmp')) continue;
      out.set(
        `${t}/${f}`,
        createHash('sha256')
          .update(await readFile(join(root, t, f)))
          .digest('hex'),
      );
    }
  }
  return out;
}

export interface EmptyTarget {
  databaseUrl: string | undefined;
  dataDir: string | null;
  storageDir: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** An empty place to restore into, of the kind the suite runs on (DATABASE_URL or embedded). */
export async function emptyTarget(): Promise<EmptyTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'bureau-target-'));
  const storageDir = join(dir, 'files');
  if (process.env.DATABASE_URL) {
    const fresh = await createTestDatabase();
    await fresh.database.close();
    return {
      databaseUrl: fresh.url,
      dataDir: null,
      storageDir,
      open: () => connect({ databaseUrl: fresh.url, poolSize: 2 }),
      drop: fresh.drop,
    };
  }
  const dataDir = join(dir, 'data');
  return { databaseUrl: undefined, dataDir, storageDir, open: () => connect({ dataDir }), drop: async () => {} };
}

/** Uploads a file as an attachment of the signed-in user's tenant; returns the attachment. */
export async function uploadAttachment(
  t: TestBureau,
  cookie: string,
  slug: string,
  bytes: Buffer,
  filename = 'receipt.pdf',
): Promise<{ id: string; sha256: string }> {
  const fd = new FormData();
  fd.set('file', new File([bytes], filename, { type: 'application/pdf' }));
  fd.set('entityType', 'accounting.entry');
  fd.set('entityId', 'backup-test');
  const res = await t.app.request(`${t.origin}/api/t/${slug}/records`, {
    method: 'POST',
    headers: { origin: t.origin, cookie },
    body: fd,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; sha256: string };
}
