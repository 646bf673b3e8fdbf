/**
 * Recruiting through the HTTP API: configurable pipeline stages, openings, candidates masked for
 * readers without hr.recruiting.personal, the board, interviews and scorecards, offer → hire creating
 * the employee, and the retention schedule anonymising candidates (consent keeps them longer).
 */
import { createTestBureau, type TestUser } from '@bureau/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATE_RETENTION } from '../src/server/data/recruiting.ts';
import hrPlugin from '../src/server/index.ts';
import { keepUntil, retentionTrigger } from '../src/server/recruiting/retention.ts';
import { addMonths } from '../src/server/services/dates.ts';
import { count, type Hr, hrFor, memberWith, openHr } from './helpers.ts';

// Every write in this file happens on 2 March 2026 (Prague); the retention schedule is run later.
const clock = { now: () => new Date('2026-03-02T09:00:00+01:00') };

let hr: Hr;
let other: Hr;
let reader: TestUser;
let interviewer: TestUser;
let managerId: string;
let openingId: string;

const candidate = (first: string, last: string, extra: Record<string, unknown> = {}) =>
  hr.post('/recruiting/candidates', {
    openingId,
    firstName: first,
    lastName: last,
    email: `${first.toLowerCase()}@example.cz`,
    ...extra,
  });

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [hrPlugin], clock });
  hr = await openHr(t);
  other = await openHr(t);
  reader = await memberWith(t, hr.user, 'recruiter-view', ['hr.read', 'hr.recruiting.read']);
  interviewer = await memberWith(t, hr.user, 'interviewer', ['hr.recruiting.read', 'hr.recruiting.interview']);
  const m = await hr.post('/employees', {
    firstName: 'Marta',
    lastName: 'Vedoucí',
    startDate: '2025-01-01',
    contract: { type: 'hpp', monthlySalary: '70000' },
  });
  expect(m.status, JSON.stringify(m.body)).toBe(201);
  managerId = m.body.id;
  const o = await hr.post('/recruiting/openings', {
    title: 'Účetní',
    department: 'Finance',
    position: 'Accountant',
    managerId,
    headcount: 1,
    contractType: 'hpp',
  });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  openingId = o.body.id;
});
afterAll(() => hr?.t.close());

describe('hr recruiting', () => {
  it('starts with the default stages and lets the tenant rename, add, reorder and remove them', async () => {
    const s = await hr.get('/recruiting/stages');
    expect(s.status).toBe(200);
    expect(s.body.items.map((x: { key: string }) => x.key)).toEqual(['applied', 'screening', 'interview', 'final']);
    const [applied, screening, interview, final] = s.body.items;
    const dup = await hr.put('/recruiting/stages', {
      stages: [{ name: 'Nový' }, { name: 'nový' }],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0]).toMatchObject({ path: 'stages.1.name', code: 'stage_name_taken' });
    const saved = await hr.put('/recruiting/stages', {
      stages: [
        { id: applied.id, name: 'Přihláška' },
        { id: screening.id, name: 'Telefonát' },
        { name: 'Úkol' },
        { id: interview.id, name: 'Pohovor' },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.items.map((x: { label: { cs: string } }) => x.label.cs)).toEqual([
      'Přihláška',
      'Telefonát',
      'Úkol',
      'Pohovor',
    ]);
    expect(saved.body.items.some((x: { id: string }) => x.id === final.id)).toBe(false);
    expect((await hr.put('/recruiting/stages', { stages: [] })).status).toBe(400);
    expect((await hr.put('/recruiting/stages', { stages: [{ name: 'x' }] }, reader)).status).toBe(403);
  });

  it('adds candidates to the first stage and masks them for readers without the personal permission', async () => {
    const a = await candidate('Alena', 'Adamová', { phone: '+420 601 000 111', source: 'Jobs.cz' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const stages = (await hr.get('/recruiting/stages')).body.items;
    expect(a.body).toMatchObject({
      name: 'Alena Adamová',
      email: 'alena@example.cz',
      status: 'active',
      stageId: stages[0].id,
      masked: false,
      lastContact: '2026-03-02',
    });
    const seen = await hr.get(`/recruiting/candidates/${a.body.id}`, reader);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ name: 'A. A.', firstName: null, email: null, phone: null, masked: true });
    // A masked reader cannot find a candidate by name.
    const search = await hr.get('/recruiting/candidates?q=Adamov', reader);
    expect(search.body.items).toEqual([]);
    const full = await hr.get('/recruiting/candidates?q=Adamov');
    expect(full.body.items.map((c: { name: string }) => c.name)).toEqual(['Alena Adamová']);
    expect((await hr.patch(`/recruiting/candidates/${a.body.id}`, { phone: '1' }, reader)).status).toBe(403);
    const audit = await hr.user.json(
      'GET',
      `/api/t/${hr.user.tenant.slug}/audit?entityType=hr.candidate&entityId=${a.body.id}`,
    );
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('hr.candidate.read');
    expect(JSON.stringify(audit.body)).not.toContain('Adamová');
  });

  it('refuses bad input and a closed opening, writing nothing', async () => {
    const before = await count(hr.t, 'candidates');
    const bad = await hr.post('/recruiting/candidates', { openingId, firstName: '', lastName: 'X', email: 'nope' });
    expect(bad.status).toBe(400);
    const past = await candidate('Petr', 'Pozdní', { consentUntil: '2026-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.errors[0]).toMatchObject({ path: 'consentUntil', code: 'consent_in_past' });
    const unknown = await hr.post('/recruiting/candidates', {
      openingId: '00000000-0000-4000-8000-000000000000',
      firstName: 'X',
      lastName: 'Y',
    });
    expect(unknown.status).toBe(400);
    const closed = await hr.post('/recruiting/openings', { title: 'Skladník' });
    expect((await hr.post(`/recruiting/openings/${closed.body.id}/close`, {})).status).toBe(200);
    const late = await hr.post('/recruiting/candidates', { openingId: closed.body.id, firstName: 'X', lastName: 'Y' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('opening_not_open');
    expect(await count(hr.t, 'candidates')).toBe(before);
  });

  it('moves candidates on the board, schedules interviews and collects scorecards', async () => {
    const b = await candidate('Bohumil', 'Beneš');
    const stages = (await hr.get('/recruiting/stages')).body.items;
    const moved = await hr.post(`/recruiting/candidates/${b.body.id}/stage`, { stageId: stages[3].id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.stageId).toBe(stages[3].id);
    const bad = await hr.post(`/recruiting/candidates/${b.body.id}/stage`, {
      stageId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.status).toBe(400);
    const board = await hr.get(`/recruiting/openings/${openingId}/board`);
    expect(board.status).toBe(200);
    const names = (id: string) =>
      board.body.columns.find((c: { id: string }) => c.id === id).candidates.map((c: { name: string }) => c.name);
    expect(names(stages[0].id)).toEqual(['Alena Adamová']);
    expect(names(stages[3].id)).toEqual(['Bohumil Beneš']);
    expect(board.body.columns.map((c: { id: string }) => c.id).slice(-2)).toEqual(['offered', 'hired']);
    const masked = await hr.get(`/recruiting/openings/${openingId}/board`, reader);
    expect(JSON.stringify(masked.body)).not.toContain('Beneš');

    // The stage with Bohumil cannot be removed while he is in it.
    const remove = await hr.put('/recruiting/stages', {
      stages: stages.slice(0, 3).map((s: { id: string; label: { cs: string } }) => ({ id: s.id, name: s.label.cs })),
    });
    expect(remove.status).toBe(409);
    expect(remove.body.code).toBe('stage_in_use');

    const i = await hr.post(`/recruiting/candidates/${b.body.id}/interviews`, {
      startsAt: '2026-03-05T10:00:00+01:00',
      durationMinutes: 45,
      kind: 'video',
      interviewerIds: [managerId],
      note: 'Ask about IFRS',
    });
    expect(i.status, JSON.stringify(i.body)).toBe(201);
    const interview = i.body.interviews[0];
    expect(interview).toMatchObject({
      startsAt: '2026-03-05T09:00:00.000Z',
      durationMinutes: 45,
      interviewers: [{ id: managerId, name: 'Marta Vedoucí' }],
    });
    const noOne = await hr.post(`/recruiting/candidates/${b.body.id}/interviews`, {
      startsAt: '2026-03-05T10:00:00+01:00',
      interviewerIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(noOne.status).toBe(400);
    expect(noOne.body.errors[0].path).toBe('interviewerIds.0');

    const card = {
      interviewerId: managerId,
      rating: 4,
      recommendation: 'yes',
      criteria: [{ name: 'Účetnictví', score: 5 }],
      notes: 'Strong',
    };
    expect((await hr.post(`/recruiting/interviews/${interview.id}/scorecards`, card, reader)).status).toBe(403);
    const scored = await hr.post(`/recruiting/interviews/${interview.id}/scorecards`, card, interviewer);
    expect(scored.status, JSON.stringify(scored.body)).toBe(201);
    expect(scored.body.scorecards).toMatchObject([
      { interviewerName: 'Marta Vedoucí', rating: 4, recommendation: 'yes', notes: null },
    ]);
    expect((await hr.post(`/recruiting/interviews/${interview.id}/scorecards`, card)).status).toBe(409);
    const stranger = await hr.post(`/recruiting/interviews/${interview.id}/scorecards`, {
      ...card,
      interviewerId: (await hr.get(`/recruiting/candidates/${b.body.id}`)).body.id,
    });
    expect(stranger.status).toBe(400);
    expect((await hr.post(`/recruiting/interviews/${interview.id}/scorecards`, { ...card, rating: 6 })).status).toBe(
      400,
    );
    const detail = await hr.get(`/recruiting/candidates/${b.body.id}`);
    expect(detail.body.interviews[0].scorecards[0]).toMatchObject({ rating: 4, notes: 'Strong' });
    expect(detail.body.interviews[0].note).toBe('Ask about IFRS');
  });

  it('offers and hires: the employee is created with the offered contract and the opening’s position', async () => {
    const c = await candidate('Cyril', 'Černý', { phone: '+420 602 000 222' });
    const noPay = await hr.post(`/recruiting/candidates/${c.body.id}/offer`, {
      contractType: 'hpp',
      startDate: '2026-04-01',
    });
    expect(noPay.status).toBe(400);
    expect(noPay.body.errors[0].path).toBe('monthlySalary');
    expect((await hr.get(`/recruiting/candidates/${c.body.id}`)).body.status).toBe('active');
    expect((await hr.post(`/recruiting/candidates/${c.body.id}/hire`, {})).status).toBe(409);
    const offered = await hr.post(`/recruiting/candidates/${c.body.id}/offer`, {
      contractType: 'hpp',
      startDate: '2026-04-01',
      monthlySalary: '52000',
      weeklyHours: 40,
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    const seen = await hr.get(`/recruiting/candidates/${c.body.id}`);
    expect(seen.body).toMatchObject({
      status: 'offered',
      offer: { contractType: 'hpp', startDate: '2026-04-01', monthlySalary: '52000.00', weeklyHours: '40' },
    });
    expect((await hr.get(`/recruiting/candidates/${c.body.id}`, reader)).body.offer).toBeNull();
    const moveOffered = await hr.post(`/recruiting/candidates/${c.body.id}/stage`, {
      stageId: seen.body.stageId,
    });
    expect(moveOffered.status).toBe(409);
    expect(moveOffered.body.code).toBe('candidate_not_active');

    const employeesBefore = await count(hr.t, 'employees');
    expect((await hr.post(`/recruiting/candidates/${c.body.id}/hire`, {}, reader)).status).toBe(403);
    const hired = await hr.post(`/recruiting/candidates/${c.body.id}/hire`, {});
    expect(hired.status, JSON.stringify(hired.body)).toBe(200);
    const after = await hr.get(`/recruiting/candidates/${c.body.id}`);
    expect(after.body).toMatchObject({ status: 'hired', closedOn: '2026-03-02' });
    expect(await count(hr.t, 'employees')).toBe(employeesBefore + 1);
    const e = await hr.get(`/employees/${after.body.employeeId}`);
    expect(e.body).toMatchObject({
      name: 'Cyril Černý',
      email: 'cyril@example.cz',
      phone: '+420 602 000 222',
      department: 'Finance',
      position: 'Accountant',
      managerId,
      startDate: '2026-04-01',
      status: 'active',
    });
    expect(e.body.contracts).toMatchObject([{ type: 'hpp', monthlySalary: '52000.00', weeklyHours: '40' }]);
    const events = await hr.t.runtime.db
      .selectFrom('core.outbox')
      .select(['type', 'payload'])
      .where('tenant_id', '=', hr.user.tenant.id)
      .where('type', 'in', ['hr.employee.hired', 'hr.candidate.hire'])
      .execute();
    expect(events.map((x) => x.type).sort()).toEqual(['hr.candidate.hire', 'hr.employee.hired', 'hr.employee.hired']);
    const board = await hr.get(`/recruiting/openings/${openingId}/board`);
    expect(board.body.columns.at(-1).candidates.map((x: { name: string }) => x.name)).toEqual(['Cyril Černý']);
    expect(board.body.opening).toMatchObject({ hired: 1 });
  });

  it('rejects with a reason and anonymises after the retention period unless the candidate consented', async () => {
    const d = await candidate('Dana', 'Dlouhá', { consentUntil: '2027-06-30' });
    const e = await candidate('Emil', 'Erben', { note: 'Good English' });
    for (const x of [d, e]) {
      const r = await hr.post(`/recruiting/candidates/${x.body.id}/reject`, { reason: 'other_candidate' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    expect((await hr.post(`/recruiting/candidates/${e.body.id}/reject`, { reason: 'other' })).status).toBe(409);
    expect((await hr.post(`/recruiting/candidates/${e.body.id}/stage`, { stageId: e.body.stageId })).status).toBe(409);

    // A third tenant lengthened the class to a year in records management: its candidate stays past 3 September.
    const third = await openHr(hr.t);
    const thirdOpening = await third.post('/recruiting/openings', { title: 'Skladník' });
    const kept = await third.post('/recruiting/candidates', {
      openingId: thirdOpening.body.id,
      firstName: 'Karel',
      lastName: 'Kratochvíl',
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    expect((await third.post(`/recruiting/candidates/${kept.body.id}/reject`, { reason: 'other' })).status).toBe(200);
    const longer = await third.user.json(
      'PUT',
      `/api/t/${third.user.tenant.slug}/records/classes/hr.candidates/period`,
      {
        years: 1,
        months: 0,
      },
    );
    expect(longer.status, JSON.stringify(longer.body)).toBe(200);

    // Closed on 2 March 2026: kept through 2 September 2026, anonymised by the run on 3 September.
    const early = await hr.t.schedules.runDue(new Date('2026-09-02T03:00:00+02:00'));
    expect(early.failed).toBe(0);
    expect((await hr.get(`/recruiting/candidates/${e.body.id}`)).body.anonymised).toBe(false);
    const run = await hr.t.schedules.runDue(new Date('2026-09-03T03:00:00+02:00'));
    expect(run.failed).toBe(0);
    const gone = await hr.get(`/recruiting/candidates/${e.body.id}`);
    expect(gone.body).toMatchObject({ anonymised: true, name: '—', email: null, note: null, status: 'rejected' });
    const raw = await hr.t.runtime.db
      .selectFrom('hr.candidates')
      .select(['first_name', 'email', 'note'])
      .where('id', '=', e.body.id)
      .executeTakeFirstOrThrow();
    expect(raw).toEqual({ first_name: '—', email: null, note: null });
    expect((await hr.patch(`/recruiting/candidates/${e.body.id}`, { phone: '1' })).status).toBe(409);
    expect((await third.get(`/recruiting/candidates/${kept.body.id}`)).body).toMatchObject({ anonymised: false });
    // Dana consented until 30 June 2027; so was Cyril's application (hired) anonymised, Alena is still in the pipeline.
    expect((await hr.get(`/recruiting/candidates/${d.body.id}`)).body).toMatchObject({
      anonymised: false,
      name: 'Dana Dlouhá',
    });
    const alena = (await hr.get('/recruiting/candidates?q=Alena')).body.items[0];
    expect(alena).toMatchObject({ anonymised: false, status: 'active' });
    await hr.t.schedules.runDue(new Date('2027-07-01T03:00:00+02:00'));
    expect((await hr.get(`/recruiting/candidates/${d.body.id}`)).body.anonymised).toBe(true);
    // The year ended on 2 March 2027: the third tenant's candidate went too.
    expect((await third.get(`/recruiting/candidates/${kept.body.id}`)).body.anonymised).toBe(true);

    // Core's records know the class with the period from hr's data and its source.
    const schedule = await hr.user.json('GET', `/api/t/${hr.user.tenant.slug}/records/schedule`);
    expect(schedule.status).toBe(200);
    expect(JSON.stringify(schedule.body)).toContain('hr.candidates');
  });

  it("never shows another tenant's recruiting", async () => {
    const list = await hr.get('/recruiting/candidates');
    const id = list.body.items[0].id;
    expect((await other.get(`/recruiting/candidates/${id}`)).status).toBe(404);
    expect((await other.get('/recruiting/candidates')).body.items).toEqual([]);
    expect((await other.get(`/recruiting/openings/${openingId}/board`)).status).toBe(404);
    expect((await other.post(`/recruiting/candidates/${id}/reject`, { reason: 'other' })).status).toBe(404);
    expect((await other.post('/recruiting/candidates', { openingId, firstName: 'X', lastName: 'Y' })).status).toBe(400);
    expect(hrFor(other.t, other.user).base).not.toBe(hr.base);
  });
});

describe('candidate retention', () => {
  const day = fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('keeps data until the later of the period and the consent, and core’s trigger never ends earlier', () => {
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), (closed, consent) => {
        const until = keepUntil(closed, consent)!;
        const base = addMonths(closed, CANDIDATE_RETENTION.months);
        expect(until >= base).toBe(true);
        if (consent) expect(until >= consent).toBe(true);
        expect([base, consent]).toContain(until);
        const trigger = retentionTrigger(closed, consent)!;
        const coreUntil = addMonths(trigger, CANDIDATE_RETENTION.months);
        expect(coreUntil >= until).toBe(true);
        expect(Date.parse(coreUntil) - Date.parse(until)).toBeLessThanOrEqual(3 * 86_400_000);
      }),
    );
    expect(keepUntil(null, '2030-01-01')).toBeNull();
    expect(retentionTrigger('2026-08-31', null)).toBe('2026-08-31');
  });
});
