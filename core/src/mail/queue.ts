import { sql } from 'kysely';
import { newId } from '../lib/ids.ts';
import type { Runtime } from '../runtime.ts';

/** Writes and sends one kind of queued mail from its payload (it may look things up first). */
export type MailJobHandler = (runtime: Runtime, payload: Record<string, unknown>) => Promise<void>;

/**
 * Mail sent after the response (issue 11, item 7): a request records a job (one insert, the same
 * whatever the job will find), and a worker sends it. In the background the worker runs right after
 * each enqueue and every few seconds; tests drive it with `runPending()`. A job that fails is tried
 * again with backoff, five times in all; several instances share the table without sending twice.
 */
export interface MailQueue {
  enqueue(kind: string, payload: Record<string, unknown>): Promise<void>;
  /** Sends every due job now; returns how many were sent. */
  runPending(): Promise<number>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 5;
const BATCH = 20;

export function createMailQueue(
  runtime: Runtime,
  handlers: Record<string, MailJobHandler>,
  options: { background: boolean; pollMs?: number },
): MailQueue {
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = runtime.clock.now();
      const jobs = await sql<{ id: string; kind: string; payload: Record<string, unknown>; attempts: number }>`
        update core.mail_jobs set attempts = attempts + 1, run_after = ${new Date(now.getTime() + 5 * 60_000)}
        where id in (
          select id from core.mail_jobs where run_after <= ${now} and attempts < ${MAX_ATTEMPTS}
          order by run_after limit ${BATCH} for update skip locked)
        returning id, kind, payload, attempts`.execute(runtime.db);
      if (!jobs.rows.length) return sent;
      for (const job of jobs.rows) {
        try {
          const handler = handlers[job.kind];
          if (!handler) throw new Error(`no mail handler for ${job.kind}`);
          await handler(runtime, job.payload);
          await runtime.db.deleteFrom('core.mail_jobs').where('id', '=', job.id).execute();
          sent += 1;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          runtime.log('error', 'mail job failed', {
            id: job.id,
            kind: job.kind,
            attempts: job.attempts,
            error: message,
          });
          await runtime.db
            .updateTable('core.mail_jobs')
            .set({ last_error: message, run_after: new Date(now.getTime() + 60_000 * 2 ** job.attempts) })
            .where('id', '=', job.id)
            .execute();
        }
      }
    }
  }

  function runPending(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await runOnce();
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const kick = () => {
    if (!options.background || stopped) return;
    setImmediate(() => {
      runPending().catch((err) => runtime.log('error', 'mail queue failed', { error: String(err) }));
    });
  };
  const timer = options.background ? setInterval(kick, options.pollMs ?? 5_000) : null;
  timer?.unref();

  return {
    async enqueue(kind, payload) {
      await runtime.db
        .insertInto('core.mail_jobs')
        .values({ id: newId(), kind, payload: JSON.stringify(payload), run_after: runtime.clock.now() })
        .execute();
      kick();
    },
    runPending,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
