import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/with-tenant.ts';
import { writeTable } from '../src/records/archive-export.ts';
import { createTestBureau, type TestBureau, type TestUser } from '../src/testing.ts';

/**
 * The archive export reads a table a page at a time (issue 18 item 6: a data set of any size): with
 * pages of 3 rows, every row of the tenant comes out exactly once, in JSON and in CSV, with the same
 * checksum as the file, and nothing of another tenant; an empty table is still valid JSON and CSV.
 */

let t: TestBureau;
let owner: TestUser;
let other: TestUser;
let dir: string;

beforeAll(async () => {
  t = await createTestBureau();
  owner = await t.signup();
  other = await t.signup();
  for (const [u, n] of [
    [owner, 10],
    [other, 4],
  ] as const)
    for (let i = 0; i < n; i++) {
      const r = await u.json('POST', `/api/t/${u.tenant.slug}/parties`, {
        type: 'company',
        name: `Firma ${i} ${u.tenant.slug}`,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  dir = await mkdtemp(join(tmpdir(), 'bureau-archive-paging-'));
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('archive export, a table page by page', () => {
  it('writes every row of the tenant once across pages, in JSON and CSV, with matching checksums', async () => {
    const out = await withTenant(t.runtime.db, owner.tenant.id, (trx) =>
      writeTable(trx, owner.tenant.id, { schema: 'core', table: 'parties' }, dir, 3),
    );
    const expected = await withTenant(t.runtime.db, owner.tenant.id, async (trx) =>
      (await sql<{ id: string }>`select id from core.parties where tenant_id = ${owner.tenant.id}`.execute(trx)).rows
        .map((r) => r.id)
        .sort(),
    );
    expect(expected.length).toBe(10);
    expect(out.rows).toBe(10);
    const json = JSON.parse(await readFile(out.json.path, 'utf8')) as { id: string; tenant_id: string; name: string }[];
    expect(json.map((r) => r.id).sort()).toEqual(expected);
    expect(new Set(json.map((r) => r.tenant_id))).toEqual(new Set([owner.tenant.id]));
    const csv = parse(await readFile(out.csv.path)) as string[][];
    const header = csv[0] as string[];
    expect(csv.length).toBe(11);
    expect(
      csv
        .slice(1)
        .map((row) => row[header.indexOf('id')])
        .sort(),
    ).toEqual(expected);
    expect(
      createHash('sha256')
        .update(await readFile(out.json.path))
        .digest('hex'),
    ).toBe(out.json.sha256);
    expect(
      createHash('sha256')
        .update(await readFile(out.csv.path))
        .digest('hex'),
    ).toBe(out.csv.sha256);
  });

  it('an empty table is an empty JSON array and an empty CSV', async () => {
    const out = await withTenant(t.runtime.db, owner.tenant.id, (trx) =>
      writeTable(trx, owner.tenant.id, { schema: 'core', table: 'legal_holds' }, dir, 3),
    );
    expect(out.rows).toBe(0);
    expect(JSON.parse(await readFile(out.json.path, 'utf8'))).toEqual([]);
    expect(parse(await readFile(out.csv.path))).toEqual([]);
  });
});
