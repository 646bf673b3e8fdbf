import type { TestUser } from '@bureau/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleKeys } from '../src/server/migrations/0002_rule_keys.ts';
import { count, type Lab, memberWith, openLab } from './helpers.ts';

/**
 * Results from entry to release: flags against the patient's range (starter catalogue, NORIP 2004
 * ranges), the tenant's local rule (technicians release routine haematology within range; anything
 * flagged or critical needs medical.authorise), four-eyes, critical call-back, QC, amendment.
 */
let lab: Lab;
let tech: TestUser;
let tech2: TestUser;
let doctor: TestUser;
let reader: TestUser;
const clock = { now: () => new Date('2026-03-10T08:00:00Z') };

const LAB_STAFF = ['medical.read', 'medical.order', 'medical.result', 'medical.release'];

async function order(patientId: string, tests: string[]) {
  const res = await lab.post('/orders', { patientId, tests });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  for (const s of res.body.specimens) {
    expect((await lab.post(`/specimens/${s.id}/receive`, {})).status).toBe(200);
  }
  const by = (code: string) => res.body.specimens.find((s: any) => s.tests.includes(code)).id as string;
  return { id: res.body.id as string, specimen: by };
}

let petr: string;

beforeAll(async () => {
  lab = await openLab(undefined, clock);
  tech = await memberWith(lab.t, lab.user, 'technician', LAB_STAFF);
  tech2 = await memberWith(lab.t, lab.user, 'technician2', LAB_STAFF);
  doctor = await memberWith(lab.t, lab.user, 'authorised', [...LAB_STAFF, 'medical.authorise']);
  reader = await memberWith(lab.t, lab.user, 'lab-reader', ['medical.read']);
  const p = await lab.post('/patients', {
    firstName: 'Petr',
    lastName: 'Svoboda',
    birthDate: '1962-11-02',
    sex: 'male',
  });
  petr = p.body.id;
});
afterAll(async () => {
  await lab.t.close();
});

describe('entering results', () => {
  it('flags against the patient’s range: male Hb 134–170 g/L, K 3.6–4.6, Na critical at 120', async () => {
    const o = await order(petr, ['HB', 'K', 'NA']);
    const hb = await lab.post('/results', { specimenId: o.specimen('HB'), test: 'HB', value: 150 }, tech);
    expect(hb.status, JSON.stringify(hb.body)).toBe(201);
    expect(hb.body).toMatchObject({ flag: null, refLow: '134', refHigh: '170', status: 'entered' });
    const k = await lab.post('/results', { specimenId: o.specimen('K'), test: 'K', value: '4.7' }, tech);
    expect(k.body).toMatchObject({ flag: 'H', value: '4.7' });
    const na = await lab.post('/results', { specimenId: o.specimen('NA'), test: 'NA', value: '120' }, tech);
    expect(na.body.flag).toBe('LL');
    const detail = await lab.get(`/orders/${o.id}`);
    expect(detail.body.specimens.every((s: any) => s.status === 'in_analysis')).toBe(true);
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const o = await lab.post('/orders', { patientId: petr, tests: ['K', 'HB'] });
    const serum = o.body.specimens.find((s: any) => s.tests.includes('K')).id;
    const blood = o.body.specimens.find((s: any) => s.tests.includes('HB')).id;
    const before = await count(lab.t, 'results');
    const notReceived = await lab.post('/results', { specimenId: serum, test: 'K', value: 4 }, tech);
    expect([notReceived.status, notReceived.body.code]).toEqual([409, 'specimen_not_received']);
    await lab.post(`/specimens/${serum}/receive`, {});
    await lab.post(`/specimens/${blood}/reject`, { reason: 'haemolysed' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ specimenId: serum, test: 'K', value: 'four' }, 400, 'not_a_number'],
      [{ specimenId: serum, test: 'K', value: '4.5.1' }, 400, 'not_a_number'],
      [{ specimenId: serum, test: 'K', value: '' }, 400, 'not_a_number'],
      [{ specimenId: serum, test: 'NOPE', value: 4 }, 400, 'unknown_test'],
      [{ specimenId: serum, test: 'NA', value: 140 }, 400, 'test_not_ordered'],
      [{ specimenId: blood, test: 'HB', value: 140 }, 409, 'specimen_rejected'],
      [{ specimenId: '0190aaaa-0000-7000-8000-000000000000', test: 'K', value: 4 }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const res = await lab.post('/results', body, tech);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await count(lab.t, 'results')).toBe(before);
    expect((await lab.post('/results', { specimenId: serum, test: 'K', value: 4 }, reader)).status).toBe(403);
  });

  it('computes LDL by Friedewald (CHOL − HDL − TG/2.2) once its inputs are in', async () => {
    const o = await order(petr, ['LIPID']);
    const s = o.specimen('CHOL');
    await lab.post('/results', { specimenId: s, test: 'CHOL', value: '5.20' }, tech);
    await lab.post('/results', { specimenId: s, test: 'HDL', value: '1.10' }, tech);
    await lab.post('/results', { specimenId: s, test: 'TG', value: '1.50' }, tech);
    const detail = await lab.get(`/orders/${o.id}`);
    const ldl = detail.body.results.find((r: any) => r.test === 'LDL' && r.status === 'entered');
    // 5.20 − 1.10 − 1.50 / 2.2 = 3.4182 → 3.42 mmol/L, above the ESC/EAS 3.0 goal.
    expect(ldl).toMatchObject({ value: '3.42', flag: 'H' });
  });
});

describe('release by local rules', () => {
  let o: Awaited<ReturnType<typeof order>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    o = await order(petr, ['HB', 'K', 'NA', 'CREA']);
    for (const [test, value] of [
      ['HB', 150],
      ['K', '4.8'],
      ['NA', '119'],
      ['CREA', '90'],
    ] as const) {
      const r = await lab.post('/results', { specimenId: o.specimen(test), test, value }, tech);
      ids[test] = r.body.id;
    }
  });

  it('403 without the release permission; 409 four_eyes for the one who entered it', async () => {
    const denied = await lab.post(`/results/${ids.HB}/release`, {}, reader);
    expect([denied.status, denied.body.code]).toEqual([403, 'forbidden']);
    const own = await lab.post(`/results/${ids.HB}/release`, {}, tech);
    expect([own.status, own.body.code]).toEqual([409, 'four_eyes']);
  });

  it('a technician releases routine haematology within range, not a flagged or non-haematology result', async () => {
    const hb = await lab.post(`/results/${ids.HB}/release`, {}, tech2);
    expect(hb.status, JSON.stringify(hb.body)).toBe(200);
    expect(hb.body).toMatchObject({ status: 'released', releasedBy: tech2.userId });
    expect(hb.body.releaseRule).toMatch(/:normal:medical\.release$/);
    const k = await lab.post(`/results/${ids.K}/release`, {}, tech2);
    expect([k.status, k.body.code, k.body.permission]).toEqual([403, 'release_not_authorised', 'medical.authorise']);
    const crea = await lab.post(`/results/${ids.CREA}/release`, {}, tech2);
    expect(crea.body.code).toBe('release_not_authorised');
    expect((await lab.post(`/results/${ids.K}/release`, {}, doctor)).status).toBe(200);
    const audit = await lab.t.runtime.db
      .selectFrom('core.audit_log')
      .select(['after'])
      .where('action', '=', 'medical.release_decision')
      .execute();
    const decisions = audit.map((a) => (typeof a.after === 'string' ? JSON.parse(a.after) : a.after));
    expect(decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ resultId: ids.K, kind: 'abnormal', permission: 'medical.authorise' }),
      ]),
    );
  });

  it('a critical value needs a documented call-back before release', async () => {
    const first = await lab.post(`/results/${ids.NA}/release`, {}, doctor);
    expect([first.status, first.body.code]).toEqual([409, 'callback_missing']);
    expect((await lab.post(`/results/${ids.K}/callback`, { to: 'MUDr. Malá' }, tech)).body.code).toBe('not_critical');
    const cb = await lab.post(`/results/${ids.NA}/callback`, { to: 'MUDr. Eva Malá, by phone' }, tech);
    expect(cb.status).toBe(200);
    expect(cb.body.callbackTo).toBe('MUDr. Eva Malá, by phone');
    expect((await lab.post(`/results/${ids.NA}/release`, {}, doctor)).status).toBe(200);
  });

  it('tells the holders of the critical release permission of a critical value entered and released', async () => {
    const inbox = (u: TestUser, lang = 'en') =>
      u.json('GET', `/api/t/${lab.user.tenant.slug}/notifications`, undefined, { 'accept-language': lang });
    const mine = await inbox(doctor);
    expect(mine.status).toBe(200);
    const titles = mine.body.items.map((n: { title: string }) => n.title);
    // Na 120 in the first order, Na 119 here (entered), then this one released: newest first.
    expect(titles).toHaveLength(3);
    expect(titles[0]).toMatch(/^Critical value released: .+ \(NA\) on specimen \S+$/);
    expect(titles[1]).toMatch(/^Critical value: .+ \(NA\) on specimen \S+$/);
    expect(mine.body.items[1]).toMatchObject({
      severity: 'critical',
      category: 'medical.critical_value',
      link: `/medical/orders/${o.id}`,
    });
    expect((await inbox(doctor, 'cs')).body.items[1].title).toMatch(/^Kritická hodnota: .+ \(NA\) ve vzorku \S+$/);
    // Neither the patient nor the value is in it (critical values are e-mailed by default).
    expect(JSON.stringify(mine.body)).not.toMatch(/Svoboda|119/);
    await lab.t.events.drain();
    const mail = lab.t.runtime.mailer.outbox.filter(
      (x) => x.to === doctor.email && x.text.includes('/medical/orders/'),
    );
    expect(mail).toHaveLength(3);
    expect(mail.map((x) => x.text).join()).not.toMatch(/Svoboda|119/);
    // The owner holds every permission; technicians and readers, without medical.authorise, hear nothing.
    expect((await inbox(lab.user)).body.items).toHaveLength(3);
    for (const u of [tech, tech2, reader]) expect((await inbox(u)).body).toMatchObject({ items: [], unread: 0 });
  });

  it('finishes the specimen when all its results are out, and emits medical.result.released', async () => {
    expect((await lab.post(`/results/${ids.CREA}/release`, {}, doctor)).status).toBe(200);
    const detail = await lab.get(`/orders/${o.id}`);
    const serum = detail.body.specimens.find((s: any) => s.tests.includes('K'));
    expect(serum.status).toBe('done');
    const events = await lab.t.runtime.db
      .selectFrom('core.outbox')
      .select(['payload'])
      .where('type', '=', 'medical.result.released')
      .execute();
    const payloads = events.map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload));
    expect(payloads.map((p) => p.resultId)).toEqual(expect.arrayContaining([ids.HB, ids.K, ids.NA, ids.CREA]));
    expect(JSON.stringify(payloads)).not.toContain('Svoboda');
  });

  it('an amendment after release is a new version; releasing it supersedes the old one', async () => {
    expect((await lab.put(`/results/${ids.HB}`, { value: 140 }, tech)).body.code).toBe('result_released');
    const amended = await lab.post(`/results/${ids.HB}/amend`, { value: 132, reason: 'Pipetting error' }, tech);
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    expect(amended.body).toMatchObject({ version: 2, flag: 'L', status: 'entered' });
    // Flagged now: the technician may not release it.
    expect((await lab.post(`/results/${amended.body.id}/release`, {}, tech2)).status).toBe(403);
    expect((await lab.post(`/results/${amended.body.id}/release`, {}, doctor)).status).toBe(200);
    const detail = await lab.get(`/orders/${o.id}`);
    const hbs = detail.body.results.filter((r: any) => r.test === 'HB');
    expect(hbs.map((r: any) => [r.version, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'released'],
    ]);
  });

  it('keeps the delta to the patient’s previous released result', async () => {
    const next = await order(petr, ['K']);
    const k = await lab.post('/results', { specimenId: next.specimen('K'), test: 'K', value: '3.84' }, tech);
    expect(k.body.deltaPercent).toBe(-20);
  });

  it('a tenant rule can switch four-eyes off for a test', async () => {
    expect(
      (
        await lab.post('/rules', {
          test: 'K',
          normal: 'medical.release',
          abnormal: 'medical.authorise',
          critical: 'medical.authorise',
          fourEyes: false,
        })
      ).status,
    ).toBe(201);
    const next = await order(petr, ['K']);
    const k = await lab.post('/results', { specimenId: next.specimen('K'), test: 'K', value: '4.1' }, tech);
    expect((await lab.post(`/results/${k.body.id}/release`, {}, tech)).status).toBe(200);
    expect(
      (
        await lab.post('/rules', {
          normal: 'medical.release',
          abnormal: 'medical.release',
          critical: 'medical.release',
        })
      ).status,
    ).toBe(400);
  });
});

describe('release is not result entry', () => {
  it('a technician with only medical.result gets 403 on release and cannot grant themselves the role', async () => {
    const entry = await memberWith(lab.t, lab.user, 'result-entry', ['medical.read', 'medical.result']);
    const o = await order(petr, ['HB']);
    const hb = await lab.post('/results', { specimenId: o.specimen('HB'), test: 'HB', value: 150 }, entry);
    expect(hb.status).toBe(201);
    const refused = await lab.post(`/results/${hb.body.id}/release`, {}, entry);
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    const slug = lab.user.tenant.slug;
    const members = await lab.user.json('GET', `/api/t/${slug}/members`);
    const self = members.body.members.find((m: { userId: string }) => m.userId === entry.userId);
    const promote = await entry.json('PATCH', `/api/t/${slug}/members/${self.id}`, { role: 'authorised' });
    expect(promote.status).toBe(403);
    const newRole = await entry.json('POST', `/api/t/${slug}/roles`, {
      key: 'self-release',
      name: 'Self release',
      permissions: ['medical.release', 'medical.authorise'],
    });
    expect(newRole.status).toBe(403);
    const roles = await lab.user.json('GET', `/api/t/${slug}/roles`);
    const own = roles.body.custom.find((r: { key: string }) => r.key === 'result-entry');
    const widen = await entry.json('PATCH', `/api/t/${slug}/roles/${own.id}`, {
      permissions: ['medical.read', 'medical.result', 'medical.authorise'],
    });
    expect(widen.status).toBe(403);
    expect((await lab.user.json('GET', `/api/t/${slug}/members`)).body.members).toContainEqual(
      expect.objectContaining({ userId: entry.userId, role: 'result-entry' }),
    );
    expect((await lab.get(`/results/${hb.body.id}`)).body.status).toBe('entered');
  });

  it('only medical.catalogue changes local rules and four-eyes', async () => {
    const before = await lab.get('/rules');
    const rule = {
      test: 'CREA',
      normal: 'medical.release',
      abnormal: 'medical.release',
      critical: 'medical.authorise',
    };
    for (const u of [tech, doctor]) {
      expect((await lab.post('/rules', rule, u)).status).toBe(403);
      expect((await lab.put('/settings', { fourEyes: false }, u)).status).toBe(403);
      const del = await u.json('DELETE', `${lab.base}/rules/${before.body.rules[0].id}`);
      expect(del.status).toBe(403);
    }
    const after = await lab.get('/rules');
    expect(after.body).toEqual(before.body);
    const admin = await memberWith(lab.t, lab.user, 'catalogue-admin', ['medical.read', 'medical.catalogue']);
    expect((await lab.put('/settings', { fourEyes: true }, admin)).status).toBe(200);
  });

  it('a tenant may leave critical sodium to technicians after the call-back, audited', async () => {
    const rule = await lab.post('/rules', {
      test: 'NA',
      normal: 'medical.release',
      abnormal: 'medical.release',
      critical: 'medical.release',
      note: 'Technicians release sodium after the call-back',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const o = await order(petr, ['NA']);
    const na = await lab.post('/results', { specimenId: o.specimen('NA'), test: 'NA', value: '118' }, tech);
    expect(na.body.flag).toBe('LL');
    expect((await lab.post(`/results/${na.body.id}/release`, {}, tech2)).body.code).toBe('callback_missing');
    await lab.post(`/results/${na.body.id}/callback`, { to: 'MUDr. Malá, phone' }, tech);
    const released = await lab.post(`/results/${na.body.id}/release`, {}, tech2);
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.releaseRule).toBe(`${rule.body.id}:critical:medical.release`);
    const audit = await lab.t.runtime.db
      .selectFrom('core.audit_log')
      .select(['after', 'entity_id', 'actor_user_id'])
      .where('action', '=', 'medical.release_decision')
      .where('entity_id', '=', rule.body.id)
      .execute();
    expect(audit).toHaveLength(1);
    const after = typeof audit[0]?.after === 'string' ? JSON.parse(audit[0].after) : audit[0]?.after;
    expect(after).toMatchObject({ resultId: na.body.id, kind: 'critical', permission: 'medical.release' });
    expect(audit[0]?.actor_user_id).toBe(tech2.userId);
    expect((await lab.user.json('DELETE', `${lab.base}/rules/${rule.body.id}`)).status).toBe(200);
  });

  it('another tenant’s rule does not apply', async () => {
    const other = await openLab(lab.t);
    const loose = { test: 'K', normal: 'medical.release', abnormal: 'medical.release', critical: 'medical.release' };
    expect((await other.post('/rules', loose)).status).toBe(201);
    const o = await order(petr, ['K']);
    const k = await lab.post('/results', { specimenId: o.specimen('K'), test: 'K', value: '5.1' }, tech);
    expect(k.body.flag).toBe('H');
    const refused = await lab.post(`/results/${k.body.id}/release`, {}, tech2);
    expect([refused.status, refused.body.code]).toEqual([403, 'release_not_authorised']);
  });
});

describe('local rules', () => {
  const rule = { normal: 'medical.release', abnormal: 'medical.authorise', critical: 'medical.authorise' } as const;

  it('one rule per test and per discipline: 409 rule_exists, nothing written', async () => {
    const before = (await lab.get('/rules')).body.rules;
    const k = before.find((r: { test: string | null }) => r.test === 'K');
    const again = await lab.post('/rules', { ...rule, test: 'K' });
    expect([again.status, again.body.code, again.body.ruleId]).toEqual([409, 'rule_exists', k.id]);
    const haem = await lab.post('/rules', { ...rule, discipline: 'haematology' });
    expect([haem.status, haem.body.code]).toEqual([409, 'rule_exists']);
    expect((await lab.get('/rules')).body.rules).toEqual(before);
  });

  it('edits a rule in place, audited; a taken target is 409, an unknown rule 404', async () => {
    const made = await lab.post('/rules', { ...rule, test: 'CREA', note: 'Creatinine' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ test: 'CREA', fourEyes: null, note: 'Creatinine' });
    const edited = await lab.put(`/rules/${made.body.id}`, {
      ...rule,
      test: 'CREA',
      abnormal: 'medical.release',
      fourEyes: true,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ id: made.body.id, abnormal: 'medical.release', fourEyes: true, note: null });
    const rules = (await lab.get('/rules')).body.rules;
    expect(rules.filter((r: { test: string | null }) => r.test === 'CREA')).toEqual([edited.body]);
    const taken = await lab.put(`/rules/${made.body.id}`, { ...rule, test: 'K' });
    expect([taken.status, taken.body.code]).toEqual([409, 'rule_exists']);
    const missing = await lab.put('/rules/0190aaaa-0000-7000-8000-000000000000', { ...rule, test: 'CREA' });
    expect(missing.status).toBe(404);
    expect((await lab.put(`/rules/${made.body.id}`, { ...rule, test: 'CREA' }, tech)).status).toBe(403);
    const audit = await lab.t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action'])
      .where('entity_id', '=', made.body.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['medical.rule_created', 'medical.rule_changed']);
    expect((await lab.user.json('DELETE', `${lab.base}/rules/${made.body.id}`)).status).toBe(200);
    expect((await lab.user.json('DELETE', `${lab.base}/rules/${made.body.id}`)).status).toBe(404);
  });

  it('the migration keeps the earliest of duplicate rules and adds the unique keys', async () => {
    const tenant = lab.user.tenant.id;
    const [crea] = await lab.t.runtime.db
      .selectFrom('medical.tests')
      .select('id')
      .where('tenant_id', '=', tenant)
      .where('code', '=', 'CREA')
      .execute();
    const row = (id: string, extra: object) => ({ tenant_id: tenant, id, ...rule, ...extra });
    await lab.t.runtime.db.transaction().execute(async (trx) => {
      await sql`drop index medical.release_rules_test_key`.execute(trx);
      await sql`drop index medical.release_rules_discipline_key`.execute(trx);
      await trx
        .insertInto('medical.release_rules')
        .values([
          row('0190aaaa-0000-7000-8000-000000000002', { test_id: crea?.id, note: 'later' }),
          row('0190aaaa-0000-7000-8000-000000000001', { test_id: crea?.id, note: 'earliest' }),
          row('0190aaaa-0000-7000-8000-000000000003', { discipline: 'immunology', note: 'first' }),
          row('0190aaaa-0000-7000-8000-000000000004', { discipline: 'immunology', note: 'second' }),
        ])
        .execute();
      await ruleKeys.up(trx);
    });
    const rules = (await lab.get('/rules')).body.rules;
    expect(rules.filter((r: { test: string }) => r.test === 'CREA').map((r: { note: string }) => r.note)).toEqual([
      'earliest',
    ]);
    expect(
      rules.filter((r: { discipline: string }) => r.discipline === 'immunology').map((r: { note: string }) => r.note),
    ).toEqual(['first']);
    expect(rules.filter((r: { test: string }) => r.test === 'K')).toHaveLength(1);
    expect((await lab.post('/rules', { ...rule, discipline: 'immunology' })).body.code).toBe('rule_exists');
  });
});

describe('quality control', () => {
  it('charts QC values with Westgard verdicts and blocks release of a rejected run’s results', async () => {
    const l1 = await lab.post('/qc/materials', {
      test: 'K',
      name: 'Lyphochek 1',
      lot: 'A1',
      level: 1,
      mean: '3.5',
      sd: '0.1',
    });
    const l2 = await lab.post('/qc/materials', {
      test: 'K',
      name: 'Lyphochek 2',
      lot: 'A1',
      level: 2,
      mean: '6.0',
      sd: '0.15',
    });
    expect([l1.status, l2.status]).toEqual([201, 201]);
    expect(
      (await lab.post('/qc/materials', { test: 'K', name: 'Again', lot: 'A1', level: 1, mean: '3.5', sd: '0.1' }))
        .status,
    ).toBe(409);
    expect(
      (await lab.post('/qc/materials', { test: 'K', name: 'Bad', lot: 'B', level: 1, mean: '3.5', sd: '0' })).status,
    ).toBe(400);

    const good = (await lab.post('/worksheets', { instrument: 'Cobas c311' }, tech)).body;
    const ok = await lab.post('/qc/values', { materialId: l1.body.id, value: '3.52', worksheetId: good.id }, tech);
    expect(ok.body).toMatchObject({ status: 'accepted', violations: [] });

    const bad = (await lab.post('/worksheets', { instrument: 'Cobas c311' }, tech)).body;
    // Level 1 at +2.3 SD and level 2 at −2.2 SD in one run: R-4s.
    await lab.post('/qc/values', { materialId: l1.body.id, value: '3.73', worksheetId: bad.id }, tech);
    const r4s = await lab.post('/qc/values', { materialId: l2.body.id, value: '5.67', worksheetId: bad.id }, tech);
    expect(r4s.body).toMatchObject({ status: 'rejected', violations: ['1-2s', 'R-4s'] });

    const o = await order(petr, ['K']);
    const k = await lab.post(
      '/results',
      { specimenId: o.specimen('K'), test: 'K', value: '4.0', worksheetId: bad.id },
      tech,
    );
    expect(k.status).toBe(201);
    const queue = await lab.get('/results', doctor);
    expect(queue.body.results.find((r: any) => r.id === k.body.id).qcRejected).toBe(true);
    const refused = await lab.post(`/results/${k.body.id}/release`, {}, doctor);
    expect([refused.status, refused.body.code, refused.body.violations]).toEqual([409, 'qc_failed', ['1-2s', 'R-4s']]);
    expect((await lab.get(`/results/${k.body.id}`)).body.status).toBe('entered');

    const chart = await lab.get(`/qc/materials/${l1.body.id}/chart`);
    expect(chart.body.points.map((p: any) => [p.value, p.z])).toEqual([
      ['3.52', 0.2],
      ['3.73', 2.3],
    ]);
    expect((await lab.post('/qc/values', { materialId: l1.body.id, value: 'high' }, tech)).status).toBe(400);
  });
});
