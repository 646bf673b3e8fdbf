import { CronExpressionParser } from 'cron-parser';

const ALIASES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly', '@weekdays', '@weekends']);

/** Why a cron expression is refused, or null when it parses (five fields or an alias; minute precision). */
export function cronProblem(expression: unknown, timeZone: string): string | null {
  if (typeof expression !== 'string' || !expression.trim()) return 'it is empty';
  const expr = expression.trim();
  if (!ALIASES.has(expr) && expr.split(/\s+/).length !== 5) {
    return 'use five fields (minute hour day-of-month month day-of-week) or @daily, @weekly, @monthly…';
  }
  try {
    CronExpressionParser.parse(expr, { tz: timeZone, strict: false }).next();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return null;
}

/** Whether `timeZone` is a time zone this runtime knows. */
export function timeZoneProblem(timeZone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return null;
  } catch {
    return `"${timeZone}" is not a time zone`;
  }
}

/** The latest instant at or before `at` when the expression fires, or null if none. */
export function latestFire(expression: string, timeZone: string, at: Date): Date | null {
  const e = CronExpressionParser.parse(expression.trim(), { currentDate: new Date(at.getTime() + 1), tz: timeZone });
  try {
    return e.prev().toDate();
  } catch {
    return null;
  }
}

/** The first instant after `at` when the expression fires. */
export function nextFire(expression: string, timeZone: string, at: Date): Date | null {
  const e = CronExpressionParser.parse(expression.trim(), { currentDate: at, tz: timeZone });
  try {
    return e.next().toDate();
  } catch {
    return null;
  }
}
