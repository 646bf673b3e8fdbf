import type { PgBoss } from 'pg-boss';
import type { Runtime } from '../runtime.ts';
import { runBilling } from './runner.ts';

/** The pg-boss queue the billing run (trials, renewals, consolidated invoices, dunning) is scheduled on. */
export const BILLING_QUEUE = 'bureau-billing';

export interface BillingJobs {
  /** Enqueues a run and processes the queue now, in this process (tests, scripts, the operator's "run now"). */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Schedules the billing run through pg-boss: every `intervalMs` (default one hour) each instance
 * enqueues a run; pg-boss's singleton key keeps one per slot across instances, a worker executes
 * it, and a failed run is retried with backoff. The run itself is idempotent (docs/billing.md), so
 * an extra run does nothing; dunning e-mails are sent once per invoice and step.
 */
export async function startBillingJobs(
  runtime: Runtime,
  boss: PgBoss,
  options: { background: boolean; intervalMs?: number },
): Promise<BillingJobs> {
  await boss.createQueue(BILLING_QUEUE, { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800 });
  const intervalMs = options.intervalMs ?? 3_600_000;
  const enqueue = (throttled = true) =>
    boss.send(
      BILLING_QUEUE,
      { requestedAt: runtime.clock.now().toISOString() },
      throttled
        ? { singletonKey: 'billing-run', singletonSeconds: Math.max(60, Math.floor(intervalMs / 1000) - 60) }
        : {},
    );
  let timer: ReturnType<typeof setInterval> | null = null;
  let worker: string | null = null;
  if (options.background) {
    worker = await boss.work(BILLING_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
      const report = await runBilling(runtime);
      runtime.log('info', 'billing run', report);
    });
    await enqueue().catch((e) => runtime.log('error', 'billing: could not enqueue a run', { error: String(e) }));
    timer = setInterval(() => {
      enqueue().catch((e) => runtime.log('error', 'billing: could not enqueue a run', { error: String(e) }));
    }, intervalMs);
    timer.unref?.();
  }
  return {
    async runNow() {
      await enqueue(false);
      let ran = 0;
      for (;;) {
        const jobs = await boss.fetch(BILLING_QUEUE, { batchSize: 1 });
        const job = jobs[0];
        if (!job) return ran;
        try {
          await runBilling(runtime);
          await boss.complete(BILLING_QUEUE, job.id);
          ran++;
        } catch (err) {
          await boss.fail(BILLING_QUEUE, job.id, { error: String(err) });
          throw err;
        }
      }
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (worker) await boss.offWork(BILLING_QUEUE, { id: worker } as never);
    },
  };
}
