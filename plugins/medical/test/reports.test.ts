import { readFileSync } from 'node:fs';
import { pdfText, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAstm, parseCsv } from '../src/server/services/instrument.ts';
import { count, type Lab, memberWith, openLab } from './helpers.ts';

/**
 * Instrument import (a real DPC IMMULITE ASTM E1394 transmission, see fixtures/README.md, and CSV),
 * the lab report PDF in Czech and English, the cumulative report, and the patient's data export.
 */
const IMMULITE = readFileSync(new URL('./fixtures/immulite-astm.txt', import.meta.url), 'utf8');

let lab: Lab;
let tech: TestUser;
let doctor: TestUser;
let now = new Date('2026-04-01T07:00:00Z');
const clock = { now: () => now };
const LAB_STAFF = ['medical.read', 'medical.order', 'medical.result', 'medical.release'];

/** Tests of the IMMULITE sample; ferritin is FERR in this catalogue (mapped on import). */
const TESTS = [
  { code: 'TT4', name: 'Total T4', unit: 'ug/dL', referenceRanges: [{ low: '4.5', high: '12.5' }] },
  { code: 'TU', name: 'T uptake', unit: '%', referenceRanges: [{ low: '23', high: '35' }] },
  {
    code: 'FERR',
    name: { en: 'Ferritin', cs: 'Feritin' },
    unit: 'ng/mL',
    referenceRanges: [
      { sex: 'female', low: '13', high: '150' },
      { sex: 'male', low: '30', high: '400' },
    ],
  },
  { code: 'E2', name: 'Estradiol', unit: 'pg/mL', referenceRanges: [] },
  { code: 'FSH', name: 'FSH', unit: 'm[IU]/mL', referenceRanges: [] },
  { code: 'LH', name: 'LH', unit: 'm[IU]/mL', referenceRanges: [] },
  { code: 'IGE', name: 'IgE', unit: '[IU]/mL', decimals: 0, referenceRanges: [{ high: '100' }] },
];
/** The sample's specimens (pre-labelled tubes from the clinic) and what each was ordered for. */
const TUBES: [string, 'female' | 'male', string[]][] = [
  ['130000445', 'female', ['TT4', 'TU']],
  ['130000617', 'female', ['FERR']],
  ['130000722', 'female', ['FERR']],
  ['130000724', 'female', ['E2', 'FSH', 'LH']],
  ['130000741', 'male', ['FERR']],
  ['130000790', 'male', ['IGE']],
];
const orders = new Map<string, { order: string; specimen: string; patient: string }>();

async function patient(i: number, sex: 'female' | 'male') {
  const res = await lab.post('/patients', {
    firstName: `Jana${i}`,
    lastName: sex === 'female' ? 'Nováková' : 'Novák',
    birthDate: `1970-05-0${(i % 9) + 1}`,
    sex,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function tube(barcode: string, patientId: string, tests: string[]) {
  const o = await lab.post('/orders', { patientId, tests, clinicName: 'Poliklinika Lesná', clinician: 'MUDr. Veselá' });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const specimen = o.body.specimens[0].id as string;
  // The clinic's own pre-printed label is the tube's barcode.
  await lab.t.runtime.db.updateTable('medical.specimens').set({ barcode }).where('id', '=', specimen).execute();
  expect((await lab.post(`/specimens/${specimen}/receive`, { location: 'Rack A' })).status).toBe(200);
  orders.set(barcode, { order: o.body.id, specimen, patient: patientId });
}

let worksheet: string;

beforeAll(async () => {
  lab = await openLab(undefined, clock);
  tech = await memberWith(lab.t, lab.user, 'technician', LAB_STAFF);
  doctor = await memberWith(lab.t, lab.user, 'authorised', [...LAB_STAFF, 'medical.authorise']);
  for (const t of TESTS) {
    const res = await lab.post('/tests', {
      specimenType: 'serum',
      container: 'SST',
      discipline: 'immunochemistry',
      ...t,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  let i = 0;
  for (const [barcode, sex, tests] of TUBES) await tube(barcode, await patient(i++, sex), tests);
  const ws = await lab.post('/worksheets', { instrument: 'IMMULITE 2000' }, tech);
  worksheet = ws.body.id;
});
afterAll(async () => {
  await lab.t.close();
});

describe('instrument files', () => {
  it('reads the IMMULITE transmission: nine final results of six specimens (values as in the published table)', () => {
    const { lines, problems } = parseAstm(IMMULITE);
    expect(problems).toEqual([]);
    expect(lines.map((l) => [l.specimen, l.code, l.value, l.unit])).toEqual([
      ['130000445', 'TT4', '10.3', 'ug/dL'],
      ['130000445', 'TU', '26.6', 'Percnt'],
      ['130000617', 'FER', '173', 'ng/mL'],
      ['130000722', 'FER', '490', 'ng/mL'],
      ['130000724', 'E2', '25.3', 'pg/mL'],
      ['130000724', 'FSH', '60.6', 'mIU/mL'],
      ['130000724', 'LH', '24.4', 'mIU/mL'],
      ['130000741', 'FER', '238', 'ng/mL'],
      ['130000790', 'IGE', '517', 'IU/mL'],
    ]);
  });

  it('reads the same records in E1381 frames (STX, frame number, ETX, checksum), a record split over ETB frames', () => {
    const records = IMMULITE.trim()
      .split('\n')
      .map((l) => l.slice(1));
    const body = `${records.join('\r')}\r`;
    const half = Math.floor(body.length / 2);
    const frame = (n: number, text: string, end: string) => `\x02${n}${text}${end}00\r\n`;
    const framed = frame(1, body.slice(0, half), '\x17') + frame(2, body.slice(half), '\x03');
    expect(parseAstm(framed).lines).toEqual(parseAstm(IMMULITE).lines);
  });

  it('reports results that are not final and results before any order record', () => {
    const text = 'H|\\^&|||X\rP|1\rR|1|^^^K|4.1|mmol/L||||F\rO|1|L1||^^^K\rR|1|^^^K|4.1|mmol/L||||P\rL|1|N\r';
    expect(parseAstm(text).problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'no_order'],
      [5, 'not_final'],
    ]);
  });

  it('reads CSV with semicolons and decimal commas, quoted cells', () => {
    const { lines } = parseCsv('Barcode;Test;Value;Unit\n130000445;TT4;"10,3";ug/dL\n');
    expect(lines).toMatchObject([{ line: 2, specimen: '130000445', code: 'TT4', value: '10.3', unit: 'ug/dL' }]);
  });

  it('refuses the whole file when a line fails, naming each line, and writes nothing', async () => {
    const before = await count(lab.t, 'results');
    const csv = 'barcode,test,value\n130000445,TT4,ten\n999999,TT4,5\n130000445,NA,140\n';
    const res = await lab.post(`/worksheets/${worksheet}/import`, { format: 'csv', content: csv }, tech);
    expect([res.status, res.body.code]).toEqual([400, 'import_rejected']);
    expect(res.body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['line.2', 'not_a_number'],
      ['line.3', 'specimen_not_found'],
      ['line.4', 'test_not_ordered'],
    ]);
    expect(await count(lab.t, 'results')).toBe(before);
    const empty = await lab.post(
      `/worksheets/${worksheet}/import`,
      { format: 'csv', content: 'barcode,test,value\n' },
      tech,
    );
    expect([empty.status, empty.body.code]).toEqual([400, 'import_empty']);
    const missing = await lab.post(
      `/worksheets/0190aaaa-0000-7000-8000-000000000000/import`,
      { format: 'csv', content: csv },
      tech,
    );
    expect(missing.status).toBe(404);
  });

  it('enters the IMMULITE file on the worksheet, flagged from each patient’s range', async () => {
    const res = await lab.post(
      `/worksheets/${worksheet}/import`,
      { format: 'astm', content: IMMULITE, codes: { FER: 'FERR' } },
      tech,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.entered.map((r: any) => [r.test, r.value, r.flag])).toEqual([
      ['TT4', '10.3', null],
      ['TU', '26.6', null],
      ['FERR', '173.0', 'H'],
      ['FERR', '490.0', 'H'],
      ['E2', '25.3', null],
      ['FSH', '60.6', null],
      ['LH', '24.4', null],
      ['FERR', '238.0', null],
      ['IGE', '517', 'H'],
    ]);
    expect(res.body.entered.every((r: any) => r.worksheetId === worksheet)).toBe(true);
    // Sent twice, the same results are refused: each awaits release already.
    const again = await lab.post(
      `/worksheets/${worksheet}/import`,
      { format: 'astm', content: IMMULITE, codes: { FER: 'FERR' } },
      tech,
    );
    expect([again.status, again.body.errors[0].code]).toEqual([400, 'result_exists']);
  });
});

describe('reports', () => {
  it('prints the lab report in Czech and English with ranges, flags, comments and who released', async () => {
    const tubes = orders.get('130000445');
    const ferr = orders.get('130000617');
    if (!tubes || !ferr) throw new Error('set-up');
    const queue = await lab.get('/results?status=entered', doctor);
    for (const r of queue.body.results.filter((x: any) => x.orderId === tubes.order || x.orderId === ferr.order)) {
      const rel = await lab.post(`/results/${r.id}/release`, {}, doctor);
      expect(rel.status, JSON.stringify(rel.body)).toBe(200);
    }
    const cs = await lab.user.request('GET', `${lab.base}/orders/${ferr.order}/report?lang=cs`);
    expect(cs.status).toBe(200);
    expect(cs.headers.get('content-type')).toBe('application/pdf');
    const csText = pdfText(Buffer.from(await cs.arrayBuffer()));
    for (const s of [
      'Výsledek laboratorního vyšetření',
      'Feritin',
      '173,0 ng/mL',
      'H',
      '13,0 – 150,0',
      'Poliklinika Lesná',
    ]) {
      expect(csText).toContain(s);
    }
    expect(csText).toContain(`Uvolnil(a) ${doctor.email}`);
    const en = await lab.user.request('GET', `${lab.base}/orders/${tubes.order}/report?lang=en`);
    const enText = pdfText(Buffer.from(await en.arrayBuffer()));
    for (const s of ['Laboratory report', 'Total T4', '10.3 ug/dL', '4.5 – 12.5', 'Released by'])
      expect(enText).toContain(s);
    const reads = await lab.t.runtime.db
      .selectFrom('core.audit_log')
      .select('action')
      .where('entity_type', '=', 'medical.order')
      .where('entity_id', '=', ferr.order)
      .execute();
    expect(reads.length).toBeGreaterThan(0);
  });

  it('lists an unreleased test as pending and an amendment with its reason', async () => {
    const ferr = orders.get('130000617');
    if (!ferr) throw new Error('set-up');
    const released = (await lab.get(`/orders/${ferr.order}`)).body.results.find((r: any) => r.status === 'released');
    const amended = await lab.post(`/results/${released.id}/amend`, { value: '17.3', reason: 'Dilution factor' }, tech);
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    const pending = pdfText(
      Buffer.from(
        await (await lab.user.request('GET', `${lab.base}/orders/${ferr.order}/report?lang=en`)).arrayBuffer(),
      ),
    );
    // The released version stands until the amendment is released.
    expect(pending).toContain('173.0 ng/mL');
    expect((await lab.post(`/results/${amended.body.id}/release`, {}, doctor)).status).toBe(200);
    const text = pdfText(
      Buffer.from(
        await (await lab.user.request('GET', `${lab.base}/orders/${ferr.order}/report?lang=en`)).arrayBuffer(),
      ),
    );
    expect(text).toContain('17.3 ng/mL');
    expect(text).toContain('Amended (version 2): Dilution factor');
    const e2 = orders.get('130000724');
    const other = pdfText(
      Buffer.from(
        await (await lab.user.request('GET', `${lab.base}/orders/${e2?.order}/report?lang=en`)).arrayBuffer(),
      ),
    );
    expect(other).toContain('pending');
  });

  it('gives a patient’s results over time and prints them with a chart', async () => {
    const first = orders.get('130000617');
    if (!first) throw new Error('set-up');
    now = new Date('2026-04-15T07:00:00Z');
    await tube('130099001', first.patient, ['FERR']);
    const spec = orders.get('130099001')?.specimen;
    const r = await lab.post('/results', { specimenId: spec, test: 'FERR', value: 95 }, tech);
    expect((await lab.post(`/results/${r.body.id}/release`, {}, doctor)).status).toBe(200);
    const cum = await lab.get(`/patients/${first.patient}/cumulative`);
    expect(cum.status).toBe(200);
    const ferr = cum.body.series.find((s: any) => s.test === 'FERR');
    expect(ferr.points.map((p: any) => [p.value, p.flag, p.version])).toEqual([
      ['17.3', null, 2],
      ['95.0', null, 1],
    ]);
    expect(new Date(ferr.points[1].at) > new Date(ferr.points[0].at)).toBe(true);
    const pdf = await lab.user.request('GET', `${lab.base}/patients/${first.patient}/cumulative/pdf?lang=cs`);
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Kumulativní nález');
    expect(text).toContain('95,0');
    expect((await lab.get('/patients/0190aaaa-0000-7000-8000-000000000000/cumulative')).status).toBe(404);
  });
});

describe('privacy', () => {
  it('exports everything the lab holds on a patient for the authorised role only, audited', async () => {
    const first = orders.get('130000617');
    if (!first) throw new Error('set-up');
    expect((await lab.get(`/patients/${first.patient}/export`, tech)).status).toBe(403);
    const res = await lab.get(`/patients/${first.patient}/export`, doctor);
    expect(res.status).toBe(200);
    expect(res.body.patient.id).toBe(first.patient);
    expect(res.body.orders).toHaveLength(2);
    expect(res.body.orders[0].results.map((r: any) => [r.version, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'released'],
    ]);
    const audit = await lab.t.runtime.db
      .selectFrom('core.audit_log')
      .select('action')
      .where('action', '=', 'medical.patient_exported')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
