/**
 * Updates and health through the HTTP API on a real database (PGlite, or DATABASE_URL's PostgreSQL):
 * an agent posting readings with an API token holding `it.health.report` (found by tag or serial,
 * kept as history), refusals with a code per reading (unknown device, dates in the future) that write
 * nothing, a CSV import with a dry run and per-row errors, and the compliance report ("not updated in
 * 30 days", "warranty ends within 60 days") as JSON and CSV; another tenant sees nothing.
 */
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/server/index.ts';
import { count, itApi, memberWith } from './helpers.ts';

let t: TestBureau;
let owner: TestUser;
let other: TestUser;
let api: ReturnType<typeof itApi>;
const now = new Date('2026-06-15T10:00:00+02:00');
const clock = { now: () => now };
let laptop: { id: string; tag: string };
let phone: { id: string; tag: string };
let agent: Record<string, string>;

beforeAll(async () => {
  t = await createTestBureau({ plugins: [plugin], clock });
  [owner, other] = [await t.signup(), await t.signup()];
  await t.enableModule(owner, 'it');
  await t.enableModule(other, 'it');
  api = itApi(owner);
  laptop = await api.asset({ name: 'ThinkPad T14', serialNumber: 'PF3ABC', warrantyUntil: '2026-07-31' });
  phone = await api.asset({
    name: 'iPhone 15',
    category: 'Phones',
    serialNumber: 'F17XK1',
    warrantyUntil: '2026-09-30',
  });
  await api.asset({ name: 'Old desktop', warrantyUntil: '2026-06-01' });
  const token = await owner.json('POST', `/api/t/${owner.tenant.slug}/tokens`, {
    name: 'patch agent',
    permissions: ['it.health.report'],
  });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  agent = { authorization: `Bearer ${token.body.token}`, 'content-type': 'application/json' };
});
afterAll(() => t?.close());

const post = (body: unknown, headers = agent) =>
  t.app.request(`${api.base}/assets/health`, { method: 'POST', headers, body: JSON.stringify(body) });

describe('an agent reports health', () => {
  it('records a reading per report, by tag or serial, and keeps the history', async () => {
    const first = await post({
      readings: [
        {
          tag: laptop.tag.toLowerCase(),
          os: 'Windows 11',
          osVersion: '23H2',
          lastUpdateOn: '2026-04-01',
          patchState: 'updates_pending',
          lastSeenAt: '2026-06-15T07:55:00Z',
        },
        { serialNumber: 'F17XK1', os: 'iOS', osVersion: '17.5', lastUpdateOn: '2026-06-10', patchState: 'up_to_date' },
      ],
    });
    const body = (await first.json()) as any;
    expect(first.status, JSON.stringify(body)).toBe(201);
    expect(body.recorded).toBe(2);
    expect(body.readings[0]).toMatchObject({
      assetId: laptop.id,
      os: 'Windows 11',
      patchState: 'updates_pending',
      source: 'agent',
      reportedBy: 'token:patch agent',
    });
    const again = await post({
      readings: [
        { tag: laptop.tag, os: 'Windows 11', osVersion: '24H2', lastUpdateOn: '2026-04-20', patchState: 'up_to_date' },
      ],
    });
    expect(again.status).toBe(201);
    const history = await api.get(`/assets/${laptop.id}/health`);
    expect(history.body.items.map((r: any) => r.osVersion)).toEqual(['24H2', '23H2']);
  });

  it('refuses unknown devices and future dates with a code per reading, writing nothing', async () => {
    const before = await count(t, 'health_readings');
    const res = await post({
      readings: [
        { tag: laptop.tag, os: 'Windows 11', patchState: 'up_to_date', lastUpdateOn: '2026-06-16' },
        { tag: 'IT-99999', os: 'Windows 11', patchState: 'up_to_date' },
        { serialNumber: 'F17XK1', os: 'iOS', patchState: 'up_to_date', lastSeenAt: '2026-06-15T12:00:00+02:00' },
        { os: 'Linux', patchState: 'unsupported' },
      ],
    });
    const body = (await res.json()) as any;
    expect(res.status).toBe(400);
    expect(body.code).toBe('health_rejected');
    expect(body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['readings.0.lastUpdateOn', 'health_date_in_future'],
      ['readings.1.tag', 'health_asset_unknown'],
      ['readings.2.lastSeenAt', 'health_date_in_future'],
      ['readings.3.tag', 'health_device_missing'],
    ]);
    expect(await count(t, 'health_readings')).toBe(before);
    // Another tenant's tags are not devices here.
    const theirs = await itApi(other).asset({ name: 'Their laptop', tag: 'THEIRS-1' });
    expect((await post({ readings: [{ tag: theirs.tag, os: 'macOS', patchState: 'up_to_date' }] })).status).toBe(400);
    const foreign = await itApi(other).get(`/assets/${laptop.id}/health`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'not_found']);
  });

  it('needs the it.health.report permission: a member without it gets 403, bad input 400', async () => {
    const member = await memberWith(t, owner, 'member');
    const res = await member.json('POST', `${api.base}/assets/health`, {
      readings: [{ tag: laptop.tag, os: 'Windows 11', patchState: 'up_to_date' }],
    });
    expect(res.status).toBe(403);
    expect((await post({ readings: [{ tag: laptop.tag, os: 'Windows 11', patchState: 'fine' }] })).status).toBe(400);
    expect((await post({ readings: [] })).status).toBe(400);
  });
});

describe('a CSV file of readings', () => {
  it('dry-runs with per-row errors, then records only a file without failing rows', async () => {
    const before = await count(t, 'health_readings');
    const file = [
      'Štítek;Sériové číslo;Operační systém;Verze;Poslední aktualizace;Stav aktualizací;Naposledy viděno',
      `${laptop.tag};;Windows 11;24H2;1. 5. 2026;aktuální;14. 6. 2026`,
      ';F17XK1;iOS;17.5;20. 6. 2026;up to date;',
      'NOPE-1;;Windows 10;22H2;1. 1. 2026;nepodporováno;',
      `${laptop.tag};;Windows 11;;;fine;`,
    ].join('\n');
    const dry = await api.post('/assets/health/import', { csv: file, dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, recorded: 1, invalid: 3 });
    expect(dry.body.rows.map((r: any) => [r.line, r.result, r.errors.map((e: any) => `${e.path}:${e.code}`)])).toEqual([
      [2, 'recorded', []],
      [3, 'invalid', ['lastUpdateOn:health_date_in_future']],
      [4, 'invalid', ['tag:health_asset_unknown']],
      [5, 'invalid', ['patchState:health_patch_state']],
    ]);
    const real = await api.post('/assets/health/import', { csv: file, dryRun: false });
    expect(real.status).toBe(400);
    expect(real.body.code).toBe('import_rejected');
    expect(real.body.errors.map((e: any) => e.path)).toContain('line.3.lastUpdateOn');
    expect(await count(t, 'health_readings')).toBe(before);
    const good = await api.post('/assets/health/import', { csv: file.split('\n').slice(0, 2).join('\n') });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body).toMatchObject({ dryRun: false, recorded: 1, invalid: 0 });
    const [newest] = (await api.get(`/assets/${laptop.id}/health`)).body.items;
    expect(newest).toMatchObject({
      source: 'csv',
      lastUpdateOn: '2026-05-01',
      patchState: 'up_to_date',
      lastSeenAt: '2026-06-14T00:00:00.000Z',
    });
  });

  it('refuses a file without the needed columns or with an unknown one', async () => {
    expect((await api.post('/assets/health/import', { csv: 'tag;os\nX;Y', dryRun: true })).body.code).toBe(
      'import_missing_column',
    );
    expect(
      (await api.post('/assets/health/import', { csv: 'tag;os;patchState;colour\nX;Y;pending;red', dryRun: true })).body
        .code,
    ).toBe('import_unknown_column');
  });
});

describe('the compliance report', () => {
  it('lists devices not updated in 30 days and warranties ending within 60 days (as of 15 June 2026 in Prague)', async () => {
    // Newest readings: the laptop last updated 1 May 2026 (45 days), the phone 10 June (5 days).
    const res = await api.get('/compliance');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2026-06-15', updatedWithinDays: 30, warrantyWithinDays: 60 });
    expect(res.body.notUpdated.map((d: any) => [d.tag, d.daysSinceUpdate, d.patchState])).toEqual([
      [laptop.tag, 45, 'up_to_date'],
    ]);
    // The laptop's warranty ends 31 July (46 days); the phone's 30 September (107), the desktop's ended.
    expect(res.body.warrantyEnding.map((a: any) => [a.tag, a.daysLeft])).toEqual([[laptop.tag, 46]]);
    const wider = await api.get('/compliance?updatedWithinDays=3&warrantyWithinDays=120');
    expect(wider.body.notUpdated.map((d: any) => d.tag)).toEqual([laptop.tag, phone.tag]);
    expect(wider.body.warrantyEnding.map((a: any) => a.tag)).toEqual([laptop.tag, phone.tag]);
    expect((await api.get('/compliance?updatedWithinDays=0')).status).toBe(400);
    expect((await itApi(other).get('/compliance')).body.notUpdated).toEqual([]);
  });

  it('downloads as CSV in the asked language', async () => {
    const res = await owner.request('GET', `${api.base}/compliance?format=csv&lang=cs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    expect(text).toContain('Zjištění');
    expect(text).toContain('Neaktualizováno 30 dní');
    expect(text).toContain('Záruka končí do 60 dní');
    expect(text).toContain(laptop.tag);
  });
});
