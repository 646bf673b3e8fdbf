/**
 * A payroll bureau engaged for `hr` by two firms (issue 13 item 11): its provider console shows per
 * client the active employees, the status of last month's run and the payments of approved runs not
 * yet paid (their sum and payday). Worked example: issue 13's HPP 50,000 (2026) — net 39,270, ČSSZ
 * 15,950, VZP 6,750, tax advance 4,930: 66,900 due on the default payday, the 15th.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import hr from '../src/server/index.ts';
import { type Hr, hrFor } from './helpers.ts';

let t: TestBureau;
let bureau: TestUser;
let firmA: Hr;
let firmB: Hr;
const clock = { now: () => new Date('2026-04-07T08:00:00Z') };

async function engage(owner: TestUser) {
  const res = await bureau.json('POST', `/api/t/${bureau.tenant.slug}/clients`, {
    client: { slug: owner.tenant.slug },
    modules: ['hr'],
    grants: ['hr.*'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const accepted = await owner.json('POST', `/api/t/${owner.tenant.slug}/providers/${res.body.engagement.id}/accept`);
  expect(accepted.status).toBe(200);
}

const hire = (firm: Hr, firstName: string, bankAccount?: string) =>
  firm.post('/employees', {
    firstName,
    lastName: 'Padesát',
    startDate: '2026-01-01',
    ...(bankAccount ? { bankAccount } : {}),
    healthInsurer: '111',
    taxDeclaration: true,
    contract: { type: 'hpp', monthlySalary: '50000' },
  });

beforeAll(async () => {
  t = await createTestBureau({ plugins: [hr], clock });
  bureau = await t.signup({ tenant: { kind: 'provider' } });
  const a = await t.signup();
  const b = await t.signup();
  await t.enableModule(a, 'hr');
  await t.enableModule(b, 'hr');
  firmA = hrFor(t, a);
  firmB = hrFor(t, b);
  await engage(a);
  await engage(b);
});
afterAll(() => t?.close());

describe('a payroll bureau’s console', () => {
  it('shows each client’s employees, last month’s run and the payments due', async () => {
    expect((await hire(firmA, 'Adam', '19-2000145399/0800')).status).toBe(201);
    expect((await hire(firmB, 'Bára')).status).toBe(201);
    expect((await hire(firmB, 'Cyril')).status).toBe(201);
    // The bureau runs March for firm A from its console, in the client's tenant.
    const base = `/api/t/${firmA.user.tenant.slug}/hr`;
    const run = await bureau.json('POST', `${base}/payroll/runs`, { period: '2026-03' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect((await bureau.json('POST', `${base}/payroll/runs/${run.body.id}/calculate`)).status).toBe(200);
    expect((await bureau.json('POST', `${base}/payroll/runs/${run.body.id}/approve`)).status).toBe(200);

    const res = await bureau.json('GET', `/api/providers/${bureau.tenant.slug}/clients?module=hr`);
    expect(res.status).toBe(200);
    const of = (firm: Hr) => res.body.clients.find((c: any) => c.tenant.slug === firm.user.tenant.slug)?.summary.hr;
    expect(of(firmA)).toEqual({
      employees: 1,
      payRunPeriod: '2026-03',
      payRunStatus: 'approved',
      paymentsDue: { amount: '66900.00', currency: 'CZK', count: 1 },
      paymentsDueOn: '2026-04-15',
    });
    expect(of(firmB)).toEqual({
      employees: 2,
      payRunPeriod: '2026-03',
      payRunStatus: 'none',
      paymentsDue: { amount: '0.00', currency: 'CZK', count: 0 },
      paymentsDueOn: null,
    });
  });
});
