import {
  createTestBureau,
  definePlugin,
  defineRoute,
  json,
  Problem,
  type TestBureau,
  type TestUser,
  z,
} from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetRegister } from '../fixture-plugin/src/contract.ts';
import fleet from '../fixture-plugin/src/server/index.ts';
import { addMember, createRole, enable } from './helpers.ts';

/** Requires fleet: enabling it needs fleet on, and fleet cannot go off under it. */
const fleetReports = definePlugin({
  id: 'fleet-reports',
  version: '1.0.0',
  title: { en: 'Fleet reports', cs: 'Reporty vozového parku' },
  description: { en: 'Reports over the fleet', cs: 'Reporty nad vozovým parkem' },
  requires: ['fleet'],
  permissions: { 'fleet-reports.read': { en: 'See fleet reports', cs: 'Vidět reporty' } },
  migrations: {},
});

/** Uses fleet's service without requiring fleet: the call fails clearly when fleet is off. */
const garage = definePlugin({
  id: 'garage',
  version: '1.0.0',
  title: { en: 'Garage', cs: 'Dílna' },
  description: { en: 'Workshop', cs: 'Dílna' },
  permissions: { 'garage.read': { en: 'See the workshop', cs: 'Vidět dílnu' } },
  migrations: {},
  routes: (r) =>
    r.openapi(
      defineRoute({
        method: 'get',
        path: '/fleet-size',
        permission: 'garage.read',
        responses: { 200: json(z.object({ vehicles: z.number(), fleetEnabled: z.boolean() })) },
      }),
      async (c) => {
        const fleetEnabled = await c.var.ctx.isEnabled('fleet');
        const vehicles = await c.var.ctx.use(fleetRegister).count();
        return c.json({ vehicles, fleetEnabled }, 200);
      },
    ),
});

let t: TestBureau;
let owner: TestUser;
const base = () => `/api/t/${owner.tenant.slug}`;
const modules = async (u: TestUser = owner) => (await u.json('GET', `/api/t/${u.tenant.slug}/modules`)).body.modules;
const auditActions = async (tenantId: string) =>
  (
    await t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', tenantId)
      .where('entity_type', '=', 'module')
      .orderBy('at')
      .orderBy('id')
      .execute()
  ).map((r) => `${r.action}:${r.entity_id}`);

beforeAll(async () => {
  t = await createTestBureau({ plugins: [fleetReports, garage, fleet] });
  owner = await t.signup();
});
afterAll(() => t.close());

describe('module enablement API', () => {
  it('lists every installed module, disabled at first, in dependency order', async () => {
    const list = await modules();
    expect(list.map((m: { id: string }) => m.id)).toEqual(['fleet', 'fleet-reports', 'garage']);
    const f = list[0];
    expect(f).toMatchObject({
      id: 'fleet',
      version: '1.0.0',
      title: { en: 'Fleet', cs: 'Vozový park' },
      description: { en: 'Company vehicles and their history' },
      enabled: false,
      requires: [],
      requiredBy: ['fleet-reports'],
      permissions: [
        { key: 'fleet.read', label: { en: 'See vehicles', cs: 'Vidět vozidla' } },
        { key: 'fleet.manage', label: { en: 'Register vehicles', cs: 'Evidovat vozidla' } },
        {
          key: 'fleet.drivers',
          label: {
            en: "See and register drivers, read drivers' sensitive files",
            cs: 'Vidět a evidovat řidiče, číst citlivé soubory řidičů',
          },
        },
      ],
    });
    expect(list[1]).toMatchObject({ id: 'fleet-reports', requires: ['fleet'], requiredBy: [] });
    const me = await owner.json('GET', '/api/me');
    expect(me.body.tenants[0].modules).toEqual([]);
  });

  it('refuses to enable a module whose requirements are off, naming them', async () => {
    const res = await owner.json('PUT', `${base()}/modules/fleet-reports`, undefined, { 'accept-language': 'en' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'requirements_not_enabled', missing: ['fleet'] });
    expect(res.body.title).toBe('The Fleet reports module needs Fleet enabled first');
  });

  it('enables with onEnable run in the tenant transaction, audited, and shows it in /api/me', async () => {
    const res = await owner.json('PUT', `${base()}/modules/fleet`, { confirm: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'fleet', enabled: true });
    expect(res.body.enabledAt).toMatch(/^\d{4}-/);
    const settings = await t.runtime.db
      .selectFrom('fleet.settings')
      .select('service_interval_km')
      .where('tenant_id', '=', owner.tenant.id)
      .execute();
    expect(settings).toEqual([{ service_interval_km: 15000 }]);
    const me = await owner.json('GET', '/api/me');
    expect(me.body.tenants[0].modules).toEqual(['fleet']);
    // Enabling again changes nothing and audits nothing.
    expect((await owner.json('PUT', `${base()}/modules/fleet`, { confirm: true })).status).toBe(200);
    expect(await auditActions(owner.tenant.id)).toEqual(['module.enabled:fleet']);
  });

  it('refuses to disable a module an enabled module requires, naming it', async () => {
    expect((await owner.json('PUT', `${base()}/modules/fleet-reports`, { confirm: true })).status).toBe(200);
    const res = await owner.json('DELETE', `${base()}/modules/fleet`, undefined, { 'accept-language': 'en' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'required_by_enabled', requiredBy: ['fleet-reports'] });
    expect(res.body.title).toBe('The Fleet module is required by Fleet reports; disable it first');
    const cs = await owner.json('DELETE', `${base()}/modules/fleet`, undefined, { 'accept-language': 'cs' });
    expect(cs.body.title).toBe('Modul Vozový park potřebuje Reporty vozového parku; nejdříve ho vypněte');
    expect((await owner.json('DELETE', `${base()}/modules/fleet-reports`)).status).toBe(200);
  });

  it('disables keeping the data; the routes answer module_not_enabled; re-enabling restores access', async () => {
    const added = await owner.json('POST', `${base()}/fleet/vehicles`, { plate: '1ab 2345', name: 'Octavia' });
    expect(added.status).toBe(201);
    const off = await owner.json('DELETE', `${base()}/modules/fleet`);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: 'fleet', enabled: false });
    const gated = await owner.json('GET', `${base()}/fleet/vehicles`);
    expect(gated.status).toBe(403);
    expect(gated.body).toMatchObject({ code: 'module_not_enabled', module: 'fleet' });
    expect((await owner.json('GET', '/api/me')).body.tenants[0].modules).toEqual([]);
    // Disabling again is a no-op.
    expect((await owner.json('DELETE', `${base()}/modules/fleet`)).status).toBe(200);

    expect((await owner.json('PUT', `${base()}/modules/fleet`, { confirm: true })).status).toBe(200);
    const back = await owner.json('GET', `${base()}/fleet/vehicles`);
    expect(back.status).toBe(200);
    expect(back.body.vehicles).toEqual([expect.objectContaining({ plate: '1AB 2345', name: 'Octavia' })]);
  });

  it('answers 404 for an unknown module and 400 for a malformed id', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const res = await owner.json(method, `${base()}/modules/nosuch`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await owner.json('POST', `${base()}/modules/nosuch/purge`, { confirm: 'nosuch' })).status).toBe(404);
    expect((await owner.json('PUT', `${base()}/modules/${'x'.repeat(200)}`)).status).toBe(400);
    expect((await owner.json('PUT', `${base()}/modules/Fleet%20X`)).status).toBe(400);
    expect((await owner.json('PUT', `${base()}/modules/fleet`, { confirm: 'yes' })).status).toBe(400);
  });

  it('lets only holders of tenant.modules.manage change modules', async () => {
    const member = await addMember(t, owner, 'member');
    const list = await member.json('GET', `${base()}/modules`);
    expect(list.status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', '/modules/garage', undefined],
      ['DELETE', '/modules/fleet', undefined],
      ['POST', '/modules/garage/purge', { confirm: 'garage' }],
    ] as const) {
      const res = await member.json(method, `${base()}${path}`, body);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden', permission: 'tenant.modules.manage' });
    }
    await createRole(owner, 'module-admin', ['tenant.modules.manage', 'tenant.members.read']);
    const manager = await addMember(t, owner, 'module-admin');
    expect((await manager.json('PUT', `${base()}/modules/garage`, { confirm: true })).status).toBe(200);
    expect((await manager.json('DELETE', `${base()}/modules/garage`)).status).toBe(200);
  });

  it('purges a disabled module only with the exact confirmation, audited; never while enabled', async () => {
    const refused = await owner.json('POST', `${base()}/modules/fleet/purge`, { confirm: 'fleet' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('module_enabled');
    // The event handler's log line (a child of the vehicle) makes the purge delete in foreign-key order.
    const v = await owner.json('POST', `${base()}/fleet/vehicles`, { plate: 'LOG1', name: 'Logged' });
    await t.events.drain();
    expect((await owner.json('GET', `${base()}/fleet/vehicles/${v.body.id}/log`)).body.log).toHaveLength(1);
    const rows = async (table: string) =>
      Number(
        (
          await t.runtime.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('tenant_id', '=', owner.tenant.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const expected = {
      // The vehicles' workflow history (one "created" entry each) lives in core and goes with them.
      'core.status_history': await rows('core.status_history'),
      'fleet.drivers': await rows('fleet.drivers'),
      'fleet.reports': await rows('fleet.reports'),
      'fleet.settings': await rows('fleet.settings'),
      'fleet.vehicle_log': await rows('fleet.vehicle_log'),
      'fleet.vehicles': await rows('fleet.vehicles'),
    };
    expect(expected).toMatchObject({ 'core.status_history': 2, 'fleet.settings': 1, 'fleet.vehicles': 2 });
    const other = await t.signup();
    await enable(other, 'fleet');
    expect(
      (await other.json('POST', `/api/t/${other.tenant.slug}/fleet/vehicles`, { plate: 'ZZ1', name: 'Z' })).status,
    ).toBe(201);

    expect((await owner.json('DELETE', `${base()}/modules/fleet`)).status).toBe(200);
    for (const confirm of ['Fleet', 'fleet ', 'yes', '']) {
      const res = await owner.json('POST', `${base()}/modules/fleet/purge`, { confirm });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('confirm');
    }
    expect((await owner.json('POST', `${base()}/modules/fleet/purge`, {})).status).toBe(400);
    expect((await owner.json('POST', `${base()}/modules/fleet/purge`)).status).toBe(400);
    const purged = await owner.json('POST', `${base()}/modules/fleet/purge`, { confirm: 'fleet' });
    expect(purged.status).toBe(200);
    expect(purged.body).toEqual({ module: 'fleet', deleted: expected });
    const left = await t.runtime.db.selectFrom('fleet.vehicles').select('tenant_id').execute();
    expect(left.map((r) => r.tenant_id)).toEqual([other.tenant.id]);
    expect(await auditActions(owner.tenant.id)).toContain('module.purged:fleet');
    const row = await t.runtime.db
      .selectFrom('core.audit_log')
      .select('after')
      .where('tenant_id', '=', owner.tenant.id)
      .where('action', '=', 'module.purged')
      .executeTakeFirstOrThrow();
    expect(row.after).toEqual({ deleted: purged.body.deleted });
    // Re-enabling after a purge starts clean (onEnable seeds again).
    expect((await owner.json('PUT', `${base()}/modules/fleet`, { confirm: true })).status).toBe(200);
    expect((await owner.json('GET', `${base()}/fleet/vehicles`)).body.vehicles).toEqual([]);
  });

  it('fails a service call of a module not enabled for the tenant with 409 module_not_enabled', async () => {
    const u = await t.signup();
    const b = `/api/t/${u.tenant.slug}`;
    await enable(u, 'garage');
    const off = await u.json('GET', `${b}/garage/fleet-size`);
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ code: 'module_not_enabled', module: 'fleet' });
    await enable(u, 'fleet');
    await u.json('POST', `${b}/fleet/vehicles`, { plate: 'AA1', name: 'A' });
    const on = await u.json('GET', `${b}/garage/fleet-size`);
    expect(on).toMatchObject({ status: 200, body: { vehicles: 1, fleetEnabled: true } });
  });

  it('runs the hooks billing uses: beforeModuleEnable may refuse, afterModuleChange sees both changes, moduleInfo adds fields', async () => {
    const u = await t.signup();
    const b = `/api/t/${u.tenant.slug}`;
    const seen: string[] = [];
    let refuse = true;
    const hooks = t.runtime.hooks;
    const before = async (_: unknown, id: string, confirmed: boolean) => {
      seen.push(`before:${id}:${confirmed}`);
      if (id === 'garage' && refuse) throw new Problem(402, 'test_refused', 'Not on this plan', { extra: { x: 1 } });
    };
    const after = async (_: unknown, id: string, enabled: boolean) => {
      seen.push(`after:${id}:${enabled}`);
    };
    const info = async (_: unknown, id: string) => ({ price: id === 'garage' ? '100.00' : '0.00', enabled: 'nope' });
    hooks.beforeModuleEnable.push(before);
    hooks.afterModuleChange.push(after);
    hooks.moduleInfo.push(info);
    try {
      const refused = await u.json('PUT', `${b}/modules/garage`, { confirm: true });
      expect(refused.status).toBe(402);
      expect(refused.body).toMatchObject({ code: 'test_refused', x: 1 });
      const listed = (await u.json('GET', `${b}/modules`)).body.modules.find((m: any) => m.id === 'garage');
      expect(listed).toMatchObject({ enabled: false, price: '100.00' });
      refuse = false;
      expect((await u.json('PUT', `${b}/modules/garage`, { confirm: true })).status).toBe(200);
      expect((await u.json('DELETE', `${b}/modules/garage`)).status).toBe(200);
      expect(seen).toEqual(['before:garage:true', 'before:garage:true', 'after:garage:true', 'after:garage:false']);
      const audit = await auditActions(u.tenant.id);
      expect(audit).toEqual(['module.enabled:garage', 'module.disabled:garage']);
    } finally {
      hooks.beforeModuleEnable.splice(hooks.beforeModuleEnable.indexOf(before), 1);
      hooks.afterModuleChange.splice(hooks.afterModuleChange.indexOf(after), 1);
      hooks.moduleInfo.splice(hooks.moduleInfo.indexOf(info), 1);
    }
  });

  it("cannot touch another tenant's modules", async () => {
    const stranger = await t.signup();
    const res = await stranger.json('PUT', `${base()}/modules/garage`);
    expect(res.status).toBe(404);
  });
});
