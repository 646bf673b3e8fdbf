/**
 * The helpdesk's desk tools through HTTP on a real database (issue 16 item 4): ticket categories
 * (defaults a new ticket takes, the queue filter, archived rather than deleted once in use), canned
 * responses with placeholders filled from the ticket, and merging a duplicate ticket (its
 * conversation, attachments and asset move; refusals with codes write nothing); a provider's team as
 * a category's default, whose queue its people work inside the firm.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { fillPlaceholders } from '../src/server/services/canned-responses.ts';
import { ticketNumber } from '../src/server/services/ticket-merge.ts';
import { count, inbox, itApi, memberWith } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let other: TestUser;
let api: ReturnType<typeof itApi>;
const clock = { now: () => new Date('2026-12-07T09:00:00+01:00') };

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin], clock });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'it');
  await t.enableModule(other, 'it');
  member = await memberWith(t, owner, 'member');
  api = itApi(owner);
});
afterAll(() => t?.close());

const ticket = async (body: Record<string, unknown>, as: TestUser = member) => {
  const res = await itApi(as).post('/tickets', { description: 'See title', ...body });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; number: string; priority: string; assignee: string | null };
};

describe('ticket categories', () => {
  let printers: string;

  it('adds a category whose default priority and assignee a new ticket takes; names are unique', async () => {
    const created = await api.post('/ticket-categories', {
      nameCs: 'Tiskárny',
      nameEn: 'Printers',
      defaultPriority: 'high',
      defaultAssigneeId: owner.userId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ nameCs: 'Tiskárny', defaultPriority: 'high', archived: false, tickets: 0 });
    printers = created.body.id;
    const taken = await api.post('/ticket-categories', { nameCs: 'Tisk', nameEn: 'printers' });
    expect(taken.body).toMatchObject({ status: 409, code: 'ticket_category_taken' });
    const stranger = await api.post('/ticket-categories', {
      nameCs: 'Síť',
      nameEn: 'Network',
      defaultAssigneeId: other.userId,
    });
    expect(stranger.body).toMatchObject({ status: 400, code: 'assignee_not_member' });
    expect(await count(t, 'ticket_categories')).toBe(1);
    // Only IT admins manage them; every member reads them for the form.
    expect((await api.post('/ticket-categories', { nameCs: 'A', nameEn: 'A' }, member)).status).toBe(403);
    expect((await api.get('/ticket-categories', member)).body.items).toHaveLength(1);

    const tk = await ticket({ title: 'Printer jams', categoryId: printers });
    expect(tk).toMatchObject({
      priority: 'high',
      assignee: expect.any(String),
      category: { cs: 'Tiskárny', en: 'Printers' },
    });
    expect((await ticket({ title: 'Toner', categoryId: printers, priority: 'low' })).priority).toBe('low');
    await ticket({ title: 'Mouse' });
    const queue = await api.get(`/tickets?categoryId=${printers}&sort=number&dir=asc`);
    expect(queue.body.items.map((x: { title: string }) => x.title)).toEqual(['Printer jams', 'Toner']);
    // Another tenant's category is not there.
    const foreign = await itApi(other).post('/tickets', { title: 'Foreign', description: 'x', categoryId: printers });
    expect(foreign.body).toMatchObject({ status: 400, code: 'ticket_category_not_found' });
  });

  it('refuses to delete a category in use (409) and archives it instead, which the forms no longer offer', async () => {
    const del = await api.del(`/ticket-categories/${printers}`);
    expect(del.body).toMatchObject({ status: 409, code: 'ticket_category_in_use' });
    expect(del.body.title).toContain('2');
    const archived = await api.patch(`/ticket-categories/${printers}`, { archived: true });
    expect(archived.body).toMatchObject({ archived: true, tickets: 2 });
    expect((await api.get('/ticket-categories')).body.items).toHaveLength(0);
    expect((await api.get('/ticket-categories?archived=true')).body.items).toHaveLength(1);
    const refused = await api.post(
      '/tickets',
      { title: 'Printer again', description: 'x', categoryId: printers },
      member,
    );
    expect(refused.body).toMatchObject({ status: 400, code: 'ticket_category_archived' });
    const unused = await api.post('/ticket-categories', { nameCs: 'Telefony', nameEn: 'Phones' });
    expect((await api.del(`/ticket-categories/${unused.body.id}`)).status).toBe(200);
    expect(await count(t, 'ticket_categories')).toBe(1);
  });
});

describe('canned responses', () => {
  it('fills the placeholders from the ticket and leaves other braces alone', async () => {
    expect(fillPlaceholders('{requester}, {unknown} {asset}!', { requester: 'Jana' })).toBe('Jana, {unknown} !');
    const canned = await api.post('/canned-responses', {
      title: 'Restart',
      body: 'Dear {requester}, please restart the device ({number}: {title}). — {agent}',
    });
    expect(canned.status, JSON.stringify(canned.body)).toBe(201);
    expect((await api.post('/canned-responses', { title: 'restart', body: 'x' })).body.code).toBe(
      'canned_response_taken',
    );
    expect((await api.get('/canned-responses', member)).status).toBe(403);
    const tk = await ticket({ title: 'Screen flickers' });
    const filled = await api.get(`/tickets/${tk.id}/canned-responses/${canned.body.id}`);
    const requester = (await api.get(`/tickets/${tk.id}`)).body.requester;
    expect(filled.body.body).toMatch(
      new RegExp(`^Dear ${requester}, please restart the device \\(${tk.number}: Screen flickers\\)\\. — \\S`),
    );
    expect(filled.body.body).not.toContain('{');
    const foreign = await api.get(`/tickets/${tk.id}/canned-responses/${canned.body.id}`, other);
    expect(foreign.status).toBe(404);
  });
});

describe('merging a duplicate ticket', () => {
  it('reads ticket numbers as people type them', () => {
    expect([ticketNumber('7'), ticketNumber('t-7'), ticketNumber('T-00007'), ticketNumber(' t00012 ')]).toEqual([
      'T-00007',
      'T-00007',
      'T-00007',
      'T-00012',
    ]);
  });

  it('moves replies, notes, attachments and the asset to the target, closes the source with a note and tells its requester', async () => {
    const laptop = await api.asset({ name: 'ThinkPad' });
    const target = await ticket({ title: 'Wi-Fi drops' }, owner);
    const dup = await ticket({ title: 'No Wi-Fi in room 2', assetId: laptop.id });
    await api.post(`/tickets/${dup.id}/messages`, { body: 'Since Monday' }, member);
    await api.post(`/tickets/${dup.id}/messages`, { body: 'Same as the other one', internal: true });
    const form = new FormData();
    form.set('file', new File(['log line'], 'wifi.log'));
    form.set('entityType', 'it.ticket');
    form.set('entityId', dup.id);
    const up = await t.app.request(`${t.origin}/api/t/${owner.tenant.slug}/records`, {
      method: 'POST',
      headers: { origin: t.origin, cookie: owner.cookie },
      body: form,
    });
    expect(up.status).toBe(201);

    const merged = await api.post(`/tickets/${dup.id}/merge`, { into: target.number.replace('T-0000', '') });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const source = (await api.get(`/tickets/${dup.id}`)).body;
    expect(source).toMatchObject({ status: 'closed', mergedIntoId: target.id, mergedIntoNumber: target.number });
    const sourceMessages = (await api.get(`/tickets/${dup.id}/messages`, member)).body.items;
    expect(sourceMessages).toHaveLength(1);
    // Stored in the firm's language (a new firm's is Czech).
    expect(sourceMessages[0].body).toContain(`sloučen do tiketu ${target.number}`);
    const targetView = (await api.get(`/tickets/${target.id}`)).body;
    expect(targetView.assetId).toBe(laptop.id);
    const moved = (await api.get(`/tickets/${target.id}/messages`)).body.items.map((x: { body: string }) => x.body);
    expect(moved.slice(0, 2)).toEqual(['Since Monday', 'Same as the other one']);
    expect(moved[2]).toContain(`Sloučeno z tiketu ${dup.number} (No Wi-Fi in room 2)`);
    const files = await owner.json(
      'GET',
      `/api/t/${owner.tenant.slug}/records?entityType=it.ticket&entityId=${target.id}`,
    );
    expect(files.body.records.map((r: { filename: string }) => r.filename)).toEqual(['wifi.log']);
    const told = (await inbox(member)).find((n) => n.category === 'it.tickets');
    expect(told?.title).toContain(dup.number);
    const audit = await owner.json('GET', `/api/t/${owner.tenant.slug}/audit?entityType=it.ticket&entityId=${dup.id}`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('it.ticket.merge');
    const movedAudit = await owner.json(
      'GET',
      `/api/t/${owner.tenant.slug}/audit?entityType=it.ticket&entityId=${target.id}`,
    );
    expect(movedAudit.body.entries.map((e: { action: string }) => e.action)).toContain('record.moved');

    // A merged ticket stays closed.
    expect((await api.post(`/tickets/${dup.id}/reopen`)).body.code).toBe('transition_blocked');
  });

  it('refuses merging into itself, into a closed ticket or into another tenant’s number, writing nothing', async () => {
    const a = await ticket({ title: 'Keyboard' });
    const closed = await ticket({ title: 'Old' }, owner);
    await api.post(`/tickets/${closed.id}/resolve`);
    await api.post(`/tickets/${closed.id}/close`);
    const foreign = await ticket({ title: 'Theirs' }, other);
    const messages = await count(t, 'ticket_messages');
    const self = await api.post(`/tickets/${a.id}/merge`, { into: a.number });
    expect(self.body).toMatchObject({ status: 400, code: 'merge_into_self' });
    const intoClosed = await api.post(`/tickets/${a.id}/merge`, { into: closed.number });
    expect(intoClosed.body).toMatchObject({ status: 409, code: 'merge_target_closed' });
    // The other tenant has its own T-0000x series; a number this tenant has not issued is not found.
    const missing = await api.post(`/tickets/${a.id}/merge`, { into: 'T-09999' });
    expect(missing.body).toMatchObject({ status: 400, code: 'merge_target_not_found' });
    const cross = await itApi(other).post(`/tickets/${foreign.id}/merge`, { into: a.number });
    expect(cross.body).toMatchObject({ status: 400, code: 'merge_target_not_found' });
    expect((await api.get(`/tickets/${a.id}`)).body).toMatchObject({ status: 'new', mergedIntoId: null });
    expect(await count(t, 'ticket_messages')).toBe(messages);
    expect((await api.post(`/tickets/${a.id}/merge`, { into: a.number }, member)).status).toBe(403);
  });
});

describe('a provider team as a category’s default', () => {
  it('lands new tickets of the category in the team’s queue, which its people work inside the firm', async () => {
    const provider = await t.signup({ tenant: { kind: 'provider' } });
    const engaged = await provider.json('POST', `/api/t/${provider.tenant.slug}/clients`, {
      client: { slug: owner.tenant.slug },
      modules: ['it'],
      grants: ['it.*'],
    });
    expect(engaged.status, JSON.stringify(engaged.body)).toBe(201);
    const accepted = await owner.json(
      'POST',
      `/api/t/${owner.tenant.slug}/providers/${engaged.body.engagement.id}/accept`,
    );
    expect(accepted.status).toBe(200);
    // The engagement named no team: the provider's person works in a team named after the client.
    const teams = (await api.get('/provider-teams')).body.items;
    expect(teams).toHaveLength(1);
    const team = teams[0];
    expect(team.label).toBe(`${team.name} (${team.provider})`);
    expect((await itApi(other).get('/provider-teams')).body.items).toEqual([]);

    const before = await count(t, 'ticket_categories');
    const both = await api.post('/ticket-categories', {
      nameCs: 'Síť',
      nameEn: 'Network',
      defaultAssigneeId: owner.userId,
      defaultTeamId: team.id,
    });
    expect(both.body).toMatchObject({ status: 400, code: 'assignee_or_team' });
    const stranger = await api.post('/ticket-categories', {
      nameCs: 'Síť',
      nameEn: 'Network',
      defaultTeamId: '0190f0e0-0000-7000-8000-000000000000',
    });
    expect(stranger.body).toMatchObject({ status: 400, code: 'team_not_engaged' });
    expect(stranger.body.errors[0]).toMatchObject({ path: 'defaultTeamId' });
    // Another firm the provider does not serve cannot name the team.
    const foreign = await itApi(other).post('/ticket-categories', {
      nameCs: 'Síť',
      nameEn: 'Network',
      defaultTeamId: team.id,
    });
    expect(foreign.body).toMatchObject({ status: 400, code: 'team_not_engaged' });
    expect(await count(t, 'ticket_categories')).toBe(before);

    const network = await api.post('/ticket-categories', { nameCs: 'Síť', nameEn: 'Network', defaultTeamId: team.id });
    expect(network.status, JSON.stringify(network.body)).toBe(201);
    expect(network.body).toMatchObject({ defaultTeamId: team.id, defaultTeam: team.label, defaultAssigneeId: null });

    const tk = await ticket({ title: 'VPN is down', categoryId: network.body.id });
    const created = (await api.get(`/tickets/${tk.id}`)).body;
    expect(created).toMatchObject({ status: 'new', assigneeId: null, teamId: team.id, team: team.label });
    // The team's queue: the provider's person sees it under myTeams; the firm's own staff by teamId.
    const clientBase = `/api/t/${owner.tenant.slug}/it`;
    const mine = await provider.json('GET', `${clientBase}/tickets?myTeams=true&open=true`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([tk.id]);
    expect((await api.get('/tickets?myTeams=true')).body.items).toEqual([]);
    expect((await api.get(`/tickets?teamId=${team.id}`)).body.items.map((x: { id: string }) => x.id)).toEqual([tk.id]);
    const started = await provider.json('POST', `${clientBase}/tickets/${tk.id}/start`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect((await api.get(`/tickets/${tk.id}`)).body).toMatchObject({
      status: 'in_progress',
      assigneeId: provider.userId,
      teamId: team.id,
    });

    // Naming a member instead clears the team; the next ticket goes to the member.
    const changed = await api.patch(`/ticket-categories/${network.body.id}`, { defaultAssigneeId: owner.userId });
    expect(changed.body).toMatchObject({ defaultAssigneeId: owner.userId, defaultTeamId: null, defaultTeam: null });
    const next = (await api.get(`/tickets/${(await ticket({ title: 'VPN again', categoryId: network.body.id })).id}`))
      .body;
    expect(next).toMatchObject({ assigneeId: owner.userId, teamId: null });
  });
});
