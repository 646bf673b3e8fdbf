import {
  type BureauPlugin,
  createBureau,
  createTestBureau,
  definePlugin,
  type PluginDefinition,
  testConfig,
} from '@bureau/core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import fleet from '../fixture-plugin/src/server/index.ts';

type Overrides = Partial<PluginDefinition<string, any>>;
const plugin = (id: string, more: Overrides = {}): BureauPlugin<string, any> =>
  definePlugin({
    id,
    version: '1.0.0',
    title: { en: id, cs: id },
    description: { en: id, cs: id },
    permissions: {},
    migrations: {},
    ...more,
  });

/** Boot with an in-memory config: the plugin list is checked before any database is opened. */
async function bootError(plugins: BureauPlugin<string, any>[]): Promise<string> {
  const config = testConfig({ databaseUrl: 'postgres://nobody@127.0.0.1:1/never' });
  const err = await createBureau({ config, plugins }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return (err as Error).message;
}

describe('plugin registry at boot', () => {
  it('refuses a duplicate id', async () => {
    expect(await bootError([fleet, plugin('garage'), fleet])).toBe(
      'Invalid plugin configuration: plugin id "fleet" is installed twice',
    );
  });

  it('refuses an invalid or reserved id', async () => {
    for (const id of ['Fleet', 'fleet_x', '-x', 'x-', '9lives', 'a--b', 'pg-stuff', 'x'.repeat(41)]) {
      expect(await bootError([plugin(id)])).toMatch(new RegExp(`plugin id "${id}" is invalid`));
    }
    expect(await bootError([plugin('pgboss')])).toMatch(/plugin id "pgboss" is invalid/);
    for (const id of ['core', 'public', 'tenant', 'modules', 'members']) {
      expect(await bootError([plugin(id)])).toBe(`Invalid plugin configuration: plugin id "${id}" is reserved by core`);
    }
  });

  it('refuses a required plugin that is not installed', async () => {
    expect(await bootError([plugin('reports', { requires: ['fleet'] })])).toBe(
      'Invalid plugin configuration: plugin "reports" requires "fleet", which is not installed',
    );
  });

  it('refuses a dependency cycle, naming it', async () => {
    const msg = await bootError([
      plugin('a', { requires: ['b'] }),
      plugin('b', { requires: ['c'] }),
      plugin('c', { requires: ['a'] }),
    ]);
    expect(msg).toBe('Invalid plugin configuration: plugins depend on each other in a cycle: a → b → c → a');
    expect(await bootError([plugin('a', { requires: ['a'] })])).toMatch(/plugin "a" requires itself/);
  });

  it('refuses a handler for an event type no installed plugin declares', async () => {
    const handler = async () => {};
    expect(await bootError([plugin('ledger', { on: { 'orders.invoiced': handler } })])).toBe(
      'Invalid plugin configuration: plugin "ledger" handles event "orders.invoiced", which no installed plugin declares in its `events`',
    );
    // Declared by another installed plugin: fine, whatever the order.
    const orders = plugin('orders', { events: { 'orders.invoiced': { en: 'Invoiced', cs: 'Fakturováno' } } });
    const { runtime, close } = await createTestBureau({
      plugins: [plugin('ledger', { on: { 'orders.invoiced': handler } }), orders],
    });
    expect(runtime.plugins.map((p) => p.id)).toEqual(['ledger', 'orders']);
    await close();
  });

  it('accepts a handler for an event of an `integrates` plugin that is not installed, and checks it once it is', async () => {
    const handler = async () => {};
    const ledger = () => plugin('ledger', { integrates: ['orders'], on: { 'orders.invoiced': handler } });
    const { runtime, close } = await createTestBureau({ plugins: [ledger()] });
    expect(runtime.plugins.map((p) => p.id)).toEqual(['ledger']);
    await close();
    expect(await bootError([ledger(), plugin('orders')])).toBe(
      'Invalid plugin configuration: plugin "ledger" handles event "orders.invoiced", which no installed plugin declares in its `events`',
    );
  });

  it('refuses permissions and events not prefixed with the plugin id', async () => {
    const msg = await bootError([
      plugin('fleet', {
        permissions: { 'fleet.read': { en: 'r', cs: 'r' }, 'vehicles.write': { en: 'w', cs: 'w' } },
        memberPermissions: ['fleet.admin'],
        events: { 'vehicle.added': { en: 'a', cs: 'a' } },
      }),
    ]);
    expect(msg.split('\n')).toEqual([
      'Invalid plugin configuration:',
      '  - plugin "fleet" declares permission "vehicles.write", which must start with "fleet."',
      '  - plugin "fleet" gives members permission "fleet.admin", which it does not declare',
      '  - plugin "fleet" declares event "vehicle.added", which must start with "fleet."',
    ]);
  });

  it('refuses notification categories not prefixed with the plugin id', async () => {
    const msg = await bootError([
      plugin('fleet', {
        notifications: { 'fleet.service_due': { en: 's', cs: 's' }, 'cars.late': { en: 'l', cs: 'l' } },
      }),
    ]);
    expect(msg).toBe(
      'Invalid plugin configuration: plugin "fleet" declares notification category "cars.late", which must start with "fleet."',
    );
  });

  it('refuses a records declaration naming foreign permissions or entity types of another module', async () => {
    const perms = { 'garage.read': { en: 'r', cs: 'r' } };
    const entity = {
      label: { en: 'Car', cs: 'Auto' },
      read: 'garage.read',
      attach: 'garage.read',
      sensitive: 'garage.read',
    };
    const msg = await bootError([
      plugin('garage', {
        permissions: perms,
        records: {
          auditRead: 'garage.nope',
          entities: {
            'fleet.car': entity,
            'garage.Car': entity,
            'garage.lift': { ...entity, sensitive: 'hr.sensitive', label: { en: 'Lift', cs: '' } },
          },
        },
      }),
    ]);
    expect(msg.split('\n').slice(1)).toEqual([
      '  - plugin "garage" names permission "garage.nope" in records.auditRead, which it does not declare in `permissions`',
      '  - plugin "garage" declares entity type "fleet.car", which must be "garage.<entity>" in lowercase (at most 80 characters)',
      '  - plugin "garage" declares entity type "garage.Car", which must be "garage.<entity>" in lowercase (at most 80 characters)',
      '  - plugin "garage" entity type "garage.lift" needs a label (en, cs)',
      '  - plugin "garage" names permission "hr.sensitive" in records.entities["garage.lift"].sensitive, which it does not declare in `permissions`',
    ]);
  });

  it('installs plugins in dependency order', async () => {
    const t = await createTestBureau({
      plugins: [plugin('c', { requires: ['b', 'a'] }), plugin('b', { requires: ['a'] }), plugin('a'), plugin('d')],
    });
    try {
      expect(t.runtime.plugins.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
      const modules = (await (await t.signup()).json('GET', `/api/me`)).body.tenants[0].modules;
      expect(modules).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('fails a broken migration with a message naming the plugin and the migration, applying none of it', async () => {
    const t = await createTestBureau();
    try {
      const broken = plugin('broken', {
        migrations: {
          '0001_ok': {
            async up(db) {
              await sql`create table broken.things (id int primary key)`.execute(db);
            },
          },
          '0002_bad': {
            async up(db) {
              await sql`alter table broken.nothing add column x int`.execute(db);
            },
          },
        },
      });
      const err = await createBureau({
        config: t.runtime.config,
        database: t.runtime.database,
        plugins: [broken],
      }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/^Migration "0002_bad" of plugin "broken" failed: .*nothing/);
      const tables = await sql<{ n: string }>`
        select count(*)::text as n from information_schema.tables
         where table_schema = 'broken' and table_name = 'things'`.execute(t.runtime.db);
      expect(tables.rows[0]?.n).toBe('0');
    } finally {
      await t.close();
    }
  });
});
