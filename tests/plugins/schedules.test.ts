import {
  type Bureau,
  type BureauPlugin,
  connect,
  createBureau,
  createTestBureau,
  definePlugin,
  enableTenantRls,
  newId,
  type PlatformSchedule,
  SCHEDULES_QUEUE,
  type TestBureau,
  type TestUser,
  testConfig,
} from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fleet from '../fixture-plugin/src/server/index.ts';
import { addMember, enable } from './helpers.ts';

/** Tenants whose `flaky` run throws (after writing its mark, which must then roll back). */
const failing = new Set<string>();

/** An hourly job that writes a mark per run (no unique key: a double run would show) and fails on demand. */
const flaky = definePlugin({
  id: 'flaky',
  version: '1.0.0',
  title: { en: 'Flaky', cs: 'Vrtkavý' },
  description: { en: 'Fails on demand', cs: 'Selhává na požádání' },
  permissions: {},
  migrations: {
    '0001_marks': {
      async up(db) {
        await db.schema
          .createTable('flaky.marks')
          .addColumn('tenant_id', 'uuid', (c) => c.notNull())
          .addColumn('id', 'uuid', (c) => c.notNull())
          .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('marks_pkey', ['tenant_id', 'id'])
          .execute();
        await enableTenantRls(db, 'flaky.marks');
      },
    },
  },
  schedules: {
    hourly: {
      cron: '0 * * * *',
      label: { en: 'Hourly mark', cs: 'Hodinová značka' },
      async run(ctx) {
        await ctx.db
          .insertInto('flaky.marks')
          .values({
            tenant_id: ctx.tenant.id,
            id: newId(),
            scheduled_for: ctx.schedule.scheduledAt,
            attempt: ctx.schedule.attempt,
          })
          .execute();
        if (failing.has(ctx.tenant.id)) throw new Error('disk full');
      },
    },
  },
});

const platformRuns: string[] = [];
const nightly: PlatformSchedule = {
  name: 'nightly-backup',
  cron: '30 1 * * *',
  label: { en: 'Backup', cs: 'Záloha' },
  async run(_runtime, run) {
    platformRuns.push(run.scheduledAt.toISOString());
  },
};

const cs = { 'accept-language': 'cs' };
let t: TestBureau;
let a: TestUser;
let b: TestUser;
let off: TestUser;

const marks = async (tenantId: string, at?: Date) => {
  let q = t.runtime.db.selectFrom('flaky.marks').select(['scheduled_for', 'attempt']).where('tenant_id', '=', tenantId);
  if (at) q = q.where('scheduled_for', '=', at);
  return q.execute();
};
const runsOf = (tenantId: string, schedule: string) =>
  t.runtime.db
    .selectFrom('core.schedule_runs')
    .select(['scheduled_for', 'status', 'attempts', 'error'])
    .where('tenant_id', '=', tenantId)
    .where('schedule', '=', schedule)
    .orderBy('scheduled_for')
    .execute();

beforeAll(async () => {
  t = await createTestBureau({ plugins: [fleet, flaky], schedules: [nightly] });
  [a, b, off] = [await t.signup(), await t.signup(), await t.signup()];
  for (const u of [a, b]) {
    await enable(u, 'fleet');
    await enable(u, 'flaky');
  }
});
afterAll(() => t.close());

describe('schedules', () => {
  it('runs a due period once for every tenant with the module enabled, and not again', async () => {
    // Monday 10 March 2025, 06:00 in Prague: the fleet's weekly report is due.
    const monday = new Date('2025-03-10T06:00:00+01:00');
    const report = await t.schedules.runDue(monday);
    expect(report.due).toContainEqual({ schedule: 'fleet.weekly-report', scheduledFor: monday.toISOString(), jobs: 2 });
    expect(report.failed).toBe(0);
    const weeks = await t.runtime.db.selectFrom('fleet.reports').select(['tenant_id', 'week_of']).execute();
    expect(weeks.map((w) => w.tenant_id).sort()).toEqual([a.tenant.id, b.tenant.id].sort());
    expect(weeks.every((w) => String(w.week_of).startsWith('2025-03-10'))).toBe(true);
    expect(await runsOf(off.tenant.id, 'fleet.weekly-report')).toEqual([]);

    // Later the same week nothing new is due; the next Monday is a new period.
    const again = await t.schedules.runDue(new Date('2025-03-12T12:00:00+01:00'));
    expect(again.due.filter((d) => d.schedule === 'fleet.weekly-report')).toEqual([]);
    expect(await t.runtime.db.selectFrom('fleet.reports').select('id').execute()).toHaveLength(2);
    await t.schedules.runDue(new Date('2025-03-17T06:00:00+01:00'));
    const runs = await runsOf(a.tenant.id, 'fleet.weekly-report');
    expect(runs.map((r) => [new Date(r.scheduled_for).toISOString(), r.status, r.attempts])).toEqual([
      ['2025-03-10T05:00:00.000Z', 'succeeded', 1],
      ['2025-03-17T05:00:00.000Z', 'succeeded', 1],
    ]);
  });

  it('runs only the latest missed period after downtime, keyed by the fire time, not the clock', async () => {
    const before = (await marks(a.tenant.id)).length;
    // Three hours after the last fan-out at noon on the 12th … the 17th: one hourly run, for 14:00.
    const report = await t.schedules.runDue(new Date('2025-03-17T14:59:00+01:00'));
    expect(report.due.find((d) => d.schedule === 'flaky.hourly')?.scheduledFor).toBe('2025-03-17T13:00:00.000Z');
    expect((await marks(a.tenant.id)).length).toBe(before + 1);
  });

  it('lets a schedule drive a workflow as the system; the guard still holds', async () => {
    const base = `/api/t/${a.tenant.slug}/fleet/vehicles`;
    const expired = await a.json('POST', base, { plate: 'EXP1', name: 'Old van', registrationExpires: '2025-04-01' });
    const driven = await a.json('POST', base, {
      plate: 'EXP2',
      name: 'Taken',
      registrationExpires: '2025-04-01',
      driver: 'Eva',
    });
    const valid = await a.json('POST', base, { plate: 'EXP3', name: 'New', registrationExpires: '2025-04-02' });
    // 03:00 on 2 April in Prague: the 1 April expiry is past, the 2 April one is not.
    const report = await t.schedules.runDue(new Date('2025-04-02T03:00:00+02:00'));
    expect(report.failed).toBe(0);
    const list = (await a.json('GET', base)).body.vehicles as { id: string; status: string }[];
    const status = (id: string) => list.find((v) => v.id === id)?.status;
    expect([status(expired.body.id), status(driven.body.id), status(valid.body.id)]).toEqual([
      'retired',
      'active',
      'active',
    ]);
    const history = (await a.json('GET', `${base}/${expired.body.id}/workflow`)).body.history;
    expect(history.at(-1)).toMatchObject({ transition: 'retire', actor: 'system' });
  });

  it('records a failure with its error, rolls the run’s writes back, retries, and keeps other tenants running', async () => {
    failing.add(a.tenant.id);
    const at = new Date('2025-05-05T10:00:00+02:00');
    const report = await t.schedules.runDue(at);
    expect(report.failed).toBe(1);
    expect(report.succeeded).toBeGreaterThanOrEqual(1); // b's hourly run, and fleet's jobs
    expect(await marks(a.tenant.id, at)).toEqual([]);
    expect(await marks(b.tenant.id, at)).toHaveLength(1);
    const [run] = (await runsOf(a.tenant.id, 'flaky.hourly')).filter((r) => +new Date(r.scheduled_for) === +at);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, error: 'disk full' });
    expect(t.schedules.stats()['flaky.hourly']?.failed).toBeGreaterThanOrEqual(1);

    // pg-boss retries with backoff; each retry fails again until the retry limit (3).
    await t.schedules.runDue(at, { includeRetries: true });
    const [final] = (await runsOf(a.tenant.id, 'flaky.hourly')).filter((r) => +new Date(r.scheduled_for) === +at);
    expect(final).toMatchObject({ status: 'failed', attempts: 4 });
    expect(await marks(a.tenant.id, at)).toEqual([]);

    // Visible to the tenant's admin, who runs it again once the cause is gone.
    const failed = await a.json('GET', `/api/t/${a.tenant.slug}/schedules/runs?status=failed`);
    expect(failed.status).toBe(200);
    const item = failed.body.runs.find((r: { scheduledFor: string }) => r.scheduledFor === at.toISOString());
    expect(item).toMatchObject({ schedule: 'flaky.hourly', module: 'flaky', attempts: 4, error: 'disk full' });
    const schedules = (await a.json('GET', `/api/t/${a.tenant.slug}/schedules`)).body.schedules;
    expect(schedules.find((s: { key: string }) => s.key === 'flaky.hourly')).toMatchObject({
      label: { en: 'Hourly mark', cs: 'Hodinová značka' },
      cron: '0 * * * *',
      timeZone: 'Europe/Prague',
      failedRuns: expect.any(Number),
    });
    failing.delete(a.tenant.id);
    const retryPath = `/api/t/${a.tenant.slug}/schedules/runs/${item.id}/retry`;
    // Refusals in the reader's language, codes unchanged (issue 20 item 5).
    await a.json('DELETE', `/api/t/${a.tenant.slug}/modules/flaky`);
    expect((await a.json('POST', retryPath, undefined, cs)).body).toMatchObject({
      code: 'module_not_enabled',
      title: 'Modul flaky není v tomto prostoru zapnutý',
    });
    await enable(a, 'flaky');
    const retry = await a.json('POST', retryPath);
    expect(retry.status).toBe(202);
    expect(retry.body.status).toBe('retry_requested');
    expect((await a.json('POST', retryPath, undefined, cs)).body).toMatchObject({
      code: 'not_failed',
      title: 'Tento běh už čeká na opakování, neselhal',
    });
    expect((await a.json('POST', retryPath, undefined, { 'accept-language': 'en' })).body.title).toBe(
      'This run is retry_requested, not failed',
    );
    await t.schedules.runDue(at);
    const [fixed] = (await runsOf(a.tenant.id, 'flaky.hourly')).filter((r) => +new Date(r.scheduled_for) === +at);
    expect(fixed).toMatchObject({ status: 'succeeded', attempts: 5, error: null });
    expect(await marks(a.tenant.id, at)).toEqual([expect.objectContaining({ attempt: 5 })]);
  });

  it('keeps the schedules API to admins of the tenant', async () => {
    const member = await addMember(t, a, 'member');
    expect((await member.json('GET', `/api/t/${a.tenant.slug}/schedules`)).status).toBe(403);
    const runs = (await a.json('GET', `/api/t/${a.tenant.slug}/schedules/runs`)).body.runs;
    expect(runs.length).toBeGreaterThan(0);
    // Another tenant's run is not found, not forbidden.
    expect((await b.json('POST', `/api/t/${b.tenant.slug}/schedules/runs/${runs[0].id}/retry`)).status).toBe(404);
    expect((await off.json('GET', `/api/t/${off.tenant.slug}/schedules`)).body.schedules).toEqual([]);
  });

  it('skips a job whose module was disabled after it was queued, and runs a duplicate job once', async () => {
    const at = new Date('2025-06-02T09:00:00+02:00');
    await t.schedules.tick(at);
    await b.json('DELETE', `/api/t/${b.tenant.slug}/modules/flaky`);
    // A duplicate of a's job, as a redelivery would make it.
    await t.events.boss.send(SCHEDULES_QUEUE, {
      schedule: 'flaky.hourly',
      scheduledFor: at.toISOString(),
      tenantId: a.tenant.id,
    });
    const report = await t.schedules.runDue(at);
    expect(report.skipped).toBeGreaterThanOrEqual(2);
    expect(await marks(a.tenant.id, at)).toHaveLength(1);
    expect(await marks(b.tenant.id, at)).toEqual([]);
    await enable(b, 'flaky');
  });

  it('runs a period exactly once while two app instances on one database run it at the same time', async () => {
    const second = await secondInstance(t);
    try {
      const at = new Date('2025-07-07T06:00:00+02:00'); // a Monday: weekly report and hourly mark
      const [r1, r2] = await Promise.all([t.schedules.runDue(at), second.schedules.runDue(at)]);
      const fanned = [...r1.due, ...r2.due].filter((d) => d.schedule === 'flaky.hourly');
      expect(fanned).toHaveLength(1);
      for (const u of [a, b]) {
        expect(await marks(u.tenant.id, at)).toHaveLength(1);
        const weeks = await t.runtime.db
          .selectFrom('fleet.reports')
          .select('id')
          .where('tenant_id', '=', u.tenant.id)
          .where('week_of', '=', '2025-07-07')
          .execute();
        expect(weeks).toHaveLength(1);
      }
      expect(r1.succeeded + r2.succeeded).toBe(r1.due.concat(r2.due).reduce((n, d) => n + d.jobs, 0));
    } finally {
      await second.schedules.stop();
      await second.events.stop();
      await second.close();
    }
  });

  it('runs platform schedules once per period, outside any tenant', async () => {
    const at = new Date('2025-08-01T01:30:00+02:00');
    await t.schedules.runDue(at);
    await t.schedules.runDue(at);
    expect(platformRuns.filter((x) => x === at.toISOString())).toHaveLength(1);
    const row = await t.runtime.db
      .selectFrom('core.platform_runs')
      .selectAll()
      .where('scheduled_for', '=', at)
      .executeTakeFirst();
    expect(row).toMatchObject({ schedule: 'platform.nightly-backup', status: 'succeeded', attempts: 1 });
  });

  it('keeps the request role away from the cross-tenant scheduler tables', async () => {
    await expect(
      t.runtime.db.transaction().execute(async (trx) => {
        await sql`set local role bureau_app`.execute(trx);
        await sql`select * from core.schedule_ticks`.execute(trx);
      }),
    ).rejects.toThrow(/permission denied/);
  });
});

/** Another app instance on the same database (a second pool on a server; the same PGlite embedded). */
async function secondInstance(t: TestBureau): Promise<Bureau> {
  const db = t.runtime.database;
  const url = (db.pool?.options as { connectionString?: string } | undefined)?.connectionString;
  const database = url ? await connect({ databaseUrl: url, poolSize: 3 }) : { ...db, close: async () => {} };
  return createBureau({
    config: testConfig({ databaseUrl: url }),
    database,
    plugins: [fleet, flaky],
    schedules: [nightly],
  });
}

describe('schedules are checked at boot', () => {
  async function bootError(plugins: BureauPlugin<string, any>[], schedules: PlatformSchedule[] = []): Promise<string> {
    const config = testConfig({ databaseUrl: 'postgres://nobody@127.0.0.1:1/never' });
    const err = await createBureau({ config, plugins, schedules }).then(
      () => null,
      (e: unknown) => e,
    );
    return (err as Error).message;
  }
  const withSchedule = (cron: string, name = 'nightly', timeZone?: string) =>
    definePlugin({
      id: 'garage',
      version: '1.0.0',
      title: { en: 'Garage', cs: 'Garáž' },
      description: { en: 'Garage', cs: 'Garáž' },
      permissions: {},
      migrations: {},
      schedules: {
        [name]: { cron, label: { en: 'X', cs: 'X' }, ...(timeZone ? { timeZone } : {}), run: async () => {} },
      },
    }) as BureauPlugin<string, any>;

  it('refuses a cron expression that does not parse, naming the plugin, the schedule and the reason', async () => {
    expect(await bootError([withSchedule('every day')])).toBe(
      'Invalid plugin configuration: plugin "garage" declares schedule "nightly" with cron "every day", which does not parse: use five fields (minute hour day-of-month month day-of-week) or @daily, @weekly, @monthly…',
    );
    expect(await bootError([withSchedule('61 * * * *')])).toMatch(
      /schedule "nightly" with cron "61 \* \* \* \*", which does not parse: .*61/,
    );
    expect(await bootError([withSchedule('0 0 31 2 *')])).toMatch(/which does not parse/);
    expect(await bootError([withSchedule('0 * * * * *')])).toMatch(/use five fields/);
    expect(await bootError([withSchedule('@daily', 'Nightly')])).toMatch(/use lowercase letters, digits and dashes/);
    expect(await bootError([withSchedule('@daily', 'nightly', 'Mars/Olympus')])).toMatch(
      /"Mars\/Olympus" is not a time zone/,
    );
    expect(await bootError([], [{ ...nightly, cron: '* *' }])).toMatch(
      /platform schedule "nightly-backup" with cron "\* \*", which does not parse/,
    );
  });
});
