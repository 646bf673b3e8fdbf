/**
 * IT with HR, through the HTTP API on a real database: employees (hr's `people` service) as holders
 * of assets, accessories and licence seats; a hire opens an equipment ticket; a leaver's equipment
 * goes on a return checklist (with a notification) that closes only when all is back, and their
 * licence seats are freed once their last day has passed. And the same
 * installation for a tenant that has not enabled HR: no employees, check-out to one refused, no hooks.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestBureau;
let owner: TestUser;
let noHr: TestUser;
let api: ReturnType<typeof itApi>;
let now = new Date('2026-03-20T10:00:00+01:00');

/** A tenant's IT API, as the tests call it. */
function itApi(u: TestUser) {
  const base = `/api/t/${u.tenant.slug}/it`;
  return {
    get: <T = any>(p: string) => u.json<T>('GET', `${base}${p}`),
    post: <T = any>(p: string, body: unknown = {}) => u.json<T>('POST', `${base}${p}`, body),
    async asset(body: Record<string, unknown>) {
      const res = await u.json('POST', `${base}/assets`, { category: 'Laptops', ...body });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body as { id: string; tag: string };
    },
  };
}

beforeAll(async () => {
  // HR and IT as the app installs them (a plugin's own tests may not import another plugin).
  t = await createTestBureau({
    plugins: installedPlugins.filter((p) => p.id === 'hr' || p.id === 'it'),
    clock: { now: () => now },
  });
  [owner, noHr] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'hr');
  await t.enableModule(owner, 'it');
  await t.enableModule(noHr, 'it');
  api = itApi(owner);
});
afterAll(() => t?.close());

async function hire(u: TestUser, firstName: string, lastName: string, extra: Record<string, unknown> = {}) {
  const res = await u.json('POST', `/api/t/${u.tenant.slug}/hr/employees`, {
    firstName,
    lastName,
    startDate: '2026-03-02',
    department: 'Sales',
    position: 'Account manager',
    contract: { type: 'dpc', hourlyRate: '250', weeklyHours: 10 },
    ...extra,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  await t.events.drain();
  return res.body as { id: string };
}

describe('with HR enabled', () => {
  it('asks for a new hire’s equipment in a ticket, once', async () => {
    const before = (await api.get('/tickets?limit=100')).body.items.length;
    await hire(owner, 'Petra', 'Malá');
    const tickets = (await api.get('/tickets?limit=100')).body.items;
    expect(tickets.length - before).toBe(1);
    const ticket = tickets.find((x: { title: string }) => x.title === 'Vybavení pro: Petra Malá');
    expect(ticket).toMatchObject({ requester: 'HR', priority: 'normal', status: 'new' });
    expect(ticket.description).toContain('nastupuje 2. 3. 2026 (oddělení Sales, pozice Account manager)');
    await t.events.drain();
    expect((await api.get('/tickets?limit=100')).body.items.length - before).toBe(1);
  });

  it('checks assets, accessories and seats out to employees; a leaver’s go on a return checklist', async () => {
    const karel = await hire(owner, 'Karel', 'Dvořák', { email: 'karel@example.cz' });
    const employees = await api.get('/employees');
    expect(employees.body.enabled).toBe(true);
    expect(employees.body.items.map((e: { name: string }) => e.name)).toContain('Karel Dvořák');
    expect((await api.get('/employees?q=dvoř')).body.items.map((e: { id: string }) => e.id)).toEqual([karel.id]);

    const laptop = await api.asset({ name: 'ThinkPad X1' });
    const out = await api.post(`/assets/${laptop.id}/checkout`, { employeeId: karel.id });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect((await api.get(`/assets/${laptop.id}`)).body).toMatchObject({
      status: 'deployed',
      holder: 'Karel Dvořák',
      holderType: 'employee',
    });
    const dock = (await api.post('/stock', { kind: 'accessory', name: 'Dock', quantity: 2 })).body;
    expect((await api.post(`/stock/${dock.id}/out`, { quantity: 1, employeeId: karel.id })).status).toBe(200);
    const office = (await api.post('/licences', { name: 'Office', seats: 3 })).body;
    expect((await api.post(`/licences/${office.id}/seats`, { employeeId: karel.id })).status).toBe(201);
    const unknown = await api.post(`/licences/${office.id}/seats`, { employeeId: laptop.id });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'employee_not_found']);

    const terminated = await owner.json('POST', `/api/t/${owner.tenant.slug}/hr/employees/${karel.id}/terminate`, {
      endDate: '2026-03-31',
    });
    expect(terminated.status, JSON.stringify(terminated.body)).toBe(200);
    await t.events.drain();
    await t.events.drain();

    const open = (await api.get('/returns?open=true')).body.items;
    expect(open).toHaveLength(1);
    const list = open[0];
    expect(list).toMatchObject({ name: 'Karel Dvořák', endDate: '2026-03-31', closedAt: null });
    expect(list.items.map((i: { kind: string; label: string }) => [i.kind, i.label])).toEqual([
      ['asset', `${laptop.tag} ThinkPad X1`],
      ['accessory', 'Dock'],
      ['licence', 'Office'],
    ]);
    const inbox = (await owner.json('GET', `/api/t/${owner.tenant.slug}/notifications?filter=all`)).body.items;
    expect(inbox.find((n: { category: string }) => n.category === 'it.returns')).toMatchObject({
      title: 'Karel Dvořák odchází 31. 3. 2026: vybavení k vrácení',
      body: '3 položky k převzetí',
      link: `/it/returns/${list.id}`,
    });
    // A leaver gets nothing more.
    const spare = await api.asset({ name: 'Spare phone' });
    const refused = await api.post(`/assets/${spare.id}/checkout`, { employeeId: karel.id });
    expect([refused.status, refused.body.code]).toEqual([400, 'employee_left']);

    const early = await api.post(`/returns/${list.id}/close`);
    expect([early.status, early.body.code]).toEqual([409, 'returns_outstanding']);
    expect(early.body.title).toBe('Ještě zbývá vrátit 3 položky');

    await api.post(`/assets/${laptop.id}/checkin`);
    const loan = list.items.find((i: { kind: string }) => i.kind === 'accessory');
    await api.post(`/stock/${loan.targetId}/loans/${loan.id}/checkin`);
    // The seat is freed by the morning after the last day, not before.
    const seat = list.items.find((i: { kind: string }) => i.kind === 'licence');
    await t.schedules.runDue(new Date('2026-03-31T06:00:00+02:00'));
    expect((await api.get(`/licences/${seat.targetId}`)).body.seatsUsed).toBe(1);
    now = new Date('2026-04-01T06:00:00+02:00');
    await t.schedules.runDue(now);
    expect((await api.get(`/licences/${seat.targetId}`)).body).toMatchObject({ seatsUsed: 0, seatsFree: 3 });
    const released = await api.post(`/licences/${seat.targetId}/seats/${seat.id}/release`);
    expect([released.status, released.body.code]).toEqual([409, 'seat_released']);
    expect((await api.get(`/returns/${list.id}`)).body.items).toEqual([]);
    const closed = await api.post(`/returns/${list.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.closedAt).not.toBeNull();
    expect((await api.get('/returns?open=true')).body.items).toEqual([]);
    expect((await api.get('/returns')).body.items).toHaveLength(1);
  });

  it('frees a late-reported leaver’s seats at once, also those they hold as a member, and no one else’s', async () => {
    const eva = await hire(owner, 'Eva', 'Nová', { email: owner.email });
    const other = await hire(owner, 'Jan', 'Starý');
    const cad = (await api.post('/licences', { name: 'AutoCAD', seats: 3 })).body;
    for (const body of [{ employeeId: eva.id }, { userId: owner.userId }, { employeeId: other.id }]) {
      expect((await api.post(`/licences/${cad.id}/seats`, body)).status).toBe(201);
    }
    const terminated = await owner.json('POST', `/api/t/${owner.tenant.slug}/hr/employees/${eva.id}/terminate`, {
      endDate: '2026-03-15',
    });
    expect(terminated.status, JSON.stringify(terminated.body)).toBe(200);
    await t.events.drain();
    await t.events.drain();
    const after = (await api.get(`/licences/${cad.id}`)).body;
    expect(after).toMatchObject({ seatsUsed: 1, seatsFree: 2 });
    expect(
      after.seatList
        .filter((s: { releasedAt: string | null }) => !s.releasedAt)
        .map((s: { holder: string }) => s.holder),
    ).toEqual(['Jan Starý']);
    // Freed once: the next morning's run changes nothing.
    await t.schedules.runDue(new Date(now.getTime() + 86_400_000));
    expect((await api.get(`/licences/${cad.id}`)).body.seatsUsed).toBe(1);
  });

  it('hides another tenant’s checklists and employees', async () => {
    const list = (await api.get('/returns')).body.items[0];
    const theirs = itApi(noHr);
    expect((await theirs.get(`/returns/${list.id}`)).status).toBe(404);
    expect((await theirs.post(`/returns/${list.id}/close`)).status).toBe(404);
  });
});

describe('with HR off for the tenant', () => {
  it('lists no employees, refuses check-out to one, and keeps working with members', async () => {
    const theirs = itApi(noHr);
    expect((await theirs.get('/employees')).body).toEqual({ enabled: false, items: [] });
    const asset = await theirs.asset({ name: 'Monitor' });
    const refused = await theirs.post(`/assets/${asset.id}/checkout`, { employeeId: asset.id });
    expect([refused.status, refused.body.code]).toEqual([400, 'hr_not_enabled']);
    expect(refused.body.errors).toMatchObject([{ path: 'employeeId' }]);
    expect((await theirs.post(`/assets/${asset.id}/checkout`, { userId: noHr.userId })).status).toBe(200);
    expect((await theirs.get('/returns')).body.items).toEqual([]);
    expect((await theirs.get('/tickets')).body.items).toEqual([]);
  });
});
