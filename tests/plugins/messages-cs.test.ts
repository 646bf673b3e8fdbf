/**
 * Issue 20 item 5: the last English-only validation texts outside accounting (hr leave entitlement,
 * medical catalogue and rules) answer a Czech reader in Czech and an English reader in English; the
 * problem code stays `invalid_input`. Schedules' refusals are checked in schedules.test.ts (where a
 * failed run exists), orders' Quantity in plugins/orders/test/quantity.test.ts.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestBureau;
let owner: TestUser;
const cs = { 'accept-language': 'cs' };
const en = { 'accept-language': 'en' };
const anyId = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestBureau({ plugins: installedPlugins.filter((p) => ['hr', 'medical'].includes(p.id)) });
  owner = await t.signup();
  for (const id of ['hr', 'medical']) await t.enableModule(owner, id);
});
afterAll(() => t?.close());

/** The field errors' messages by path, as the reader with `headers` gets them. */
async function fieldMessages(method: string, path: string, body: unknown, headers: Record<string, string>) {
  const res = await owner.json(method, `/api/t/${owner.tenant.slug}${path}`, body, headers);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('invalid_input');
  return Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
}

describe('validation texts in the reader’s language', () => {
  it('hr: holiday given as hours and days at once', async () => {
    const path = `/hr/employees/${anyId}/leave-entitlements/2026`;
    expect(await fieldMessages('PUT', path, { hours: 8, days: 1 }, cs)).toEqual({
      days: 'Zadejte hodiny, nebo dny, ne obojí',
    });
    expect(await fieldMessages('PUT', path, { hours: 8, days: 1 }, en)).toEqual({
      days: 'Give hours or days, not both',
    });
  });

  it('medical: reference ranges, decimals and release rules', async () => {
    const test = {
      code: 'X1',
      name: 'X',
      unit: 'mmol/L',
      specimenType: 'serum',
      criticalLow: 'low',
      referenceRanges: [{ ageFromDays: 10, ageToDays: 5, low: '5', high: '1' }],
    };
    expect(await fieldMessages('POST', '/medical/tests', test, cs)).toEqual({
      criticalLow: 'Očekává se desetinné číslo',
      'referenceRanges.0.ageToDays': 'Musí být větší než ageFromDays',
      'referenceRanges.0.high': 'Nesmí být nižší než dolní mez (low)',
    });
    expect((await fieldMessages('POST', '/medical/tests', test, en))['referenceRanges.0.high']).toBe(
      'Must not be below low',
    );
    const rule = { normal: 'medical.release', abnormal: 'medical.release', critical: 'medical.authorise' };
    expect(await fieldMessages('POST', '/medical/rules', rule, cs)).toEqual({
      test: 'Uveďte buď vyšetření, nebo obor',
    });
  });
});
