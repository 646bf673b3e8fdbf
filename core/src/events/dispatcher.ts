import { sql } from 'kysely';
import { fromKysely, fromPglite, type Job, type JobResult, type JobWithMetadata, PgBoss } from 'pg-boss';
import type { BureauEvent } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';
import { recordDeadLetter, resolveDeadLetter } from './dead-letters.ts';
import { deliverEvent, type EventJob } from './delivery.ts';

/** The pg-boss queue events are delivered from, and where pg-boss moves them after the last retry. */
export const EVENTS_QUEUE = 'bureau-events';
export const DEAD_LETTER_QUEUE = 'bureau-events-dead';

export interface EventOptions {
  /** Retries after the first attempt before an event is dead-lettered. Default 5. */
  retryLimit?: number;
  /** Seconds before the first retry; later retries back off exponentially (with jitter). Default 10. */
  retryDelaySeconds?: number;
  /** Longest wait between retries, seconds. Default 3600. */
  retryDelayMaxSeconds?: number;
  /** Seconds a delivery may stay active before it counts as failed (e.g. its process died). Default 300. */
  expireInSeconds?: number;
  /** How often pg-boss looks for deliveries that ran past expireInSeconds (and fails them for a retry). Default 60. */
  superviseIntervalSeconds?: number;
  /** How often committed outbox rows are moved to pg-boss, ms. Default 500. */
  pollIntervalMs?: number;
  /** Deliver in the background (outbox poll + pg-boss workers). Default true; drain() works either way. */
  background?: boolean;
  /** Called after every handler of an event committed, before pg-boss marks the job done. */
  onDelivered?: (event: BureauEvent, handled: string[]) => void | Promise<void>;
}

export interface DrainResult {
  /** Outbox rows moved to pg-boss. */
  dispatched: number;
  /** Jobs delivered (all handlers done or skipped). */
  delivered: number;
  /** Jobs that failed this round (retried later, or dead-lettered). */
  failed: number;
  /** Dead letters recorded. */
  deadLettered: number;
}

export interface EventDispatcher {
  /** Moves committed, undispatched outbox rows to pg-boss in one transaction; returns how many. */
  dispatchPending(): Promise<number>;
  /**
   * For tests and scripts: dispatches the outbox, then delivers every job (by default also those
   * waiting out a retry backoff) and records dead letters, until no event job is left unsettled.
   * Bounded by `timeoutMs` (default 15 s); throws when it runs out.
   */
  drain(options?: { timeoutMs?: number; includeDelayed?: boolean }): Promise<DrainResult>;
  /** Stops polling and the pg-boss workers; lets running deliveries finish. */
  stop(): Promise<void>;
  /** The pg-boss instance (queues EVENTS_QUEUE and DEAD_LETTER_QUEUE). */
  readonly boss: PgBoss;
}

const DEFAULTS = {
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryDelayMaxSeconds: 3600,
  expireInSeconds: 300,
  superviseIntervalSeconds: 60,
  pollIntervalMs: 500,
  background: true,
};

type DeadJob = JobWithMetadata<EventJob & { redrive?: boolean }>;

function newBoss(runtime: Runtime, supervise: number): PgBoss {
  const common = {
    schema: 'pgboss',
    schedule: false,
    persistWarnings: false,
    superviseIntervalSeconds: supervise,
    monitorIntervalSeconds: supervise,
  } as const;
  const { database } = runtime;
  if (database.kind === 'pglite' && database.pglite) {
    return new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
  }
  const connectionString = (database.pool?.options as { connectionString?: string } | undefined)?.connectionString;
  if (!connectionString) throw new Error('events: the database pool has no connection string for pg-boss');
  return new PgBoss({ ...common, connectionString, max: 3, application_name: 'bureau-events' });
}

/**
 * Starts event delivery: a poll that moves committed outbox rows to pg-boss (in one transaction with
 * marking them dispatched, so each row becomes exactly one job), a pg-boss worker that delivers each
 * job to the enabled modules' handlers (at-least-once, retried with exponential backoff), and a
 * worker on the dead letter queue that records events that failed every retry in their tenant's
 * dead-letter list.
 *
 * Embedded mode runs pg-boss on the same PGlite instance. PGlite runs one transaction at a time and
 * Kysely's PGlite dialect holds it for a whole transaction, so nothing here awaits pg-boss's own
 * connection inside a Kysely transaction: jobs are inserted through that transaction (fromKysely).
 */
export async function startEventDispatcher(runtime: Runtime, options: EventOptions = {}): Promise<EventDispatcher> {
  const o = { ...DEFAULTS, ...options };
  const boss = newBoss(runtime, o.superviseIntervalSeconds);
  boss.on('error', (error) => runtime.log('error', 'pg-boss error', { error: String(error?.message ?? error) }));
  const queue = {
    retryLimit: o.retryLimit,
    retryDelay: o.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: o.retryDelayMaxSeconds,
    expireInSeconds: o.expireInSeconds,
  };
  try {
    await boss.start();
    await boss.createQueue(DEAD_LETTER_QUEUE, { retryLimit: 10, retryDelay: 30, retryBackoff: true });
    await boss.createQueue(EVENTS_QUEUE, { ...queue, deadLetter: DEAD_LETTER_QUEUE });
    // createQueue keeps an existing queue as it was: apply the current settings.
    await boss.updateQueue(EVENTS_QUEUE, { ...queue, deadLetter: DEAD_LETTER_QUEUE });
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw new Error(`events: pg-boss did not start: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }

  let stopped = false;
  let inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };

  async function dispatchPending(): Promise<number> {
    let count = 0;
    for (;;) {
      const n = await runtime.db.transaction().execute(async (trx) => {
        const rows = await sql<{ tenant_id: string; id: string; redriven_at: Date | null }>`
          select tenant_id, id, redriven_at from core.outbox
          where dispatched_at is null
          order by id
          limit 200
          for update skip locked`.execute(trx);
        if (!rows.rows.length) return 0;
        await boss.insert(
          EVENTS_QUEUE,
          rows.rows.map((r) => ({
            data: { tenantId: r.tenant_id, eventId: r.id, ...(r.redriven_at ? { redrive: true } : {}) },
          })),
          { db: fromKysely(trx) },
        );
        await sql`
          update core.outbox set dispatched_at = ${runtime.clock.now()}, redriven_at = null
          where (tenant_id, id) in (
            select * from unnest(${rows.rows.map((r) => r.tenant_id)}::uuid[], ${rows.rows.map((r) => r.id)}::uuid[])
          )`.execute(trx);
        return rows.rows.length;
      });
      count += n;
      if (n < 200) return count;
    }
  }

  /** Delivers one job; resolves to its pg-boss outcome. */
  async function deliverJob(job: { id: string; data: EventJob & { redrive?: boolean } }): Promise<JobResult> {
    try {
      const result = await deliverEvent(runtime, job.data);
      if (result.event) {
        if (job.data.redrive) await resolveDeadLetter(runtime, job.data);
        await o.onDelivered?.(result.event, result.handled);
      }
      return { id: job.id, status: 'completed' };
    } catch (err) {
      return { id: job.id, status: 'failed', output: { message: err instanceof Error ? err.message : String(err) } };
    }
  }

  async function recordDead(job: DeadJob): Promise<JobResult> {
    const output = job.sourceOutput as { message?: string; value?: { message?: string } } | null;
    const error = output?.message ?? output?.value?.message ?? JSON.stringify(output ?? 'failed');
    await recordDeadLetter(runtime, job.data, { error, attempts: (job.sourceRetryCount ?? 0) + 1 });
    return { id: job.id, status: 'completed' };
  }

  let eventsWorker: string | null = null;
  let poll: ReturnType<typeof setTimeout> | null = null;
  let polling: Promise<unknown> = Promise.resolve();
  const schedulePoll = () => {
    if (stopped) return;
    poll = setTimeout(() => {
      polling = dispatchPending()
        .then((n) => {
          if (n && eventsWorker) boss.notifyWorker(eventsWorker);
        })
        .catch((error) => runtime.log('error', 'event dispatch failed', { error: String(error?.message ?? error) }))
        .finally(schedulePoll);
    }, o.pollIntervalMs);
    poll.unref?.();
  };

  if (o.background) {
    eventsWorker = await boss.work(
      EVENTS_QUEUE,
      { batchSize: 5, perJobResults: true, pollingIntervalSeconds: 1, burstWhenBatchFull: true },
      (jobs) => track(Promise.all(jobs.map((j) => deliverJob(j as Job<EventJob>)))),
    );
    await boss.work(DEAD_LETTER_QUEUE, { batchSize: 5, perJobResults: true, includeMetadata: true }, (jobs) =>
      track(Promise.all(jobs.map((j) => recordDead(j as DeadJob)))),
    );
    schedulePoll();
  }

  async function unsettled(): Promise<number> {
    const names = [EVENTS_QUEUE, DEAD_LETTER_QUEUE];
    let n = 0;
    for (const name of names) {
      const q = await boss.getQueue(name);
      if (!q) continue;
      const r = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.id('pgboss', q.table)}
        where name = ${name} and state < 'completed'`.execute(runtime.db);
      n += r.rows[0]?.n ?? 0;
    }
    return n;
  }

  async function drain(opts: { timeoutMs?: number; includeDelayed?: boolean } = {}): Promise<DrainResult> {
    const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
    const includeDelayed = opts.includeDelayed ?? true;
    const result: DrainResult = { dispatched: 0, delivered: 0, failed: 0, deadLettered: 0 };
    for (;;) {
      result.dispatched += await dispatchPending();
      // Fails deliveries whose process died (active past expireInSeconds) so they are retried.
      await boss.supervise(EVENTS_QUEUE);
      const jobs = await boss.fetch<EventJob>(EVENTS_QUEUE, { batchSize: 20, ignoreStartAfter: includeDelayed });
      for (const job of jobs) {
        const outcome = await track(deliverJob(job));
        if (outcome.status === 'completed') {
          await boss.complete(EVENTS_QUEUE, job);
          result.delivered++;
        } else {
          await boss.fail(EVENTS_QUEUE, job, outcome.output);
          result.failed++;
        }
      }
      const dead = await boss.fetch<EventJob>(DEAD_LETTER_QUEUE, { batchSize: 20, includeMetadata: true });
      for (const job of dead) {
        await track(recordDead(job as DeadJob));
        await boss.complete(DEAD_LETTER_QUEUE, job);
        result.deadLettered++;
      }
      await Promise.allSettled([...inFlight]);
      if (!jobs.length && !dead.length) {
        const left = (includeDelayed ? await unsettled() : 0) + (await pendingOutbox());
        if (!left) return result;
      }
      if (Date.now() > deadline) throw new Error(`events: drain timed out (${JSON.stringify(result)})`);
      if (!jobs.length && !dead.length) await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function pendingOutbox(): Promise<number> {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from core.outbox where dispatched_at is null`.execute(runtime.db);
    return r.rows[0]?.n ?? 0;
  }

  async function stop() {
    if (stopped) return;
    stopped = true;
    if (poll) clearTimeout(poll);
    await polling;
    await boss.stop({ graceful: true, timeout: 10_000 });
    await Promise.allSettled([...inFlight]);
    inFlight = new Set();
  }

  return { dispatchPending, drain, stop, boss };
}
