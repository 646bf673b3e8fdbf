import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import medical from '../src/server/index.ts';
import { type Lab, labFor } from './helpers.ts';

/**
 * A lab provider serving two clinics: its console shows each clinic's open work (specimens awaiting
 * receipt, results awaiting release, open critical values, TAT breaches), it works in each clinic's
 * tenant through the engagement, and each clinic's patients stay in that clinic.
 */
let t: TestBureau;
let provider: TestUser;
let clinicA: Lab;
let clinicB: Lab;
let now = new Date('2026-05-04T07:00:00Z');
const clock = { now: () => now };

async function engage(owner: TestUser) {
  const res = await provider.json('POST', `/api/t/${provider.tenant.slug}/clients`, {
    client: { slug: owner.tenant.slug },
    modules: ['medical'],
    grants: ['medical.*'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const accepted = await owner.json('POST', `/api/t/${owner.tenant.slug}/providers/${res.body.engagement.id}/accept`);
  expect(accepted.status).toBe(200);
}

async function orderFor(lab: Lab, tests: string[]) {
  const p = await lab.post('/patients', { firstName: 'Eva', lastName: 'Malá', birthDate: '1980-01-01', sex: 'female' });
  const o = await lab.post('/orders', { patientId: p.body.id, tests, priority: 'stat' });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  return { patient: p.body.id as string, order: o.body.id as string, specimen: o.body.specimens[0].id as string };
}

beforeAll(async () => {
  t = await createTestBureau({ plugins: [medical], clock });
  provider = await t.signup({ tenant: { kind: 'provider' } });
  const a = await t.signup();
  const b = await t.signup();
  await t.enableModule(a, 'medical');
  await t.enableModule(b, 'medical');
  clinicA = labFor(t, a);
  clinicB = labFor(t, b);
  await engage(a);
  await engage(b);
});
afterAll(async () => {
  await t.close();
});

describe('a lab provider across two clinics', () => {
  let critical: string;
  let bPatient: string;

  it('sees each clinic’s open work in its console', async () => {
    await orderFor(clinicA, ['GLU']);
    const b = await orderFor(clinicB, ['K']);
    bPatient = b.patient;
    expect((await clinicB.post(`/specimens/${b.specimen}/receive`, {})).status).toBe(200);
    const k = await clinicB.post('/results', { specimenId: b.specimen, test: 'K', value: '6.9' });
    expect(k.body.flag).toBe('HH');
    critical = k.body.id;
    // The glucose tube of clinic A is still not received four hours later: its TAT (STAT) is broken.
    now = new Date('2026-05-04T11:00:00Z');
    const res = await provider.json('GET', `/api/providers/${provider.tenant.slug}/clients?module=medical`);
    expect(res.status).toBe(200);
    const by = (slug: string) => res.body.clients.find((c: any) => c.tenant.slug === slug)?.summary.medical;
    expect(by(clinicA.user.tenant.slug)).toMatchObject({
      specimensAwaitingReceipt: 1,
      resultsAwaitingRelease: 0,
      criticalOpen: 0,
    });
    expect(by(clinicA.user.tenant.slug).tatBreaches).toBeGreaterThanOrEqual(1);
    expect(by(clinicB.user.tenant.slug)).toMatchObject({
      specimensAwaitingReceipt: 0,
      resultsAwaitingRelease: 1,
      criticalOpen: 1,
    });
  });

  it('works each clinic’s release queue in that clinic’s tenant, and the clinics never see each other', async () => {
    const queueB = await provider.json('GET', `${clinicB.base}/results?status=entered`);
    expect(queueB.status).toBe(200);
    expect(queueB.body.results.map((r: any) => r.id)).toEqual([critical]);
    const queueA = await provider.json('GET', `${clinicA.base}/results?status=entered`);
    expect(queueA.body.results).toEqual([]);
    // The provider's authorised person releases after the call-back (entered by the clinic's staff: four-eyes holds).
    expect((await provider.json('POST', `${clinicB.base}/results/${critical}/release`)).body.code).toBe(
      'callback_missing',
    );
    await provider.json('POST', `${clinicB.base}/results/${critical}/callback`, { to: 'MUDr. Malý, ward 3' });
    const released = await provider.json('POST', `${clinicB.base}/results/${critical}/release`);
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    // Clinic A cannot reach clinic B's patient, even by id.
    expect((await clinicA.get(`/patients/${bPatient}`)).status).toBe(404);
    expect((await clinicA.get(`/results/${critical}`)).status).toBe(404);
    expect((await clinicA.user.json('GET', `${clinicB.base}/results`)).status).toBeGreaterThanOrEqual(403);
  });
});
