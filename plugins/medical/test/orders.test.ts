import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicParties } from '../src/server/migrations/0003_clinic_parties.ts';
import { count, type Lab, memberWith, openLab } from './helpers.ts';

let lab: Lab;
const clock = { now: () => new Date('2026-03-10T08:00:00Z') };

beforeAll(async () => {
  lab = await openLab(undefined, clock);
});
afterAll(async () => {
  await lab.t.close();
});

const jana = {
  firstName: 'Jana',
  lastName: 'Nováková',
  birthDate: '1985-03-14',
  sex: 'female',
  birthNumber: '855314/0002',
};

describe('catalogue', () => {
  it('starts with the starter catalogue: LOINC, UCUM units, sex and age ranges with sources', async () => {
    const { status, body } = await lab.get('/tests');
    expect(status).toBe(200);
    const alt = body.tests.find((t: any) => t.code === 'ALT');
    expect(alt).toMatchObject({ loinc: '1742-6', unit: 'U/L', specimenType: 'serum' });
    expect(alt.referenceRanges).toHaveLength(3);
    expect(alt.referenceRanges.every((r: any) => r.source.includes('NORIP'))).toBe(true);
    const panels = await lab.get('/panels');
    expect(panels.body.panels.find((p: any) => p.code === 'CBC').tests).toEqual(['HB', 'WBC', 'PLT']);
  });

  it('adds a test per the API contract (201) and refuses a taken code (409)', async () => {
    const input = {
      code: 'MG',
      name: { en: 'Magnesium', cs: 'Hořčík' },
      unit: 'mmol/L',
      loinc: '19123-9',
      specimenType: 'serum',
      referenceRanges: [{ ageFromDays: 6575, low: '0.71', high: '0.94' }],
      criticalLow: 0.4,
    };
    const res = await lab.post('/tests', input);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      code: 'MG',
      criticalLow: '0.4',
      referenceRanges: [{ low: '0.71', high: '0.94' }],
    });
    const again = await lab.post('/tests', input);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('test_exists');
  });

  it('refuses bad definitions with field errors and writes nothing', async () => {
    const before = await count(lab.t, 'tests');
    const bad = [
      { code: 'X1', name: 'X', unit: 'g/L', specimenType: 'serum', referenceRanges: [{ low: '5', high: '2' }] },
      { code: 'X2', name: 'X', unit: 'g/L', specimenType: 'serum', loinc: 'abc' },
      { code: 'X3', name: 'X', unit: 'g/L', specimenType: 'serum', criticalLow: 'ten' },
      { code: 'X4', name: 'X', unit: 'g/L', specimenType: 'serum', formula: 'CHOL - NOPE' },
      { code: 'X5', name: 'X', unit: 'g/L', specimenType: 'serum', formula: 'CHOL -* 2' },
      { code: 'bad code!', name: 'X', unit: 'g/L', specimenType: 'serum' },
    ];
    for (const input of bad) {
      const res = await lab.post('/tests', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.body.code).toBeTruthy();
    }
    expect(await count(lab.t, 'tests')).toBe(before);
  });
});

describe('patients', () => {
  it('registers a patient with a checked birth number and audits reads without personal values', async () => {
    const res = await lab.post('/patients', jana);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ birthNumber: '8553140002', sex: 'female' });
    expect((await lab.post('/patients', jana)).body.code).toBe('patient_exists');
    const read = await lab.get(`/patients/${res.body.id}`);
    expect(read.status).toBe(200);
    const audit = await lab.t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', res.body.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['medical.patient_created', 'medical.patient.read']),
    );
    const text = JSON.stringify(audit);
    expect(text).not.toContain('8553140002');
    expect(text).not.toContain('Nováková');
  });

  it('refuses an invalid, mismatching or future birth data (400 with a code)', async () => {
    const before = await count(lab.t, 'patients');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...jana, birthNumber: '8553140003' }, 'bad_birth_number'],
      [{ ...jana, birthNumber: '8553140002', birthDate: '1985-03-15' }, 'birth_number_mismatch'],
      [{ ...jana, birthNumber: '8553140002', sex: 'male' }, 'birth_number_mismatch'],
      [{ ...jana, birthNumber: undefined, birthDate: '2030-01-01' }, 'birth_date_future'],
      [{ ...jana, sex: 'x' }, 'invalid_input'],
    ];
    for (const [input, code] of cases) {
      const res = await lab.post('/patients', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.body.code).toBe(code);
    }
    expect(await count(lab.t, 'patients')).toBe(before);
  });
});

describe('orders and specimens', () => {
  let patientId: string;
  beforeAll(async () => {
    const res = await lab.post('/patients', { ...jana, birthNumber: undefined, firstName: 'Eva' });
    patientId = res.body.id;
  });

  it('creates one specimen per container with a barcode; panels expand', async () => {
    const res = await lab.post('/orders', { patientId, tests: ['CBC', 'K', 'NA', 'GLU'], priority: 'stat' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.specimens).toHaveLength(3);
    const byType = Object.fromEntries(res.body.specimens.map((s: any) => [s.specimenType, s]));
    expect(byType.blood.tests).toEqual(['HB', 'WBC', 'PLT']);
    expect(byType.serum.tests).toEqual(['K', 'NA']);
    expect(byType.plasma.tests).toEqual(['GLU']);
    for (const s of res.body.specimens) expect(s.barcode).toMatch(/^L26\d{6}$/);
    expect(new Set(res.body.specimens.map((s: any) => s.barcode)).size).toBe(3);
    const order = await lab.get(`/orders/${res.body.id}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({ priority: 'stat', patient: { id: patientId } });
  });

  it('refuses unknown tests and unknown patients, writing nothing', async () => {
    const orders = await count(lab.t, 'orders');
    const specimens = await count(lab.t, 'specimens');
    const unknown = await lab.post('/orders', { patientId, tests: ['K', 'NOPE', 'ZZZ'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_test', unknown: ['NOPE', 'ZZZ'] });
    const noPatient = await lab.post('/orders', { patientId: '0190aaaa-0000-7000-8000-000000000000', tests: ['K'] });
    expect(noPatient.status).toBe(404);
    expect((await lab.post('/orders', { patientId, tests: [] })).status).toBe(400);
    expect(await count(lab.t, 'orders')).toBe(orders);
    expect(await count(lab.t, 'specimens')).toBe(specimens);
  });

  it('receives a specimen by barcode with chain of custody; rejects another with a reason', async () => {
    const order = await lab.post('/orders', { patientId, tests: ['K', 'HB'] });
    const [serum, blood] = order.body.specimens;
    const found = await lab.get(`/specimens?barcode=${serum.barcode}`);
    expect(found.body.specimens.map((s: any) => s.id)).toEqual([serum.id]);
    const received = await lab.post(`/specimens/${serum.id}/receive`, { location: 'Reception, rack A' });
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body.state.key).toBe('received');
    expect((await lab.post(`/specimens/${serum.id}/receive`, {})).body.code).toBe('invalid_transition');
    const custody = await lab.get(`/specimens/${serum.id}/custody`);
    expect(custody.body.custody.map((c: any) => c.action)).toEqual(['collect', 'receive']);
    expect(custody.body.custody[1].location).toBe('Reception, rack A');

    expect((await lab.post(`/specimens/${blood.id}/reject`, { reason: 'spilt' })).status).toBe(400);
    const rejected = await lab.post(`/specimens/${blood.id}/reject`, { reason: 'clotted' });
    expect(rejected.body.state.key).toBe('rejected');
    const detail = await lab.get(`/orders/${order.body.id}`);
    expect(detail.body.specimens.find((s: any) => s.id === blood.id).rejectionReason).toBe('clotted');
  });

  it('takes the referring clinic from the address book, or finds or adds it by name with the role clinic', async () => {
    const book = `/api/t/${lab.user.tenant.slug}/parties`;
    const clinic = await lab.user.json('POST', book, {
      name: 'Poliklinika Budějovická',
      email: 'lab@poliklinika.test',
    });
    expect(clinic.status, JSON.stringify(clinic.body)).toBe(201);
    const byId = await lab.post('/orders', { patientId, tests: ['K'], clinicPartyId: clinic.body.id });
    expect(byId.status, JSON.stringify(byId.body)).toBe(201);
    const detail = (await lab.get(`/orders/${byId.body.id}`)).body;
    expect(detail).toMatchObject({ clinicPartyId: clinic.body.id, clinicName: 'Poliklinika Budějovická' });
    expect((await lab.user.json('GET', `${book}/${clinic.body.id}`)).body.roles).toEqual(['clinic']);

    const byName = await lab.post('/orders', { patientId, tests: ['K'], clinicName: 'poliklinika budějovická' });
    expect((await lab.get(`/orders/${byName.body.id}`)).body.clinicPartyId).toBe(clinic.body.id);
    const fresh = await lab.post('/orders', { patientId, tests: ['K'], clinicName: 'Interní ambulance Praha 4' });
    const freshParty = (await lab.get(`/orders/${fresh.body.id}`)).body.clinicPartyId;
    const added = await lab.user.json('GET', `${book}/${freshParty}`);
    expect(added.body).toMatchObject({ name: 'Interní ambulance Praha 4', roles: ['clinic'] });

    const orders = await count(lab.t, 'orders');
    const other = await openLab(lab.t);
    const foreign = await other.user.json('POST', `/api/t/${other.user.tenant.slug}/parties`, { name: 'Cizí klinika' });
    for (const id of [foreign.body.id, '0190aaaa-0000-7000-8000-000000000000']) {
      const res = await lab.post('/orders', { patientId, tests: ['K'], clinicPartyId: id });
      expect([res.status, res.body.code, res.body.errors?.[0]?.path]).toEqual([400, 'unknown_clinic', 'clinicPartyId']);
    }
    expect(await count(lab.t, 'orders')).toBe(orders);
  });

  it('the migration turns the clinic names of older orders into clinic parties, one per name', async () => {
    const tenant = lab.user.tenant.id;
    const book = `/api/t/${lab.user.tenant.slug}/parties`;
    const a = await lab.post('/orders', { patientId, tests: ['K'] });
    const b = await lab.post('/orders', { patientId, tests: ['K'] });
    const c = await lab.post('/orders', { patientId, tests: ['K'] });
    await lab.t.runtime.db.transaction().execute(async (trx) => {
      await sql`alter table medical.orders drop constraint orders_clinic_party_fkey`.execute(trx);
      const set = (id: string, name: string, party: string | null) =>
        trx
          .updateTable('medical.orders')
          .set({ clinic_name: name, clinic_party_id: party })
          .where('tenant_id', '=', tenant)
          .where('id', '=', id)
          .execute();
      await set(a.body.id, 'MUDr. Eva Malá, praktický lékař', null);
      await set(b.body.id, ' mudr. eva malá, praktický lékař ', null);
      // A link to a party that never existed (the lab kept no name for it before the address book).
      await set(c.body.id, 'Interní ambulance Praha 4', '0190aaaa-0000-7000-8000-00000000000c');
      await clinicParties.up(trx);
    });
    const party = async (id: string) => (await lab.get(`/orders/${id}`)).body.clinicPartyId;
    const eva = await party(a.body.id);
    expect(await party(b.body.id)).toBe(eva);
    expect((await lab.user.json('GET', `${book}/${eva}`)).body).toMatchObject({
      name: 'MUDr. Eva Malá, praktický lékař',
      roles: ['clinic'],
    });
    // The name joins the party of that name already in the address book.
    const interni = (await lab.user.json('GET', `${book}?q=Interní&role=clinic`)).body.items;
    expect(interni).toHaveLength(1);
    expect(await party(c.body.id)).toBe(interni[0].id);
  });

  it('e-mails the ordering clinic of a rejected specimen and a critical value, without the patient; else "call"', async () => {
    const book = `/api/t/${lab.user.tenant.slug}/parties`;
    const party = async (body: object) => (await lab.user.json('POST', book, { roles: ['clinic'], ...body })).body.id;
    const praha = await party({ name: 'Ambulance Praha', email: 'lab@ambulance.test', country: 'CZ' });
    const berlin = await party({
      name: 'Praxis Berlin',
      country: 'DE',
      contacts: [{ name: 'Front desk', email: 'praxis@berlin.test' }],
    });
    const silent = await party({ name: 'Ordinace bez e-mailu', country: 'CZ' });
    const mails = () => lab.t.runtime.mailer.outbox.filter((x) => /ambulance|berlin/.test(x.to));

    const a = await lab.post('/orders', { patientId, tests: ['HB'], clinicPartyId: praha });
    const tube = a.body.specimens[0];
    expect((await lab.post(`/specimens/${tube.id}/reject`, { reason: 'haemolysed' })).status).toBe(200);
    await lab.t.events.drain();
    expect(mails()).toHaveLength(1);
    expect(mails()[0]).toMatchObject({
      to: 'lab@ambulance.test',
      subject: expect.stringContaining(`vzorek ${tube.barcode} odmítnut`),
    });
    expect(mails()[0]?.text).toContain('vzorek je hemolytický');
    expect(mails()[0]?.text).toContain(a.body.number);
    const history = (await lab.get(`/orders/${a.body.id}`)).body.clinicNotices;
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        channel: 'email',
        sentTo: 'lab@ambulance.test',
        barcode: tube.barcode,
      }),
    ]);

    const b = await lab.post('/orders', { patientId, tests: ['K'], clinicPartyId: berlin });
    const serum = b.body.specimens[0].id;
    await lab.post(`/specimens/${serum}/receive`, {});
    expect((await lab.post('/results', { specimenId: serum, test: 'K', value: '7.3' })).body.flag).toBe('HH');
    await lab.t.events.drain();
    const critical = mails()[1];
    expect(critical).toMatchObject({ to: 'praxis@berlin.test', subject: expect.stringContaining('critical value') });
    expect(critical?.text).toContain('Potassium (K)');
    expect((await lab.get(`/orders/${b.body.id}`)).body.clinicNotices).toEqual([
      expect.objectContaining({ kind: 'critical', channel: 'email', test: 'K' }),
    ]);
    for (const mail of mails()) expect(`${mail.subject} ${mail.text}`).not.toMatch(/Eva|Nováková|7[.,]3/);

    const c = await lab.post('/orders', { patientId, tests: ['HB'], clinicPartyId: silent });
    await lab.post(`/specimens/${c.body.specimens[0].id}/reject`, { reason: 'clotted' });
    await lab.t.events.drain();
    expect(mails()).toHaveLength(2);
    expect((await lab.get(`/orders/${c.body.id}`)).body.clinicNotices).toEqual([
      expect.objectContaining({ kind: 'rejected', channel: 'call', sentTo: null }),
    ]);
  });

  it('keeps order entry to those with medical.order', async () => {
    const reader = await memberWith(lab.t, lab.user, 'lab-reader', ['medical.read']);
    expect((await lab.post('/orders', { patientId, tests: ['K'] }, reader)).status).toBe(403);
    expect((await lab.post('/patients', jana, reader)).status).toBe(403);
    expect((await lab.get('/orders', reader)).status).toBe(200);
  });
});
