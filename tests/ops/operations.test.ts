import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestBureau, type TestBureau, type TestUser } from '@bureau/core';
import { maintenanceApp } from '@bureau/core/ops';
import { installedPlugins } from '@bureau/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 22 inside a running server: maintenance mode (503 with Retry-After while an upgrade or a
 * restore runs), the operator's backup routes (the local token `pnpm backup` uses, operators' sessions),
 * and the daily backup as a platform schedule (once per day, keeping the last N, an e-mail when a
 * run fails).
 */

const INSTALLATION_LOCK = '4779879298869395457';
const OPERATOR = 'ops@bureau.example';
const LOCAL_TOKEN = 'local-token-for-the-test-0123456789abcdef';

let t: TestBureau;
let owner: TestUser;
let operator: TestUser;
let backupDir: string;

beforeAll(async () => {
  backupDir = join(tmpdir(), `bureau-ops-test-${process.pid}-${Date.now()}`);
  t = await createTestBureau({
    plugins: installedPlugins,
    config: { operators: [OPERATOR], backup: { dir: backupDir, hour: 2, keep: 2, passphrase: undefined } },
  });
  t.runtime.operations.localToken = LOCAL_TOKEN;
  owner = await t.signup({ tenant: { name: 'Firma s.r.o.' } });
  await t.signup({ email: OPERATOR, tenant: { kind: 'provider' } });
  operator = await t.login(OPERATOR, 'correct horse battery');
});

afterAll(async () => {
  await t?.close();
  await rm(backupDir, { recursive: true, force: true });
});

describe('maintenance mode', () => {
  it('answers tenant requests 503 with Retry-After while another process holds the installation lock', async () => {
    expect((await owner.request('GET', `/api/t/${owner.tenant.slug}/members`)).status).toBe(200);
    // A restore or upgrade elsewhere: on a server another session; on PGlite its one session.
    let other: pg.Client | null = null;
    if (t.runtime.database.kind === 'postgres') {
      const url = (t.runtime.database.pool?.options as { connectionString?: string } | undefined)?.connectionString;
      other = new pg.Client({ connectionString: url });
      await other.connect();
      await other.query('select pg_advisory_lock($1::bigint)', [INSTALLATION_LOCK]);
    } else {
      await t.runtime.database.pglite?.query('select pg_advisory_lock($1::bigint)', [INSTALLATION_LOCK]);
    }
    try {
      expect(await t.runtime.operations.maintenance.check(t.runtime.database)).toBe(true);
      const res = await owner.request('GET', `/api/t/${owner.tenant.slug}/members`, undefined, {
        'accept-language': 'cs',
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await res.json()) as { code: string; title: string };
      expect(body.code).toBe('maintenance');
      expect(body.title).toMatch(/obnovuje ze zálohy/);
      const status = await owner.json('GET', '/api/maintenance');
      expect(status).toMatchObject({ status: 200, body: { maintenance: true, reason: 'restore' } });
      expect((await t.app.request('/readyz')).status).toBe(503);
    } finally {
      if (other) {
        await other.query('select pg_advisory_unlock($1::bigint)', [INSTALLATION_LOCK]);
        await other.end();
      } else {
        await t.runtime.database.pglite?.query('select pg_advisory_unlock($1::bigint)', [INSTALLATION_LOCK]);
      }
    }
    expect(await t.runtime.operations.maintenance.check(t.runtime.database)).toBe(false);
    expect((await owner.request('GET', `/api/t/${owner.tenant.slug}/members`)).status).toBe(200);
    expect((await owner.json('GET', '/api/maintenance')).body).toEqual({ maintenance: false });
  });

  it('serves the maintenance answer while a server is still upgrading its database', async () => {
    const app = maintenanceApp('upgrade');
    const api = await app.request('/api/me', { headers: { 'accept-language': 'en' } });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await api.json()) as { title: string }).title).toMatch(/being upgraded/);
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(503);
    expect(await (await app.request('/api/maintenance')).json()).toMatchObject({
      maintenance: true,
      reason: 'upgrade',
    });
  });
});

describe('operator backup routes', () => {
  const local = { authorization: `Bearer ${LOCAL_TOKEN}`, 'content-type': 'application/json' };

  it('refuses the signed-out, members and a wrong token', async () => {
    expect((await t.anonymous().request('GET', '/api/operator/backups')).status).toBe(401);
    expect((await owner.request('GET', '/api/operator/backups')).status).toBe(403);
    const wrong = await t.app.request('/api/operator/backups', {
      method: 'POST',
      headers: { ...local, authorization: 'Bearer nope' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    expect((await operator.request('GET', '/api/operator/backups/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
    expect((await operator.request('GET', '/api/operator/backups/bureau-2020-01-01T00-00-00Z.tar.gz')).status).toBe(
      404,
    );
  });

  it('makes a backup for the local token, lists it and lets an operator download it', async () => {
    const made = await t.app.request('/api/operator/backups', { method: 'POST', headers: local, body: '{}' });
    expect(made.status).toBe(201);
    const m = (await made.json()) as { name: string; path: string; sha256: string; tenants: number };
    expect(m.tenants).toBe(2);
    const list = await operator.json('GET', '/api/operator/backups');
    expect(list.body.backups.map((b: { name: string }) => b.name)).toContain(m.name);
    expect(list.body.schedule).toMatchObject({ hour: 2, keep: 2 });
    const download = await operator.request('GET', `/api/operator/backups/${m.name}`);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256);
    expect(bytes.equals(await readFile(m.path))).toBe(true);
  }, 120_000);
});

describe('scheduled backups', () => {
  // 02:30 in Prague on three summer days: each is a new daily period of the 02:00 schedule.
  const day = (d: number) => new Date(`2025-06-0${d}T00:30:00Z`);

  it('runs daily at the configured hour as a platform schedule and keeps the newest N', async () => {
    await mkdir(backupDir, { recursive: true });
    for (const d of ['2001-01-01', '2001-01-02', '2001-01-03']) {
      await writeFile(join(backupDir, `bureau-${d}T02-00-00Z.tar.gz`), 'old');
    }
    await writeFile(join(backupDir, 'notes.txt'), 'not a backup: never pruned');
    const report = await t.schedules.runDue(day(2));
    // Other schedules (records disposal proposals, plugins' jobs) may fall due in the same call and
    // are tested where they belong: this test looks at the backup's own run.
    expect(report.due.some((d) => d.schedule.endsWith('backup'))).toBe(true);
    const backupRun = await t.runtime.db
      .selectFrom('core.platform_runs')
      .select(['status', 'error'])
      .where('schedule', 'like', '%backup')
      .where('scheduled_for', '=', new Date('2025-06-02T00:00:00.000Z'))
      .executeTakeFirst();
    expect(backupRun, JSON.stringify(report)).toMatchObject({ status: 'succeeded', error: null });
    expect((await t.schedules.runDue(day(2))).succeeded, 'once per period').toBe(0);
    const left = (await readdir(backupDir)).sort();
    expect(left).toHaveLength(3);
    expect(left).toContain('notes.txt');
    expect(left).not.toContain('bureau-2001-01-02T02-00-00Z.tar.gz');
    const list = await operator.json('GET', '/api/operator/backups');
    expect(list.body.schedule.last).toMatchObject({ at: '2025-06-02T00:00:00.000Z', ok: true });
    expect(list.body.schedule.next).toMatch(/T0[01]:00:00\.000Z$/);
  }, 120_000);

  it('e-mails the operators when a scheduled backup fails, and the firm owners when there are none', async () => {
    const sent = t.runtime.mailer.outbox.length;
    const config = t.runtime.config;
    const saved = config.backup.dir;
    // A backup directory that cannot be created: a file is in the way.
    config.backup.dir = join(backupDir, 'notes.txt', 'sub');
    await t.runtime.db.updateTable('core.users').set({ locale: 'en' }).where('email', '=', OPERATOR).execute();
    try {
      const failing = await t.schedules.runDue(day(3));
      expect(failing.due.some((d) => d.schedule.endsWith('backup'))).toBe(true);
      expect(failing.failed).toBe(1);
      const mails = t.runtime.mailer.outbox.slice(sent);
      expect(mails.map((m) => m.to)).toEqual([OPERATOR]);
      expect(mails[0]?.subject).toBe('Bureau: the scheduled backup failed');
      expect(mails[0]?.text).toMatch(/ENOTDIR|not a directory/);
      const list = await operator.json('GET', '/api/operator/backups');
      expect(list.body.schedule.last).toMatchObject({ at: '2025-06-03T00:00:00.000Z', ok: false });

      config.operators = [];
      await t.runtime.db.updateTable('core.users').set({ locale: 'cs' }).where('id', '=', owner.userId).execute();
      const before = t.runtime.mailer.outbox.length;
      await t.schedules.runDue(day(4));
      const toOwners = t.runtime.mailer.outbox.slice(before);
      expect(toOwners.map((m) => m.to)).toEqual([owner.email]);
      expect(toOwners[0]?.subject).toBe('Bureau: plánovaná záloha selhala');
    } finally {
      config.backup.dir = saved;
      config.operators = [OPERATOR];
    }
  }, 120_000);
});
