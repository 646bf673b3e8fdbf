import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, defineMessages, newId, Problem, type TestBureau, type TestUser } from '../src/index.ts';

const m = defineMessages('notifytest', {
  results: {
    en: '{count, plural, one {# critical result} other {# critical results}} for {patient}',
    cs: '{count, plural, one {# kritický výsledek} few {# kritické výsledky} many {# kritického výsledku} other {# kritických výsledků}} pro {patient}',
  },
  body: { en: 'Call the clinic {clinic}', cs: 'Zavolejte ordinaci {clinic}' },
});

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let slug: string;

const inbox = (u: TestUser, lang = 'en', query = '') =>
  u.json('GET', `/api/t/${slug}/notifications${query}`, undefined, {
    'accept-language': lang,
  });
const rows = async () =>
  t.runtime.db.selectFrom('core.notifications').selectAll().where('tenant_id', '=', owner.tenant.id).execute();
const send = (to: readonly string[] | { permission: string }, extra: Record<string, unknown> = {}) =>
  t.inTenant(owner.tenant.id, (ctx) =>
    ctx.notify({
      to,
      title: m.results,
      body: m.body,
      params: { count: 3, patient: 'Novák', clinic: 'MUDr. Dvořák' },
      link: '/fleet',
      ...extra,
    }),
  );
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof Problem) return { status: e.status, body: e.toJSON('en') };
    throw e;
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  t = await createTestBureau();
  owner = await t.signup({ tenant: { name: 'Laboratoř' } });
  member = await t.signup();
  outsider = await t.signup();
  slug = owner.tenant.slug;
  await t.runtime.db
    .insertInto('core.memberships')
    .values({ tenant_id: owner.tenant.id, id: newId(), user_id: member.userId, role: 'member' })
    .execute();
  // The member reads Czech: e-mails come in the recipient's own language.
  await t.runtime.db.updateTable('core.users').set({ locale: 'cs' }).where('id', '=', member.userId).execute();
});
afterAll(() => t.close());

describe('notifications', () => {
  it('refuses a recipient outside the tenant, or a permission nobody declares, and writes nothing', async () => {
    const outside = await refusal(send([member.userId, outsider.userId]));
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({
      code: 'recipient_not_in_tenant',
      title: 'A recipient is not a member of this firm',
    });
    expect((await refusal(send(['not-a-uuid']))).body.code).toBe('recipient_not_in_tenant');
    const unknown = await refusal(send({ permission: 'nobody.declares.this' }));
    expect(unknown).toMatchObject({ status: 400, body: { code: 'unknown_permission' } });
    expect(await rows()).toHaveLength(0);
    const outbox = await t.runtime.db
      .selectFrom('core.outbox')
      .select('type')
      .where('tenant_id', '=', owner.tenant.id)
      .execute();
    expect(outbox.map((r) => r.type)).not.toContain('core.notification.mail');
  });

  it('stores keys and params and renders each reader’s language, with Czech plurals', async () => {
    const sent = await send([member.userId]);
    expect(sent).toMatchObject({ recipients: 1, emailed: 0 });
    const [row] = await rows();
    expect(row).toMatchObject({ title_key: 'notifytest.results', body_key: 'notifytest.body', email: 'none' });
    const en = await inbox(member, 'en');
    expect(en.status).toBe(200);
    expect(en.body).toMatchObject({ unread: 1, nextCursor: null });
    expect(en.body.items[0]).toMatchObject({
      title: '3 critical results for Novák',
      body: 'Call the clinic MUDr. Dvořák',
      link: '/fleet',
      severity: 'info',
      readAt: null,
    });
    const cs = await inbox(member, 'cs');
    expect(cs.body.items[0].title).toBe('3 kritické výsledky pro Novák');
    for (const [count, cz] of [
      [1, '1 kritický výsledek'],
      [5, '5 kritických výsledků'],
      [1.5, '1,5 kritického výsledku'],
    ] as const) {
      await t.inTenant(owner.tenant.id, (ctx) =>
        ctx.notify({ to: [member.userId], title: m.results, params: { count, patient: 'X' } }),
      );
      const latest = await inbox(member, 'cs', '?limit=1');
      expect(latest.body.items[0].title).toBe(`${cz} pro X`);
      expect(latest.body.nextCursor).not.toBeNull();
    }
  });

  it('each user sees only their own; mark read and mark all read clear the count', async () => {
    const own = await inbox(owner);
    expect(own.body).toMatchObject({ items: [], unread: 0 });
    const theirs = (await inbox(member)).body.items[0].id as string;
    expect((await owner.json('POST', `/api/t/${slug}/notifications/${theirs}/read`)).status).toBe(404);
    // Another tenant's member cannot reach this tenant's inbox at all.
    expect((await outsider.json('GET', `/api/t/${slug}/notifications`)).status).toBe(404);
    const read = await member.json('POST', `/api/t/${slug}/notifications/${theirs}/read`);
    expect(read).toMatchObject({ status: 200, body: { unread: 3 } });
    expect((await member.json('GET', `/api/t/${slug}/notifications/unread`)).body).toEqual({ unread: 3 });
    const unreadOnly = await inbox(member, 'en', '?filter=unread');
    expect(unreadOnly.body.items.map((i: { id: string }) => i.id)).not.toContain(theirs);
    const all = await member.json('POST', `/api/t/${slug}/notifications/read-all`);
    expect(all.body).toEqual({ marked: 3, unread: 0 });
    expect((await member.json('GET', `/api/t/${slug}/notifications/unread`)).body).toEqual({ unread: 0 });
    expect((await member.json('POST', `/api/t/${slug}/notifications/${newId()}/read`)).status).toBe(404);
    expect((await member.json('POST', `/api/t/${slug}/notifications/nope/read`)).status).toBe(400);
  });

  it('sends to the holders of a permission only', async () => {
    const before = (await rows()).length;
    const sent = await send({ permission: 'tenant.audit.read' });
    expect(sent.recipients).toBe(1);
    const after = await rows();
    expect(after.length).toBe(before + 1);
    expect(after.filter((r) => r.user_id === owner.userId)).toHaveLength(1);
    // A tenant where nobody holds it (its only member's custom role lacks it): 409, nothing written.
    const lone = await t.signup();
    await t.runtime.db
      .insertInto('core.roles')
      .values({
        tenant_id: lone.tenant.id,
        id: newId(),
        key: 'clerk',
        name: 'Clerk',
        permissions: ['tenant.members.read'],
      })
      .execute();
    await t.runtime.db
      .updateTable('core.memberships')
      .set({ role: 'clerk' })
      .where('tenant_id', '=', lone.tenant.id)
      .execute();
    const none = await t.inTenant(lone.tenant.id, (ctx) =>
      ctx.notify({ to: { permission: 'tenant.audit.read' }, title: m.body }).catch((e) => e),
    );
    expect(none).toBeInstanceOf(Problem);
    expect(none).toMatchObject({ status: 409, code: 'no_recipients' });
  });

  it('e-mails after commit, in the recipient’s language, per their preferences, once', async () => {
    const prefs = await member.json('GET', `/api/t/${slug}/notifications/preferences`);
    expect(prefs.status).toBe(200);
    expect(prefs.body.items.map((i: { topic: string }) => i.topic)).toEqual([
      'severity:info',
      'severity:warning',
      'severity:critical',
    ]);
    expect(prefs.body.items[2]).toMatchObject({ channel: null, defaultChannel: 'email' });
    const bad = await member.json('PUT', `/api/t/${slug}/notifications/preferences`, {
      preferences: { 'severity:info': 'email', 'x.y': 'off' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'preferences.x.y' })]);
    expect(
      (
        await member.json('PUT', `/api/t/${slug}/notifications/preferences`, {
          preferences: { 'severity:info': 'sms' },
        })
      ).status,
    ).toBe(400);
    const set = await member.json('PUT', `/api/t/${slug}/notifications/preferences`, {
      preferences: { 'severity:info': 'email', 'severity:warning': 'off' },
    });
    expect(set.status).toBe(200);
    expect(set.body.items[0]).toMatchObject({ topic: 'severity:info', channel: 'email' });

    const mails = t.runtime.mailer.outbox.length;
    const sent = await send([member.userId, owner.userId]);
    expect(sent).toMatchObject({ recipients: 2, emailed: 1 });
    expect(t.runtime.mailer.outbox.length).toBe(mails); // nothing sent in the transaction
    await t.events.drain();
    const mail = t.runtime.mailer.outbox.slice(mails);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to).toBe(member.email);
    expect(mail[0]?.subject).toBe('Laboratoř: 3 kritické výsledky pro Novák');
    expect(mail[0]?.text).toContain(`/t/${slug}/fleet`);
    await t.events.drain();
    expect(t.runtime.mailer.outbox.length).toBe(mails + 1);
    const emailed = await t.runtime.db
      .selectFrom('core.notifications')
      .select(['email', 'emailed_at'])
      .where('id', 'in', sent.ids)
      .execute();
    expect(emailed.filter((r) => r.email === 'sent' && r.emailed_at)).toHaveLength(1);

    // Warning is off for the member: nothing is stored for them, the owner still gets it.
    const off = await send([member.userId, owner.userId], { severity: 'warning' });
    expect(off.ids).toHaveLength(1);
    // Back to the default: critical e-mails by default, for the owner too.
    await member.json('PUT', `/api/t/${slug}/notifications/preferences`, { preferences: { 'severity:warning': null } });
    const critical = await send([member.userId, owner.userId], { severity: 'critical' });
    expect(critical).toMatchObject({ emailed: 2 });
    await t.events.drain();
    expect(
      t.runtime.mailer.outbox
        .slice(mails + 1)
        .map((x) => x.to)
        .sort(),
    ).toEqual([member.email, owner.email].sort());
  });

  it('API tokens have no inbox', async () => {
    const created = await owner.json('POST', `/api/t/${slug}/tokens`, {
      name: 'CI',
      permissions: ['tenant.members.read'],
    });
    const res = await t.app.request(`http://localhost/api/t/${slug}/notifications`, {
      headers: { authorization: `Bearer ${created.body.token}` },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('user_only');
  });

  it('a preference for a severity decides the channel, else the default (property)', async () => {
    const channel = fc.constantFrom('inapp', 'email', 'off', null);
    await fc.assert(
      fc.asyncProperty(channel, fc.constantFrom('info', 'warning', 'critical'), async (choice, severity) => {
        await member.json('PUT', `/api/t/${slug}/notifications/preferences`, {
          preferences: { [`severity:${severity}`]: choice },
        });
        const sent = await send([member.userId], { severity });
        const expected = choice ?? (severity === 'critical' ? 'email' : 'inapp');
        expect(sent.ids.length).toBe(expected === 'off' ? 0 : 1);
        expect(sent.emailed).toBe(expected === 'email' ? 1 : 0);
      }),
      { numRuns: 15 },
    );
  });
});
