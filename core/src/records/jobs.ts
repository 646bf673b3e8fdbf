import { withTenant } from '../db/with-tenant.ts';
import { pluginContext } from '../plugins/context.ts';
import type { Runtime } from '../runtime.ts';
import type { PlatformSchedule } from '../schedules/define.ts';
import { findTenantById } from '../tenancy/tenants.ts';
import { runExport } from './archive-export.ts';
import { disposalStep, proposeDisposals, purgeMarkedFiles } from './disposal.ts';
import { type RecordsScope, systemScope } from './scope.ts';

/** Runs `fn` in a tenant's transaction as the system (plugin hooks see every enabled module). */
export async function asSystem<T>(
  runtime: Runtime,
  tenantId: string,
  label: string,
  fn: (s: RecordsScope) => Promise<T>,
) {
  const tenant = await findTenantById(runtime.db, tenantId);
  if (!tenant) return null;
  return withTenant(runtime.db, tenant.id, async (trx) => {
    const ctx = pluginContext({ runtime, tenant, db: trx, actor: null, requestId: label, ip: null });
    return fn(await systemScope(runtime, tenant, trx, ctx));
  });
}

/** Runs a disposal run to its end, one batch per transaction; files are deleted after each commit. */
export async function runDisposal(runtime: Runtime, tenantId: string, runId: string): Promise<void> {
  for (let guard = 0; guard < 100_000; guard++) {
    try {
      const step = await asSystem(runtime, tenantId, `disposal:${runId}`, (s) => disposalStep(s, runId));
      if (!step) return;
      await purgeMarkedFiles(runtime);
      if (step.finished) return;
    } catch (err) {
      runtime.log('error', 'disposal run failed', { runId, error: String(err) });
      await withTenant(runtime.db, tenantId, (trx) =>
        trx
          .updateTable('core.disposal_runs')
          .set({ status: 'failed', error: String(err).slice(0, 2000), finished_at: runtime.clock.now() })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', runId)
          .execute(),
      );
      return;
    }
  }
}

/** Queued or interrupted disposal runs of every tenant (the privileged handle; core's own bookkeeping). */
async function pendingRuns(runtime: Runtime) {
  const stale = new Date(runtime.clock.now().getTime() - 30 * 60_000);
  return runtime.db
    .selectFrom('core.disposal_runs')
    .select(['tenant_id', 'id'])
    .where((eb) =>
      eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', stale)])]),
    )
    .orderBy('approved_at')
    .limit(20)
    .execute();
}

/** Queued or interrupted archive exports of every tenant (the privileged handle; core's own bookkeeping). */
async function pendingExports(runtime: Runtime) {
  const stale = new Date(runtime.clock.now().getTime() - 30 * 60_000);
  return runtime.db
    .selectFrom('core.archive_exports')
    .select(['tenant_id', 'id'])
    .where((eb) =>
      eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('requested_at', '<', stale)])]),
    )
    .orderBy('requested_at')
    .limit(5)
    .execute();
}

/** Runs one archive export, each step in the tenant's transaction as the system. */
export const runArchiveExport = (runtime: Runtime, tenantId: string, exportId: string) =>
  runExport(runtime, tenantId, exportId, (label, fn) => asSystem(runtime, tenantId, label, fn));

export interface RecordsJobs {
  /** Runs every queued disposal run and archive export now, in this process (tests, scripts). Returns how many ran. */
  runPending(): Promise<number>;
  /** Proposes disposals for every tenant with a module that declares record classes (the daily job). */
  proposeAll(): Promise<number>;
  stop(): Promise<void>;
}

/** Every tenant with an enabled module that declares record classes. */
async function tenantsWithClasses(runtime: Runtime): Promise<string[]> {
  const modules = runtime.plugins.filter((p) => Object.keys(p.records?.classes ?? {}).length).map((p) => p.id);
  if (!modules.length) return [];
  const rows = await runtime.db
    .selectFrom('core.tenant_modules')
    .select('tenant_id')
    .distinct()
    .where('enabled', '=', true)
    .where('module_id', 'in', modules)
    .execute();
  return rows.map((r) => r.tenant_id as string);
}

export function startRecordsJobs(runtime: Runtime, options: { background: boolean; intervalMs?: number }): RecordsJobs {
  let busy: Promise<number> | null = null;
  const runPending = () => {
    busy ??= (async () => {
      let ran = 0;
      for (;;) {
        await purgeMarkedFiles(runtime);
        const runs = await pendingRuns(runtime);
        const exports = await pendingExports(runtime);
        if (!runs.length && !exports.length) return ran;
        for (const r of runs) {
          await runDisposal(runtime, r.tenant_id, r.id);
          ran++;
        }
        for (const e of exports) {
          await runArchiveExport(runtime, e.tenant_id, e.id);
          ran++;
        }
      }
    })().finally(() => {
      busy = null;
    });
    return busy;
  };
  let timer: ReturnType<typeof setInterval> | null = null;
  if (options.background) {
    timer = setInterval(() => {
      runPending().catch((e) => runtime.log('error', 'records jobs failed', { error: String(e) }));
    }, options.intervalMs ?? 10_000);
    timer.unref?.();
  }
  return {
    runPending,
    async proposeAll() {
      let added = 0;
      for (const tenantId of await tenantsWithClasses(runtime)) {
        added += (await asSystem(runtime, tenantId, 'disposal:propose', proposeDisposals)) ?? 0;
      }
      return added;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await busy?.catch(() => {});
    },
  };
}

/** Core's daily disposal proposal, as a platform schedule (once per day across instances). */
export function disposalProposalSchedule(jobs: () => RecordsJobs): PlatformSchedule {
  return {
    name: 'records-disposal-proposals',
    cron: '30 3 * * *',
    label: { en: 'Propose records past retention for disposal', cs: 'Navrhnout ke skartaci záznamy po lhůtě' },
    async run() {
      await jobs().proposeAll();
    },
  };
}
