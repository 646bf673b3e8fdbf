/**
 * Payroll through the HTTP API on a real database: the three worked examples of issue 13 (2026,
 * signed declaration unless stated), missing inputs named per employee, a second run for a month,
 * four-eyes approval and inputs after approval.
 */
import type { TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BN_MAN, count, type Hr, memberWith, openHr } from './helpers.ts';

let hr: Hr;
let approver: TestUser;
const ids: Record<string, string> = {};

const hire = async (key: string, body: Record<string, unknown>) => {
  const res = await hr.post('/employees', { startDate: '2026-01-01', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids[key] = res.body.id;
};

beforeAll(async () => {
  hr = await openHr();
  approver = await memberWith(hr.t, hr.user, 'payroll-approver', ['hr.read', 'hr.payroll.read', 'hr.payroll.approve']);
  await hire('hpp50', {
    firstName: 'Adam',
    lastName: 'Padesát',
    birthNumber: BN_MAN,
    bankAccount: '19-2000145399/0800',
    healthInsurer: '111',
    taxDeclaration: true,
    contract: { type: 'hpp', monthlySalary: '50000' },
  });
  await hire('hpp30', {
    firstName: 'Běla',
    lastName: 'Třicet',
    bankAccount: 'CZ6508000000192000145399',
    healthInsurer: '211',
    taxDeclaration: true,
    children: [{ birthDate: '2018-04-01' }, { birthDate: '2021-09-15' }],
    contract: { type: 'hpp', monthlySalary: 30000 },
  });
  await hire('dpp', {
    firstName: 'Cyril',
    lastName: 'Dohoda',
    taxDeclaration: false,
    contract: { type: 'dpp', hourlyRate: '200' },
  });
});
afterAll(() => hr?.t.close());

const slipOf = (run: { payslips: { employeeId: string }[] }, key: string) =>
  run.payslips.find((p) => p.employeeId === ids[key]) as Record<string, string>;

describe('hr payroll', () => {
  let runId: string;

  it('refuses to calculate while an hourly employee has no hours, naming them, and writes nothing', async () => {
    const run = await hr.post('/payroll/runs', { period: '2026-03', fourEyes: true });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ status: 'draft', period: '2026-03' });
    runId = run.body.id;
    const calc = await hr.post(`/payroll/runs/${runId}/calculate`, {});
    expect(calc.status).toBe(409);
    expect(calc.body.code).toBe('missing_inputs');
    expect(calc.body.missing).toEqual([{ employeeId: ids.dpp, name: 'Cyril Dohoda', field: 'hours' }]);
    expect(calc.body.title).toContain('Cyril Dohoda');
    expect(await count(hr.t, 'payslips')).toBe(0);
    expect((await hr.get(`/payroll/runs/${runId}`)).body.status).toBe('draft');
  });

  it('refuses a second run for the month', async () => {
    const again = await hr.post('/payroll/runs', { period: '2026-03' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('run_exists');
    expect((await hr.post('/payroll/runs', { period: '2026-13' })).status).toBe(400);
  });

  it('calculates the three worked examples of issue 13 exactly', async () => {
    const put = await hr.put(`/payroll/runs/${runId}/inputs/${ids.dpp}`, { hours: 50 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const calc = await hr.post(`/payroll/runs/${runId}/calculate`, {});
    expect(calc.status, JSON.stringify(calc.body)).toBe(200);
    const run = (await hr.get(`/payroll/runs/${runId}`)).body;
    expect(run.status).toBe('calculated');
    expect(slipOf(run, 'hpp50')).toMatchObject({
      gross: '50000.00',
      socialEmployee: '3550.00',
      healthEmployee: '2250.00',
      taxAdvance: '4930.00',
      taxBonus: '0.00',
      withholdingTax: '0.00',
      net: '39270.00',
      socialEmployer: '12400.00',
      healthEmployer: '4500.00',
    });
    expect(slipOf(run, 'hpp30')).toMatchObject({
      gross: '30000.00',
      socialEmployee: '2130.00',
      healthEmployee: '1350.00',
      taxAdvance: '0.00',
      taxBonus: '1197.00',
      net: '27717.00',
    });
    expect(slipOf(run, 'dpp')).toMatchObject({
      gross: '10000.00',
      withholdingTax: '1500.00',
      socialEmployee: '0.00',
      healthEmployee: '0.00',
      net: '8500.00',
    });
    expect(run.totals).toMatchObject({ gross: '90000.00', net: '75487.00' });
  });

  it('keeps four eyes: the one who calculated cannot approve; an approver can, then inputs are locked', async () => {
    const own = await hr.post(`/payroll/runs/${runId}/approve`, {});
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('transition_blocked');
    const ok = await hr.post(`/payroll/runs/${runId}/approve`, {}, approver);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const late = await hr.put(`/payroll/runs/${runId}/inputs/${ids.dpp}`, { hours: 60 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('run_locked');
  });
});
