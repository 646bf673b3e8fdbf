import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestStats } from '../db/request-stats.ts';
import { cm } from '../i18n/core-messages.ts';
import type { Runtime } from '../runtime.ts';
import type { ScheduleStats } from '../schedules/runner.ts';
import { renderProblem } from './errors.ts';
import { notFound, unauthorized } from './problem.ts';

/**
 * Prometheus metrics of one app instance (issue 19, item 6), served at `/metrics` to a scraper that
 * shows `BUREAU_METRICS_TOKEN` as a Bearer token; without the variable the route does not exist.
 * Request latency by route template and status, the tenant transaction's time, the database pool,
 * the event outbox, the job queues and scheduled runs. Each instance has its own registry: several
 * Bureaus in one process (tests) do not mix their figures.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One answered request: its route template (`/api/t/:tenant/members`), status and phases. */
  observe(c: Context, seconds: number, stats: RequestStats): void;
  /** Where the scheduled-run counters come from once the scheduler runs (bureau.ts). */
  scheduleStats: () => ScheduleStats;
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The phases of a tenant request that run inside its transaction (request-stats.ts, tenant-middleware.ts). */
const TRANSACTION_PHASES = ['enter', 'guards', 'handler', 'commit'];

export function createMetrics(runtime: Runtime): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Histogram({
    name: 'bureau_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: BUCKETS,
    registers,
  });
  const transactions = new Histogram({
    name: 'bureau_tenant_transaction_duration_seconds',
    help: "Time a tenant request's transaction was open (BEGIN with the tenant entry to COMMIT)",
    buckets: BUCKETS,
    registers,
  });
  new Gauge({
    name: 'bureau_db_pool_connections',
    help: "Connections of this instance's PostgreSQL pool: in use, idle, and requests waiting for one",
    labelNames: ['state'] as const,
    registers,
    collect() {
      const pool = runtime.database.pool;
      if (!pool) return;
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'bureau_event_outbox_depth',
    help: 'Committed events not yet moved to the job queue',
    registers,
    async collect() {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from core.outbox where dispatched_at is null`.execute(runtime.db);
      this.set(rows[0]?.n ?? 0);
    },
  });
  const queued = async () =>
    (
      await sql<{ queue: string; ready: number; lag: number | null }>`
        select name as queue,
          count(*) filter (where start_after <= now())::int as ready,
          extract(epoch from now() - min(start_after) filter (where start_after <= now()))::float8 as lag
        from pgboss.job where state in ('created', 'retry') group by name`.execute(runtime.db)
    ).rows;
  new Gauge({
    name: 'bureau_job_queue_ready',
    help: 'Jobs ready to run and not yet started, per queue',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      for (const q of await queued()) this.set({ queue: q.queue }, q.ready);
    },
  });
  new Gauge({
    name: 'bureau_job_queue_lag_seconds',
    help: 'How long the oldest job ready to run has waited, per queue',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      for (const q of await queued()) this.set({ queue: q.queue }, q.lag ?? 0);
    },
  });
  const metrics: Metrics = {
    registry,
    scheduleStats: () => ({}),
    observe(c, seconds, stats) {
      const status = String(c.res.status);
      requests.observe({ method: c.req.method, route: routePath(c, -1), status }, seconds);
      if (!stats.phases.has('enter')) return;
      let ms = 0;
      for (const p of TRANSACTION_PHASES) ms += stats.phases.get(p) ?? 0;
      transactions.observe(ms / 1000);
    },
  };
  new Counter({
    name: 'bureau_scheduled_runs_total',
    help: 'Scheduled job runs by this instance since it started, by schedule and result (failed: the run threw)',
    labelNames: ['schedule', 'result'] as const,
    registers,
    collect() {
      this.reset();
      for (const [schedule, s] of Object.entries(metrics.scheduleStats())) {
        this.inc({ schedule, result: 'succeeded' }, s.succeeded);
        this.inc({ schedule, result: 'failed' }, s.failed);
        this.inc({ schedule, result: 'skipped' }, s.skipped);
      }
    },
  });
  return metrics;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** GET /metrics: 404 unless BUREAU_METRICS_TOKEN is set, 401 without that token, else the text format. */
export async function metricsRoute(c: Context, runtime: Runtime): Promise<Response> {
  const token = runtime.config.metricsToken;
  if (!token) return renderProblem(c, notFound(cm.no_route));
  const header = c.req.header('authorization') ?? '';
  const shown = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!shown || !timingSafeEqual(digest(shown), digest(token))) return renderProblem(c, unauthorized());
  const { registry } = runtime.metrics;
  return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
}
