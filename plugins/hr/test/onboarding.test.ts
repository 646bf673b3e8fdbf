/**
 * Onboarding and training through the HTTP API: checklist templates per position (and a default),
 * hiring starts the matching checklist with due dates counted from the start date, tasks ticked off
 * by whoever holds hr.onboarding.work; courses with a validity, trainings whose expiry defaults from
 * it, and the nightly schedule flagging those about to expire once (event hr.training.expiring).
 */
import { createTestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import hrPlugin from '../src/server/index.ts';
import { count, type Hr, memberWith, openHr } from './helpers.ts';

// Every write in this file happens on 2 March 2026 (Prague).
const clock = { now: () => new Date('2026-03-02T09:00:00+01:00') };

let hr: Hr;
let other: Hr;
let it_: TestUser;
let reader: TestUser;

const hire = (first: string, position: string, startDate = '2026-04-01') =>
  hr.post('/employees', {
    firstName: first,
    lastName: 'Nováček',
    startDate,
    position,
    contract: { type: 'hpp', monthlySalary: '40000' },
  });

beforeAll(async () => {
  const t = await createTestBureau({ plugins: [hrPlugin], clock });
  hr = await openHr(t);
  other = await openHr(t);
  it_ = await memberWith(t, hr.user, 'it-desk', ['hr.read', 'hr.onboarding.work']);
  reader = await memberWith(t, hr.user, 'reader', ['hr.read']);
});
afterAll(() => hr?.t.close());

describe('hr onboarding', () => {
  it('keeps one template per position and a default, refusing a second one for a position', async () => {
    const general = await hr.post('/onboarding/templates', {
      name: 'Nástup – obecně',
      tasks: [
        { title: 'Podepsat smlouvu', assignee: 'hr', dueDays: -3 },
        { title: 'Notebook a účty', assignee: 'it', dueDays: -1 },
        { title: 'Školení BOZP', assignee: 'employee', dueDays: 0 },
      ],
    });
    expect(general.status, JSON.stringify(general.body)).toBe(201);
    const accountant = await hr.post('/onboarding/templates', {
      name: 'Nástup – účetní',
      position: 'Accountant',
      tasks: [
        { title: 'Přístup do účetnictví', assignee: 'it', dueDays: 0 },
        { title: 'Seznámit s týmem', assignee: 'manager', dueDays: 1 },
        { title: 'Zkušební doba: pohovor', assignee: 'manager', dueDays: 80 },
      ],
    });
    expect(accountant.status).toBe(201);
    const dup = await hr.post('/onboarding/templates', {
      name: 'Jiná',
      position: ' accountant ',
      tasks: [{ title: 'X', assignee: 'hr', dueDays: 0 }],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0]).toMatchObject({ path: 'position', code: 'template_position_taken' });
    const noTasks = await hr.post('/onboarding/templates', { name: 'Prázdná', position: 'X', tasks: [] });
    expect(noTasks.status).toBe(400);
    expect((await hr.post('/onboarding/templates', general.body, reader)).status).toBe(403);
    expect((await hr.get('/onboarding/templates')).body.items).toHaveLength(2);
  });

  it('starts the checklist of the hire’s position, due dates counted from the start date', async () => {
    const a = await hire('Adam', 'Accountant');
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const list = await hr.get(`/employees/${a.body.id}/onboarding`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ name: 'Nástup – účetní', done: 0, total: 3 });
    expect(list.body.items[0].tasks.map((x: { dueDate: string; assignee: string }) => [x.assignee, x.dueDate])).toEqual(
      [
        ['it', '2026-04-01'],
        ['manager', '2026-04-02'],
        ['manager', '2026-06-20'],
      ],
    );
    const d = await hire('Dan', 'Driver', '2026-03-16');
    const general = await hr.get(`/employees/${d.body.id}/onboarding`);
    expect(general.body.items[0]).toMatchObject({ name: 'Nástup – obecně', total: 3 });
    expect(general.body.items[0].tasks[0]).toMatchObject({ title: 'Podepsat smlouvu', dueDate: '2026-03-13' });
  });

  it('lets IT tick off its tasks, not a plain reader; open tasks are listed per assignee', async () => {
    const open = await hr.get('/onboarding/tasks?assignee=it&open=true');
    expect(open.status).toBe(200);
    expect(open.body.items.map((x: { title: string }) => x.title).sort()).toEqual([
      'Notebook a účty',
      'Přístup do účetnictví',
    ]);
    const task = open.body.items.find((x: { title: string }) => x.title === 'Přístup do účetnictví');
    expect((await hr.post(`/onboarding/tasks/${task.id}/done`, {}, reader)).status).toBe(403);
    const done = await hr.post(`/onboarding/tasks/${task.id}/done`, {}, it_);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.items[0]).toMatchObject({ done: 1, total: 3 });
    expect(done.body.items[0].tasks[0]).toMatchObject({ done: true });
    expect((await hr.get('/onboarding/tasks?assignee=it&open=true')).body.items).toHaveLength(1);
    const reopened = await hr.post(`/onboarding/tasks/${task.id}/reopen`, {}, it_);
    expect(reopened.body.items[0]).toMatchObject({ done: 0 });
    expect((await hr.post('/onboarding/tasks/00000000-0000-4000-8000-000000000000/done', {})).status).toBe(404);
  });

  it('starts a checklist by hand from a chosen template', async () => {
    const e = (await hr.get('/employees?q=Adam')).body.items[0];
    const general = (await hr.get('/onboarding/templates')).body.items.find(
      (x: { position: string | null }) => !x.position,
    );
    const started = await hr.post(`/employees/${e.id}/onboarding`, { templateId: general.id });
    expect(started.status).toBe(201);
    expect(started.body.items).toHaveLength(2);
    const unknown = await hr.post(`/employees/${e.id}/onboarding`, {
      templateId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
  });
});

describe('hr training', () => {
  let courseId: string;
  let employeeId: string;

  it('records a training whose expiry comes from the course’s validity', async () => {
    const course = await hr.post('/training/courses', { name: 'BOZP', validityMonths: 24, remindDays: 30 });
    expect(course.status, JSON.stringify(course.body)).toBe(201);
    courseId = course.body.id;
    expect((await hr.post('/training/courses', { name: 'BOZP' })).status).toBe(409);
    employeeId = (await hr.get('/employees?q=Dan')).body.items[0].id;
    const rec = await hr.post('/training/records', { employeeId, courseId, completedOn: '2024-04-15' });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    expect(rec.body).toMatchObject({ expiresOn: '2026-04-15', status: 'valid', courseName: 'BOZP' });
  });

  it('refuses a future completion, an expiry before it and an unknown course, writing nothing', async () => {
    const before = await count(hr.t, 'trainings');
    const future = await hr.post('/training/records', { employeeId, courseId, completedOn: '2026-03-03' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('completedOn');
    const backwards = await hr.post('/training/records', {
      employeeId,
      courseId,
      completedOn: '2026-01-10',
      expiresOn: '2026-01-01',
    });
    expect(backwards.status).toBe(400);
    const unknown = await hr.post('/training/records', {
      employeeId,
      courseId: '00000000-0000-4000-8000-000000000000',
      completedOn: '2026-01-10',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('courseId');
    expect(await count(hr.t, 'trainings')).toBe(before);
  });

  it('flags a training 30 days before it expires, once, with an event; a renewal supersedes it', async () => {
    // 15 Apr 2026 less 30 days: flagged from 16 Mar 2026.
    await hr.t.schedules.runDue(new Date('2026-03-15T07:00:00+01:00'));
    expect((await hr.get('/training/records?view=due')).body.items).toEqual([]);
    const run = await hr.t.schedules.runDue(new Date('2026-03-16T07:00:00+01:00'));
    expect(run.failed).toBe(0);
    const due = await hr.get('/training/records?view=due');
    expect(due.body.items).toMatchObject([{ employeeId, flaggedOn: '2026-03-16', expiresOn: '2026-04-15' }]);
    await hr.t.schedules.runDue(new Date('2026-03-17T07:00:00+01:00'));
    const events = await hr.t.runtime.db
      .selectFrom('core.outbox')
      .select('payload')
      .where('tenant_id', '=', hr.user.tenant.id)
      .where('type', '=', 'hr.training.expiring')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ employeeId, courseName: 'BOZP', expiresOn: '2026-04-15' });

    const renewed = await hr.post('/training/records', { employeeId, courseId, completedOn: '2026-03-01' });
    expect(renewed.body).toMatchObject({ expiresOn: '2028-03-01', status: 'valid' });
    expect((await hr.get('/training/records?view=due')).body.items).toEqual([]);
    const all = await hr.get(`/training/records?employeeId=${employeeId}&sort=completedOn`);
    expect(all.body.items.map((x: { status: string }) => x.status)).toEqual(['superseded', 'valid']);
  });

  it('plans a session; attendance issues each attendee one certificate; HR and the manager are reminded before and after the expiry, each once', async () => {
    const bossUser = await memberWith(hr.t, hr.user, 'line-manager', ['hr.read']);
    const boss = await hr.post('/employees', {
      firstName: 'Bohdan',
      lastName: 'Šéf',
      startDate: '2020-01-01',
      userId: bossUser.userId,
      contract: { type: 'hpp', monthlySalary: '60000' },
    });
    expect(boss.status, JSON.stringify(boss.body)).toBe(201);
    expect(boss.body.userId).toBe(bossUser.userId);
    const twice = await hr.post('/employees', {
      firstName: 'Druhý',
      lastName: 'Šéf',
      startDate: '2020-01-01',
      userId: bossUser.userId,
      contract: { type: 'hpp', monthlySalary: '60000' },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0]).toMatchObject({ path: 'userId' });
    const worker = await hr.post('/employees', {
      firstName: 'Věra',
      lastName: 'Svářečka',
      startDate: '2020-01-01',
      managerId: boss.body.id,
      contract: { type: 'hpp', monthlySalary: '45000' },
    });
    const course = await hr.post('/training/courses', { name: 'Svařování', validityMonths: 12, remindDays: 7 });
    const planned = await hr.post('/training/sessions', {
      courseId: course.body.id,
      heldOn: '2025-03-25',
      place: 'Dílna',
      employeeIds: [worker.body.id, boss.body.id],
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    expect(planned.body.attendees.map((a: { attended: unknown }) => a.attended)).toEqual([null, null]);
    const later = await hr.post('/training/sessions', {
      courseId: course.body.id,
      heldOn: '2026-04-01',
      employeeIds: [worker.body.id],
    });
    const early = await hr.post(`/training/sessions/${later.body.id}/attendance`, { attended: [worker.body.id] });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('session_not_held');
    const stranger = await hr.post(`/training/sessions/${planned.body.id}/attendance`, { attended: [employeeId] });
    expect(stranger.status).toBe(400);
    expect((await hr.post(`/training/sessions/${planned.body.id}/attendance`, { attended: [] }, reader)).status).toBe(
      403,
    );

    const rec = await hr.post(`/training/sessions/${planned.body.id}/attendance`, { attended: [worker.body.id] });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    const vera = rec.body.attendees.find((a: { employeeId: string }) => a.employeeId === worker.body.id);
    expect(vera).toMatchObject({
      attended: true,
      certificate: `20250325/${worker.body.number}`,
      expiresOn: '2026-03-25',
    });
    expect(rec.body.attendees.find((a: { employeeId: string }) => a.employeeId === boss.body.id)).toMatchObject({
      attended: false,
      trainingId: null,
    });
    const again = await hr.post(`/training/sessions/${planned.body.id}/attendance`, { attended: [worker.body.id] });
    expect(again.body.attendees.find((a: { employeeId: string }) => a.employeeId === worker.body.id).trainingId).toBe(
      vera.trainingId,
    );
    expect((await hr.get(`/training/records?employeeId=${worker.body.id}`)).body.items).toHaveLength(1);

    // Expires 25 Mar 2026, reminded 7 days before (18 Mar) and after it passed (26 Mar), each once.
    const inbox = async (u: TestUser) =>
      (await u.json('GET', `/api/t/${hr.user.tenant.slug}/notifications`, undefined, { 'accept-language': 'en' })).body
        .items as { title: string; category: string; link: string }[];
    // (The owner was also told of the BOZP training flagged above.)
    const mine = async (u: TestUser) =>
      (await inbox(u)).filter((n) => n.category === 'hr.training_expiring' && n.title.startsWith('Svařování'));
    for (const day of ['2026-03-18', '2026-03-19']) await hr.t.schedules.runDue(new Date(`${day}T07:00:00+01:00`));
    const due = 'Svařování of Věra Svářečka expires on 25 Mar 2026';
    expect((await mine(bossUser)).map((n) => n.title)).toEqual([due]);
    expect((await mine(hr.user)).map((n) => n.title)).toEqual([due]);
    expect((await mine(bossUser))[0]!.link).toBe(`/hr/employees/${worker.body.id}?tab=training`);
    for (const day of ['2026-03-26', '2026-03-27']) await hr.t.schedules.runDue(new Date(`${day}T07:00:00+01:00`));
    const gone = 'Svařování of Věra Svářečka expired on 25 Mar 2026';
    expect((await mine(bossUser)).map((n) => n.title)).toEqual([gone, due]);
    expect((await mine(hr.user)).map((n) => n.title)).toEqual([gone, due]);
    expect(await mine(reader)).toEqual([]);
  });

  it("never shows another tenant's onboarding or trainings", async () => {
    expect((await other.get(`/employees/${employeeId}/onboarding`)).status).toBe(404);
    expect((await other.get('/onboarding/tasks')).body.items).toEqual([]);
    expect((await other.get('/training/records')).body.items).toEqual([]);
    expect((await other.get('/training/courses')).body.items).toEqual([]);
    const task = (await hr.get('/onboarding/tasks')).body.items[0];
    expect((await other.post(`/onboarding/tasks/${task.id}/done`, {})).status).toBe(404);
    expect((await other.post('/training/records', { employeeId, courseId, completedOn: '2026-01-01' })).status).toBe(
      400,
    );
  });
});
