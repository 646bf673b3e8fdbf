import { sql } from 'kysely';
import { fromKysely, type Job, type JobResult, type PgBoss } from 'pg-boss';
import { withTenant } from '../db/with-tenant.ts';
import { newId } from '../lib/ids.ts';
import { pluginContext } from '../plugins/context.ts';
import type { Runtime } from '../runtime.ts';
import { findTenantById } from '../tenancy/tenants.ts';
import { latestFire } from './cron.ts';
import type { PlatformSchedule, ScheduleContext } from './define.ts';
import { type InstalledSchedule, installedSchedules } from './registry.ts';

/** The pg-boss queue scheduled runs are executed from. */
export const SCHEDULES_QUEUE = 'bureau-schedules';

/** What a pg-boss job carries: which schedule, which period, and the tenant for a plugin's schedule. */
export interface ScheduleJob {
  schedule: string;
  scheduledFor: string;
  tenantId?: string;
}

export interface ScheduleOptions {
  /** Retries of a failed run before it stays failed until the next period (or an admin's retry). Default 3. */
  retryLimit?: number;
  /** Seconds before the first retry (doubling after). Default 60. */
  retryDelaySeconds?: number;
  /** Seconds a run may take before pg-boss counts it as failed (its process died). Default 1800. */
  expireInSeconds?: number;
  /** How often each instance looks for due schedules, seconds. Default 30. */
  tickSeconds?: number;
  /** Run in the background (ticks + pg-boss worker). Tests drive `runDue` instead. */
  background: boolean;
}

export interface RunReport {
  /** Periods fanned out by this call (schedule keys with the period). */
  due: { schedule: string; scheduledFor: string; jobs: number }[];
  succeeded: number;
  failed: number;
  /** Jobs that found nothing to do: already run for the period, or the module disabled meanwhile. */
  skipped: number;
}

/** Counters since start, per schedule key: for metrics and the schedules page. */
export type ScheduleStats = Record<string, { succeeded: number; failed: number; skipped: number }>;

export interface Scheduler {
  readonly schedules: readonly InstalledSchedule[];
  /**
   * Fans out every schedule due at `at` (default: the clock) that has not been fanned out yet,
   * then executes every queued run in this process. Deterministic for tests:
   * `await t.schedules.runDue(new Date('2025-03-10T03:00:00+01:00'))`.
   * `includeRetries` also runs failed runs waiting out their retry delay.
   */
  runDue(at?: Date, options?: { includeRetries?: boolean }): Promise<RunReport>;
  /** Only the fan-out part of runDue (what each instance's timer does). */
  tick(at?: Date): Promise<RunReport['due']>;
  stats(): ScheduleStats;
  stop(): Promise<void>;
}

const DEFAULTS = { retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 1800, tickSeconds: 30 };
const ERROR_MAX = 4000;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, ERROR_MAX);

/**
 * Starts the scheduler. Each tick computes, per schedule, the latest instant its cron fired; the
 * first instance to record that (schedule, period) in core.schedule_ticks enqueues one pg-boss job
 * per tenant with the module enabled (or one for a platform schedule), in the same transaction, so
 * several instances on one database fan a period out once. Each job runs in its tenant's
 * transaction together with the insert of its core.schedule_runs row, keyed by (tenant, schedule,
 * period): a duplicate waits on that key and then finds the run done. A failure rolls the run's
 * writes back, records the error and attempts, and pg-boss retries with backoff. Missed periods are
 * not replayed: after downtime, the latest due period runs once.
 */
export async function startScheduler(
  runtime: Runtime,
  boss: PgBoss,
  platform: readonly PlatformSchedule[],
  options: ScheduleOptions,
): Promise<Scheduler> {
  const o = { ...DEFAULTS, ...options };
  const schedules = installedSchedules(runtime.plugins, platform, runtime.config.billing.timeZone);
  const byKey = new Map(schedules.map((s) => [s.key, s]));
  const counters: ScheduleStats = {};
  const count = (key: string, what: 'succeeded' | 'failed' | 'skipped') => {
    counters[key] ??= { succeeded: 0, failed: 0, skipped: 0 };
    counters[key][what]++;
  };
  await boss.createQueue(SCHEDULES_QUEUE, {
    retryLimit: o.retryLimit,
    retryDelay: o.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: o.expireInSeconds,
  });
  await boss.updateQueue(SCHEDULES_QUEUE, {
    retryLimit: o.retryLimit,
    retryDelay: o.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: o.expireInSeconds,
  });

  /** Enqueues the jobs of one due period unless another instance (or an earlier tick) already did. */
  async function fanOut(s: InstalledSchedule, fire: Date): Promise<number | null> {
    return runtime.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('core.schedule_ticks')
        .values({ schedule: s.key, scheduled_for: fire, enqueued_at: runtime.clock.now(), jobs: 0 })
        .onConflict((oc) => oc.columns(['schedule', 'scheduled_for']).doNothing())
        .returning('schedule')
        .executeTakeFirst();
      if (!claimed) return null;
      const base = { schedule: s.key, scheduledFor: fire.toISOString() };
      let jobs: ScheduleJob[] = [base];
      if (s.kind === 'tenant') {
        const tenants = await trx
          .selectFrom('core.tenant_modules as m')
          .innerJoin('core.tenants as t', 't.id', 'm.tenant_id')
          .select('m.tenant_id')
          .where('m.module_id', '=', s.moduleId)
          .where('m.enabled', '=', true)
          .where('t.status', '=', 'active')
          .orderBy('m.tenant_id')
          .execute();
        jobs = tenants.map((t) => ({ ...base, tenantId: t.tenant_id }));
      }
      for (let i = 0; i < jobs.length; i += 500) {
        await boss.insert(
          SCHEDULES_QUEUE,
          jobs.slice(i, i + 500).map((data) => ({ data })),
          { db: fromKysely(trx) },
        );
      }
      await trx
        .updateTable('core.schedule_ticks')
        .set({ jobs: jobs.length })
        .where('schedule', '=', s.key)
        .where('scheduled_for', '=', fire)
        .execute();
      return jobs.length;
    });
  }

  /** Runs an admin asked to retry go back to the queue (the request itself cannot reach pg-boss). */
  async function requeueRequested(): Promise<void> {
    await runtime.db.transaction().execute(async (trx) => {
      const rows = await sql<{ tenant_id: string; schedule: string; scheduled_for: Date }>`
        select tenant_id, schedule, scheduled_for from core.schedule_runs
        where status = 'retry_requested' order by scheduled_for limit 500 for update skip locked`.execute(trx);
      if (!rows.rows.length) return;
      await boss.insert(
        SCHEDULES_QUEUE,
        rows.rows.map((r) => ({
          data: {
            schedule: r.schedule,
            scheduledFor: new Date(r.scheduled_for).toISOString(),
            tenantId: r.tenant_id,
          } satisfies ScheduleJob,
        })),
        { db: fromKysely(trx) },
      );
      await sql`update core.schedule_runs set status = 'failed'
        where status = 'retry_requested' and (tenant_id, schedule, scheduled_for) in (
          select * from unnest(${rows.rows.map((r) => r.tenant_id)}::uuid[], ${rows.rows.map((r) => r.schedule)}::text[],
            ${rows.rows.map((r) => new Date(r.scheduled_for).toISOString())}::timestamptz[]))`.execute(trx);
    });
  }

  let lastTickHour = -1;
  async function tick(at: Date = runtime.clock.now()): Promise<RunReport['due']> {
    const due: RunReport['due'] = [];
    for (const s of schedules) {
      const fire = latestFire(s.cron, s.timeZone, at);
      if (!fire) continue;
      const jobs = await fanOut(s, fire);
      if (jobs !== null) due.push({ schedule: s.key, scheduledFor: fire.toISOString(), jobs });
    }
    await requeueRequested();
    // Once an hour, forget fan-outs older than 90 days (the latest period of each stays).
    const hour = Math.floor(at.getTime() / 3_600_000);
    if (hour !== lastTickHour) {
      lastTickHour = hour;
      await sql`delete from core.schedule_ticks t where scheduled_for < ${new Date(at.getTime() - 90 * 86_400_000)}
        and exists (select 1 from core.schedule_ticks n where n.schedule = t.schedule and n.scheduled_for > t.scheduled_for)`.execute(
        runtime.db,
      );
    }
    return due;
  }

  /** Executes one job; resolves to what happened, throws when the run failed (pg-boss retries it). */
  async function execute(job: Job<ScheduleJob>): Promise<'succeeded' | 'skipped'> {
    const { schedule, scheduledFor, tenantId } = job.data;
    const s = byKey.get(schedule);
    if (!s) return 'skipped'; // uninstalled since it was enqueued
    const outcome =
      s.kind === 'platform' ? await runPlatform(s, scheduledFor) : await runTenant(s, tenantId, scheduledFor);
    if (outcome instanceof Error) {
      count(schedule, 'failed');
      throw outcome;
    }
    count(schedule, outcome);
    return outcome;
  }

  async function runTenant(
    s: Extract<InstalledSchedule, { kind: 'tenant' }>,
    tenantId: string | undefined,
    scheduledFor: string,
  ): Promise<'succeeded' | 'skipped' | Error> {
    const tenant = tenantId ? await findTenantById(runtime.db, tenantId) : null;
    if (!tenant) return 'skipped';
    const at = new Date(scheduledFor);
    return withTenant(runtime.db, tenant.id, async (trx) => {
      const module = await trx
        .selectFrom('core.tenant_modules')
        .select('enabled')
        .where('tenant_id', '=', tenant.id)
        .where('module_id', '=', s.moduleId)
        .executeTakeFirst();
      if (!module?.enabled) return 'skipped' as const;
      const started = runtime.clock.now();
      // The claim: a concurrent duplicate waits on this key until we commit, then finds it succeeded.
      const claim = await sql<{ id: string; attempts: number }>`
        insert into core.schedule_runs (tenant_id, id, schedule, module_id, scheduled_for, status, attempts, started_at)
        values (${tenant.id}, ${newId()}, ${s.key}, ${s.moduleId}, ${at}, 'running', 1, ${started})
        on conflict (tenant_id, schedule, scheduled_for) do update
          set status = 'running', attempts = core.schedule_runs.attempts + 1, started_at = excluded.started_at,
              finished_at = null, error = null
          where core.schedule_runs.status <> 'succeeded'
        returning id, attempts`.execute(trx);
      const run = claim.rows[0];
      if (!run) return 'skipped' as const;
      const ctx: ScheduleContext = Object.assign(
        pluginContext({ runtime, tenant, db: trx, actor: null, requestId: `schedule:${s.key}`, ip: null }),
        { schedule: { schedule: s.key, scheduledAt: at, attempt: run.attempts } },
      );
      await sql`savepoint schedule_run`.execute(trx);
      let failure: Error | null = null;
      try {
        await s.definition.run(ctx);
        await sql`release savepoint schedule_run`.execute(trx);
      } catch (err) {
        await sql`rollback to savepoint schedule_run`.execute(trx);
        failure = err instanceof Error ? err : new Error(String(err));
        runtime.log('error', 'scheduled run failed', {
          schedule: s.key,
          tenant: tenant.id,
          scheduledFor,
          attempt: run.attempts,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
      }
      const finished = runtime.clock.now();
      await trx
        .updateTable('core.schedule_runs')
        .set({
          status: failure ? 'failed' : 'succeeded',
          finished_at: finished,
          duration_ms: Math.max(0, finished.getTime() - started.getTime()),
          error: failure ? message(failure) : null,
        })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', run.id)
        .execute();
      return failure ?? ('succeeded' as const);
    });
  }

  async function runPlatform(
    s: Extract<InstalledSchedule, { kind: 'platform' }>,
    scheduledFor: string,
  ): Promise<'succeeded' | 'skipped' | Error> {
    const at = new Date(scheduledFor);
    const now = runtime.clock.now();
    // A lease rather than an open transaction: the job may use runtime.db itself (one PGlite connection).
    const claim = await sql<{ attempts: number }>`
      insert into core.platform_runs (schedule, scheduled_for, status, attempts, started_at)
      values (${s.key}, ${at}, 'running', 1, ${now})
      on conflict (schedule, scheduled_for) do update
        set status = 'running', attempts = core.platform_runs.attempts + 1, started_at = excluded.started_at,
            finished_at = null, error = null
        where core.platform_runs.status = 'failed'
           or (core.platform_runs.status = 'running' and core.platform_runs.started_at < ${new Date(now.getTime() - o.expireInSeconds * 1000)})
      returning attempts`.execute(runtime.db);
    const run = claim.rows[0];
    if (!run) return 'skipped';
    let failure: Error | null = null;
    try {
      await s.definition.run(runtime, { schedule: s.key, scheduledAt: at, attempt: run.attempts });
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      runtime.log('error', 'scheduled platform run failed', { schedule: s.key, scheduledFor, error: message(err) });
    }
    await runtime.db
      .updateTable('core.platform_runs')
      .set({
        status: failure ? 'failed' : 'succeeded',
        finished_at: runtime.clock.now(),
        error: failure ? message(failure) : null,
      })
      .where('schedule', '=', s.key)
      .where('scheduled_for', '=', at)
      .execute();
    return failure ?? 'succeeded';
  }

  async function runDue(at?: Date, opts: { includeRetries?: boolean } = {}): Promise<RunReport> {
    const report: RunReport = { due: await tick(at), succeeded: 0, failed: 0, skipped: 0 };
    for (;;) {
      const jobs = await boss.fetch<ScheduleJob>(SCHEDULES_QUEUE, {
        batchSize: 20,
        ignoreStartAfter: opts.includeRetries ?? false,
      });
      if (!jobs.length) return report;
      for (const job of jobs) {
        try {
          report[await execute(job)]++;
          await boss.complete(SCHEDULES_QUEUE, job.id);
        } catch (err) {
          report.failed++;
          await boss.fail(SCHEDULES_QUEUE, job.id, { message: message(err) });
        }
      }
    }
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  let ticking: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let worker: string | null = null;
  if (options.background) {
    worker = await boss.work<ScheduleJob>(
      SCHEDULES_QUEUE,
      { batchSize: 2, pollingIntervalSeconds: 2, perJobResults: true },
      (jobs) =>
        Promise.all(
          jobs.map(async (job): Promise<JobResult> => {
            try {
              await execute(job);
              return { id: job.id, status: 'completed' };
            } catch (err) {
              return { id: job.id, status: 'failed', output: { message: message(err) } };
            }
          }),
        ),
    );
    const loop = () => {
      if (stopped) return;
      ticking = tick()
        .then((due) => {
          if (due.some((d) => d.jobs) && worker) boss.notifyWorker(worker);
        })
        .catch((error) => runtime.log('error', 'schedule tick failed', { error: message(error) }))
        .finally(() => {
          if (stopped) return;
          timer = setTimeout(loop, o.tickSeconds * 1000);
          timer.unref?.();
        });
    };
    loop();
  }

  return {
    schedules,
    runDue,
    tick,
    stats: () => structuredClone(counters),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      if (worker) await boss.offWork(SCHEDULES_QUEUE, { id: worker } as never);
    },
  };
}
