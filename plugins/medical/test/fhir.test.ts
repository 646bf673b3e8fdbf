import { readFileSync } from 'node:fs';
import type { TestUser } from '@bureau/core';
import { Ajv } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, type Lab, memberWith, openLab } from './helpers.ts';

/** The HL7 FHIR R4 (4.0.1) JSON Schema from shared/oracles/fhir, never our own reading of it. */
const ORACLES = new URL('../../../../shared/oracles/', import.meta.url);
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft6);
const schema = JSON.parse(readFileSync(new URL('fhir/fhir.schema.json', ORACLES), 'utf8'));
// The file names itself with draft-04's `id`; Ajv 8 reads only `$id` (the in-memory copy, not the file, changes).
schema.$id = schema.id;
delete schema.id;
const validate = ajv.compile(schema);
/** The Bundle definition alone: its errors name the field at fault instead of every resource type. */
const validateBundle = ajv.getSchema(`${schema.$id}#/definitions/Bundle`) as typeof validate;

let lab: Lab;
let doctor: TestUser;
const clock = { now: () => new Date('2026-03-10T08:00:00Z') };

beforeAll(async () => {
  lab = await openLab(undefined, clock);
  doctor = await memberWith(lab.t, lab.user, 'authorised', ['medical.read', 'medical.release', 'medical.authorise']);
});
afterAll(async () => {
  await lab.t.close();
});

describe('FHIR R4 export', () => {
  it('exports an order as a Bundle that validates against the FHIR R4 schema, with LOINC and UCUM', async () => {
    const p = await lab.post('/patients', {
      firstName: 'Jana',
      lastName: 'Nováková',
      birthDate: '1985-03-14',
      sex: 'female',
      birthNumber: '8553140002',
    });
    const o = await lab.post('/orders', {
      patientId: p.body.id,
      tests: ['K', 'NA', 'HB'],
      priority: 'urgent',
      clinicalNote: 'Slabost',
    });
    const serum = o.body.specimens.find((s: any) => s.tests.includes('K'));
    await lab.post(`/specimens/${serum.id}/receive`, { location: 'Rack 1' });
    const k = await lab.post('/results', { specimenId: serum.id, test: 'K', value: '5.1' });
    await lab.post('/results', { specimenId: serum.id, test: 'NA', value: '140' });
    expect((await lab.post(`/results/${k.body.id}/release`, {}, doctor)).status).toBe(200);

    const res = await lab.t.app.request(`http://localhost${lab.base}/orders/${o.body.id}/fhir`, {
      headers: { cookie: lab.user.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = (await res.json()) as any;
    expect(validateBundle(bundle), JSON.stringify(validateBundle.errors?.slice(0, 3))).toBe(true);
    expect(validate(bundle)).toBe(true);

    const types = bundle.entry.map((e: any) => e.resource.resourceType);
    expect(new Set(types)).toEqual(
      new Set(['Patient', 'ServiceRequest', 'Specimen', 'Observation', 'DiagnosticReport']),
    );
    expect(types.filter((t: string) => t === 'ServiceRequest')).toHaveLength(3);
    const obs = bundle.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === 'Observation');
    const kObs = obs.find((r: any) => r.code.coding.some((c: any) => c.code === '2823-3'));
    expect(kObs).toMatchObject({
      status: 'final',
      code: { coding: expect.arrayContaining([{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }]) },
      valueQuantity: { value: 5.1, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      interpretation: [{ coding: [{ code: 'H' }] }],
      referenceRange: [{ low: { value: 3.6 }, high: { value: 4.6 } }],
    });
    expect(obs.find((r: any) => r !== kObs).status).toBe('preliminary');
    const report = bundle.entry.find((e: any) => e.resource.resourceType === 'DiagnosticReport').resource;
    expect(report).toMatchObject({ status: 'partial', result: expect.any(Array) });
    expect(report.result).toHaveLength(2);
    const patient = bundle.entry[0].resource;
    expect(patient).toMatchObject({ gender: 'female', birthDate: '1985-03-14', identifier: [{ value: '8553140002' }] });
    // Every reference resolves inside the bundle.
    const urls = new Set(bundle.entry.map((e: any) => e.fullUrl));
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    for (const r of refs) expect(urls.has(r.slice(13, -1)), r).toBe(true);
  });

  it('the oracle itself refuses a broken resource (the check is not vacuous)', () => {
    expect(validate({ resourceType: 'Observation', status: 'done', code: { text: 'x' } })).toBe(false);
    expect(validate({ resourceType: 'Patient', gender: 'f' })).toBe(false);
  });
});

describe('FHIR R4 import of ServiceRequests', () => {
  const bundle = (requests: unknown[], patient: Record<string, unknown> = {}) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: 'urn:uuid:0190aaaa-0000-7000-8000-0000000000aa',
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'https://ncez.mzcr.cz/fhir/sid/rcis', value: '6211020002' }],
          name: [{ family: 'Svoboda', given: ['Petr'] }],
          gender: 'male',
          birthDate: '1962-11-02',
          ...patient,
        },
      },
      ...requests.map((resource) => ({ resource })),
    ],
  });
  const sr = (code: string, extra: Record<string, unknown> = {}) => ({
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: 'urn:uuid:0190aaaa-0000-7000-8000-0000000000aa' },
    ...extra,
  });

  it('takes a Bundle with a Patient and LOINC-coded ServiceRequests as an order', async () => {
    const input = bundle([
      sr('2823-3', { priority: 'stat', identifier: [{ value: 'EXT-1' }], requester: { display: 'MUDr. Malá' } }),
      sr('718-7'),
    ]);
    expect(validateBundle(input), JSON.stringify(validateBundle.errors?.slice(0, 3))).toBe(true);
    const res = await lab.post('/fhir/ServiceRequest', input);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.specimens.flatMap((s: any) => s.tests).sort()).toEqual(['HB', 'K']);
    const order = await lab.get(`/orders/${res.body.id}`);
    expect(order.body).toMatchObject({ priority: 'stat', source: 'fhir', clinician: 'MUDr. Malá' });
    // The same birth number again finds the same patient.
    const again = await lab.post('/fhir/ServiceRequest', bundle([sr('2951-2')]));
    expect((await lab.get(`/orders/${again.body.id}`)).body.patient.id).toBe(order.body.patient.id);
  });

  it('refuses what it cannot take with 400 and writes nothing', async () => {
    const before = [await count(lab.t, 'orders'), await count(lab.t, 'patients')];
    const cases = [
      bundle([sr('99999-9')]),
      bundle([sr('2823-3')], { identifier: [{ system: 'https://ncez.mzcr.cz/fhir/sid/rcis', value: '6211020003' }] }),
      bundle([sr('2823-3')], { gender: 'x' }),
      { resourceType: 'Bundle', type: 'collection', entry: [{ resource: sr('2823-3') }, { resource: sr('718-7') }] },
      { resourceType: 'Patient' },
    ];
    for (const input of cases) {
      const res = await lab.post('/fhir/ServiceRequest', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.body.code).toBeTruthy();
    }
    expect([await count(lab.t, 'orders'), await count(lab.t, 'patients')]).toEqual(before);
  });
});
