/**
 * Issue 19, item 6: Prometheus metrics at /metrics, behind BUREAU_METRICS_TOKEN. Figures are checked
 * by what happened (requests answered, events waiting), never by how long anything took.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_QUEUE } from '../src/events/dispatcher.ts';
import { createTestBureau, type TestBureau } from '../src/index.ts';

const TOKEN = 'metrics-token-of-the-scraper-0123456789';
let t: TestBureau;

beforeAll(async () => {
  t = await createTestBureau({ config: { metricsToken: TOKEN } });
});
afterAll(() => t.close());

const scrape = async (token: string | null = TOKEN) =>
  t.app.request(`${t.origin}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The value of one sample line, e.g. value(text, 'bureau_event_outbox_depth'); null when absent. */
function value(text: string, sample: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : null;
}

describe('/metrics', () => {
  it('answers 401 without the token or with another, 404 when no token is configured', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('metrics-token-of-somebody-else-0123456')).status).toBe(401);
    const res = await scrape(`${TOKEN}x`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    t.runtime.config.metricsToken = null;
    try {
      expect((await scrape()).status).toBe(404);
    } finally {
      t.runtime.config.metricsToken = TOKEN;
    }
  });

  it('counts requests by route template and status, and the tenant transactions', async () => {
    const user = await t.signup();
    const before = await (await scrape()).text();
    const members =
      'bureau_http_request_duration_seconds_count{method="GET",route="/api/t/:tenant/members",status="200"}';
    const transactions = 'bureau_tenant_transaction_duration_seconds_count';
    for (let i = 0; i < 3; i++)
      expect((await user.request('GET', `/api/t/${user.tenant.slug}/members`)).status).toBe(200);
    expect((await user.request('GET', '/api/t/no-such-firm/members')).status).toBe(404);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const after = await res.text();
    expect((value(after, members) ?? 0) - (value(before, members) ?? 0)).toBe(3);
    expect(
      value(
        after,
        'bureau_http_request_duration_seconds_count{method="GET",route="/api/t/:tenant/members",status="404"}',
      ),
    ).toBe(1);
    // Three tenant transactions, at least (the 404 never opened one).
    expect((value(after, transactions) ?? 0) - (value(before, transactions) ?? 0)).toBe(3);
    // The concrete slug never becomes a label: one series per route template.
    expect(after).not.toContain(user.tenant.slug);
  });

  it('shows events waiting in the outbox, then in the job queue, then delivered', async () => {
    await t.events.drain();
    expect(value(await (await scrape()).text(), 'bureau_event_outbox_depth')).toBe(0);
    const user = await t.signup();
    // Parties of the address book: their events are committed with them.
    for (const name of ['Alfa s.r.o.', 'Beta a.s.']) {
      expect((await user.json('POST', `/api/t/${user.tenant.slug}/parties`, { name })).status).toBe(201);
    }
    const waiting = value(await (await scrape()).text(), 'bureau_event_outbox_depth') ?? 0;
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from core.outbox where dispatched_at is null`.execute(t.runtime.db);
    expect(waiting).toBeGreaterThan(0);
    expect(waiting).toBe(rows[0]?.n);
    expect(await t.events.dispatchPending()).toBe(waiting);
    const queued = await (await scrape()).text();
    expect(value(queued, 'bureau_event_outbox_depth')).toBe(0);
    expect(value(queued, `bureau_job_queue_ready{queue="${EVENTS_QUEUE}"}`)).toBe(waiting);
    expect(value(queued, `bureau_job_queue_lag_seconds{queue="${EVENTS_QUEUE}"}`)).toBeGreaterThanOrEqual(0);
    await t.events.drain();
    expect(value(await (await scrape()).text(), `bureau_job_queue_ready{queue="${EVENTS_QUEUE}"}`)).toBeNull();
  });

  it('reports the pool on PostgreSQL and the scheduled runs by result', async () => {
    const text = await (await scrape()).text();
    if (t.runtime.database.pool) {
      expect(value(text, 'bureau_db_pool_connections{state="waiting"}')).toBe(0);
      expect(value(text, 'bureau_db_pool_connections{state="idle"}')).toBeGreaterThan(0);
    } else {
      expect(text).not.toContain('bureau_db_pool_connections{');
    }
    expect(text).toContain('# TYPE bureau_scheduled_runs_total counter');
    // The records' nightly disposal proposals (03:30) run once for the night asked for.
    const report = await t.schedules.runDue(new Date('2031-05-06T03:31:00Z'));
    expect(report.succeeded).toBeGreaterThan(0);
    const runs = await (await scrape()).text();
    const succeeded = runs
      .split('\n')
      .filter((l) => /^bureau_scheduled_runs_total\{schedule="[^"]+",result="succeeded"\} /.test(l))
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    expect(succeeded).toBe(report.succeeded);
  });
});
