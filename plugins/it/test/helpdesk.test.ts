/**
 * The helpdesk through its HTTP API on a real database: SLA due instants in business time (Czech
 * holidays, weekends), the clock pausing while waiting on the requester, breaches flagged by the
 * schedule, settings refused when impossible, who sees which ticket, and the IT provider's console
 * across two clients. Worked example: a ticket opened on the Thursday before Easter 2026.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { inbox, itApi, memberWith } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let colleague: TestUser;
let provider: TestUser;
let other: TestUser;
let api: ReturnType<typeof itApi>;
let now = new Date('2026-04-02T15:00:00+02:00'); // Thursday before Easter 2026
const clock = { now: () => now };

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin], clock });
  [owner, other] = [await t.signup(), await t.signup()];
  provider = await t.signup({ tenant: { kind: 'provider' } });
  await t.enableModule(owner, 'it');
  await t.enableModule(other, 'it');
  member = await memberWith(t, owner, 'member');
  colleague = await memberWith(t, owner, 'member');
  api = itApi(owner);
});
afterAll(() => t?.close());

describe('helpdesk SLA', () => {
  let easter: string;

  it('opens a ticket on the Thursday before Easter with due instants that skip Good Friday, the weekend and Easter Monday', async () => {
    // Default hours Mon–Fri 8:00–16:00 Prague; high priority: response 2 h, resolution 8 h.
    const res = await api.post(
      '/tickets',
      { title: 'Laptop does not boot', description: 'Black screen', priority: 'high' },
      member,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    easter = res.body.id;
    expect(res.body).toMatchObject({
      number: 'T-00001',
      status: 'new',
      requesterId: member.userId,
      // Thu 15:00–16:00 (1 h) + Tue 7 Apr 8:00–9:00 (1 h) = 9:00 CEST.
      responseDueAt: '2026-04-07T07:00:00.000Z',
      // Thu 1 h + Tue 7 h = Tue 15:00 CEST.
      resolutionDueAt: '2026-04-07T13:00:00.000Z',
      sla: 'ok',
    });
  });

  it('pauses the resolution clock while waiting on the requester and moves the due instant by the paused business time', async () => {
    now = new Date('2026-04-07T08:30:00+02:00');
    expect((await api.post(`/tickets/${easter}/start`)).status).toBe(200);
    const reply = await api.post(`/tickets/${easter}/messages`, { body: 'Is the charger plugged in?' });
    expect(reply.status).toBe(201);
    now = new Date('2026-04-07T09:00:00+02:00');
    expect((await api.post(`/tickets/${easter}/wait`)).status).toBe(200);
    let tk = (await api.get(`/tickets/${easter}`)).body;
    expect(tk).toMatchObject({ status: 'waiting', sla: 'paused', firstResponseAt: '2026-04-07T06:30:00.000Z' });

    // Past the original due instant while waiting: no breach is flagged.
    now = new Date('2026-04-07T15:30:00+02:00');
    await t.schedules.runDue(now);
    expect((await api.get(`/tickets/${easter}`)).body).toMatchObject({ sla: 'paused', resolutionBreachedAt: null });

    // The requester answers on Wednesday at 10:00: paused Tue 9:00–16:00 + Wed 8:00–10:00 = 9 h.
    now = new Date('2026-04-08T10:00:00+02:00');
    const answer = await api.post(`/tickets/${easter}/messages`, { body: 'Yes, it is.' }, member);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    tk = (await api.get(`/tickets/${easter}`)).body;
    // 8 h target + 9 h paused = 17 business hours from Thu 15:00: Thu 1 + Tue 8 + Wed 8 → Wed 16:00 CEST.
    expect(tk).toMatchObject({
      status: 'in_progress',
      pausedMinutes: 540,
      resolutionDueAt: '2026-04-08T14:00:00.000Z',
      sla: 'ok',
    });
    now = new Date('2026-04-08T15:00:00+02:00');
    expect((await api.get(`/tickets/${easter}`)).body.sla).toBe('warning');
  });

  it('flags breaches by the schedule, once, with an event; a ticket resolved in time is met', async () => {
    now = new Date('2026-04-08T10:00:00+02:00');
    const fast = await api.post(
      '/tickets',
      { title: 'Printer jam', description: 'Tray 2', priority: 'urgent' },
      colleague,
    );
    expect(fast.body.responseDueAt).toBe('2026-04-08T09:00:00.000Z'); // 11:00 CEST
    const slow = await api.post(
      '/tickets',
      { title: 'VPN down', description: 'Cannot connect', priority: 'urgent' },
      colleague,
    );
    now = new Date('2026-04-08T10:30:00+02:00');
    expect((await api.post(`/tickets/${fast.body.id}/resolve`)).status).toBe(200);

    now = new Date('2026-04-08T16:05:00+02:00');
    const run = await t.schedules.runDue(now);
    expect(run.failed).toBe(0);
    const e = (await api.get(`/tickets/${easter}`)).body;
    expect(e).toMatchObject({
      sla: 'breached',
      resolutionBreachedAt: '2026-04-08T14:00:00.000Z',
      responseBreachedAt: null,
    });
    const s = (await api.get(`/tickets/${slow.body.id}`)).body;
    expect(s).toMatchObject({ sla: 'breached', responseBreachedAt: '2026-04-08T09:00:00.000Z' });
    expect((await api.get(`/tickets/${fast.body.id}`)).body.sla).toBe('met');

    const breached = await api.get('/tickets?sla=breached&sort=number&dir=asc');
    expect(breached.body.items.map((x: { number: string }) => x.number)).toEqual(['T-00001', 'T-00003']);
    const events = await t.runtime.db
      .selectFrom('core.outbox')
      .select(['type', 'payload'])
      .where('tenant_id', '=', owner.tenant.id)
      .where('type', '=', 'it.ticket.sla_breached')
      .execute();
    expect(events.map((x) => (x.payload as { clock: string }).clock).sort()).toEqual(
      ['resolution', 'response', 'resolution'].sort(),
    );
    // Another run flags nothing again.
    await t.schedules.runDue(new Date('2026-04-08T16:10:00+02:00'));
    const again = await t.runtime.db
      .selectFrom('core.outbox')
      .select('id')
      .where('tenant_id', '=', owner.tenant.id)
      .where('type', '=', 'it.ticket.sla_breached')
      .execute();
    expect(again).toHaveLength(3);
  });

  it('resolves, rates, closes and reopens with the clock running again', async () => {
    now = new Date('2026-04-09T09:00:00+02:00');
    expect((await api.post(`/tickets/${easter}/resolve`)).status).toBe(200);
    expect((await api.post(`/tickets/${easter}/rate`, { rating: 5 })).status).toBe(403);
    const rated = await api.post(`/tickets/${easter}/rate`, { rating: 4 }, member);
    expect(rated.body).toMatchObject({ rating: 4, sla: 'breached', resolvedAt: '2026-04-09T07:00:00.000Z' });
    expect((await api.post(`/tickets/${easter}/close`)).status).toBe(200);
    now = new Date('2026-04-10T09:00:00+02:00');
    const reopened = await api.post(`/tickets/${easter}/reopen`);
    expect(reopened.status).toBe(200);
    const tk = (await api.get(`/tickets/${easter}`)).body;
    // Resolved Thu 9:00 → reopened Fri 9:00: 8 more paused business hours.
    expect(tk).toMatchObject({ status: 'in_progress', resolvedAt: null, rating: null, pausedMinutes: 540 + 480 });
  });

  it('warns once as a clock enters its last 20 %, then tells of the breach: to the helpdesk, or the assignee', async () => {
    const before = now;
    now = new Date('2026-04-09T08:00:00+02:00'); // Thursday (a breach more than a week before the provider looks)
    const tk = (
      await api.post('/tickets', { title: 'Monitor flickers', description: 'Desk 4', priority: 'high' }, member)
    ).body;
    // High: response 2 h (due 10:00, warned from 96 min: 9:36), resolution 8 h (due 16:00, warned from 14:24).
    const notes = async (u: TestUser) =>
      (await inbox(u)).filter((n) => n.category === 'it.sla' && n.link === `/it/tickets/${tk.id}`);
    await t.schedules.runDue(new Date('2026-04-09T09:30:00+02:00'));
    expect(await notes(owner)).toEqual([]);
    await t.schedules.runDue(new Date('2026-04-09T09:40:00+02:00'));
    await t.schedules.runDue(new Date('2026-04-09T09:45:00+02:00'));
    const warned = await notes(owner);
    expect(warned.map((n) => [n.severity, n.title])).toEqual([
      ['warning', `Tiket ${tk.number}: blíží se lhůta pro první reakci`],
    ]);
    // In the reader's language (Czech here) and the tenant's time zone.
    expect(warned[0]?.body).toBe('„Monitor flickers“: lhůta pro první reakci vyprší 9. 4. 2026 10:00.');
    // The requester does not work tickets: nothing for her.
    expect(await notes(member)).toEqual([]);

    // Assigned: the breach goes to the assignee only (critical, so e-mailed by default).
    const assign = await api.post(`/tickets/${tk.id}/assign`, { assigneeId: colleague.userId });
    expect(assign.status, JSON.stringify(assign.body)).toBe(200);
    await t.schedules.runDue(new Date('2026-04-09T10:05:00+02:00'));
    expect((await notes(colleague)).map((n) => [n.severity, n.title])).toEqual([
      ['critical', `Tiket ${tk.number} překročil lhůtu SLA pro první reakci`],
    ]);
    expect(await notes(owner)).toHaveLength(1);
    // The resolution clock warns once, and not after its breach.
    for (const at of ['14:30', '14:35', '16:05', '16:10'])
      await t.schedules.runDue(new Date(`2026-04-09T${at}:00+02:00`));
    expect((await notes(colleague)).map((n) => n.title)).toEqual([
      `Tiket ${tk.number} překročil lhůtu SLA pro vyřešení`,
      `Tiket ${tk.number}: blíží se lhůta pro vyřešení`,
      `Tiket ${tk.number} překročil lhůtu SLA pro první reakci`,
    ]);
    now = before;
  });
});

describe('helpdesk access and settings', () => {
  it('shows a ticket to its requester and IT only, and internal notes to IT only', async () => {
    now = new Date('2026-04-13T09:00:00+02:00');
    const mine = await api.post('/tickets', { title: 'New monitor', description: 'Please', priority: 'low' }, member);
    const id = mine.body.id as string;
    expect((await api.post(`/tickets/${id}/messages`, { body: 'Order from vendor X', internal: true })).status).toBe(
      201,
    );
    expect((await api.post(`/tickets/${id}/messages`, { body: 'Ordered.' })).status).toBe(201);
    expect((await api.post(`/tickets/${id}/messages`, { body: 'psst', internal: true }, member)).status).toBe(403);
    const seen = await api.get(`/tickets/${id}/messages`, member);
    expect(seen.body.items.map((x: { body: string }) => x.body)).toEqual(['Ordered.']);
    expect((await api.get(`/tickets/${id}/messages`)).body.items).toHaveLength(2);
    expect((await api.get(`/tickets/${id}`, colleague)).status).toBe(404);
    expect((await api.get('/tickets', member)).status).toBe(403);
    expect((await api.get('/my/tickets', member)).body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await api.post(`/tickets/${id}/resolve`, {}, member)).status).toBe(403);
    expect((await itApi(other).get(`/tickets/${id}`)).status).toBe(404);
    expect((await itApi(other).get('/tickets')).body.items).toEqual([]);
  });

  it('refuses impossible business hours and SLA targets, writing nothing', async () => {
    const bad = await api.put('/settings/hours', { start: '17:00', end: '08:00', weekdays: [], timeZone: 'Mars/Base' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('impossible_hours');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['end', 'timeZone', 'weekdays']);
    expect((await api.get('/settings/hours')).body).toMatchObject({ start: '08:00', end: '16:00' });
    const targets = (await api.get('/settings/sla')).body;
    const wrong = await api.put('/settings/sla', { ...targets, low: { responseMinutes: 600, resolutionMinutes: 60 } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('low.resolutionMinutes');
    expect((await api.get('/settings/sla')).body.low.resolutionMinutes).toBe(4800);
    expect(
      (await api.put('/settings/hours', { start: '09:00', end: '17:00', weekdays: [1, 2, 3, 4] }, member)).status,
    ).toBe(403);
  });

  it('counts new tickets in the tenant’s own hours (Mon–Thu 9:00–17:00)', async () => {
    expect((await api.put('/settings/hours', { start: '09:00', end: '17:00', weekdays: [4, 1, 2, 3] })).status).toBe(
      200,
    );
    now = new Date('2026-04-16T16:00:00+02:00'); // Thursday
    const tk = await api.post('/tickets', { title: 'Mouse', description: 'Broken', priority: 'high' }, member);
    // 2 h response: Thu 16:00–17:00 + Mon 20 Apr 9:00–10:00.
    expect(tk.body.responseDueAt).toBe('2026-04-20T08:00:00.000Z');
  });
});

describe('an IT provider', () => {
  it('sees open tickets by SLA state and breaches of each client in its console, and works tickets inside', async () => {
    for (const client of [owner, other]) {
      const res = await provider.json('POST', `/api/t/${provider.tenant.slug}/clients`, {
        client: { slug: client.tenant.slug },
        modules: ['it'],
        grants: ['it.*'],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const ok = await client.json('POST', `/api/t/${client.tenant.slug}/providers/${res.body.engagement.id}/accept`);
      expect(ok.status).toBe(200);
    }
    now = new Date('2026-04-20T12:00:00+02:00');
    await itApi(other).post('/tickets', { title: 'E-mail', description: 'Bounces', priority: 'normal' });
    // A maintenance period due on Thursday, opened 7 days ahead: due this week for the provider.
    const ups = await itApi(other).asset({ name: 'UPS', category: 'Power' });
    const plan = await itApi(other).post('/maintenance/plans', {
      title: 'Battery test',
      assetId: ups.id,
      everyMonths: 6,
      startsOn: '2026-04-23',
      checklist: ['Self-test'],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const res = await provider.json('GET', `/api/providers/${provider.tenant.slug}/clients?module=it`);
    expect(res.status).toBe(200);
    const by = (slug: string) => res.body.clients.find((c: any) => c.tenant.slug === slug)?.summary.it;
    expect(by(owner.tenant.slug)).toMatchObject({ breachesThisWeek: 0 });
    expect(by(owner.tenant.slug).openTickets).toBeGreaterThanOrEqual(3);
    expect(by(owner.tenant.slug).breached).toBeGreaterThanOrEqual(2);
    expect(by(other.tenant.slug)).toMatchObject({
      openTickets: 1,
      breached: 0,
      warning: 0,
      maintenanceDueThisWeek: 1,
      maintenanceOverdue: 0,
    });
    expect(by(owner.tenant.slug)).toMatchObject({ maintenanceDueThisWeek: 0, maintenanceOverdue: 0 });
    // The provider's staff works a client's queue through the engagement.
    const queue = await provider.json('GET', `/api/t/${other.tenant.slug}/it/tickets?open=true`);
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    const id = queue.body.items[0].id as string;
    const started = await provider.json('POST', `/api/t/${other.tenant.slug}/it/tickets/${id}/start`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const tk = await provider.json('GET', `/api/t/${other.tenant.slug}/it/tickets/${id}`);
    expect(tk.body).toMatchObject({ status: 'in_progress', assigneeId: provider.userId });
  });
});
