/**
 * People through the HTTP API on a real database (PGlite, or DATABASE_URL's PostgreSQL): hiring with
 * personal data, children and a contract; validation of birth numbers, accounts and overlapping
 * contracts (nothing written); who sees sensitive data; effective-dated raises; leaving; the people
 * service; another tenant.
 */
import type { TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../src/contract.ts';
import { BN_MAN, BN_WOMAN, count, type Hr, hrFor, memberWith, openHr } from './helpers.ts';

let hr: Hr;
let other: Hr;
let member: TestUser;

beforeAll(async () => {
  hr = await openHr();
  other = await openHr(hr.t);
  member = await memberWith(hr.t, hr.user, 'staff', ['hr.read']);
});
afterAll(() => hr?.t.close());

const jana = {
  firstName: 'Jana',
  lastName: 'Nováková',
  startDate: '2026-01-01',
  birthNumber: BN_WOMAN,
  email: 'jana@example.cz',
  street: 'Dlouhá 5',
  city: 'Praha',
  postalCode: '110 00',
  bankAccount: '19-2000145399/0800',
  healthInsurer: '111',
  taxDeclaration: true,
  children: [{ birthDate: '2019-05-04', name: 'Eva' }],
  department: 'Sales',
  position: 'Account manager',
  contract: { type: 'hpp', monthlySalary: '50000' },
};

describe('hr people', () => {
  it('hires an employee with personal data, children and an HPP contract', async () => {
    const res = await hr.post('/employees', jana);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      number: '0001',
      name: 'Jana Nováková',
      status: 'active',
      birthNumber: '015312/0011',
      birthDate: '2001-03-12',
      iban: 'CZ6508000000192000145399',
      bankAccount: '19-2000145399/0800',
      healthInsurer: '111',
      taxDeclaration: true,
      sensitive: true,
    });
    expect(res.body.children).toMatchObject([{ name: 'Eva', birthDate: '2019-05-04' }]);
    expect(res.body.contracts).toMatchObject([
      {
        type: 'hpp',
        startDate: '2026-01-01',
        endDate: null,
        weeklyHours: '40',
        salaryType: 'monthly',
        monthlySalary: '50000.00',
      },
    ]);
    await hr.t.events.drain();
    const list = await hr.get('/employees?q=nov');
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Jana Nováková']);
  });

  it('refuses a bad birth number, a birth date that contradicts it and a bad account, writing nothing', async () => {
    const before = await count(hr.t, 'employees');
    const bad = await hr.post('/employees', {
      ...jana,
      birthNumber: '850315/1234',
      bankAccount: '19-2000145398/0800',
      email: 'x@example.cz',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['bankAccount', 'birthNumber']);
    const mismatch = await hr.post('/employees', { ...jana, birthNumber: BN_MAN, birthDate: '1985-03-16' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0]).toMatchObject({ path: 'birthDate', code: 'birth_date_mismatch' });
    const badIban = await hr.post('/employees', { ...jana, bankAccount: 'CZ6508000000192000145398' });
    expect(badIban.status).toBe(400);
    const noPay = await hr.post('/employees', { ...jana, contract: { type: 'hpp' } });
    expect(noPay.status).toBe(400);
    expect(noPay.body.errors[0].path).toBe('contract.monthlySalary');
    const cs = await hr.user.request(
      'POST',
      `${hr.base}/employees`,
      { ...jana, birthNumber: '1' },
      { 'accept-language': 'cs' },
    );
    expect(((await cs.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain('rodné číslo');
    expect(await count(hr.t, 'employees')).toBe(before);
  });

  it('refuses an overlapping contract and accepts a DPP after the HPP ends', async () => {
    const res = await hr.post('/employees', {
      firstName: 'Petr',
      lastName: 'Svoboda',
      startDate: '2026-01-01',
      birthNumber: BN_MAN,
      contract: { type: 'hpp', monthlySalary: 30000, endDate: '2026-06-30' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id;
    const overlap = await hr.post(`/employees/${id}/contracts`, {
      type: 'dpp',
      startDate: '2026-06-01',
      hourlyRate: '200',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('contract_overlaps');
    const dpp = await hr.post(`/employees/${id}/contracts`, {
      type: 'dpp',
      startDate: '2026-07-01',
      hourlyRate: '200',
    });
    expect(dpp.status, JSON.stringify(dpp.body)).toBe(201);
    expect(dpp.body.contracts.map((c: { type: string }) => c.type)).toEqual(['hpp', 'dpp']);
    expect(dpp.body.contracts[1]).toMatchObject({ salaryType: 'hourly', hourlyRate: '200.00', weeklyHours: '0' });
  });

  it('records a raise from the first of a month', async () => {
    const e = (await hr.get('/employees?q=Nov')).body.items[0];
    const detail = await hr.get(`/employees/${e.id}`);
    const contractId = detail.body.contracts[0].id;
    expect(
      (await hr.post(`/contracts/${contractId}/changes`, { effectiveFrom: '2026-04-15', monthlySalary: '55000' }))
        .status,
    ).toBe(400);
    const raise = await hr.post(`/contracts/${contractId}/changes`, {
      effectiveFrom: '2026-04-01',
      monthlySalary: '55000',
    });
    expect(raise.status, JSON.stringify(raise.body)).toBe(201);
    expect(raise.body.contracts[0].changes).toMatchObject([{ effectiveFrom: '2026-04-01', monthlySalary: '55000.00' }]);
    expect(
      (await hr.post(`/contracts/${contractId}/changes`, { effectiveFrom: '2026-04-01', monthlySalary: '56000' }))
        .status,
    ).toBe(409);
  });

  it('hides birth numbers, pay, insurer and account from a reader without the sensitive permission', async () => {
    const e = (await hr.get('/employees?q=Nov')).body.items[0];
    const seen = await hr.get(`/employees/${e.id}`, member);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      name: 'Jana Nováková',
      sensitive: false,
      birthNumber: null,
      iban: null,
      healthInsurer: null,
      children: null,
    });
    expect(seen.body.contracts[0].monthlySalary).toBeNull();
    expect((await hr.post('/employees', jana, member)).status).toBe(403);
    const audit = await hr.user.json(
      'GET',
      `/api/t/${hr.user.tenant.slug}/audit?entityType=hr.employee&entityId=${e.id}`,
    );
    const actions = audit.body.entries.map((a: { action: string }) => a.action);
    expect(actions).toContain('hr.employee.read');
    expect(JSON.stringify(audit.body)).not.toContain('0153120011');
  });

  it('ends employment: end date on the employee and open contracts, hr.employee.left', async () => {
    const created = await hr.post('/employees', {
      firstName: 'Karel',
      lastName: 'Dvořák',
      startDate: '2025-03-01',
      contract: { type: 'dpc', hourlyRate: '250', weeklyHours: 10 },
    });
    const id = created.body.id;
    const left = await hr.post(`/employees/${id}/terminate`, { endDate: '2026-02-28' });
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    const after = await hr.get(`/employees/${id}`);
    expect(after.body).toMatchObject({ status: 'left', endDate: '2026-02-28' });
    expect(after.body.contracts[0].endDate).toBe('2026-02-28');
    const active = await hr.get('/employees?status=active');
    expect(active.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('offers the people service without sensitive fields', async () => {
    const ctxPeople = await hr.t.inTenant(hr.user.tenant.id, async (ctx) => {
      const svc = ctx.use(people);
      return {
        all: await svc.list(),
        found: await svc.search('jana'),
        withLeft: await svc.list({ includeLeft: true }),
      };
    });
    expect(ctxPeople.all.map((p) => p.lastName).sort()).toEqual(['Nováková', 'Svoboda']);
    expect(ctxPeople.found).toHaveLength(1);
    expect(Object.keys(ctxPeople.found[0]!)).not.toContain('birthNumber');
    expect(ctxPeople.withLeft).toHaveLength(3);
  });

  it("never shows another tenant's employees", async () => {
    const id = (await hr.get('/employees')).body.items[0].id;
    expect((await other.get(`/employees/${id}`)).status).toBe(404);
    expect((await other.get('/employees')).body.items).toEqual([]);
    expect((await other.patch(`/employees/${id}`, { firstName: 'X' })).status).toBe(404);
    expect((await other.post(`/employees/${id}/terminate`, { endDate: '2026-03-01' })).status).toBe(404);
    expect(hrFor(other.t, other.user).base).not.toBe(hr.base);
  });
});
