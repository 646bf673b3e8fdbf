/**
 * Leave in hours (zákoník práce § 212–§ 213 and § 216 as amended by 285/2020 Sb.): the pure
 * entitlement with its worked examples and properties, then the HTTP API — requests counted in hours
 * of their working days without Czech public holidays, the computed entitlement, approval by someone
 * with hr.leave.approve, overlaps and an exhausted balance refused, sick leave hidden as "other" from
 * readers without sensitive access.
 */
import type { TestUser } from '@bureau/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthAttendance } from '../src/server/leave/attendance.ts';
import {
  type Absence,
  agreementHolidayEntitlement,
  holidayEntitlement,
  leaveHours,
  type Segment,
} from '../src/server/leave/hours.ts';
import { type Hr, memberWith, openHr } from './helpers.ts';

let hr: Hr;
let manager: TestUser;
let reader: TestUser;
let employeeId: string;

beforeAll(async () => {
  hr = await openHr();
  manager = await memberWith(hr.t, hr.user, 'manager', ['hr.read', 'hr.leave.approve']);
  reader = await memberWith(hr.t, hr.user, 'reader', ['hr.read']);
  const e = await hr.post('/employees', {
    firstName: 'Dana',
    lastName: 'Dovolená',
    startDate: '2026-07-01',
    contract: { type: 'hpp', monthlySalary: '40000' },
  });
  expect(e.status, JSON.stringify(e.body)).toBe(201);
  employeeId = e.body.id;
});
afterAll(() => hr?.t.close());

const year2026 = (weeklyHours: number, from = '2026-01-01', to = '2026-12-31'): Segment[] => [
  { from, to, weeklyHours },
];

describe('holiday in hours (pure)', () => {
  it('a whole year is the weekly hours × weeks: 40 × 4 = 160 h, part-time 20 × 5 = 100 h (§ 213 odst. 1–2)', () => {
    // Worked examples of the 2021 rules: acmcert.cz/459 "4×40 = 160 hodin", "5×20 = 100 hodin".
    expect(holidayEntitlement(2026, year2026(40), [], 4)).toMatchObject({ hours: 160, basis: 'year' });
    expect(holidayEntitlement(2026, year2026(20), [], 5)).toMatchObject({ hours: 100, basis: 'year' });
    // A change of hours in the year: in proportion to each period (§ 212 odst. 4).
    const change = [
      { from: '2026-01-01', to: '2026-06-30', weeklyHours: 20 },
      { from: '2026-07-01', to: '2026-12-31', weeklyHours: 40 },
    ];
    // 129 weekdays at 20 h and 132 at 40 h: weighted 30.11 h a week × 4 = 120.46 → 121 h.
    expect(holidayEntitlement(2026, change, [], 4)).toMatchObject({ hours: 121, basis: 'year' });
  });

  it('part of a year: 1/52 for each whole week worked, rounded up to hours (§ 213 odst. 3–4)', () => {
    // From 1 July 2026: 132 weekdays = 26.4 weeks → 26 × 160 / 52 = 80 h.
    expect(holidayEntitlement(2026, year2026(40, '2026-07-01'), [], 4)).toMatchObject({
      hours: 80,
      weeksWorked: 26,
      basis: 'pro_rata',
    });
    // 30 h a week from 2 November: 44 weekdays = 8.8 weeks → 8 × 120 / 52 = 18.46 → 19 h.
    expect(holidayEntitlement(2026, year2026(30, '2026-11-02'), [], 4).hours).toBe(19);
    // Less than 4 weeks of employment or of work: nothing (§ 213 odst. 3).
    expect(holidayEntitlement(2026, year2026(40, '2026-12-07'), [], 4)).toMatchObject({ hours: 0, basis: 'none' });
  });

  it('sick leave counts as work up to 20 weeks when 12 were worked besides it; unpaid leave does not (§ 216)', () => {
    // 30 weeks sick (2 Feb – 28 Aug 2026, 150 weekdays): 22.2 worked + 20 credited = 42 whole weeks → 42 × 160 / 52 = 129.2 → 130 h.
    const sick: Absence[] = [{ kind: 'sick', startDate: '2026-02-02', endDate: '2026-08-28' }];
    expect(holidayEntitlement(2026, year2026(40), sick, 4)).toMatchObject({ hours: 130, weeksWorked: 42 });
    // Sick 10 weeks: all credited, the whole year stays.
    const short: Absence[] = [{ kind: 'sick', startDate: '2026-02-02', endDate: '2026-04-10' }];
    expect(holidayEntitlement(2026, year2026(40), short, 4)).toMatchObject({ hours: 160, basis: 'year' });
    // Employed from 1 Sep (17.6 weeks) and sick from 2 Nov: 8.8 weeks worked < 12 → the sick weeks do not count.
    const late: Absence[] = [{ kind: 'sick', startDate: '2026-11-02', endDate: '2026-12-31' }];
    expect(holidayEntitlement(2026, year2026(40, '2026-09-01'), late, 4).weeksWorked).toBe(8);
    // Unpaid leave of 4 weeks in a whole year: 48.2 weeks → 48 × 160 / 52 = 147.7 → 148 h.
    const unpaid: Absence[] = [{ kind: 'unpaid', startDate: '2026-03-02', endDate: '2026-03-27' }];
    expect(holidayEntitlement(2026, year2026(40), unpaid, 4).hours).toBe(148);
  });

  it('agreements (DPP, DPČ) from 2024: 1/52 of 4 × 20 h for each 20 h worked, from 28 days and 80 h (§ 77 odst. 5)', () => {
    // mesec.cz and finance.cz's worked examples: a DPP's 300 h a year → 15 × 80 / 52 = 23.08 → 24 h;
    // a DPČ worked 20 h every week of the year → 80 h, the most.
    expect(agreementHolidayEntitlement(2026, { days: 365, workedHours: 300 }, 4)).toEqual({
      hours: 24,
      weeksWorked: 15,
      basis: 'agreement',
    });
    expect(agreementHolidayEntitlement(2026, { days: 365, workedHours: 1040 }, 4).hours).toBe(80);
    expect(agreementHolidayEntitlement(2026, { days: 365, workedHours: 1500 }, 4)).toMatchObject({
      hours: 80,
      weeksWorked: 52,
    });
    // 80 h is the threshold: 79.5 h earn nothing, 80 h earn 4 × 80 / 52 = 6.15 → 7 h.
    expect(agreementHolidayEntitlement(2026, { days: 365, workedHours: 79.5 }, 4)).toMatchObject({
      hours: 0,
      basis: 'none',
    });
    expect(agreementHolidayEntitlement(2026, { days: 365, workedHours: 80 }, 4).hours).toBe(7);
    // An agreement of 27 days earns none however much was worked; 28 days is enough.
    expect(agreementHolidayEntitlement(2026, { days: 27, workedHours: 150 }, 4).hours).toBe(0);
    expect(agreementHolidayEntitlement(2026, { days: 28, workedHours: 150 }, 4).hours).toBe(11);
    // More weeks of holiday given by the employer scale it: 300 h at 5 weeks → 15 × 100 / 52 = 28.85 → 29 h.
    expect(agreementHolidayEntitlement(2026, { days: 365, workedHours: 300 }, 5).hours).toBe(29);
    // Before 2024 agreements earned no holiday.
    expect(agreementHolidayEntitlement(2023, { days: 365, workedHours: 300 }, 4).hours).toBe(0);
  });

  it('an agreement never earns more for fewer hours, nor over 80 h at 4 weeks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (a, b) => {
        const [less, more] = [a, b].sort((x, y) => x - y) as [number, number];
        const e = agreementHolidayEntitlement(2026, { days: 365, workedHours: less }, 4);
        expect(e.hours).toBeLessThanOrEqual(
          agreementHolidayEntitlement(2026, { days: 365, workedHours: more }, 4).hours,
        );
        expect(e.hours).toBeLessThanOrEqual(80);
        expect(Number.isInteger(e.hours)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a leave takes the hours of its working days at the weekly time in force', () => {
    // 21–31 Dec 2026: 7 working days (24–26 Dec are holidays); 20 h a week = 4 h a day.
    expect(leaveHours(year2026(20), '2026-12-21', '2026-12-31')).toEqual({ hours: 28, days: 7 });
    expect(leaveHours([], '2026-12-21', '2026-12-31')).toEqual({ hours: 56, days: 7 });
  });

  it('never more than a whole year, never more for less work (properties)', () => {
    const day = fc
      .integer({ min: 0, max: 364 })
      .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        day,
        fc.array(fc.tuple(fc.constantFrom('sick', 'unpaid', 'other') as fc.Arbitrary<Absence['kind']>, day, day), {
          maxLength: 4,
        }),
        (weekly, start, spans) => {
          const segments = year2026(weekly, start);
          const absences = spans.map(([kind, a, b]) => {
            const [startDate, endDate] = [a, b].sort() as [string, string];
            return { kind, startDate, endDate };
          });
          const e = holidayEntitlement(2026, segments, absences, 4);
          expect(e.hours).toBeLessThanOrEqual(Math.ceil(weekly * 4));
          expect(Number.isInteger(e.hours)).toBe(true);
          const worse = holidayEntitlement(
            2026,
            segments,
            [...absences, { kind: 'unpaid', startDate: start, endDate: '2026-12-31' }],
            4,
          );
          expect(worse.hours).toBeLessThanOrEqual(e.hours);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('hr leave', () => {
  it('computes the entitlement in hours, days derived (from 1 July at 40 h: 80 h = 10 days)', async () => {
    const b = await hr.get(`/employees/${employeeId}/leave-balance?year=2026`);
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({
      year: 2026,
      dailyHours: 8,
      entitlementHours: 80,
      remainingHours: 80,
      entitlement: 10,
      remaining: 10,
      basis: 'pro_rata',
      weeksWorked: 26,
      weeks: 4,
    });
  });

  it('counts working days without public holidays and approves through the manager', async () => {
    // 21–31 Dec 2026: Mon 21 – Thu 31; 24, 25 and 26 Dec are holidays → 21, 22, 23, 28, 29, 30, 31 = 7 days.
    const r = await hr.post('/leave', { employeeId, kind: 'holiday', startDate: '2026-12-21', endDate: '2026-12-31' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ days: '7', hours: '56', status: 'requested' });
    expect((await hr.post(`/leave/${r.body.id}/approve`, {}, reader)).status).toBe(403);
    const ok = await hr.post(`/leave/${r.body.id}/approve`, {}, manager);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const b = await hr.get(`/employees/${employeeId}/leave-balance?year=2026`);
    expect(b.body).toMatchObject({ approvedHours: 56, approved: 7, requested: 0, remainingHours: 24, remaining: 3 });
  });

  it('refuses an overlap, an exhausted balance and a leave before employment, writing nothing', async () => {
    const overlap = await hr.post('/leave', {
      employeeId,
      kind: 'other',
      startDate: '2026-12-30',
      endDate: '2027-01-04',
    });
    expect(overlap.status).toBe(400); // crosses a year
    const same = await hr.post('/leave', { employeeId, kind: 'other', startDate: '2026-12-30', endDate: '2026-12-30' });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('leave_overlaps');
    const much = await hr.post('/leave', {
      employeeId,
      kind: 'holiday',
      startDate: '2026-08-03',
      endDate: '2026-08-05',
    });
    expect(much.status).toBe(201);
    const tooMuch = await hr.post('/leave', {
      employeeId,
      kind: 'holiday',
      startDate: '2026-09-01',
      endDate: '2026-09-04',
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('leave_exceeds_balance');
    const early = await hr.post('/leave', {
      employeeId,
      kind: 'holiday',
      startDate: '2026-06-01',
      endDate: '2026-06-02',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('leave_outside_employment');
    const list = await hr.get(`/leave?employeeId=${employeeId}`);
    expect(list.body.items).toHaveLength(2);
  });

  it('hides sick leave as other absence from readers without sensitive access', async () => {
    const sick = await hr.post('/leave', {
      employeeId,
      kind: 'sick',
      startDate: '2026-10-05',
      endDate: '2026-10-09',
      note: 'flu',
    });
    expect(sick.status).toBe(201);
    expect((await hr.get(`/leave/${sick.body.id}`)).body).toMatchObject({ kind: 'sick', note: 'flu' });
    expect((await hr.get(`/leave/${sick.body.id}`, reader)).body).toMatchObject({ kind: 'other', note: null });
    const set = await hr.put(`/employees/${employeeId}/leave-entitlements/2026`, { days: 25 });
    expect(set.body).toMatchObject({ entitlement: 25, entitlementHours: 200, basis: 'set' });
    // Five weeks instead of four: computed by the law's rule (26 × 200 / 52 = 100 h); {} goes back to four.
    const weeks = await hr.put(`/employees/${employeeId}/leave-entitlements/2026`, { weeks: 5 });
    expect(weeks.body).toMatchObject({ entitlementHours: 100, basis: 'pro_rata', weeks: 5 });
    const both = await hr.put(`/employees/${employeeId}/leave-entitlements/2026`, { days: 1, hours: 8 });
    expect(both.status).toBe(400);
    expect((await hr.put(`/employees/${employeeId}/leave-entitlements/2026`, {})).body.entitlementHours).toBe(80);
  });

  it('tells the holders of hr.leave.approve that a request waits, in their language', async () => {
    const inbox = (u: TestUser, lang: string) =>
      u.json('GET', `/api/t/${hr.user.tenant.slug}/notifications`, undefined, { 'accept-language': lang });
    const before = (await inbox(manager, 'en')).body.unread as number;
    const r = await hr.post('/leave', { employeeId, kind: 'other', startDate: '2026-11-02', endDate: '2026-11-04' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const en = await inbox(manager, 'en');
    expect(en.body.unread).toBe(before + 1);
    expect(en.body.items[0]).toMatchObject({
      title: 'Leave request of Dana Dovolená waits for approval',
      body: '2 Nov 2026 – 4 Nov 2026, 3 working days',
      link: `/hr/leave/${r.body.id}`,
      category: 'hr.leave_waiting',
    });
    expect((await inbox(manager, 'cs')).body.items[0]).toMatchObject({
      title: 'Žádost o nepřítomnost: Dana Dovolená čeká na schválení',
      body: '2. 11. 2026 – 4. 11. 2026, 3 pracovní dny',
    });
    // The owner holds every permission; a reader without hr.leave.approve hears nothing.
    expect((await inbox(hr.user, 'en')).body.items[0].link).toBe(`/hr/leave/${r.body.id}`);
    expect((await inbox(reader, 'en')).body).toMatchObject({ items: [], unread: 0 });
    // The category can be turned off apart from its severity.
    const topics = await manager.json('GET', `/api/t/${hr.user.tenant.slug}/notifications/preferences`);
    expect(topics.body.items.map((t: { topic: string }) => t.topic)).toContain('hr.leave_waiting');
    await manager.json('PUT', `/api/t/${hr.user.tenant.slug}/notifications/preferences`, {
      preferences: { 'hr.leave_waiting': 'off' },
    });
    const again = await hr.post('/leave', {
      employeeId,
      kind: 'other',
      startDate: '2026-11-09',
      endDate: '2026-11-09',
    });
    expect(again.status).toBe(201);
    expect((await inbox(manager, 'en')).body.unread).toBe(before + 1);
    expect((await inbox(hr.user, 'en')).body.items[0].link).toBe(`/hr/leave/${again.body.id}`);
    for (const id of [r.body.id, again.body.id]) expect((await hr.post(`/leave/${id}/cancel`, {})).status).toBe(200);
  });

  it('sums a month of attendance and fills the pay run inputs from it, keeping what HR entered', async () => {
    // 30 h a week, hourly: March 2026 has 22 working days (no public holiday) × 6 h = 132 h. Sick Mon 2 – Fri 13
    // (12 calendar days, 10 working days = 60 h; calendar days 4–14 are 5–13 March: 7 working days = 42 h,
    // zákoník práce § 192), holiday 23–24 March (12 h), unpaid leave 30 March (6 h): worked 132 − 78 = 54 h.
    const e = await hr.post('/employees', {
      firstName: 'Petr',
      lastName: 'Pracovitý',
      startDate: '2026-01-01',
      contract: { type: 'hpp', salaryType: 'hourly', hourlyRate: '200', weeklyHours: 30 },
    });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    const petr = e.body.id;
    for (const [kind, startDate, endDate] of [
      ['sick', '2026-03-02', '2026-03-13'],
      ['holiday', '2026-03-23', '2026-03-24'],
      ['unpaid', '2026-03-30', '2026-03-30'],
    ]) {
      const r = await hr.post('/leave', { employeeId: petr, kind, startDate, endDate });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect((await hr.post(`/leave/${r.body.id}/approve`, {}, manager)).status).toBe(200);
    }
    const expected = {
      scheduledHours: 132,
      workedHours: 54,
      holidayHours: 12,
      sickHours: 60,
      sickPayHours: 42,
      sickDays: 12,
      otherHours: 0,
      unpaidHours: 6,
      publicHolidayHours: 0,
    };
    const a = await hr.get('/attendance?period=2026-03');
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.items.find((x: { employeeId: string }) => x.employeeId === petr)).toMatchObject(expected);
    expect((await hr.get('/attendance?period=2026-03', reader)).status).toBe(403);
    expect((await hr.get('/attendance?period=2026-13')).status).toBe(400);

    const dpp = await hr.post('/employees', {
      firstName: 'Dora',
      lastName: 'Dohodová',
      startDate: '2026-01-01',
      contract: { type: 'dpp', hourlyRate: '200' },
    });
    expect(dpp.status, JSON.stringify(dpp.body)).toBe(201);
    const run = await hr.post('/payroll/runs', { period: '2026-03' });
    expect(run.status).toBe(201);
    // An agreement without weekly hours has no schedule: the hours HR entered stay.
    expect((await hr.put(`/payroll/runs/${run.body.id}/inputs/${dpp.body.id}`, { hours: 10 })).status).toBe(200);
    expect((await hr.put(`/payroll/runs/${run.body.id}/inputs/${petr}`, { bonus: '1000', hours: 1 })).status).toBe(200);
    const fill = await hr.post(`/payroll/runs/${run.body.id}/inputs/from-attendance`);
    expect(fill.status, JSON.stringify(fill.body)).toBe(200);
    expect((await hr.post(`/payroll/runs/${run.body.id}/inputs/from-attendance`, {}, reader)).status).toBe(403);
    const detail = await hr.get(`/payroll/runs/${run.body.id}`);
    expect(detail.body.inputs.find((i: { employeeId: string }) => i.employeeId === petr)).toMatchObject({
      hours: '54',
      holidayHours: '12',
      sickHours: '60',
      sickPayHours: '42',
      sickDays: 12,
      unpaidHours: '6',
      bonus: '1000.00',
    });
    expect(detail.body.inputs.find((i: { employeeId: string }) => i.employeeId === dpp.body.id)).toMatchObject({
      hours: '10',
    });
    expect(fill.body.filled).toBe(1);
    // HR can still edit them; the run calculates from them.
    expect((await hr.post(`/payroll/runs/${run.body.id}/calculate`)).status).toBe(200);
    const slip = (await hr.get(`/payroll/runs/${run.body.id}`)).body.payslips.find(
      (p: { employeeId: string }) => p.employeeId === petr,
    );
    expect(slip.components.find((c: { kind: string }) => c.kind === 'hours')).toMatchObject({ hours: '54' });
  });

  it('self-service: a linked member sees only their own payslips, leave and certificates and requests leave', async () => {
    const petr = (await hr.get('/employees?q=Pracovitý')).body.items[0].id as string;
    const run = (await hr.get('/payroll/runs')).body.items.find((r: { period: string }) => r.period === '2026-03');
    const me = await memberWith(hr.t, hr.user, 'staff', ['hr.self']);
    const stranger = await memberWith(hr.t, hr.user, 'staff2', ['hr.self']);
    const api = (u: TestUser, method: string, path: string, body?: unknown) =>
      u.json(method, `${hr.base}${path}`, body, { 'accept-language': 'en' });
    expect((await api(me, 'GET', '/me')).status).toBe(404);
    expect((await api(me, 'GET', '/me')).body.code).toBe('not_linked');
    expect((await hr.patch(`/employees/${petr}`, { userId: me.userId })).status).toBe(200);
    // A calculated run is not shown; once approved, its payslip is.
    expect((await api(me, 'GET', '/me')).body.payslips).toEqual([]);
    expect((await api(me, 'GET', `/me/payslips/${run.id}/pdf`)).status).toBe(404);
    expect((await hr.post(`/payroll/runs/${run.id}/approve`)).status).toBe(200);
    const mine = await api(me, 'GET', '/me?year=2026');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.employee).toMatchObject({ id: petr, name: 'Petr Pracovitý' });
    expect(mine.body.payslips).toMatchObject([{ runId: run.id, period: '2026-03' }]);
    expect(mine.body.balance).toMatchObject({ year: 2026, entitlementHours: expect.any(Number) });
    expect(mine.body.leave.map((l: { kind: string }) => l.kind).sort()).toEqual(['holiday', 'sick', 'unpaid']);
    const pdf = await me.request('GET', `${hr.base}/me/payslips/${run.id}/pdf?lang=cs`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const audit = await hr.t.runtime.db
      .selectFrom('core.audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', hr.user.tenant.id)
      .where('action', '=', 'hr.employee.read')
      .where('entity_id', '=', petr)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    // Requests their own leave (it waits for approval); nothing takes another employee's id.
    const asked = await api(me, 'POST', '/me/leave', {
      kind: 'holiday',
      startDate: '2026-07-07',
      endDate: '2026-07-08',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await hr.get(`/leave/${asked.body.id}`)).body).toMatchObject({
      employeeId: petr,
      hours: '12',
      status: 'requested',
    });
    const smuggled = await api(me, 'POST', '/me/leave', {
      employeeId,
      kind: 'holiday',
      startDate: '2026-08-10',
      endDate: '2026-08-10',
    });
    expect(smuggled.status === 400 || (await hr.get(`/leave/${smuggled.body.id}`)).body.employeeId === petr).toBe(true);
    // Withdraws their own request while it waits, and an approved one before it begins; not once it has begun.
    expect((await api(stranger, 'POST', `/me/leave/${asked.body.id}/cancel`)).status).toBe(404);
    const withdrawn = await api(me, 'POST', `/me/leave/${asked.body.id}/cancel`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toEqual({ id: asked.body.id, status: 'cancelled' });
    expect((await api(me, 'POST', `/me/leave/${asked.body.id}/cancel`)).status).toBe(409);
    const later = await api(me, 'POST', '/me/leave', {
      kind: 'unpaid',
      startDate: '2099-03-02',
      endDate: '2099-03-02',
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect((await hr.post(`/leave/${later.body.id}/approve`, {}, manager)).status).toBe(200);
    expect((await api(me, 'POST', `/me/leave/${later.body.id}/cancel`)).status).toBe(200);
    const march = (await api(me, 'GET', '/me?year=2026')).body.leave.find(
      (l: { kind: string; status: string }) => l.kind === 'holiday' && l.status === 'approved',
    );
    const begun = await api(me, 'POST', `/me/leave/${march.id}/cancel`);
    expect(begun.status).toBe(409);
    expect(JSON.stringify(begun.body)).toMatch(/has begun/);
    // HR's own cancel stays HR's: the employee's permission does not reach it.
    expect((await api(me, 'POST', `/leave/${march.id}/cancel`)).status).toBe(403);
    // Someone else: not linked, and no way to reach Petr's payslip; without hr.self nothing at all.
    expect((await api(stranger, 'GET', `/me/payslips/${run.id}/pdf`)).status).toBe(404);
    expect((await api(reader, 'GET', '/me')).status).toBe(403);
    expect((await api(me, 'GET', `/payroll/runs/${run.id}/payslips/${petr}/pdf`)).status).toBe(403);
    expect((await api(me, 'GET', `/employees/${employeeId}/leave-balance?year=2026`)).status).toBe(403);
    // Another tenant's member with the same path sees nothing of this tenant.
    const other = await openHr(hr.t);
    expect((await other.get('/me')).status).toBe(404);
  });

  it('a DPP worker earns holiday from the hours of the year’s payslips (80 h → 7 h)', async () => {
    const firm = await openHr(hr.t);
    const e = await firm.post('/employees', {
      firstName: 'Olga',
      lastName: 'Dohodová',
      startDate: '2026-01-01',
      contract: { type: 'dpp', hourlyRate: '200' },
    });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    const none = (await firm.get(`/employees/${e.body.id}/leave-balance?year=2026`)).body;
    expect(none).toMatchObject({ entitlementHours: 0, basis: 'none' });
    for (const [period, hours] of [
      ['2026-01', 50],
      ['2026-02', 30],
    ] as const) {
      const run = await firm.post('/payroll/runs', { period });
      expect(run.status, JSON.stringify(run.body)).toBe(201);
      expect((await firm.put(`/payroll/runs/${run.body.id}/inputs/${e.body.id}`, { hours })).status).toBe(200);
      const calc = await firm.post(`/payroll/runs/${run.body.id}/calculate`, {});
      expect(calc.status, JSON.stringify(calc.body)).toBe(200);
    }
    const b = (await firm.get(`/employees/${e.body.id}/leave-balance?year=2026`)).body;
    expect(b).toMatchObject({ entitlementHours: 7, remainingHours: 7, basis: 'agreement', weeksWorked: 4 });
    // A whole working day without a weekly time is 8 h: more than the 7 h earned.
    const tooLong = await firm.post('/leave', {
      employeeId: e.body.id,
      kind: 'holiday',
      startDate: '2026-03-02',
      endDate: '2026-03-02',
    });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.code).toBe('leave_exceeds_balance');
  });

  it('pays the holiday not taken in the month the employment ends, at average earnings (§ 222 odst. 2)', async () => {
    const firm = await openHr(hr.t);
    const approver = await memberWith(firm.t, firm.user, 'approver', ['hr.read', 'hr.leave.approve']);
    const runMonth = async (period: string, inputs: Record<string, Record<string, number>> = {}) => {
      const run = await firm.post('/payroll/runs', { period });
      expect(run.status, JSON.stringify(run.body)).toBe(201);
      for (const [id, input] of Object.entries(inputs))
        expect((await firm.put(`/payroll/runs/${run.body.id}/inputs/${id}`, input)).status).toBe(200);
      const calc = await firm.post(`/payroll/runs/${run.body.id}/calculate`, {});
      expect(calc.status, JSON.stringify(calc.body)).toBe(200);
      return (await firm.get(`/payroll/runs/${run.body.id}`)).body.payslips as {
        employeeId: string;
        components: { kind: string; amount: string; hours: string | null }[];
      }[];
    };
    const compensationOf = (slips: Awaited<ReturnType<typeof runMonth>>, id: string) =>
      slips.find((p) => p.employeeId === id)?.components.find((c) => c.kind === 'holiday_compensation');
    // Employed 1 Jan – 30 Jun 2026 at 40 h: 129 weekdays = 25 whole weeks → 25 × 40 × 4 / 52 = 76.92 → 77 h;
    // 16 h taken in April leave 61 h, paid at the average from the contract (40,000 × 12 / (52 × 40) = 230.77).
    const staff = await firm.post('/employees', {
      firstName: 'Petr',
      lastName: 'Odchází',
      startDate: '2026-01-01',
      contract: { type: 'hpp', monthlySalary: '40000', weeklyHours: 40, endDate: '2026-06-30' },
    });
    expect(staff.status, JSON.stringify(staff.body)).toBe(201);
    const leave = await firm.post('/leave', {
      employeeId: staff.body.id,
      kind: 'holiday',
      startDate: '2026-04-13',
      endDate: '2026-04-14',
    });
    expect(leave.status, JSON.stringify(leave.body)).toBe(201);
    expect((await firm.post(`/leave/${leave.body.id}/approve`, {}, approver)).status).toBe(200);
    // A DPP from 1 Jan to 28 Feb: 50 h in January, 30 h in the last month → 80 h → 7 h at 200 CZK.
    const dpp = await firm.post('/employees', {
      firstName: 'Olga',
      lastName: 'Krátká',
      startDate: '2026-01-01',
      contract: { type: 'dpp', hourlyRate: '200', endDate: '2026-02-28' },
    });
    expect(dpp.status, JSON.stringify(dpp.body)).toBe(201);
    const january = await runMonth('2026-01', { [dpp.body.id]: { hours: 50 } });
    expect(compensationOf(january, dpp.body.id)).toBeUndefined();
    const february = await runMonth('2026-02', { [dpp.body.id]: { hours: 30 } });
    expect(compensationOf(february, dpp.body.id)).toMatchObject({ hours: '7', amount: '1400.00' });
    expect(compensationOf(february, staff.body.id)).toBeUndefined();
    const june = await runMonth('2026-06');
    expect(compensationOf(june, staff.body.id)).toMatchObject({ hours: '61', amount: '14076.97' });
  });

  it('counts days 4–14 of a sickness that began the month before (pure)', () => {
    // Sick from Fri 27 Feb 2026: 1–3 March are days 3–5 of it; Mon 2 and Tue 3 March are days 4 and 5.
    const a = monthAttendance('2026-03', year2026(40), [
      { kind: 'sick', startDate: '2026-02-27', endDate: '2026-03-03' },
    ]);
    expect(a).toMatchObject({ sickHours: 16, sickPayHours: 16, sickDays: 3, workedHours: 160 });
    // A public holiday is neither worked nor absence: May 2026 has 1 and 8 May on Fridays.
    expect(monthAttendance('2026-05', year2026(40), [])).toMatchObject({ scheduledHours: 152, publicHolidayHours: 16 });
  });
});
