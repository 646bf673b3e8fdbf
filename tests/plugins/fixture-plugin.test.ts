import { createTestBureau, type TestBureau, type TestUser, tenantTableViolations, withTenant } from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fleet from '../fixture-plugin/src/server/index.ts';
import { addMember, createRole, enable } from './helpers.ts';

/**
 * Proof of openness: the fleet plugin lives outside core and apps/server, yet its migration, routes,
 * permissions, event handler and summary work by installing it alone.
 */
let t: TestBureau;
let owner: TestUser;
const base = () => `/api/t/${owner.tenant.slug}/fleet`;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [fleet] });
  owner = await t.signup();
});
afterAll(() => t.close());

describe('fixture plugin (fleet)', () => {
  it('answers module_not_enabled until the tenant enables it', async () => {
    for (const [method, path, body] of [
      ['GET', '/vehicles', undefined],
      ['POST', '/vehicles', { plate: 'AB1', name: 'Van' }],
    ] as const) {
      const res = await owner.json(method, `${base()}${path}`, body);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'module_not_enabled', module: 'fleet' });
    }
  });

  it('works once enabled: the route validates, writes and lists', async () => {
    await enable(owner, 'fleet');
    const created = await owner.json('POST', `${base()}/vehicles`, { plate: ' 5a1 2345 ', name: 'Transit' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ plate: '5A1 2345', name: 'Transit' });
    expect((await owner.json('POST', `${base()}/vehicles`, { plate: '5A1 2345', name: 'Again' })).body.code).toBe(
      'plate_taken',
    );
    const bad = await owner.json('POST', `${base()}/vehicles`, { plate: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'plate']);
    const list = await owner.json('GET', `${base()}/vehicles`);
    expect(list.body.vehicles).toEqual([created.body]);
  });

  it('runs its event handler after commit, once per event', async () => {
    const v = await owner.json('POST', `${base()}/vehicles`, { plate: 'EV1', name: 'Leaf' });
    expect(v.status).toBe(201);
    await t.events.drain();
    const log = await owner.json('GET', `${base()}/vehicles/${v.body.id}/log`);
    expect(log.status).toBe(200);
    expect(log.body.log).toEqual([expect.objectContaining({ message: 'Vehicle EV1 registered' })]);
    const outbox = await t.runtime.db
      .selectFrom('core.outbox')
      .select(['id', 'type'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('type', '=', 'fleet.vehicle_added')
      .execute();
    expect(outbox.map((e) => e.id)).toContain(log.body.log[0].eventId);
    // Draining again delivers nothing new.
    await t.events.drain();
    expect((await owner.json('GET', `${base()}/vehicles/${v.body.id}/log`)).body.log).toHaveLength(1);
  });

  it('gates each route by its own permission', async () => {
    // The built-in member role gets the plugin's memberPermissions (fleet.read) only.
    const member = await addMember(t, owner, 'member');
    expect((await member.json('GET', `${base()}/vehicles`)).status).toBe(200);
    const denied = await member.json('POST', `${base()}/vehicles`, { plate: 'M1', name: 'No' });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'forbidden', permission: 'fleet.manage' });

    await createRole(owner, 'bookkeeper', ['tenant.members.read']);
    const outsider = await addMember(t, owner, 'bookkeeper');
    const read = await outsider.json('GET', `${base()}/vehicles`);
    expect(read.status).toBe(403);
    expect(read.body).toMatchObject({ code: 'forbidden', permission: 'fleet.read' });

    await createRole(owner, 'fleet-manager', ['fleet.*']);
    const manager = await addMember(t, owner, 'fleet-manager');
    expect((await manager.json('POST', `${base()}/vehicles`, { plate: 'FM1', name: 'Yes' })).status).toBe(201);
  });

  it('publishes its permissions with labels in the role editor catalogue', async () => {
    const roles = await owner.json('GET', `/api/t/${owner.tenant.slug}/roles`);
    expect(roles.body.permissions).toEqual(
      expect.arrayContaining([
        { key: 'fleet.read', label: { en: 'See vehicles', cs: 'Vidět vozidla' }, module: 'fleet' },
        { key: 'fleet.manage', label: { en: 'Register vehicles', cs: 'Evidovat vozidla' }, module: 'fleet' },
      ]),
    );
  });

  it("keeps another tenant's vehicles out of reach", async () => {
    const other = await t.signup();
    await enable(other, 'fleet');
    expect((await other.json('GET', `/api/t/${other.tenant.slug}/fleet/vehicles`)).body.vehicles).toEqual([]);
    const mine = (await owner.json('GET', `${base()}/vehicles`)).body.vehicles[0];
    expect((await other.json('GET', `/api/t/${other.tenant.slug}/fleet/vehicles/${mine.id}/log`)).status).toBe(404);
    expect((await other.json('GET', `${base()}/vehicles`)).status).toBe(404);
  });

  it('creates tables the isolation guard accepts (forced RLS, tenant_id in every key)', async () => {
    const guard = await tenantTableViolations(t.runtime.db);
    expect(guard.tables).toEqual(expect.arrayContaining(['fleet.settings', 'fleet.vehicle_log', 'fleet.vehicles']));
    expect(guard.violations.filter((v) => v.table.startsWith('fleet.'))).toEqual([]);
    // The guard is not vacuous: a plugin table breaking the rules is reported.
    await sql`create table fleet.guard_probe (tenant_id uuid not null, id uuid primary key, code text unique)`.execute(
      t.runtime.db,
    );
    try {
      const probe = (await tenantTableViolations(t.runtime.db)).violations.filter(
        (v) => v.table === 'fleet.guard_probe',
      );
      expect(probe.map((v) => v.rule).sort()).toEqual([
        'primary_key',
        'rls_enabled',
        'rls_forced',
        'tenant_policy',
        'unique_key',
      ]);
    } finally {
      await sql`drop table fleet.guard_probe`.execute(t.runtime.db);
    }
  });

  it('row level security holds for its tables even without a tenant filter', async () => {
    const other = await t.signup();
    const seen = await withTenant(t.runtime.db, other.tenant.id, (trx) =>
      trx.selectFrom('fleet.vehicles').select('id').execute(),
    );
    expect(seen).toEqual([]);
    await expect(
      withTenant(t.runtime.db, other.tenant.id, (trx) =>
        trx
          .insertInto('fleet.vehicles')
          .values({ tenant_id: owner.tenant.id, id: '0190a0a0-0000-7000-8000-0000000000aa', plate: 'X', name: 'X' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('gives the provider console its summary for a client', async () => {
    const provider = await t.signup({ tenant: { kind: 'provider' } });
    const invited = await provider.json('POST', `/api/t/${provider.tenant.slug}/clients`, {
      client: { slug: owner.tenant.slug },
      modules: ['fleet'],
      grants: ['fleet.read'],
      teams: [],
    });
    expect(invited.status).toBe(201);
    const accepted = await owner.json(
      'POST',
      `/api/t/${owner.tenant.slug}/providers/${invited.body.engagement.id}/accept`,
    );
    expect(accepted.status).toBe(200);
    const vehicles = (await owner.json('GET', `${base()}/vehicles`)).body.vehicles.length;
    const console = await provider.json('GET', `/api/providers/${provider.tenant.slug}/clients`);
    expect(console.status).toBe(200);
    expect(console.body.clients).toEqual([expect.objectContaining({ summary: { fleet: { vehicles } } })]);
  });
});
