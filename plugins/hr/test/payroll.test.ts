/**
 * Payroll through the HTTP API on a real database: the three worked examples of issue 13 (2026,
 * signed declaration unless stated), missing inputs named per employee, a second run for a month,
 * four-eyes approval and inputs after approval; the salary order validated with xmllint against the
 * official pain.001.001.03 schema (shared/oracles/sepa), the payments summary and the payslip PDF.
 */
import { pdfText, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BN_MAN, count, type Hr, memberWith, openHr, xmllintPain001 as xmllint } from './helpers.ts';

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

  it('pro-rates a month’s salary by working days without public holidays (May 2026)', async () => {
    // May 2026 has 21 weekdays, less 1 and 8 May (zákon č. 245/2000 Sb.) = 19 working days, the month's
    // fond pracovní doby (zákoník práce § 78 odst. 1 písm. m); a starter from Monday 11 May covers 15:
    // 50,000 × 15 / 19 = 39,473.68 (Monday–Friday alone would give 35,714.29).
    await hire('may', {
      firstName: 'Dana',
      lastName: 'Květnová',
      startDate: '2026-05-11',
      taxDeclaration: true,
      contract: { type: 'hpp', monthlySalary: '50000' },
    });
    const run = await hr.post('/payroll/runs', { period: '2026-05' });
    expect((await hr.put(`/payroll/runs/${run.body.id}/inputs/${ids.dpp}`, { hours: 0 })).status).toBe(200);
    const calc = await hr.post(`/payroll/runs/${run.body.id}/calculate`, {});
    expect(calc.status, JSON.stringify(calc.body)).toBe(200);
    const slips = (await hr.get(`/payroll/runs/${run.body.id}`)).body;
    expect(slipOf(slips, 'may')).toMatchObject({ gross: '39473.68' });
    expect(slipOf(slips, 'hpp50')).toMatchObject({ gross: '50000.00' });
  });

  it('reduces a monthly salary by unpaid leave over the month’s fund of hours, on its own line (June 2026)', async () => {
    // Worked example: June 2026 has 22 working days and no public holiday, so the fund of a 40-hour week is
    // 176 h (zákoník práce § 78 odst. 1 písm. m). Two days of unpaid leave (16 h) off 50,000 CZK:
    // 50,000 × 16 / 176 = 4,545.45 (the fund-of-hours method of Pohoda and Money S3); gross 45,454.55;
    // social 7.1 % = 3,228 and health 4.5 % = 2,046 (each rounded up); tax base 45,500 × 15 % = 6,825 less
    // the taxpayer credit 2,570 = 4,255; net 45,454.55 − 3,228 − 2,046 − 4,255 = 35,925.55.
    const run = await hr.post('/payroll/runs', { period: '2026-06' });
    expect((await hr.put(`/payroll/runs/${run.body.id}/inputs/${ids.dpp}`, { hours: 0 })).status).toBe(200);
    const put = await hr.put(`/payroll/runs/${run.body.id}/inputs/${ids.hpp50}`, { unpaidHours: 16 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await hr.post(`/payroll/runs/${run.body.id}/calculate`, {})).status).toBe(200);
    const detail = (await hr.get(`/payroll/runs/${run.body.id}`)).body;
    expect(detail.inputs.find((i: { employeeId: string }) => i.employeeId === ids.hpp50)).toMatchObject({
      unpaidHours: '16',
    });
    const slip = slipOf(detail, 'hpp50') as unknown as { components: unknown[]; workedHours: string };
    expect(slip.components).toEqual([
      { kind: 'salary', amount: '50000.00', hours: null, rate: null },
      { kind: 'unpaid_leave', amount: '-4545.45', hours: '16', rate: '284.09' },
    ]);
    expect(slip.workedHours).toBe('160');
    expect(slipOf(detail, 'hpp50')).toMatchObject({
      gross: '45454.55',
      socialEmployee: '3228.00',
      healthEmployee: '2046.00',
      taxAdvance: '4255.00',
      net: '35925.55',
    });
    for (const [lang, label] of [
      ['cs', 'Neplacené volno'],
      ['en', 'Unpaid leave'],
    ]) {
      const pdf = await hr.user.request(
        'GET',
        `${hr.base}/payroll/runs/${run.body.id}/payslips/${ids.hpp50}/pdf?lang=${lang}`,
      );
      expect(pdf.status).toBe(200);
      expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain(label);
    }
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

describe('hr payments and payslips', () => {
  let runId: string;
  beforeAll(async () => {
    runId = (await hr.get('/payroll/runs?period=2026-03')).body.items[0].id;
  });

  it('refuses the payment order before approval', async () => {
    const run = await hr.post('/payroll/runs', { period: '2026-04' });
    const early = await hr.user.request(
      'GET',
      `${hr.base}/payroll/runs/${run.body.id}/sepa?debtorIban=CZ6508000000192000145399`,
    );
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe('not_approved');
  });

  it('writes a pain.001.001.03 salary order valid against the official schema', async () => {
    const res = await hr.user.request(
      'GET',
      `${hr.base}/payroll/runs/${runId}/sepa?debtorIban=2000145399/0800&executionDate=2026-04-10`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    const verdict = xmllint(xml);
    expect(verdict.ok, verdict.output).toBe(true);
    // The two employees with an account (the DPP worker has none): 39,270 + 27,717.
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>66987.00</CtrlSum>');
    expect(xml).toContain('<InstdAmt Ccy="CZK">39270.00</InstdAmt>');
    expect(xml).toContain('<ReqdExctnDt>2026-04-10</ReqdExctnDt>');
    expect(xml).toContain('<IBAN>CZ6508000000192000145399</IBAN>');
    const bad = await hr.user.request(
      'GET',
      `${hr.base}/payroll/runs/${runId}/sepa?debtorIban=CZ0000000000000000000000`,
    );
    expect(bad.status).toBe(400);
  });

  it('sums what goes to ČSSZ, each health insurer and the tax office', async () => {
    const s = (await hr.get(`/payroll/runs/${runId}/summary`)).body;
    expect(s.net).toEqual({ total: '75487.00', byTransfer: '66987.00', withoutAccount: 1 });
    expect(s.socialInsurance).toEqual({ employee: '5680.00', employer: '19840.00', total: '25520.00' });
    expect(s.healthInsurance).toEqual([
      {
        insurer: '111',
        name: 'Všeobecná zdravotní pojišťovna ČR',
        employee: '2250.00',
        employer: '4500.00',
        total: '6750.00',
      },
      {
        insurer: '211',
        name: 'Zdravotní pojišťovna ministerstva vnitra ČR',
        employee: '1350.00',
        employer: '2700.00',
        total: '4050.00',
      },
      { insurer: null, name: null, employee: '0.00', employer: '0.00', total: '0.00' },
    ]);
    expect(s.tax).toEqual({
      advances: '4930.00',
      bonuses: '1197.00',
      advancesLessBonuses: '3733.00',
      withholding: '1500.00',
    });
  });

  it('prints the payslip in Czech and English', async () => {
    const cs = await hr.user.request('GET', `${hr.base}/payroll/runs/${runId}/payslips/${ids.hpp30}/pdf?lang=cs`);
    expect(cs.status).toBe(200);
    expect(cs.headers.get('content-type')).toBe('application/pdf');
    const csText = pdfText(Buffer.from(await cs.arrayBuffer()));
    expect(csText).toContain('Výplatní páska 2026-03');
    expect(csText).toContain('Daňový bonus');
    expect(csText).toContain('27 717,00 Kč');
    const en = await hr.user.request('GET', `${hr.base}/payroll/runs/${runId}/payslips/${ids.hpp30}/pdf`, undefined, {
      'accept-language': 'en',
    });
    const enText = pdfText(Buffer.from(await en.arrayBuffer()));
    expect(enText).toContain('Payslip 2026-03');
    expect(enText).toContain('CZK 27,717.00');
    const none = await hr.get(`/payroll/runs/${runId}/payslips/00000000-0000-4000-8000-000000000000/pdf`);
    expect(none.status).toBe(404);
  });
});
