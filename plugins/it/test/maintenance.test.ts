/**
 * Preventive maintenance through the HTTP API on a real database (PGlite, or DATABASE_URL's
 * PostgreSQL): a quarterly plan whose due dates skip Czech public holidays, the schedule opening
 * each period's work order once ahead of its due date, the overdue list, completion with who/when,
 * checklist, time, parts and cost; a floating category plan per asset; a meter plan opened by a
 * reading, readings that may not go backwards; bad plans refused with nothing written; another
 * tenant sees nothing.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { count, inbox, itApi, memberWith } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let other: TestUser;
let api: ReturnType<typeof itApi>;
let now = new Date('2026-03-02T09:00:00+01:00'); // a Monday
const clock = { now: () => now };

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin], clock });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'it');
  await t.enableModule(other, 'it');
  member = await memberWith(t, owner, 'member');
  api = itApi(owner);
});
afterAll(() => t?.close());

/** The maintenance notices in a member's inbox: [title, body], newest first. */
const notices = async (u: TestUser) =>
  (await inbox(u)).filter((n) => n.category === 'it.maintenance').map((n) => [n.title, n.body]);

const openFor = async (planId: string) =>
  (await api.get(`/maintenance/work-orders?planId=${planId}&state=open`)).body.items as Array<Record<string, any>>;

describe('a quarterly plan on one asset', () => {
  let plan: string;
  let asset: string;
  let wo: string;

  it('dates its periods in the tenant’s calendar: Easter Monday 2026 moves to Tuesday, Jan Hus day 6 July to the 7th', async () => {
    asset = (await api.asset({ name: 'Server rack UPS', category: 'Power' })).id;
    const res = await api.post('/maintenance/plans', {
      title: 'Battery test',
      assetId: asset,
      everyMonths: 3,
      startsOn: '2026-04-06',
      shift: 'after',
      leadDays: 7,
      checklist: ['Run the self-test', 'Check the battery age', 'Clean the vents'],
      estimatedMinutes: 30,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    plan = res.body.id;
    expect(res.body).toMatchObject({
      nextDueAt: '2026-04-07',
      kind: 'months',
      every: 3,
      target: expect.stringContaining('Server rack UPS'),
      schedule: [{ assetId: asset, nextDueOn: '2026-04-07', openWorkOrders: 0 }],
    });
  });

  it('opens the work order once, lead days before the due date, however often the schedule runs', async () => {
    await t.schedules.runDue(new Date('2026-03-30T06:00:00+02:00')); // 8 days ahead: not yet
    expect(await openFor(plan)).toHaveLength(0);
    now = new Date('2026-03-31T06:00:00+02:00');
    await t.schedules.runDue(now);
    await t.schedules.runDue(new Date('2026-03-31T07:00:00+02:00'));
    const open = await openFor(plan);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      number: 'WO-00001',
      seq: 0,
      dueOn: '2026-04-07',
      overdue: false,
      assetId: asset,
      checklist: [
        { text: 'Run the self-test', done: false },
        { text: 'Check the battery age', done: false },
        { text: 'Clean the vents', done: false },
      ],
    });
    wo = open[0]?.id;
    // Running again for the next days never opens the period twice.
    await t.schedules.runDue(new Date('2026-04-01T06:00:00+02:00'));
    expect(await openFor(plan)).toHaveLength(1);
    const events = await t.runtime.db
      .selectFrom('core.outbox')
      .select('type')
      .where('type', '=', 'it.maintenance.due')
      .execute();
    expect(events).toHaveLength(1);
    // Those who do maintenance hear once that it is due soon (in Czech, the owner's language); a member does not.
    expect(await notices(owner)).toEqual([
      ['Blíží se termín 1 pracovního příkazu údržby', 'WO-00001 Battery test (IT-00001), 2026-04-07'],
    ]);
    expect(await notices(member)).toEqual([]);
  });

  it('lists it as upcoming, then as overdue the day after its due date', async () => {
    expect((await api.get('/maintenance/work-orders?state=upcoming')).body.items.map((w: any) => w.id)).toContain(wo);
    now = new Date('2026-04-08T09:00:00+02:00');
    const overdue = (await api.get('/maintenance/work-orders?state=overdue')).body.items;
    expect(overdue.map((w: any) => w.id)).toEqual([wo]);
    expect(overdue[0].overdue).toBe(true);
    // The morning run after the due date tells of it once.
    await t.schedules.runDue(new Date('2026-04-07T05:00:00+02:00'));
    expect(await notices(owner)).toHaveLength(1);
    await t.schedules.runDue(new Date('2026-04-08T05:00:00+02:00'));
    await t.schedules.runDue(new Date('2026-04-09T05:00:00+02:00'));
    expect((await notices(owner))[0]).toEqual([
      '1 pracovní příkaz údržby je po termínu',
      'WO-00001 Battery test (IT-00001), 2026-04-07',
    ]);
    expect(await notices(owner)).toHaveLength(2);
  });

  it('completes it with who, when, the checklist, time, parts and cost; a second completion is 409', async () => {
    const short = await api.post(`/maintenance/work-orders/${wo}/complete`, { checklist: [true] });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('checklist_length');
    const noRight = await api.post(
      `/maintenance/work-orders/${wo}/complete`,
      { checklist: [true, true, true] },
      member,
    );
    expect(noRight.status).toBe(403);
    const done = await api.post(`/maintenance/work-orders/${wo}/complete`, {
      checklist: [true, true, false],
      notes: 'Vents were clean already',
      minutesSpent: 25,
      parts: [
        { name: 'Fuse 10 A', quantity: '2', cost: '40.50' },
        { name: 'Contact spray', cost: '129' },
      ],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      completedOn: '2026-04-08',
      completedBy: owner.email,
      minutesSpent: 25,
      cost: '169.50',
      currency: 'CZK',
      overdue: false,
      checklist: [{ done: true }, { done: true }, { done: false }],
      notes: 'Vents were clean already',
    });
    const again = await api.post(`/maintenance/work-orders/${wo}/complete`, { checklist: [true, true, true] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('work_order_closed');
    // A fixed plan keeps its calendar: the next period is 6 July (a holiday) → 7 July.
    expect((await api.get(`/maintenance/plans/${plan}`)).body).toMatchObject({ nextDueAt: '2026-07-07' });
    expect((await api.get(`/maintenance/work-orders?state=done&assetId=${asset}`)).body.items).toHaveLength(1);
  });
});

describe('a floating plan for a category', () => {
  it('covers each asset of the category and counts the next period from the last completion', async () => {
    now = new Date('2026-05-04T09:00:00+02:00');
    const a = await api.asset({ name: 'Printer A', category: 'Printers' });
    const b = await api.asset({ name: 'Printer B', category: 'Printers' });
    const category = (await api.get('/categories')).body.items.find((c: any) => c.name === 'Printers').id;
    const res = await api.post('/maintenance/plans', {
      title: 'Clean the rollers',
      categoryId: category,
      everyDays: 30,
      basis: 'floating',
      leadDays: 0,
      startsOn: '2026-05-04',
      checklist: ['Clean the rollers'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Due today with no lead: both open at once.
    const open = await openFor(res.body.id);
    expect(open.map((w) => w.assetTag).sort()).toEqual([a.tag, b.tag].sort());
    const first = open.find((w) => w.assetId === a.id) as Record<string, any>;
    now = new Date('2026-05-11T09:00:00+02:00');
    expect((await api.post(`/maintenance/work-orders/${first.id}/complete`, { checklist: [true] })).status).toBe(200);
    const p = (await api.get(`/maintenance/plans/${res.body.id}`)).body;
    const byAsset = Object.fromEntries(p.schedule.map((s: any) => [s.assetId, s]));
    expect(byAsset[a.id]).toMatchObject({ nextDueOn: '2026-06-10', lastDoneOn: '2026-05-11', openWorkOrders: 0 });
    expect(byAsset[b.id]).toMatchObject({ nextDueOn: '2026-05-04', openWorkOrders: 1 });
  });
});

describe('a meter plan', () => {
  let car: string;
  let plan: string;

  it('counts from the reading it finds, opens a work order when a reading reaches the threshold, once', async () => {
    car = (await api.asset({ name: 'Škoda Octavia', category: 'Vehicles' })).id;
    expect((await api.post(`/assets/${car}/meters`, { meter: 'km', value: 14_900 })).status).toBe(201);
    const res = await api.post('/maintenance/plans', {
      title: 'Oil service',
      assetId: car,
      everyMeter: 15_000,
      meter: 'km',
      checklist: ['Change the oil', 'Change the filter'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    plan = res.body.id;
    expect(res.body).toMatchObject({ nextMeter: 15_000, nextDueAt: null });
    const r = await api.post(`/assets/${car}/meters`, { meter: 'km', value: 15_100 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.opened).toHaveLength(1);
    const again = await api.post(`/assets/${car}/meters`, { meter: 'km', value: 15_200 });
    expect(again.body.opened).toHaveLength(0);
    const open = await openFor(plan);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ meterDue: 15_000 });
    expect((await api.get(`/maintenance/plans/${plan}`)).body).toMatchObject({ nextMeter: 30_000 });
  });

  it('refuses a reading that goes backwards with 409 and writes nothing', async () => {
    const before = await count(t, 'meter_readings');
    const back = await api.post(`/assets/${car}/meters`, { meter: 'km', value: 14_000 });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('meter_backwards');
    expect(back.body.errors[0]).toMatchObject({ path: 'value' });
    expect(await count(t, 'meter_readings')).toBe(before);
    const list = (await api.get(`/assets/${car}/meters`)).body.items;
    expect(list.map((x: any) => x.value)).toEqual([15_200, 15_100, 14_900]);
  });
});

describe('the month calendar', () => {
  const month = async (m: string, as = api) => (await as.get(`/maintenance/calendar?month=${m}`)).body;
  const brief = (items: any[]) => items.map((i) => [i.date, i.kind, i.number ?? i.assetTag, i.status, i.overdue]);

  it('lists the work orders due in the month and the plans’ periods not opened yet, overdue marked', async () => {
    // 11 May 2026: WO-00001 (battery test) done in April; the printers' work orders due 4 May, B's still
    // open; the oil service opened today; printer A's next period counts 30 days from its completion.
    const may = await month('2026-05');
    expect(may).toMatchObject({ from: '2026-05-01', to: '2026-05-31', today: '2026-05-11', truncated: false });
    expect(brief(may.items)).toEqual([
      ['2026-05-04', 'workOrder', 'WO-00002', 'done', false],
      ['2026-05-04', 'workOrder', 'WO-00003', 'open', true],
      ['2026-05-11', 'workOrder', 'WO-00004', 'open', false],
    ]);
    expect(brief((await month('2026-04')).items)).toEqual([['2026-04-07', 'workOrder', 'WO-00001', 'done', false]]);
    // Printer A's next period is planned; printer B's cannot be dated while its work order is open.
    const june = (await month('2026-06')).items;
    expect(june).toHaveLength(1);
    expect(june[0]).toMatchObject({ date: '2026-06-10', kind: 'plan', title: 'Clean the rollers', status: 'planned' });
    // The fixed quarterly plan: 6 July (Jan Hus day) moves to the 7th; 6 October is a Tuesday.
    expect(brief((await month('2026-07')).items)).toEqual([['2026-07-07', 'plan', 'IT-00001', 'planned', false]]);
    expect(brief((await month('2026-10')).items)).toEqual([['2026-10-06', 'plan', 'IT-00001', 'planned', false]]);
  });

  it('refuses a month that is not YYYY-MM; another tenant sees an empty month', async () => {
    for (const bad of ['2026-13', '2026-5', 'may', ''])
      expect((await api.get(`/maintenance/calendar?month=${bad}`)).status, bad).toBe(400);
    expect((await month('2026-05', itApi(other))).items).toEqual([]);
    expect((await month('2026-05', itApi(member))).items).toHaveLength(3);
  });
});

describe('bad plans and other tenants', () => {
  it('refuses impossible plans with a code and the field, writing nothing', async () => {
    now = new Date('2026-06-01T09:00:00+02:00');
    const asset = (await api.asset({ name: 'Projector', category: 'AV' })).id;
    const before = await count(t, 'maintenance_plans');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ everyDays: 30 }, 'plan_target', 'assetId'],
      [{ assetId: asset, categoryId: asset, everyDays: 30 }, 'plan_target', 'assetId'],
      [{ assetId: asset }, 'plan_interval', 'everyDays'],
      [{ assetId: asset, everyDays: 30, everyMonths: 1 }, 'plan_interval', 'everyDays'],
      [{ assetId: asset, everyMeter: 100 }, 'meter_required', 'meter'],
      [{ assetId: asset, everyDays: 30, meter: 'km' }, 'meter_only', 'meter'],
      [{ assetId: asset, everyDays: 30, startsOn: '2026-05-31' }, 'starts_in_past', 'startsOn'],
      [{ assetId: '0190f0e0-0000-7000-8000-000000000000', everyDays: 30 }, 'asset_not_found', 'assetId'],
    ];
    for (const [body, code, path] of cases) {
      const res = await api.post('/maintenance/plans', { title: 'X', checklist: ['Do it'], ...body });
      expect(res.status, `${code}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    }
    const zod = await api.post('/maintenance/plans', { title: 'X', assetId: asset, everyDays: 0, checklist: [] });
    expect(zod.status).toBe(400);
    expect(await count(t, 'maintenance_plans')).toBe(before);
    // A member may read plans but not make them.
    expect(
      (await api.post('/maintenance/plans', { title: 'X', assetId: asset, everyDays: 9, checklist: ['a'] }, member))
        .status,
    ).toBe(403);
  });

  it('another tenant sees none of it', async () => {
    const plans = (await api.get('/maintenance/plans')).body.items;
    expect(plans.length).toBeGreaterThan(0);
    const otherApi = itApi(other);
    expect((await otherApi.get('/maintenance/plans')).body.items).toEqual([]);
    expect((await otherApi.get(`/maintenance/plans/${plans[0].id}`)).status).toBe(404);
    expect((await otherApi.get('/maintenance/work-orders')).body.items).toEqual([]);
    const wo = (await api.get('/maintenance/work-orders')).body.items[0];
    expect((await otherApi.post(`/maintenance/work-orders/${wo.id}/skip`, { reason: 'x' })).status).toBe(404);
    expect(
      (await otherApi.post(`/assets/${plans[0].schedule[0].assetId}/meters`, { meter: 'km', value: 1 })).status,
    ).toBe(404);
  });

  it('skips a period with a reason; the plan can be paused', async () => {
    const wo = (await api.get('/maintenance/work-orders?state=open')).body.items[0];
    const skipped = await api.post(`/maintenance/work-orders/${wo.id}/skip`, { reason: 'Printer sent for repair' });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ status: 'skipped', notes: 'Printer sent for repair' });
    const paused = await api.post(`/maintenance/plans/${wo.planId}/active`, { active: false });
    expect(paused.body.active).toBe(false);
  });
});
