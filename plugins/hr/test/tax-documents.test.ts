/**
 * The annual tax documents through the HTTP API on a real database: a year of approved 2026 pay
 * runs, then the payroll ledger, the statement of taxable income (JSON and PDF in cs/en) and the
 * annual tax settlement (refused before the year ends, for months without a declaration and for an
 * employee taxed only by withholding); permissions, another tenant, audit.
 */
import { createTestBureau, pdfText, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import hrPlugin from '../src/server/index.ts';
import { BN_MAN, count, type Hr, memberWith, openHr } from './helpers.ts';

let now = new Date('2026-12-20T10:00:00Z');
let hr: Hr;
let reader: TestUser;
const ids: Record<string, string> = {};

const hire = async (key: string, body: Record<string, unknown>) => {
  const res = await hr.post('/employees', { startDate: '2026-01-01', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids[key] = res.body.id;
};

beforeAll(async () => {
  hr = await openHr(await createTestBureau({ plugins: [hrPlugin], clock: { now: () => now } }));
  reader = await memberWith(hr.t, hr.user, 'reader', ['hr.read']);
  await hire('full', {
    firstName: 'Alena',
    lastName: 'Celoroční',
    birthNumber: BN_MAN,
    taxDeclaration: true,
    contract: { type: 'hpp', monthlySalary: '50000' },
  });
  await hire('july', {
    firstName: 'Bohdan',
    lastName: 'Pololetní',
    startDate: '2026-07-01',
    taxDeclaration: true,
    contract: { type: 'hpp', monthlySalary: '50000' },
  });
  await hire('dpp', {
    firstName: 'Cecílie',
    lastName: 'Dohodová',
    taxDeclaration: false,
    contract: { type: 'dpp', hourlyRate: '200' },
  });
  await hire('undeclared', {
    firstName: 'Daniel',
    lastName: 'Bezprohlášení',
    taxDeclaration: false,
    contract: { type: 'hpp', monthlySalary: '30000' },
  });
  for (let mo = 1; mo <= 12; mo++) {
    const period = `2026-${String(mo).padStart(2, '0')}`;
    const run = await hr.post('/payroll/runs', { period });
    expect(run.status).toBe(201);
    expect((await hr.put(`/payroll/runs/${run.body.id}/inputs/${ids.dpp}`, { hours: 50 })).status).toBe(200);
    const calc = await hr.post(`/payroll/runs/${run.body.id}/calculate`, {});
    expect(calc.status, JSON.stringify(calc.body)).toBe(200);
    expect((await hr.post(`/payroll/runs/${run.body.id}/approve`, {})).status).toBe(200);
  }
}, 300_000); // a year of pay runs: generous on a loaded machine
afterAll(() => hr?.t.close());

const path = (key: string, year = 2026) => `/employees/${ids[key]}/tax-years/${year}`;

describe('hr annual tax documents', () => {
  it('the payroll ledger lists the year month by month with totals', async () => {
    const res = await hr.get(`${path('full')}/ledger`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.months).toHaveLength(12);
    expect(res.body.months[0]).toMatchObject({
      period: '2026-01',
      declaration: true,
      gross: '50000.00',
      socialEmployee: '3550.00',
      healthEmployee: '2250.00',
      taxAdvance: '4930.00',
      net: '39270.00',
      components: { salary: '50000.00' },
    });
    expect(res.body.totals).toMatchObject({ gross: '600000.00', taxAdvance: '59160.00', net: '471240.00' });
    const july = await hr.get(`${path('july')}/ledger`);
    expect(july.body.months.map((m: { period: string }) => m.period)).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('the statement gives income, advances, credits and months; withholding apart', async () => {
    const full = await hr.get(`${path('full')}/statement`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      year: 2026,
      employee: { name: 'Alena Celoroční', birthNumber: BN_MAN },
      income: '600000.00',
      taxAdvances: '59160.00',
      taxpayerCredit: '30840.00',
      taxBonuses: '0.00',
      declarationMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      withholding: { income: '0.00', tax: '0.00' },
    });
    const dpp = await hr.get(`${path('dpp')}/statement`);
    expect(dpp.body).toMatchObject({
      income: '0.00',
      declarationMonths: [],
      withholding: { income: '120000.00', tax: '18000.00' },
    });
  });

  it('the statement PDF in Czech and English', async () => {
    const cs = await hr.user.request('GET', `${hr.base}${path('full')}/statement/pdf?lang=cs`);
    expect(cs.status).toBe(200);
    expect(cs.headers.get('content-type')).toBe('application/pdf');
    const csText = pdfText(Buffer.from(await cs.arrayBuffer()));
    expect(csText).toContain('Potvrzení o zdanitelných příjmech ze závislé činnosti');
    expect(csText).toContain('600 000,00 Kč');
    expect(csText).toContain('59 160,00 Kč');
    const en = await hr.user.request('GET', `${hr.base}${path('full')}/statement/pdf`, undefined, {
      'accept-language': 'en',
    });
    const enText = pdfText(Buffer.from(await en.arrayBuffer()));
    expect(enText).toContain('Statement of taxable income from employment');
    expect(enText).toContain('CZK 600,000.00');
  });

  it('refuses a settlement before the year ends, and writes nothing', async () => {
    const res = await hr.put(`${path('full')}/settlement`, {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('settlement_year_open');
    expect(await count(hr.t, 'tax_settlements')).toBe(0);
  });

  it('settles the year: nothing for a full year, a mortgage deduction refunded, the annual credit for half a year', async () => {
    now = new Date('2027-02-10T09:00:00Z');
    const full = await hr.put(`${path('full')}/settlement`, {});
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    expect(full.body).toMatchObject({
      income: '600000.00',
      tax: '90000.00',
      taxAfterCredits: '59160.00',
      result: '0.00',
    });
    const again = await hr.put(`${path('full')}/settlement`, {
      deductions: [{ kind: 'mortgage_interest', amount: '20000' }],
    });
    expect(again.body).toMatchObject({
      id: full.body.id,
      nonTaxable: '20000.00',
      taxBase: '580000.00',
      result: '3000.00',
    });
    expect(again.body.deductions).toEqual([{ kind: 'mortgage_interest', amount: '20000.00' }]);
    expect((await hr.get(`${path('full')}/settlement`)).body.result).toBe('3000.00');

    const july = await hr.put(`${path('july')}/settlement`, {
      previousEmployers: [{ income: '180000', taxAdvances: 12000 }],
    });
    expect(july.status).toBe(200);
    expect(july.body).toMatchObject({ income: '480000.00', advancesPaid: '41580.00', result: '420.00' });
    expect(await count(hr.t, 'tax_settlements')).toBe(2);

    const pdf = await hr.user.request('GET', `${hr.base}${path('full')}/statement/pdf?lang=cs`);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Roční zúčtování záloh a daňového zvýhodnění 2026');
    expect(text).toContain('3 000,00 Kč');
  });

  it('caps claims at the limits of § 15 ff., adds the spouse credit, and refuses a spouse over 68,000 writing nothing', async () => {
    // 600,000 a year; interest 180,000 → 150,000 and union dues 5,000 → 3,000: base 447,000 × 15 % = 67,050
    // − 30,840 − 24,840 (spouse all year, own income 40,000) = 11,370 due; 59,160 advanced → 47,790 back.
    const claims = {
      deductions: [
        { kind: 'mortgage_interest', amount: '180000' },
        { kind: 'union_dues', amount: '5000' },
      ],
      spouse: { months: 12, income: '40000' },
    };
    const res = await hr.put(`${path('full')}/settlement`, claims);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      nonTaxable: '153000.00',
      taxBase: '447000.00',
      spouseCredit: '24840.00',
      taxAfterCredits: '11370.00',
      result: '47790.00',
      spouse: { months: 12, income: '40000.00', disabled: false },
    });
    expect(res.body.deductionsAllowed).toEqual([
      { kind: 'mortgage_interest', claimed: '180000.00', allowed: '150000.00' },
      { kind: 'union_dues', claimed: '5000.00', allowed: '3000.00' },
    ]);
    const pdf = await hr.user.request('GET', `${hr.base}${path('full')}/statement/pdf?lang=en`);
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Spouse credit');

    // Housing acquired before 2021 (limit 300,000) paid off from April: 9 months → 225,000 at most.
    const older = await hr.put(`${path('full')}/settlement`, {
      deductions: [{ kind: 'mortgage_interest', amount: '240000', acquiredBefore2021: true, months: 9 }],
    });
    expect(older.status, JSON.stringify(older.body)).toBe(200);
    expect(older.body.deductions).toEqual([
      { kind: 'mortgage_interest', amount: '240000.00', acquiredBefore2021: true, months: 9 },
    ]);
    expect(older.body.deductionsAllowed).toEqual([
      { kind: 'mortgage_interest', claimed: '240000.00', allowed: '225000.00' },
    ]);
    expect(
      (
        await hr.put(`${path('full')}/settlement`, {
          deductions: [{ kind: 'mortgage_interest', amount: '1000', months: 13 }],
        })
      ).status,
    ).toBe(400);
    expect((await hr.put(`${path('full')}/settlement`, claims)).body.result).toBe('47790.00');

    const over = await hr.user.json(
      'PUT',
      `${hr.base}${path('full')}/settlement`,
      { spouse: { months: 12, income: '68000.01' } },
      {
        'accept-language': 'cs',
      },
    );
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('spouse_income_over_limit');
    expect(JSON.stringify(over.body)).toMatch(/Slevu na manžela nelze uplatnit/);
    // Nothing written: the settlement is still the one above.
    expect((await hr.get(`${path('full')}/settlement`)).body.result).toBe('47790.00');
    // Back to the plain settlement for the tests after this one.
    expect(
      (await hr.put(`${path('full')}/settlement`, { deductions: [{ kind: 'mortgage_interest', amount: '20000' }] }))
        .status,
    ).toBe(200);
  });

  it('refuses a settlement without a declaration (naming the months) or without advances, and bad input', async () => {
    const undeclared = await hr.put(`${path('undeclared')}/settlement`, {});
    expect(undeclared.status).toBe(409);
    expect(undeclared.body.code).toBe('settlement_not_declared');
    expect(undeclared.body.months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const dpp = await hr.put(`${path('dpp')}/settlement`, {});
    expect(dpp.status).toBe(409);
    expect(dpp.body.code).toBe('no_payroll_in_year');
    const bad = await hr.put(`${path('full')}/settlement`, { deductions: [{ kind: 'yacht', amount: '-5' }] });
    expect(bad.status).toBe(400);
    expect((await hr.get(`${path('full', 2031)}/statement`)).body.code).toBe('tax_year_unknown');
    expect((await hr.get(`/employees/${ids.full}/tax-years/abc/statement`)).status).toBe(400);
    expect((await hr.get(`${path('undeclared')}/settlement`)).status).toBe(404);
    expect(await count(hr.t, 'tax_settlements')).toBe(2);
  });

  it('self-service: the employee sees their own finished years, the settlement result and the statement PDF', async () => {
    const me = await memberWith(hr.t, hr.user, 'staff', ['hr.self']);
    const stranger = await memberWith(hr.t, hr.user, 'staff2', ['hr.self']);
    expect((await hr.patch(`/employees/${ids.full}`, { userId: me.userId })).status).toBe(200);
    const api = (u: TestUser, p: string) => u.json('GET', `${hr.base}${p}`);
    // While 2026 runs it is not a finished year: nothing to show yet.
    now = new Date('2026-12-20T10:00:00Z');
    expect((await api(me, '/me/tax-years')).body.items).toEqual([]);
    expect((await api(me, '/me/tax-years/2026/statement/pdf')).status).toBe(404);
    now = new Date('2027-02-10T09:00:00Z');
    const years = await api(me, '/me/tax-years');
    expect(years.status, JSON.stringify(years.body)).toBe(200);
    expect(years.body.items).toMatchObject([
      { year: 2026, income: '600000.00', taxAdvances: '59160.00', settlement: { result: '3000.00' } },
    ]);
    for (const [lang, heading] of [
      ['cs', 'Roční zúčtování záloh a daňového zvýhodnění 2026'],
      ['en', 'Annual tax settlement 2026'],
    ]) {
      const pdf = await me.request('GET', `${hr.base}/me/tax-years/2026/statement/pdf?lang=${lang}`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain(heading);
    }
    // Someone not linked sees nothing; nothing takes another employee's id; without hr.self nothing at all.
    expect((await api(stranger, '/me/tax-years')).status).toBe(404);
    expect((await api(stranger, '/me/tax-years/2026/statement/pdf')).status).toBe(404);
    expect((await api(reader, '/me/tax-years')).status).toBe(403);
    expect((await api(me, `${path('july')}/statement`)).status).toBe(403);
  });

  it('needs the payroll permissions; another tenant sees nothing; reads are audited', async () => {
    expect((await hr.get(`${path('full')}/statement`, reader)).status).toBe(403);
    expect((await hr.put(`${path('full')}/settlement`, {}, reader)).status).toBe(403);
    const other = await openHr(hr.t);
    expect((await other.get(`${path('full')}/statement`)).status).toBe(404);
    expect((await other.get(`${path('full')}/ledger`)).status).toBe(404);
    expect((await other.put(`${path('full')}/settlement`, {})).status).toBe(404);
    const audits = await hr.t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', hr.user.tenant.id)
      .where('entity_id', '=', ids.full as string)
      .execute();
    const actions = audits.map((a) => a.action);
    expect(actions).toContain('hr.tax_settlement.made');
    expect(actions.filter((a) => a === 'hr.employee.read').length).toBeGreaterThanOrEqual(4);
  });
});
