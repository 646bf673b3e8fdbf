import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from './plugins/define-plugin.ts';
import { TEMPLATES_ENV } from './test-template-run.ts';
import { schemaKey, templatePglite } from './test-templates.ts';

type Up = (db: Kysely<any>) => Promise<void>;
const plugin = (up: Up) => definePlugin({ id: 'tpltest', migrations: { '0001_init': { up } } } as never);
const intColumn: Up = async (db) => void (await sql`create table tpltest.t (a int)`.execute(db));
const textColumn: Up = async (db) => void (await sql`create table tpltest.t (a text)`.execute(db));

describe('test database templates', () => {
  let dir: string;
  const saved = process.env[TEMPLATES_ENV];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bureau-tpl-test-'));
    process.env[TEMPLATES_ENV] = dir;
  });
  afterAll(async () => {
    process.env[TEMPLATES_ENV] = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('keys a plugin set by its migrations’ code', () => {
    expect(schemaKey([plugin(intColumn)])).toBe(schemaKey([plugin(intColumn)]));
    expect(schemaKey([plugin(intColumn)])).not.toBe(schemaKey([plugin(textColumn)]));
  });

  it('migrates once, then loads copies that do not share data', async () => {
    const first = await templatePglite([plugin(intColumn)]);
    expect(await readdir(dir)).toEqual([`${schemaKey([plugin(intColumn)])}.tar.gz`]);
    const second = await templatePglite([plugin(intColumn)]);
    if (!first || !second) throw new Error('templates are on');
    await sql`insert into tpltest.t values (1)`.execute(first.db);
    const rows = await sql<{ n: number }>`select count(*)::int as n from tpltest.t`.execute(second.db);
    expect(rows.rows[0]?.n).toBe(0);
    const applied = await sql<{ name: string }>`select name from tpltest.migrations`.execute(second.db);
    expect(applied.rows.map((r) => r.name)).toEqual(['0001_init']);
    await first.close();
    await second.close();
  });

  it('is off without a run directory', async () => {
    process.env[TEMPLATES_ENV] = '';
    expect(await templatePglite([plugin(intColumn)])).toBeNull();
    process.env[TEMPLATES_ENV] = dir;
  });
});
