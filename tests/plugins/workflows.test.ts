import {
  type BureauPlugin,
  createBureau,
  createTestBureau,
  definePlugin,
  defineRoute,
  defineWorkflow,
  json,
  jsonBody,
  type TestBureau,
  type TestUser,
  testConfig,
  z,
} from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetRegister } from '../fixture-plugin/src/contract.ts';
import fleet from '../fixture-plugin/src/server/index.ts';
import { vehicleWorkflow } from '../fixture-plugin/src/server/workflow.ts';
import { addMember, enable } from './helpers.ts';

/**
 * A second module driving fleet's workflow from its own code: through fleet's service (the caller's
 * permission applies) and directly with ctx.transition (an unknown transition name).
 */
const dispatch = definePlugin({
  id: 'dispatch',
  version: '1.0.0',
  title: { en: 'Dispatch', cs: 'Dispečink' },
  description: { en: 'Drives fleet', cs: 'Řídí vozový park' },
  requires: ['fleet'],
  permissions: { 'dispatch.use': { en: 'Use dispatch', cs: 'Používat dispečink' } },
  memberPermissions: ['dispatch.use'],
  migrations: {},
  routes: (r) =>
    r
      .openapi(
        defineRoute({
          method: 'post',
          path: '/retire',
          permission: 'dispatch.use',
          request: { body: jsonBody(z.object({ id: z.string(), reason: z.string() })) },
          responses: { 200: json(z.object({ state: z.string() })) },
        }),
        async (c) => {
          const { id, reason } = c.req.valid('json');
          const state = await c.var.ctx.use(fleetRegister).retire(id, reason as 'sold');
          return c.json({ state }, 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/hold-retire',
          permission: 'dispatch.use',
          request: { body: jsonBody(z.object({ id: z.string() })) },
          responses: { 200: json(z.object({ state: z.string() })) },
        }),
        async (c) => {
          const done = await c.var.ctx.transition(vehicleWorkflow, c.req.valid('json').id, 'retire', {
            input: { reason: 'sold' },
          });
          // Keeps the transaction (and the record's lock) open until the test lets go.
          hold.holding = true;
          await hold.promise;
          return c.json({ state: done.to }, 200);
        },
      )
      .openapi(
        defineRoute({
          method: 'post',
          path: '/bogus',
          permission: 'dispatch.use',
          request: { body: jsonBody(z.object({ id: z.string() })) },
          responses: { 200: json(z.object({ ok: z.boolean() })) },
        }),
        async (c) => {
          await c.var.ctx.transition(vehicleWorkflow, c.req.valid('json').id, 'fly' as 'retire');
          return c.json({ ok: true }, 200);
        },
      ),
});

/** A gate the `hold-retire` route waits on before it commits. */
const hold = { promise: Promise.resolve(), release: () => {}, holding: false };

let t: TestBureau;
let owner: TestUser;
const base = () => `/api/t/${owner.tenant.slug}/fleet`;

async function addVehicle(user: TestUser, plate: string, extra: Record<string, unknown> = {}) {
  const res = await user.json('POST', `/api/t/${user.tenant.slug}/fleet/vehicles`, { plate, name: plate, ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** What a failed transition must leave untouched: status, history, audit rows, outbox. */
async function footprint(id: string) {
  const db = t.runtime.db;
  const count = async (table: string, column: string, value: string) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where(column, 'like', value)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const vehicle = await db.selectFrom('fleet.vehicles').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  return {
    status: vehicle.status,
    history: await count('core.status_history', 'entity_id', id),
    audit: await count('core.audit_log', 'entity_id', id),
    events: Number(
      (
        await db
          .selectFrom('core.outbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where(({ ref }) => ref('payload', '->>').key('id' as never), '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

beforeAll(async () => {
  t = await createTestBureau({ plugins: [fleet, dispatch] });
  owner = await t.signup();
  await enable(owner, 'fleet');
  await enable(owner, 'dispatch');
});
afterAll(() => t.close());

describe('workflows (fleet vehicles)', () => {
  it('starts a record in its initial state and shows what the caller may do', async () => {
    const id = await addVehicle(owner, 'WF1');
    const view = await owner.json('GET', `${base()}/vehicles/${id}/workflow`);
    expect(view.status).toBe(200);
    expect(view.body.state).toMatchObject({ key: 'active', label: { en: 'In use', cs: 'V provozu' }, tone: 'success' });
    expect(view.body.transitions.map((x: { name: string }) => x.name)).toEqual(['service', 'retire']);
    const retire = view.body.transitions.find((x: { name: string }) => x.name === 'retire');
    expect(retire).toMatchObject({ allowed: true, danger: true, to: { key: 'retired', final: true } });
    expect(retire.input.properties.reason).toMatchObject({ label: { en: 'Reason', cs: 'Důvod' } });
    expect(view.body.history).toEqual([
      expect.objectContaining({ transition: null, from: null, to: expect.objectContaining({ key: 'active' }) }),
    ]);
  });

  it('runs named transitions: status, history, audit row and event, with the hook in the same transaction', async () => {
    const id = await addVehicle(owner, 'WF2');
    const res = await owner.json('POST', `${base()}/vehicles/${id}/service`, {
      workshop: 'Autoservis Brno',
      note: 'Brakes',
    });
    expect(res.status).toBe(200);
    expect(res.body.state.key).toBe('in_service');
    expect(res.body.transitions.map((x: { name: string }) => x.name)).toEqual(['return', 'retire']);
    const last = res.body.history.at(-1);
    expect(last).toMatchObject({
      transition: 'service',
      transitionLabel: { en: 'Send to the workshop', cs: 'Poslat do servisu' },
      from: { key: 'active' },
      to: { key: 'in_service' },
      actor: owner.email,
      note: 'Brakes',
    });
    const audit = await owner.json('GET', `/api/t/${owner.tenant.slug}/audit?entityId=${id}`);
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('fleet.vehicle.service');
    const events = await t.runtime.db
      .selectFrom('core.outbox')
      .select(['type', 'payload'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('type', '=', 'fleet.vehicle.service')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({
        id,
        from: 'active',
        to: 'in_service',
        workshop: 'Autoservis Brno',
        transition: 'service',
      }),
    );
    expect(
      (await owner.json('GET', `${base()}/vehicles`)).body.vehicles.find((v: { id: string }) => v.id === id).status,
    ).toBe('in_service');
    const back = await owner.json('POST', `${base()}/vehicles/${id}/return`);
    expect(back.status).toBe(200);
    expect(back.body.state.key).toBe('active');
  });

  it('refuses a transition from the wrong state with 409 invalid_transition naming the state, writing nothing', async () => {
    const id = await addVehicle(owner, 'WF3');
    const before = await footprint(id);
    const res = await owner.json('POST', `${base()}/vehicles/${id}/return`, {});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'invalid_transition',
      state: 'active',
      stateLabel: { en: 'In use', cs: 'V provozu' },
      transition: 'return',
      from: ['in_service'],
    });
    // Named in the reader's language (this user reads Czech).
    expect(res.body.title).toMatch(/ve stavu V provozu/);
    expect(await footprint(id)).toEqual(before);
    // A final state has no way out.
    await owner.json('POST', `${base()}/vehicles/${id}/retire`, { reason: 'sold' });
    const again = await owner.json('POST', `${base()}/vehicles/${id}/service`, { workshop: 'X' });
    expect(again.body).toMatchObject({ code: 'invalid_transition', state: 'retired' });
  });

  it('answers unknown transitions with a code: 404 over HTTP, 400 unknown_transition from code', async () => {
    const id = await addVehicle(owner, 'WF4');
    const http = await owner.json('POST', `${base()}/vehicles/${id}/fly`, {});
    expect(http.status).toBe(404);
    expect(http.body.code).toBe('not_found');
    const before = await footprint(id);
    const code = await owner.json('POST', `/api/t/${owner.tenant.slug}/dispatch/bogus`, { id });
    expect(code.status).toBe(400);
    expect(code.body).toMatchObject({
      code: 'unknown_transition',
      transition: 'fly',
      transitions: ['service', 'return', 'retire'],
    });
    expect(await footprint(id)).toEqual(before);
    expect(
      (await owner.json('POST', `${base()}/vehicles/00000000-0000-7000-8000-000000000000/retire`, { reason: 'sold' }))
        .status,
    ).toBe(404);
  });

  it('validates the input and the note before writing anything', async () => {
    const id = await addVehicle(owner, 'WF5');
    const before = await footprint(id);
    const missing = await owner.json('POST', `${base()}/vehicles/${id}/retire`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    const wrong = await owner.json('POST', `${base()}/vehicles/${id}/retire`, { reason: 'lost' });
    expect(wrong.status).toBe(400);
    const long = await owner.json('POST', `${base()}/vehicles/${id}/return`, { note: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(await footprint(id)).toEqual(before);
  });

  it('lets the guard refuse with its reason (409 transition_blocked), and shows it before the click', async () => {
    const id = await addVehicle(owner, 'WF6', { driver: 'Petr' });
    const view = await owner.json('GET', `${base()}/vehicles/${id}/workflow`);
    expect(view.body.transitions.find((x: { name: string }) => x.name === 'retire')).toMatchObject({
      allowed: false,
      reason: { en: 'Take the vehicle from its driver first', cs: 'Nejprve vozidlo odeberte řidiči' },
    });
    const before = await footprint(id);
    const res = await owner.json('POST', `${base()}/vehicles/${id}/retire`, { reason: 'sold' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'transition_blocked', reason: { cs: 'Nejprve vozidlo odeberte řidiči' } });
    expect(await footprint(id)).toEqual(before);
    await owner.json('PATCH', `${base()}/vehicles/${id}`, { driver: null });
    expect((await owner.json('POST', `${base()}/vehicles/${id}/retire`, { reason: 'sold' })).status).toBe(200);
  });

  it('rolls everything back when the hook refuses (the workshop is full)', async () => {
    const ids = [await addVehicle(owner, 'WS1'), await addVehicle(owner, 'WS2'), await addVehicle(owner, 'WS3')];
    // Earlier tests returned their vehicle from the workshop: two slots are free.
    for (const id of ids.slice(0, 2)) {
      expect((await owner.json('POST', `${base()}/vehicles/${id}/service`, { workshop: 'A' })).status).toBe(200);
    }
    const third = ids[2] as string;
    const before = await footprint(third);
    const res = await owner.json('POST', `${base()}/vehicles/${third}/service`, { workshop: 'A' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('workshop_full');
    expect(await footprint(third)).toEqual(before);
    for (const id of ids.slice(0, 2)) await owner.json('POST', `${base()}/vehicles/${id}/return`);
  });

  it('checks each transition’s permission, on the route and through another module’s service', async () => {
    const id = await addVehicle(owner, 'WF7');
    const member = await addMember(t, owner, 'member'); // fleet.read and dispatch.use, not fleet.manage
    const view = await member.json('GET', `${base()}/vehicles/${id}/workflow`);
    expect(view.status).toBe(200);
    expect(view.body.transitions).toEqual([]);
    const direct = await member.json('POST', `${base()}/vehicles/${id}/retire`, { reason: 'sold' });
    expect(direct.status).toBe(403);
    expect(direct.body).toMatchObject({ code: 'forbidden', permission: 'fleet.manage' });
    const viaService = await member.json('POST', `/api/t/${owner.tenant.slug}/dispatch/retire`, { id, reason: 'sold' });
    expect(viaService.status).toBe(403);
    expect(viaService.body).toMatchObject({ code: 'forbidden', permission: 'fleet.manage' });
    const byOwner = await owner.json('POST', `/api/t/${owner.tenant.slug}/dispatch/retire`, { id, reason: 'scrapped' });
    expect(byOwner.body).toEqual({ state: 'retired' });
  });

  it('publishes each transition route with its permission in OpenAPI', async () => {
    const doc = (await (await t.app.request('http://localhost/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-permission'?: string }>>;
    };
    expect(doc.paths['/api/t/{tenant}/fleet/vehicles/{id}/retire']?.post?.['x-permission']).toBe('fleet.manage');
    expect(doc.paths['/api/t/{tenant}/fleet/vehicles/{id}/workflow']?.get?.['x-permission']).toBe('fleet.read');
  });

  it('delivers the workflow event to handlers, once', async () => {
    const id = await addVehicle(owner, 'WF8');
    await owner.json('POST', `${base()}/vehicles/${id}/retire`, { reason: 'stolen' });
    await t.events.drain();
    await t.events.drain();
    const log = await owner.json('GET', `${base()}/vehicles/${id}/log`);
    expect(log.body.log.map((l: { message: string }) => l.message).sort()).toEqual([
      'Vehicle WF8 registered',
      'Vehicle retired (active → retired)',
    ]);
  });

  it('lets only one of several concurrent transitions of a record through (row lock)', async () => {
    const id = await addVehicle(owner, 'WF9');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => owner.json('POST', `${base()}/vehicles/${id}/retire`, { reason: 'sold' })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'invalid_transition')).toBe(true);
    const history = await t.runtime.db
      .selectFrom('core.status_history')
      .select('transition')
      .where('entity_id', '=', id)
      .where('transition', 'is not', null)
      .execute();
    expect(history).toHaveLength(1);
  });

  it('makes a transition wait for one still open on the same record, then refuses it from the new state', async () => {
    const id = await addVehicle(owner, 'WF11');
    hold.holding = false;
    hold.promise = new Promise((r) => {
      hold.release = r;
    });
    const first = owner.json('POST', `/api/t/${owner.tenant.slug}/dispatch/hold-retire`, { id });
    const onServer = t.runtime.database.kind === 'postgres';
    // On a server, wait until the first request's transition is done and its transaction still open
    // (embedded PGlite runs one transaction at a time, so there the second simply comes after).
    if (onServer) await expect.poll(() => hold.holding, { timeout: 10_000 }).toBe(true);
    const second = owner.json('POST', `${base()}/vehicles/${id}/service`, { workshop: 'C' });
    if (onServer) {
      // The second request is blocked on the record: PostgreSQL shows it waiting for a lock.
      await expect
        .poll(
          async () =>
            Number(
              (
                await sql<{ n: string }>`select count(*) as n from pg_stat_activity
                  where datname = current_database() and wait_event_type = 'Lock'`.execute(t.runtime.db)
              ).rows[0]?.n,
            ),
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
    }
    hold.release();
    expect((await first).body).toEqual({ state: 'retired' });
    const refused = await second;
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'invalid_transition', state: 'retired' });
  });

  it('keeps another tenant out of a record’s workflow', async () => {
    const id = await addVehicle(owner, 'WF10');
    const other = await t.signup();
    await enable(other, 'fleet');
    const o = `/api/t/${other.tenant.slug}/fleet/vehicles/${id}`;
    expect((await other.json('GET', `${o}/workflow`)).status).toBe(404);
    expect((await other.json('POST', `${o}/retire`, { reason: 'sold' })).status).toBe(404);
    expect((await footprint(id)).status).toBe('active');
  });

  it('deletes the status history with the module’s data on purge', async () => {
    const other = await t.signup();
    await enable(other, 'fleet');
    const id = await addVehicle(other, 'PG1');
    await other.json('POST', `/api/t/${other.tenant.slug}/fleet/vehicles/${id}/retire`, { reason: 'sold' });
    await other.json('DELETE', `/api/t/${other.tenant.slug}/modules/fleet`);
    const purged = await other.json('POST', `/api/t/${other.tenant.slug}/modules/fleet/purge`, { confirm: 'fleet' });
    expect(purged.status).toBe(200);
    expect(purged.body.deleted['core.status_history']).toBe(2);
  });
});

describe('workflow declarations are checked at boot', () => {
  const plugin = (workflow: unknown, permissions = { 'garage.use': { en: 'Use', cs: 'Používat' } }) =>
    definePlugin({
      id: 'garage',
      version: '1.0.0',
      title: { en: 'Garage', cs: 'Garáž' },
      description: { en: 'Garage', cs: 'Garáž' },
      permissions,
      migrations: {},
      workflows: { job: workflow as never },
    }) as BureauPlugin<string, any>;

  async function bootError(plugins: BureauPlugin<string, any>[]): Promise<string> {
    const config = testConfig({ databaseUrl: 'postgres://nobody@127.0.0.1:1/never' });
    const err = await createBureau({ config, plugins }).then(
      () => null,
      (e: unknown) => e,
    );
    return (err as Error).message;
  }

  it('names unknown states, undeclared permissions, foreign tables and ways out of final states', async () => {
    const wf = defineWorkflow({
      table: 'fleet.vehicles',
      readPermission: 'garage.read',
      initial: 'open',
      states: {
        open: { label: { en: 'Open', cs: 'Otevřeno' } },
        done: { label: { en: 'Done', cs: 'Hotovo' }, final: true },
      },
      transitions: {
        finish: {
          from: 'open',
          to: 'closed' as 'done',
          permission: 'garage.use',
          label: { en: 'Finish', cs: 'Dokončit' },
        },
        reopen: { from: 'done', to: 'open', permission: 'garage.admin', label: { en: 'Reopen', cs: 'Znovu otevřít' } },
        workflow: { from: 'open', to: 'done', permission: 'garage.use', label: { en: 'X', cs: 'X' } },
      },
    });
    const msg = await bootError([plugin(wf)]);
    expect(msg).toContain(
      'plugin "garage" declares workflow "garage.job" on table "fleet.vehicles", which must be a table of its own schema ("garage.<table>")',
    );
    expect(msg).toContain('with read permission "garage.read", which no installed plugin declares');
    expect(msg).toContain(
      'transition "finish" of workflow "garage.job" names state "closed", which the workflow does not declare',
    );
    expect(msg).toContain('transition "reopen" of workflow "garage.job" leaves the final state "done"');
    expect(msg).toContain(
      'transition "reopen" of workflow "garage.job" needs permission "garage.admin", which no installed plugin declares',
    );
    expect(msg).toContain('transition "workflow" of workflow "garage.job": use lowercase letters');
  });

  it('lets handlers listen to workflow events without declaring them again', async () => {
    const listener = definePlugin({
      id: 'listener',
      version: '1.0.0',
      title: { en: 'L', cs: 'L' },
      description: { en: 'L', cs: 'L' },
      permissions: {},
      migrations: {},
      on: { 'fleet.vehicle.service': async () => {}, 'fleet.vehicle.teleport': async () => {} },
    });
    const msg = await bootError([fleet, listener]);
    expect(msg).toBe(
      'Invalid plugin configuration: plugin "listener" handles event "fleet.vehicle.teleport", which no installed plugin declares in its `events`',
    );
  });
});
