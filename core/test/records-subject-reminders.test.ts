import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau, type TestUser } from '../src/index.ts';

/**
 * Issue 18 item 5: requests "are tracked with their deadline (one month) and notify the responsible
 * person". Besides the mail at receipt, the daily reminder tells the responsible member a week before
 * the deadline and again once it has passed, each once; a request without a responsible member goes to
 * whoever may manage privacy requests; an answered request is left alone.
 */

let now = new Date('2025-03-03T09:00:00Z');
const clock = { now: () => now };
let t: TestBureau;
let owner: TestUser;
let clerk: TestUser;
let base: string;

/** Runs the day's schedules at 07:05 Prague time (06:05 UTC in winter and spring before DST ends). */
const morningOf = async (date: string) => {
  now = new Date(`${date}T06:05:00Z`);
  return t.schedules.runDue(now);
};
const inbox = async (user: TestUser, locale: 'en' | 'cs' = 'en') => {
  const res = await user.json('GET', `${base}/notifications`, undefined, { 'accept-language': locale });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { severity: string; title: string; body: string; link: string }[];
};

beforeAll(async () => {
  t = await createTestBureau({ clock });
  owner = await t.signup({ email: 'owner@reminders.example' });
  base = `/api/t/${owner.tenant.slug}`;
  const invited = await owner.json('POST', `${base}/invitations`, { email: 'clerk@reminders.example', role: 'member' });
  const token = new URL(invited.body.link).searchParams.get('token');
  const password = 'a long enough password';
  const joined = await t.anonymous().json('POST', `/api/invitations/${token}/accept`, { name: 'Clerk', password });
  expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  clerk = await t.login('clerk@reminders.example', password);
});
afterAll(() => t?.close());

describe('data-subject request deadline reminders', () => {
  let accessId: string;
  it('records one request with the clerk responsible and one received long ago with nobody', async () => {
    const access = await owner.json('POST', `${base}/records/requests`, {
      kind: 'access',
      subject: { name: 'Jana Nováková' },
      responsibleUserId: clerk.userId,
    });
    expect(access.status, JSON.stringify(access.body)).toBe(201);
    expect(access.body.dueOn).toBe('2025-04-03');
    accessId = access.body.id;
    const late = await owner.json('POST', `${base}/records/requests`, {
      kind: 'erasure',
      subject: { name: 'Petr Svoboda' },
      receivedOn: '2025-01-10',
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body.dueOn).toBe('2025-02-10');
  });

  it('tells the privacy managers at once about the request already past its deadline, in their language', async () => {
    await morningOf('2025-03-04');
    const items = await inbox(owner, 'cs');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ severity: 'critical', title: 'Žádost subjektu údajů je po lhůtě' });
    expect(items[0]?.body).toBe(
      'Žádost o výmaz přijatá 10. ledna 2025 měla být vyřízena do 10. února 2025 (čl. 12 odst. 3 GDPR).',
    );
    expect(await inbox(clerk)).toHaveLength(0);
  });

  it('says nothing more than two weeks before a deadline, and nothing twice', async () => {
    await morningOf('2025-03-20');
    expect(await inbox(clerk)).toHaveLength(0);
    expect(await inbox(owner)).toHaveLength(1);
  });

  it('reminds the responsible clerk a week before the deadline, once', async () => {
    await morningOf('2025-03-27');
    const items = await inbox(clerk);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      severity: 'warning',
      title: 'A data-subject request is due in a week',
      body: 'The access request received on 3 March 2025 is due by 3 April 2025 (GDPR Art. 12(3)).',
      link: `/settings/records/requests/${accessId}`,
    });
    await morningOf('2025-03-28');
    expect(await inbox(clerk)).toHaveLength(1);
  });

  it('tells the clerk again once the deadline has passed, once', async () => {
    await morningOf('2025-04-04');
    const items = await inbox(clerk);
    expect(items.map((i) => i.severity).sort()).toEqual(['critical', 'warning']);
    expect(items.find((i) => i.severity === 'critical')?.title).toBe('A data-subject request is overdue');
    await morningOf('2025-04-05');
    expect(await inbox(clerk)).toHaveLength(2);
    expect(await inbox(owner)).toHaveLength(1);
  });
});
