/**
 * Leave through the HTTP API: requests counted in working days without Czech public holidays, the
 * default entitlement (4 weeks pro rata), approval by someone with hr.leave.approve, overlaps and an
 * exhausted balance refused, sick leave hidden as "other" from readers without sensitive access.
 */
import type { TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hr, memberWith, openHr } from './helpers.ts';

let hr: Hr;
let manager: TestUser;
let reader: TestUser;
let employeeId: string;

beforeAll(async () => {
  hr = await openHr();
  manager = await memberWith(hr.t, hr.user, 'manager', ['hr.read', 'hr.leave.approve']);
  reader = await memberWith(hr.t, hr.user, 'reader', ['hr.read']);
  const e = await hr.post('/employees', {
    firstName: 'Dana',
    lastName: 'Dovolená',
    startDate: '2026-07-01',
    contract: { type: 'hpp', monthlySalary: '40000' },
  });
  expect(e.status, JSON.stringify(e.body)).toBe(201);
  employeeId = e.body.id;
});
afterAll(() => hr?.t.close());

describe('hr leave', () => {
  it('gives the default entitlement pro rata (4 weeks, from July: 10 days)', async () => {
    const b = await hr.get(`/employees/${employeeId}/leave-balance?year=2026`);
    expect(b.status).toBe(200);
    // 184 of 365 days × 20 = 10.08 → rounded up to half days: 10.5
    expect(b.body).toEqual({ year: 2026, entitlement: 10.5, approved: 0, requested: 0, remaining: 10.5 });
  });

  it('counts working days without public holidays and approves through the manager', async () => {
    // 21–31 Dec 2026: Mon 21 – Thu 31; 24, 25 and 26 Dec are holidays → 21, 22, 23, 28, 29, 30, 31 = 7 days.
    const r = await hr.post('/leave', { employeeId, kind: 'holiday', startDate: '2026-12-21', endDate: '2026-12-31' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ days: '7', status: 'requested' });
    expect((await hr.post(`/leave/${r.body.id}/approve`, {}, reader)).status).toBe(403);
    const ok = await hr.post(`/leave/${r.body.id}/approve`, {}, manager);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const b = await hr.get(`/employees/${employeeId}/leave-balance?year=2026`);
    expect(b.body).toMatchObject({ approved: 7, requested: 0, remaining: 3.5 });
  });

  it('refuses an overlap, an exhausted balance and a leave before employment, writing nothing', async () => {
    const overlap = await hr.post('/leave', {
      employeeId,
      kind: 'other',
      startDate: '2026-12-30',
      endDate: '2027-01-04',
    });
    expect(overlap.status).toBe(400); // crosses a year
    const same = await hr.post('/leave', { employeeId, kind: 'other', startDate: '2026-12-30', endDate: '2026-12-30' });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('leave_overlaps');
    const much = await hr.post('/leave', {
      employeeId,
      kind: 'holiday',
      startDate: '2026-08-03',
      endDate: '2026-08-05',
    });
    expect(much.status).toBe(201);
    const tooMuch = await hr.post('/leave', {
      employeeId,
      kind: 'holiday',
      startDate: '2026-09-01',
      endDate: '2026-09-04',
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('leave_exceeds_balance');
    const early = await hr.post('/leave', {
      employeeId,
      kind: 'holiday',
      startDate: '2026-06-01',
      endDate: '2026-06-02',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('leave_outside_employment');
    const list = await hr.get(`/leave?employeeId=${employeeId}`);
    expect(list.body.items).toHaveLength(2);
  });

  it('hides sick leave as other absence from readers without sensitive access', async () => {
    const sick = await hr.post('/leave', {
      employeeId,
      kind: 'sick',
      startDate: '2026-10-05',
      endDate: '2026-10-09',
      note: 'flu',
    });
    expect(sick.status).toBe(201);
    expect((await hr.get(`/leave/${sick.body.id}`)).body).toMatchObject({ kind: 'sick', note: 'flu' });
    expect((await hr.get(`/leave/${sick.body.id}`, reader)).body).toMatchObject({ kind: 'other', note: null });
    const set = await hr.put(`/employees/${employeeId}/leave-entitlements/2026`, { days: 25 });
    expect(set.body).toMatchObject({ entitlement: 25 });
  });

  it('tells the holders of hr.leave.approve that a request waits, in their language', async () => {
    const inbox = (u: TestUser, lang: string) =>
      u.json('GET', `/api/t/${hr.user.tenant.slug}/notifications`, undefined, { 'accept-language': lang });
    const before = (await inbox(manager, 'en')).body.unread as number;
    const r = await hr.post('/leave', { employeeId, kind: 'other', startDate: '2026-11-02', endDate: '2026-11-04' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const en = await inbox(manager, 'en');
    expect(en.body.unread).toBe(before + 1);
    expect(en.body.items[0]).toMatchObject({
      title: 'Leave request of Dana Dovolená waits for approval',
      body: '2 Nov 2026 – 4 Nov 2026, 3 working days',
      link: `/hr/leave/${r.body.id}`,
      category: 'hr.leave_waiting',
    });
    expect((await inbox(manager, 'cs')).body.items[0]).toMatchObject({
      title: 'Žádost o nepřítomnost: Dana Dovolená čeká na schválení',
      body: '2. 11. 2026 – 4. 11. 2026, 3 pracovní dny',
    });
    // The owner holds every permission; a reader without hr.leave.approve hears nothing.
    expect((await inbox(hr.user, 'en')).body.items[0].link).toBe(`/hr/leave/${r.body.id}`);
    expect((await inbox(reader, 'en')).body).toMatchObject({ items: [], unread: 0 });
    // The category can be turned off apart from its severity.
    const topics = await manager.json('GET', `/api/t/${hr.user.tenant.slug}/notifications/preferences`);
    expect(topics.body.items.map((t: { topic: string }) => t.topic)).toContain('hr.leave_waiting');
    await manager.json('PUT', `/api/t/${hr.user.tenant.slug}/notifications/preferences`, {
      preferences: { 'hr.leave_waiting': 'off' },
    });
    const again = await hr.post('/leave', {
      employeeId,
      kind: 'other',
      startDate: '2026-11-09',
      endDate: '2026-11-09',
    });
    expect(again.status).toBe(201);
    expect((await inbox(manager, 'en')).body.unread).toBe(before + 1);
    expect((await inbox(hr.user, 'en')).body.items[0].link).toBe(`/hr/leave/${again.body.id}`);
    for (const id of [r.body.id, again.body.id]) expect((await hr.post(`/leave/${id}/cancel`, {})).status).toBe(200);
  });
});
