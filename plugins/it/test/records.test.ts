/**
 * IT's record classes (issue 18) through core's records API on a real database: the retention
 * schedule lists the four classes with the civil code's limitation period as a default (no
 * statutory minimum); a member's data-subject request finds the tickets she raised and the assets
 * she held, and their erasure removes her name and words while the asset and IT's work stay; as the
 * years pass, a closed ticket is deleted three years after closing, a retired asset's check-out
 * history anonymised three years after the end of the year of retirement (§ 629 odst. 1 občanského
 * zákoníku: three years), and the audit chain still verifies.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { assetRecords, licenceRecords, ticketRecords } from '../src/server/records.ts';
import { itApi, memberWith } from './helpers.ts';

let now = new Date('2024-03-15T09:00:00Z');
const clock = { now: () => now };
let t: TestBureau;
let owner: TestUser;
let member: TestUser;
let other: TestUser;
let api: ReturnType<typeof itApi>;
let base: string;
let assetId: string;
let keptAssetId: string;
let ticketId: string;

const schedule = async () => {
  const res = await owner.json('GET', `${base}/records/schedule`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.classes.map((c: any) => [c.key, c]));
};
const dispose = async (recordClass: string, total: number) => {
  expect((await owner.json('POST', `${base}/records/disposal/proposals/refresh`, {})).status).toBe(200);
  const run = await owner.json('POST', `${base}/records/disposal/approve`, { recordClass });
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  expect(run.body).toMatchObject({ status: 'queued', total });
  expect(await t.records.runPending()).toBe(1);
};

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin], clock });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'it');
  await t.enableModule(other, 'it');
  member = await memberWith(t, owner, 'member');
  api = itApi(owner);
  base = `/api/t/${owner.tenant.slug}`;
  assetId = (await api.asset({ name: 'ThinkPad X1', tag: 'NB-1' })).id;
  keptAssetId = (await api.asset({ name: 'Dell monitor', tag: 'MON-1' })).id;
  for (const id of [assetId, keptAssetId])
    expect((await api.post(`/assets/${id}/checkout`, { userId: member.userId, note: 'home office' })).status).toBe(200);
  expect((await api.post(`/assets/${assetId}/checkin`)).status).toBe(200);
  expect((await api.post(`/assets/${assetId}/retire`, { reason: 'sold' })).status).toBe(200);
  const ticket = await api.post(
    '/tickets',
    { title: 'Printer jams', description: 'Jana Nováková, 2nd floor: the printer jams', priority: 'normal' },
    member,
  );
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  ticketId = ticket.body.id;
  expect((await api.post(`/tickets/${ticketId}/messages`, { body: 'Cleaned the rollers.' })).status).toBe(201);
  for (const step of ['resolve', 'close']) expect((await api.post(`/tickets/${ticketId}/${step}`)).status).toBe(200);
  const licence = await api.post('/licences', { name: 'Adobe Acrobat', seats: 1, expiresOn: '2024-06-30' });
  expect(licence.status, JSON.stringify(licence.body)).toBe(201);
});
afterAll(() => t?.close());

describe('IT record classes', () => {
  it('are on the retention schedule: the civil limitation period as a default, no statutory minimum', async () => {
    const c = await schedule();
    for (const [key, trigger, disposal] of [
      ['it.assets', 'year_end', 'anonymise'],
      ['it.tickets', 'last_contact', 'delete'],
      ['it.maintenance', 'year_end', 'anonymise'],
      ['it.licences', 'year_end', 'anonymise'],
    ]) {
      expect(c[key as string], key).toMatchObject({ trigger, disposal, minimum: { years: 0, months: 0 }, due: 0 });
      expect(c[key as string].statutes.map((s: any) => s.source).join(' ')).toContain(
        '89/2012 Sb., občanský zákoník, § 629',
      );
    }
  });

  it('counts from retirement, closing and expiry; records in use are not triggered; another tenant has none', async () => {
    const [assets, tickets, licences] = await t.inTenant(owner.tenant.id, async (ctx) => [
      await assetRecords(ctx, {}),
      await ticketRecords(ctx, {}),
      await licenceRecords(ctx, {}),
    ]);
    expect(assets.map((r) => [r.label, r.triggerDate])).toEqual([
      ['NB-1 ThinkPad X1', '2024-12-31'],
      ['MON-1 Dell monitor', null],
    ]);
    expect(tickets.map((r) => r.triggerDate)).toEqual(['2024-03-15']);
    // Expiring on 30 June 2024: not yet expired on 15 March.
    expect(licences.map((r) => r.triggerDate)).toEqual([null]);
    expect(await t.inTenant(other.tenant.id, (ctx) => assetRecords(ctx, {}))).toEqual([]);
  });

  it("finds a member's tickets and held assets for her request; erasure removes her name and words only", async () => {
    const req = await owner.json('POST', `${base}/records/requests`, {
      kind: 'erasure',
      subject: { email: member.email.toUpperCase() },
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const data = await owner.json('GET', `${base}/records/requests/${req.body.id}/data`);
    const mine = data.body.modules.find((m: any) => m.module === 'it');
    expect(mine.items.map((i: any) => [i.recordClass, i.id])).toEqual([
      ['it.tickets', ticketId],
      ['it.assets', assetId],
      ['it.assets', keptAssetId],
    ]);
    expect(mine.items[0].data.description).toContain('Jana Nováková');
    expect(mine.items[1].data.checkouts[0]).toMatchObject({ note: 'home office', checkedInAt: expect.any(String) });
    // The asset's own papers are the firm's: erasing her holder history must leave them.
    const form = new FormData();
    form.set('file', new File([new TextEncoder().encode('%PDF-1.4 faktura za notebook')], 'faktura.pdf'));
    form.set('entityType', 'it.asset');
    form.set('entityId', assetId);
    const up = await t.app.request(`${t.origin}${base}/records`, {
      method: 'POST',
      headers: { origin: t.origin, cookie: owner.cookie },
      body: form,
    });
    expect(up.status).toBe(201);
    const erased = await owner.json('POST', `${base}/records/requests/${req.body.id}/erase`, {
      items: [
        { recordClass: 'it.tickets', id: ticketId },
        { recordClass: 'it.assets', id: assetId },
      ],
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const ticket = (await api.get(`/tickets/${ticketId}`)).body;
    expect(ticket).toMatchObject({ requester: '—', description: '—', title: 'Printer jams', status: 'closed' });
    const history = (await api.get(`/assets/${assetId}/assignments`)).body.items;
    expect(history.map((g: any) => [g.holder, g.note])).toEqual([['—', null]]);
    const papers = await owner.json('GET', `${base}/records?entityType=it.asset&entityId=${assetId}`);
    expect(papers.body.records.map((r: { filename: string }) => r.filename)).toEqual(['faktura.pdf']);
    // The asset not chosen keeps its holder.
    expect((await api.get(`/assets/${keptAssetId}`)).body.holder).not.toBe('—');
  });

  it('deletes a closed ticket and anonymises a retired asset’s history after three years; the chain verifies', async () => {
    now = new Date('2027-03-15T09:00:00Z');
    expect((await schedule())['it.tickets'].due).toBe(0);
    now = new Date('2028-01-02T09:00:00Z');
    const c = await schedule();
    expect([c['it.tickets'].due, c['it.assets'].due, c['it.licences'].due]).toEqual([1, 1, 1]);
    await dispose('it.tickets', 1);
    expect((await api.get(`/tickets/${ticketId}`)).status).toBe(404);
    await dispose('it.assets', 1);
    expect((await api.get(`/assets/${assetId}`)).body).toMatchObject({ tag: 'NB-1', status: 'retired' });
    expect((await api.get(`/assets/${keptAssetId}`)).body.holderType).toBe('user');
    expect((await owner.json('GET', `${base}/audit/verify`)).body.ok).toBe(true);
  });
});
