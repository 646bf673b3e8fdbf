/**
 * HR payroll in accounting's books, through the HTTP API on a real database: approving the March 2026
 * run of the three worked examples of issue 13 posts one balanced wage entry (521/524 against
 * 331/336/342, dated 31 March), paying posts the net wages sent by transfer against the bank account,
 * each once; a locked month refuses the approval and writes nothing; an approved run is not reopened.
 * A tenant without accounting runs the same month alone.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestBureau;
let both: TestUser;
let hrOnly: TestUser;
const now = new Date('2026-04-08T09:00:00+02:00');

beforeAll(async () => {
  t = await createTestBureau({
    plugins: installedPlugins.filter((p) => p.id === 'hr' || p.id === 'accounting'),
    clock: { now: () => now },
  });
  [both, hrOnly] = [await t.signup(), await t.signup()];
  await t.enableModule(both, 'accounting');
  for (const u of [both, hrOnly]) await t.enableModule(u, 'hr');
  const bank = await both.json('POST', `/api/t/${both.tenant.slug}/accounting/bank-accounts`, {
    name: 'Fio CZK',
    iban: 'CZ65 0800 0000 1920 0014 5399',
  });
  expect(bank.status, JSON.stringify(bank.body)).toBe(201);
});
afterAll(() => t?.close());

const hr = (u: TestUser) => {
  const base = `/api/t/${u.tenant.slug}/hr`;
  return {
    get: (p: string) => u.json('GET', `${base}${p}`),
    post: (p: string, body: unknown = {}) => u.json('POST', `${base}${p}`, body),
    put: (p: string, body: unknown = {}) => u.json('PUT', `${base}${p}`, body),
  };
};

/** The worked examples of issue 13 (2026): HPP 50,000; HPP 30,000 with two children; DPP 50 h × 200 without a declaration. */
async function calculatedMarch(u: TestUser): Promise<string> {
  const api = hr(u);
  const people = [
    { firstName: 'Adam', lastName: 'Padesát', healthInsurer: '111', bankAccount: '19-2000145399/0800' },
    {
      firstName: 'Běla',
      lastName: 'Třicet',
      healthInsurer: '211',
      bankAccount: 'CZ6508000000192000145399',
      children: [{ birthDate: '2018-04-01' }, { birthDate: '2021-09-15' }],
    },
  ];
  for (const [p, salary] of [
    [people[0], '50000'],
    [people[1], '30000'],
  ] as const) {
    const res = await api.post('/employees', {
      ...p,
      startDate: '2026-01-01',
      taxDeclaration: true,
      contract: { type: 'hpp', monthlySalary: salary },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const dpp = await api.post('/employees', {
    firstName: 'Cyril',
    lastName: 'Dohoda',
    startDate: '2026-01-01',
    taxDeclaration: false,
    contract: { type: 'dpp', hourlyRate: '200' },
  });
  const run = await api.post('/payroll/runs', { period: '2026-03' });
  expect((await api.put(`/payroll/runs/${run.body.id}/inputs/${dpp.body.id}`, { hours: 50 })).status).toBe(200);
  expect((await api.post(`/payroll/runs/${run.body.id}/calculate`)).status).toBe(200);
  return run.body.id;
}

const side = (lines: { account: string; debit: string | null; credit: string | null }[]) =>
  lines.map((l) => [l.account.slice(0, 3), l.debit ? 'D' : 'C', l.debit ?? l.credit]);

describe('hr payroll with accounting', () => {
  let runId: string;
  const accounting = (p: string) => both.json('GET', `/api/t/${both.tenant.slug}/accounting${p}`);

  it('refuses to approve into a locked month and writes nothing', async () => {
    runId = await calculatedMarch(both);
    const slug = both.tenant.slug;
    expect((await both.json('POST', `/api/t/${slug}/accounting/periods/2026-03/lock`, {})).status).toBe(200);
    const refused = await hr(both).post(`/payroll/runs/${runId}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('period_locked');
    expect((await hr(both).get(`/payroll/runs/${runId}`)).body).toMatchObject({
      status: 'calculated',
      posting: { wages: null, payment: null },
    });
    expect((await accounting('/journal')).body.entries).toHaveLength(0);
    expect((await both.json('POST', `/api/t/${slug}/accounting/periods/2026-03/unlock`, {})).status).toBe(200);
  });

  it('posts the approved month once: 521/524 against 331/336/342, balanced', async () => {
    const approved = await hr(both).post(`/payroll/runs/${runId}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const run = (await hr(both).get(`/payroll/runs/${runId}`)).body;
    expect(run.posting.wages).toMatchObject({ date: '2026-03-31' });
    const entry = (await accounting(`/journal/${run.posting.wages.id}`)).body;
    expect(entry.source).toEqual({ type: 'hr.payroll', id: runId });
    // Issue 13's examples: gross 50,000 + 30,000 + 10,000; employer social 12,400 + 7,440 and health
    // 4,500 + 2,700 (the DPP under 12,000 is not insured); tax 4,930 − bonus 1,197 and withholding 1,500.
    expect(side(entry.lines)).toEqual([
      ['521', 'D', '90000.00'],
      ['524', 'D', '19840.00'],
      ['524', 'D', '7200.00'],
      ['336', 'C', '25520.00'],
      ['336', 'C', '6750.00'],
      ['336', 'C', '4050.00'],
      ['342', 'C', '3733.00'],
      ['342', 'C', '1500.00'],
      ['331', 'C', '75487.00'],
    ]);
    expect(entry.total).toBe('117040.00');
    // No way back once in the books (as Pohoda's payroll: handed-over documents are not changed).
    const reopen = await hr(both).post(`/payroll/runs/${runId}/reopen`);
    expect(reopen.status).toBe(409);
    expect(reopen.body.code).toBe('invalid_transition');
  });

  it('posts the net pay sent by transfer against the bank on paying, once', async () => {
    const paid = await hr(both).post(`/payroll/runs/${runId}/pay`);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const run = (await hr(both).get(`/payroll/runs/${runId}`)).body;
    expect(run.posting.payment).toMatchObject({ date: '2026-04-08' });
    const entry = (await accounting(`/journal/${run.posting.payment.id}`)).body;
    // 39,270 + 27,717; the DPP worker has no account, so 8,500 stays on 331 for the cash desk.
    expect(side(entry.lines)).toEqual([
      ['331', 'D', '66987.00'],
      ['221', 'C', '66987.00'],
    ]);
    expect((await hr(both).post(`/payroll/runs/${runId}/pay`)).status).toBe(409);
    expect((await accounting('/journal')).body.entries).toHaveLength(2);
  });

  it('runs the month alone for a tenant without accounting', async () => {
    const id = await calculatedMarch(hrOnly);
    expect((await hr(hrOnly).post(`/payroll/runs/${id}/approve`)).status).toBe(200);
    expect((await hr(hrOnly).post(`/payroll/runs/${id}/pay`)).status).toBe(200);
    const run = (await hr(hrOnly).get(`/payroll/runs/${id}`)).body;
    expect(run).toMatchObject({ status: 'paid', posting: null });
    expect(run.totals.net).toBe('75487.00');
  });
});
