/**
 * Payments of an approved pay run through the HTTP API on a real database: the employer's payment
 * settings (accounts checked, nothing written on a refusal), the payments grouped per debit account
 * for issue 13's worked example HPP 50,000 (2026, signed declaration): net 39,270 to the employee,
 * social insurance 3,550 + 12,400 = 15,950 to ČSSZ, health 2,250 + 4,500 = 6,750 to VZP (111), tax
 * advance 4,930 to the tax office; a DPP worker without an account (50 h × 200, no declaration:
 * withholding tax 1,500 to the tax office, net 8,500 listed, not paid). The pain.001.001.03 file is
 * validated with xmllint against the official schema (shared/oracles/sepa); the ABO/KPC file is read
 * line by line. Accounts of ČSSZ, VZP and the tax office are made up (valid check digits; real
 * prefixes 21012, 713 and 7720 as the authorities publish them).
 */
import type { TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BN_MAN, count, type Hr, memberWith, openHr, xmllintPain001 as xmllint } from './helpers.ts';

const SETTINGS = {
  debitAccount: '19-2000145399/0800',
  departmentAccounts: [{ department: 'Dílna', account: '1234567899/0100' }],
  cssz: { account: '21012-2001190079/0710', variableSymbol: '1234567890' },
  insurers: [{ insurer: '111', account: '1111111111/0710', variableSymbol: '0012345600' }],
  taxOffice: {
    advancesAccount: '713-77628031/0710',
    withholdingAccount: '7720-77628031/0710',
    variableSymbol: '12345678',
  },
  payDay: 12,
};

let hr: Hr;
let reader: TestUser;
let runId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  hr = await openHr();
  reader = await memberWith(hr.t, hr.user, 'payroll-reader', ['hr.read', 'hr.payroll.read']);
  const hire = async (key: string, body: Record<string, unknown>) => {
    const res = await hr.post('/employees', { startDate: '2026-01-01', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
  };
  await hire('hpp50', {
    firstName: 'Adam',
    lastName: 'Padesát',
    birthNumber: BN_MAN,
    bankAccount: '2000145399/0800',
    healthInsurer: '111',
    department: 'Dílna',
    taxDeclaration: true,
    contract: { type: 'hpp', monthlySalary: '50000' },
  });
  await hire('dpp', {
    firstName: 'Cyril',
    lastName: 'Dohoda',
    taxDeclaration: false,
    contract: { type: 'dpp', hourlyRate: '200' },
  });
  runId = (await hr.post('/payroll/runs', { period: '2026-03' })).body.id;
  await hr.put(`/payroll/runs/${runId}/inputs/${ids.dpp}`, { hours: 50 });
  expect((await hr.post(`/payroll/runs/${runId}/calculate`, {})).status).toBe(200);
});
afterAll(() => hr?.t.close());

const file = (path: string, as?: TestUser) => (as ?? hr.user).request('GET', `${hr.base}${path}`);

describe('hr payment settings', () => {
  it('starts empty with payday the 15th', async () => {
    const res = await hr.get('/payroll/payment-settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ debitAccount: null, cssz: null, insurers: [], taxOffice: null, payDay: 15 });
  });

  it('refuses bad accounts and a payday after the 20th, naming each field, and writes nothing', async () => {
    const bad = await hr.put('/payroll/payment-settings', {
      ...SETTINGS,
      debitAccount: '19-2000145398/0800',
      cssz: { account: 'CZ0000000000000000000000', variableSymbol: '1234567890' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_input');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['debitAccount', 'cssz.account']);
    expect((await hr.put('/payroll/payment-settings', { ...SETTINGS, payDay: 25 })).status).toBe(400);
    expect(await count(hr.t, 'payment_settings')).toBe(0);
    expect(await count(hr.t, 'payment_debit_accounts')).toBe(0);
  });

  it('is changed only with hr.payroll.approve, read with hr.payroll.read', async () => {
    expect((await hr.put('/payroll/payment-settings', SETTINGS, reader)).status).toBe(403);
    expect((await hr.get('/payroll/payment-settings', reader)).status).toBe(200);
  });
});

describe('hr payments of a run', () => {
  it('refuses before approval', async () => {
    const early = await hr.get(`/payroll/runs/${runId}/payments`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_approved');
    expect((await file(`/payroll/runs/${runId}/payments/abo`)).status).toBe(409);
    expect((await hr.post(`/payroll/runs/${runId}/approve`, {})).status).toBe(200);
  });

  it('names every missing setting the run needs, in the reader’s language, and gives no file', async () => {
    const res = await file(`/payroll/runs/${runId}/payments/pain001`);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { code: string; missing: string[]; errors: { message: string }[] };
    expect(body.code).toBe('payment_settings_missing');
    expect(body.missing).toEqual([
      'debitAccount',
      'cssz',
      'insurers.111',
      'taxOffice.advancesAccount',
      'taxOffice.withholdingAccount',
    ]);
    const cs = await hr.user.request('GET', `${hr.base}/payroll/runs/${runId}/payments/abo`, undefined, {
      'accept-language': 'cs',
    });
    const csBody = (await cs.json()) as { title: string; errors: { message: string }[] };
    expect(csBody.title).toContain('chybí 5 údajů');
    expect(csBody.errors[2]?.message).toBe('účet zdravotní pojišťovny 111 a váš variabilní symbol');
    // The list itself shows what is missing too.
    const list = await hr.get(`/payroll/runs/${runId}/payments`);
    expect(list.status).toBe(200);
    expect(list.body.missing).toHaveLength(5);
  });

  it('lists issue 13’s HPP 50,000 payments grouped per debit account, the DPP worker without an account listed', async () => {
    const put = await hr.put('/payroll/payment-settings', SETTINGS);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.cssz).toMatchObject({ account: '21012-2001190079/0710', variableSymbol: '1234567890' });
    const res = await hr.get(`/payroll/runs/${runId}/payments`, reader);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = res.body;
    expect(p).toMatchObject({ period: '2026-03', payDate: '2026-04-12', missing: [] });
    expect(p.withoutAccount).toEqual([{ employeeId: ids.dpp, number: '0002', name: 'Cyril Dohoda', net: '8500.00' }]);
    expect(p.groups).toHaveLength(2);
    const [main, workshop] = p.groups;
    expect(main.debitAccount.account).toBe('19-2000145399/0800');
    expect(main.departments).toEqual([]);
    expect(
      main.payments.map((x: Record<string, string>) => [
        x.kind,
        x.recipient,
        x.account,
        x.variableSymbol,
        x.amount,
        x.dueBy,
      ]),
    ).toEqual([
      [
        'social',
        'Česká správa sociálního zabezpečení',
        '21012-2001190079/0710',
        '1234567890',
        '15950.00',
        '2026-04-20',
      ],
      ['health', 'Všeobecná zdravotní pojišťovna ČR', '1111111111/0710', '0012345600', '6750.00', '2026-04-20'],
      ['tax_advances', 'Finanční úřad', '713-77628031/0710', '12345678', '4930.00', '2026-04-20'],
      ['tax_withholding', 'Finanční úřad', '7720-77628031/0710', '12345678', '1500.00', '2026-04-30'],
    ]);
    expect(workshop).toMatchObject({ departments: ['Dílna'], total: '39270.00' });
    expect(workshop.debitAccount.account).toBe('1234567899/0100');
    expect(workshop.payments).toEqual([
      expect.objectContaining({
        kind: 'net',
        recipient: 'Adam Padesát',
        employeeId: ids.hpp50,
        account: '2000145399/0800',
        variableSymbol: '0001',
        amount: '39270.00',
      }),
    ]);
    expect(p.total).toBe('68400.00');
  });

  it('writes pain.001.001.03 with a PmtInf per debit account, valid against the official schema', async () => {
    expect((await file(`/payroll/runs/${runId}/payments/pain001`, reader)).status).toBe(403);
    const res = await file(`/payroll/runs/${runId}/payments/pain001`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    const verdict = xmllint(xml);
    expect(verdict.ok, verdict.output).toBe(true);
    expect(xml.match(/<PmtInf>/g)).toHaveLength(2);
    expect(xml).toContain('<CtrlSum>68400.00</CtrlSum>');
    expect(xml).toContain('<ReqdExctnDt>2026-04-12</ReqdExctnDt>');
    expect(xml).toContain('<EndToEndId>/VS1234567890</EndToEndId>');
    expect(xml).toContain('<InstdAmt Ccy="CZK">15950.00</InstdAmt>');
    expect(xml).toContain('<IBAN>CZ6508000000192000145399</IBAN>');
  });

  it('writes the ABO/KPC file with a group per debit account', async () => {
    const res = await file(`/payroll/runs/${runId}/payments/abo`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toMatch(/^UHL1\d{6}/);
    expect(lines[1]).toBe('1 1501 001000 0800');
    expect(lines[2]).toBe('2 000019-2000145399 00000002913000 120426');
    expect(lines[3]).toBe('021012-2001190079 000000001595000 1234567890 07100000 0000000000 AV:Pojistne SP 2026-03');
    expect(lines).toContain('1 1501 002000 0100');
    expect(lines).toContain('2 000000-1234567899 00000003927000 120426');
    expect(lines).toContain('000000-2000145399 000000003927000 0000000001 08000000 0000000000 AV:Mzda 2026-03');
    expect(lines.filter((l) => l === '3 +')).toHaveLength(2);
    expect(lines.filter((l) => l === '5 +')).toHaveLength(2);
  });

  it('keeps another firm out', async () => {
    const other = await openHr(hr.t);
    expect((await other.get(`/payroll/runs/${runId}/payments`)).status).toBe(404);
    expect((await other.get('/payroll/payment-settings')).body.debitAccount).toBeNull();
  });
});
