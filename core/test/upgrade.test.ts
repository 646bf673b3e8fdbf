import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Migrations } from '../src/db/migrator.ts';
import {
  type BureauPlugin,
  connect,
  createTestDatabase,
  type Database,
  definePlugin,
  migrateAll,
  type TestDatabase,
} from '../src/index.ts';

/** A module whose migrations the tests change between "builds". */
const upg = (migrations: Migrations): BureauPlugin<string, any> =>
  definePlugin({
    id: 'upg',
    version: '1.0.0',
    title: { en: 'upg', cs: 'upg' },
    description: { en: 'upg', cs: 'upg' },
    permissions: {},
    migrations,
  });

const m0001: Migrations = {
  '0001_a': {
    async up(db) {
      await sql`create table upg.a (id int primary key)`.execute(db);
      await sql`insert into upg.a values (1)`.execute(db);
    },
  },
};

let fresh: TestDatabase;
const db = () => fresh.database.db;

async function applied(schema: string): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from ${sql.id(schema, 'migrations')} order by name`.execute(db());
  return r.rows.map((x) => x.name);
}

beforeAll(async () => {
  fresh = await createTestDatabase();
});
afterAll(async () => {
  await fresh.database.close();
  await fresh.drop();
});

describe('upgrades', () => {
  it('migrates once when several instances start at once', async () => {
    // Three "instances": separate connections on a server, the one embedded instance otherwise.
    const extra: Database[] = fresh.url
      ? [await connect({ databaseUrl: fresh.url, poolSize: 2 }), await connect({ databaseUrl: fresh.url, poolSize: 2 })]
      : [];
    const instances = [fresh.database, ...(extra.length ? extra : [fresh.database, fresh.database])];
    try {
      const results = await Promise.all(instances.map((d) => migrateAll(d, [upg(m0001)])));
      const all = results.flat();
      expect(new Set(all).size, 'each migration applied by exactly one instance').toBe(all.length);
      expect(all).toContain('upg:0001_a');
      expect(results.filter((r) => r.length > 0)).toHaveLength(1);
      expect(await applied('upg')).toEqual(['0001_a']);
    } finally {
      for (const d of extra) await d.close();
    }
  });

  it('leaves the database at the level before the upgrade when a migration fails', async () => {
    const coreBefore = await applied('core');
    const failing = upg({
      ...m0001,
      '0002_b': {
        async up(d) {
          await sql`create table upg.b (id int primary key)`.execute(d);
          await sql`update upg.a set id = 2`.execute(d);
        },
      },
      '0003_c': {
        async up(d) {
          await sql`alter table upg.nothing add column x int`.execute(d);
        },
      },
    });
    await expect(migrateAll(fresh.database, [failing])).rejects.toThrow(
      /^Migration "0003_c" of plugin "upg" failed: .*nothing/,
    );
    expect(await applied('upg')).toEqual(['0001_a']);
    expect(await applied('core')).toEqual(coreBefore);
    const b = await sql<{ ok: boolean }>`select to_regclass('upg.b') is null as ok`.execute(db());
    expect(b.rows[0]?.ok, 'table of the rolled-back migration').toBe(true);
    const a = await sql<{ id: number }>`select id from upg.a`.execute(db());
    expect(a.rows).toEqual([{ id: 1 }]);
    // The same build starts fine once the broken migration is fixed.
    expect(await migrateAll(fresh.database, [upg({ ...m0001, '0002_b': { async up() {} } })])).toEqual(['upg:0002_b']);
  });

  it('refuses a database migrated by a newer build, naming both levels', async () => {
    // The database is at upg/0002_b now; the build below only knows 0001_a.
    await expect(migrateAll(fresh.database, [upg(m0001)])).rejects.toThrow(
      'this database is at migration upg/0002_b, this build knows up to upg/0001_a',
    );
    await sql`insert into core.migrations (name, timestamp) values ('9999_from_the_future', ${new Date().toISOString()})`.execute(
      db(),
    );
    const err = await migrateAll(fresh.database, [upg({ ...m0001, '0002_b': { async up() {} } })]).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(
      /^this database is at migration core\/9999_from_the_future, this build knows up to core\/\d{4}_\w+$/,
    );
    await sql`delete from core.migrations where name = '9999_from_the_future'`.execute(db());
  });
});
