/**
 * Hr through its HTTP API on a real database (PGlite, or DATABASE_URL's PostgreSQL): create,
 * list with search, filter and CSV export, one employee, its workflow, the nightly schedule, bad
 * input and another tenant's data.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';

let t: TestBureau;
let owner: TestUser;
let other: TestUser;
const path = (u: TestUser, p = '') => `/api/t/${u.tenant.slug}/hr/employees${p}`;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin] });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'hr');
  await t.enableModule(other, 'hr');
});
afterAll(() => t?.close());

describe('hr', () => {
  it('creates employees and lists them with search, status filter and CSV export', async () => {
    const a = await owner.json('POST', path(owner), { name: 'First employee', code: 'A-1', amount: '1234.5' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ code: 'A-1', status: 'open', amount: '1234.50', currency: 'CZK' });
    expect((await owner.json('POST', path(owner), { name: 'Second', code: 'B-2' })).status).toBe(201);

    const all = await owner.json('GET', path(owner));
    expect(all.body.items.map((i: { code: string }) => i.code)).toEqual(['B-2', 'A-1']);
    const found = await owner.json('GET', `${path(owner)}?q=first`);
    expect(found.body.items.map((i: { code: string }) => i.code)).toEqual(['A-1']);
    const done = await owner.json('GET', `${path(owner)}?status=done`);
    expect(done.body.items).toEqual([]);

    const csv = await owner.request('GET', `${path(owner)}?format=csv&sort=code&dir=asc&lang=en`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split('\n')).toEqual([
      'Code,Name,Status,Due date,Amount',
      'A-1,First employee,open,,1234.50',
      'B-2,Second,open,,',
    ]);
  });

  it('shows one employee and moves it through its workflow', async () => {
    const created = await owner.json('POST', path(owner), { name: 'To finish' });
    const id = created.body.id as string;
    expect((await owner.json('GET', path(owner, `/${id}`))).body.name).toBe('To finish');
    const view = await owner.json('GET', path(owner, `/${id}/workflow`));
    expect(view.body.state.key).toBe('open');
    const finished = await owner.json('POST', path(owner, `/${id}/complete`), {});
    expect(finished.status, JSON.stringify(finished.body)).toBe(200);
    expect((await owner.json('GET', path(owner, `/${id}`))).body.status).toBe('done');
    const again = await owner.json('POST', path(owner, `/${id}/cancel`), { reason: 'late' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('marks open employees past their due date overdue every night', async () => {
    const late = await owner.json('POST', path(owner), { name: 'Late', dueDate: '2026-01-10' });
    const onTime = await owner.json('POST', path(owner), { name: 'On time', dueDate: '2026-12-31' });
    const report = await t.schedules.runDue(new Date('2026-01-12T02:00:00+01:00'));
    expect(report.failed).toBe(0);
    expect((await owner.json('GET', path(owner, `/${late.body.id}`))).body.status).toBe('overdue');
    expect((await owner.json('GET', path(owner, `/${onTime.body.id}`))).body.status).toBe('open');
  });

  it('refuses bad input with field errors and a taken code with 409', async () => {
    const bad = await owner.json('POST', path(owner), { name: '', amount: '1,5', dueDate: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['amount', 'dueDate', 'name']);
    const taken = await owner.json('POST', path(owner), { name: 'Again', code: 'A-1' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].path).toBe('code');
  });

  it("never shows another tenant's employees", async () => {
    const mine = await owner.json('GET', path(owner));
    const id = mine.body.items[0].id as string;
    expect((await other.json('GET', path(other, `/${id}`))).status).toBe(404);
    expect((await other.json('GET', path(other))).body.items).toEqual([]);
    expect((await other.json('POST', path(other, `/${id}/complete`), {})).status).toBe(404);
  });
});
