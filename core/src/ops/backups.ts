import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { translate } from '../i18n/format.ts';
import { isLocale, type Locale } from '../i18n/locale.ts';
import { sendMail } from '../mail/localized.ts';
import type { Runtime } from '../runtime.ts';
import { nextFire } from '../schedules/cron.ts';
import type { PlatformSchedule } from '../schedules/define.ts';
import { type BackupResult, backupFileName, createBackup, isBackupFileName } from './backup.ts';
import { BackupError, oneLine } from './errors.ts';
import { om } from './messages.ts';

export interface BackupEntry {
  name: string;
  bytes: number;
  createdAt: string;
  encrypted: boolean;
}

export interface ScheduledRun {
  at: string;
  ok: boolean;
  name?: string;
  error?: string;
}

/** The platform schedule of the daily backup (core/src/schedules): once a day across all instances. */
export const BACKUP_SCHEDULE = 'backup';

/**
 * The daily backup at BUREAU_BACKUP_HOUR in the installation's time zone (default 02:00 on the
 * embedded database, none on PostgreSQL), as a platform schedule: the scheduler runs it once per
 * day across instances, records each run in core.platform_runs and retries a failed one.
 */
export function backupSchedule(config: Config): PlatformSchedule | null {
  if (config.backup.hour === null) return null;
  return {
    name: BACKUP_SCHEDULE,
    cron: `0 ${config.backup.hour} * * *`,
    label: { en: 'Daily backup of the database and attachments', cs: 'Denní záloha databáze a příloh' },
    async run(runtime, info) {
      const run = await runtime.operations.backups.runScheduled(info.attempt);
      if (!run.ok) throw new Error(run.error);
    },
  };
}

/**
 * Backups an installation makes by itself and on an operator's request (ops/routes.ts): into
 * BUREAU_BACKUP_DIR, one at a time, keeping the newest BUREAU_BACKUP_KEEP, and an e-mail to the
 * operators (or, with none configured, to the owners of the firms) when a scheduled one fails.
 */
export class Backups {
  readonly #runtime: Runtime;
  #running: Promise<BackupResult> | null = null;

  constructor(runtime: Runtime) {
    this.#runtime = runtime;
  }

  get dir(): string {
    return resolve(this.#runtime.config.backup.dir);
  }

  /** When the schedule runs next, and how its last run went (from core.platform_runs). */
  async schedule(): Promise<{ next: Date | null; last: ScheduledRun | null }> {
    const { config } = this.#runtime;
    const tz = config.billing.timeZone;
    const next =
      config.backup.hour === null ? null : nextFire(`0 ${config.backup.hour} * * *`, tz, this.#runtime.clock.now());
    const row = await this.#runtime.db
      .selectFrom('core.platform_runs')
      .select(['scheduled_for', 'status', 'error'])
      .where('schedule', '=', `platform.${BACKUP_SCHEDULE}`)
      .orderBy('scheduled_for', 'desc')
      .limit(1)
      .executeTakeFirst();
    const last: ScheduledRun | null = row
      ? {
          at: new Date(row.scheduled_for).toISOString(),
          ok: row.status === 'succeeded',
          ...(row.status === 'running' ? { error: 'running' } : {}),
          ...(row.error ? { error: row.error as string } : {}),
        }
      : null;
    return { next, last };
  }

  get running(): boolean {
    return this.#running !== null;
  }

  /** The archives in the backup directory, newest first. */
  async list(): Promise<BackupEntry[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter(isBackupFileName);
    const out: BackupEntry[] = [];
    for (const name of names) {
      const s = await stat(join(this.dir, name)).catch(() => null);
      if (!s) continue;
      out.push({ name, bytes: s.size, createdAt: s.mtime.toISOString(), encrypted: name.endsWith('.enc') });
    }
    return out.sort((a, b) => (a.name < b.name ? 1 : -1));
  }

  /** Makes a backup into the backup directory now; refuses while another one runs. */
  async backupNow(options: { passphrase?: string | undefined } = {}): Promise<BackupResult> {
    if (this.#running) throw new BackupError('backup_running', 'a backup is being made already');
    const { config } = this.#runtime;
    const passphrase = options.passphrase ?? config.backup.passphrase;
    const run = (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      // Two backups within one second (an operator's and the schedule's) must not collide: the
      // later one takes the next free second, so names keep their one pattern and their order.
      let at = this.#runtime.clock.now();
      while (await stat(join(this.dir, backupFileName(at, !!passphrase))).catch(() => null)) {
        at = new Date(at.getTime() + 1000);
      }
      return createBackup({
        database: this.#runtime.database,
        storageDir: config.storageDir,
        out: join(this.dir, backupFileName(at, !!passphrase)),
        passphrase,
        now: this.#runtime.clock.now(),
      });
    })();
    this.#running = run;
    try {
      return await run;
    } finally {
      this.#running = null;
    }
  }

  /** Deletes all but the newest `keep` archives; returns the names removed. */
  async prune(keep = this.#runtime.config.backup.keep): Promise<string[]> {
    const old = (await this.list()).slice(keep).map((b) => b.name);
    for (const name of old) await rm(join(this.dir, name), { force: true });
    return old;
  }

  /**
   * One scheduled run: back up, then prune. A failure is logged and, on the first attempt of a
   * period (the scheduler retries it with backoff), e-mailed to the people who must act. Never throws.
   */
  async runScheduled(attempt = 1): Promise<ScheduledRun> {
    const at = this.#runtime.clock.now().toISOString();
    try {
      const result = await this.backupNow();
      await this.prune();
      this.#runtime.log('info', 'scheduled backup written', { path: result.path, bytes: result.bytes });
      return { at, ok: true, name: result.path.split('/').at(-1) as string };
    } catch (err) {
      const run: ScheduledRun = { at, ok: false, error: oneLine(err) };
      this.#runtime.log('error', 'scheduled backup failed', { error: run.error, attempt });
      if (attempt <= 1) {
        await this.notifyFailure(run).catch((e) =>
          this.#runtime.log('error', 'could not send the failed-backup e-mail', { error: oneLine(e) }),
        );
      }
      return run;
    }
  }

  /** E-mails the operators (BUREAU_OPERATORS), or when there are none, the owners of every firm. */
  async notifyFailure(run: ScheduledRun): Promise<number> {
    const { config, db } = this.#runtime;
    let people: Array<{ email: string; locale: string | null }>;
    if (config.operators.length) {
      const known = await db
        .selectFrom('core.users')
        .select(['email', 'locale'])
        .where(({ fn, eb }) => eb(fn('lower', ['email']), 'in', config.operators))
        .execute();
      const locales = new Map(known.map((u) => [String(u.email).toLowerCase(), u.locale as string]));
      people = config.operators.map((email) => ({ email, locale: locales.get(email) ?? null }));
    } else {
      people = await db
        .selectFrom('core.memberships as m')
        .innerJoin('core.users as u', 'u.id', 'm.user_id')
        .innerJoin('core.tenants as t', 't.id', 'm.tenant_id')
        .where('m.role', '=', 'owner')
        .where('t.kind', '=', 'company')
        .select(['u.email', 'u.locale'])
        .distinct()
        .execute();
    }
    const newest = (await this.list())[0];
    for (const p of people) {
      const locale: Locale = isLocale(p.locale) ? p.locale : 'en';
      await sendMail(this.#runtime, {
        to: p.email,
        locale,
        subject: om.backup_failed_subject,
        text: om.backup_failed_text,
        params: {
          site: config.publicUrl,
          at: run.at,
          reason: run.error ?? '',
          last: newest ? newest.name : translate(locale, om.no_backup_yet),
          dir: this.dir,
        },
      });
    }
    return people.length;
  }

  /** Waits for a backup in progress (shutdown). */
  async stop() {
    await this.#running?.catch(() => {});
  }
}
