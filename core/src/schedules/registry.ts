import type { BureauPlugin } from '../plugins/define-plugin.ts';
import { cronProblem, timeZoneProblem } from './cron.ts';
import type { PlatformSchedule, ScheduleDefinition } from './define.ts';

type AnyPlugin = BureauPlugin<string, any>;

/** One installed schedule: a plugin's (run per tenant) or the platform's (run once). */
export type InstalledSchedule =
  | {
      kind: 'tenant';
      /** `<plugin>.<name>` */
      key: string;
      moduleId: string;
      name: string;
      cron: string;
      timeZone: string;
      definition: ScheduleDefinition;
    }
  | {
      kind: 'platform';
      /** `platform.<name>` */
      key: string;
      moduleId: null;
      name: string;
      cron: string;
      timeZone: string;
      definition: PlatformSchedule;
    };

const NAME = /^[a-z][a-z0-9-]{0,59}$/;

/** Every installed schedule, plugins' first (in dependency order), then the platform's. */
export function installedSchedules(
  plugins: readonly AnyPlugin[],
  platform: readonly PlatformSchedule[],
  defaultTimeZone: string,
): InstalledSchedule[] {
  return [
    ...plugins.flatMap((p) =>
      Object.entries(p.schedules ?? {}).map(([name, definition]) => ({
        kind: 'tenant' as const,
        key: `${p.id}.${name}`,
        moduleId: p.id,
        name,
        cron: String(definition?.cron ?? '').trim(),
        timeZone: definition?.timeZone ?? defaultTimeZone,
        definition: definition as ScheduleDefinition,
      })),
    ),
    ...platform.map((definition) => ({
      kind: 'platform' as const,
      key: `platform.${definition.name}`,
      moduleId: null,
      name: definition.name,
      cron: String(definition.cron ?? '').trim(),
      timeZone: definition.timeZone ?? defaultTimeZone,
      definition,
    })),
  ];
}

/**
 * Problems with the installed schedules, one sentence each (boot refuses them): a name that is not
 * lowercase letters, digits and dashes, a cron expression that does not parse, an unknown time
 * zone, a missing `run` or label, a platform schedule named twice.
 */
export function scheduleProblems(schedules: readonly InstalledSchedule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of schedules) {
    const what =
      s.kind === 'tenant' ? `plugin "${s.moduleId}" declares schedule "${s.name}"` : `platform schedule "${s.name}"`;
    if (!NAME.test(s.name)) problems.push(`${what}: use lowercase letters, digits and dashes for its name`);
    if (seen.has(s.key)) problems.push(`${what} is registered twice`);
    seen.add(s.key);
    const tz = timeZoneProblem(s.timeZone);
    if (tz) {
      problems.push(`${what} in time zone ${tz}`);
      continue;
    }
    const cron = cronProblem(s.definition?.cron, s.timeZone);
    if (cron) problems.push(`${what} with cron "${s.definition?.cron ?? ''}", which does not parse: ${cron}`);
    if (typeof s.definition?.run !== 'function') problems.push(`${what} without a run function`);
    if (!s.definition?.label?.en || !s.definition.label.cs) problems.push(`${what} without a label { en, cs }`);
  }
  return problems;
}
