import type { LocalizedText, PluginContext } from '../plugins/define-plugin.ts';
import type { Runtime } from '../runtime.ts';

/** Which run a scheduled job is: its schedule, the period it is for, and the attempt. */
export interface ScheduleRunInfo {
  /** `<plugin>.<name>` (tenant schedules) or the platform schedule's name. */
  schedule: string;
  /**
   * The instant the cron expression fired for this run (the period's key). Compute "due by" and
   * "since" from it, not from the clock, so a late or repeated run gives the same answer.
   */
  scheduledAt: Date;
  /** 1 for the first try; pg-boss retries a failed run with backoff. */
  attempt: number;
}

/** What a tenant schedule's `run` receives: the tenant's transaction as a PluginContext, and which run it is. */
export interface ScheduleContext extends PluginContext {
  schedule: ScheduleRunInfo;
}

/**
 * A recurring job of a plugin, run once per period for every tenant that has the module enabled.
 * The run executes in the tenant's transaction together with the record of the run: what it writes
 * commits exactly once per (tenant, schedule, period); a throw rolls its writes back, records the
 * failure and lets pg-boss retry it.
 */
export interface ScheduleDefinition {
  /** Five-field cron (`minute hour day-of-month month day-of-week`) or `@daily`, `@weekly`… */
  cron: string;
  /** What the job does, for the schedules page. */
  label: LocalizedText;
  /** IANA time zone the cron is read in; default the installation's business time zone (BILLING_TIMEZONE). */
  timeZone?: string;
  run(ctx: ScheduleContext): Promise<void>;
}

/**
 * A job of the platform itself (e.g. a scheduled backup), run once per period across all app
 * instances, outside any tenant. Register it with `createBureau({ schedules: [...] })`.
 */
export interface PlatformSchedule {
  /** Unique name, e.g. `backup`. */
  name: string;
  cron: string;
  label: LocalizedText;
  timeZone?: string;
  run(runtime: Runtime, run: ScheduleRunInfo): Promise<void>;
}
