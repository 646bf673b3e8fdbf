import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Database } from '../db/connect.ts';
import { INSTALLATION_LOCK } from '../db/migrator.ts';
import { renderProblem } from '../http/errors.ts';
import { Problem } from '../http/problem.ts';
import { om } from './messages.ts';

/**
 * Maintenance mode: while an upgrade or a restore runs, API requests get 503 `maintenance` with
 * Retry-After (the web app shows its maintenance page and comes back by itself), and
 * GET /api/maintenance says what is going on.
 *
 * An instance knows it is in maintenance when it is upgrading itself (the server answers with
 * `maintenanceApp` while it migrates at start), and — on PostgreSQL, where several instances share
 * one database — when another process holds the installation lock: a restore holds it for its whole
 * run, an upgrade for its migration transaction. `watch` polls for that every few seconds.
 */
export type MaintenanceReason = 'upgrade' | 'restore';

export interface MaintenanceState {
  reason: MaintenanceReason;
  since: string;
}

/** Seconds a client should wait before it tries again. */
export const RETRY_AFTER_SECONDS = 15;

export class Maintenance {
  #state: MaintenanceState | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  get state(): MaintenanceState | null {
    return this.#state;
  }

  enter(reason: MaintenanceReason) {
    if (!this.#state) this.#state = { reason, since: new Date().toISOString() };
  }

  leave() {
    this.#state = null;
  }

  /**
   * Whether another process holds the installation lock of this database now (it is restoring or
   * upgrading it). Reads pg_locks; takes no lock itself.
   */
  async check(database: Database): Promise<boolean> {
    const key = BigInt.asUintN(64, INSTALLATION_LOCK);
    const r = await sql<{ held: boolean }>`
      select exists (
        select 1 from pg_locks
         where locktype = 'advisory' and granted and mode = 'ExclusiveLock'
           and database = (select oid from pg_database where datname = current_database())
           and classid::bigint = ${Number(key >> 32n)} and objid::bigint = ${Number(key & 0xffffffffn)}
           and objsubid = 1
      ) as held`.execute(database.db);
    const held = !!r.rows[0]?.held;
    if (held) this.enter('restore');
    else if (this.#state) this.leave();
    return held;
  }

  /** Polls `check` every `intervalMs` (PostgreSQL installations, where other processes may restore). */
  watch(database: Database, intervalMs = 3000) {
    if (this.#timer || database.kind !== 'postgres') return;
    this.#timer = setInterval(() => {
      this.check(database).catch(() => {});
    }, intervalMs);
    this.#timer.unref?.();
  }

  stop() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

function maintenanceProblem(c: Context, state: MaintenanceState) {
  const problem = new Problem(
    503,
    'maintenance',
    state.reason === 'upgrade' ? om.maintenance_upgrade : om.maintenance_restore,
    {
      extra: { reason: state.reason },
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
    },
  );
  return renderProblem(c, problem);
}

/** GET /api/maintenance: `{ maintenance: false }` or the reason, with Retry-After. */
export function maintenanceStatus(c: Context, state: MaintenanceState | null) {
  c.header('Cache-Control', 'no-store');
  if (state) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  return c.json(state ? { maintenance: true, ...state, retryAfter: RETRY_AFTER_SECONDS } : { maintenance: false });
}

/** Answers every API request but GET /api/maintenance with 503 while `maintenance` is on. */
export function maintenanceGuard(maintenance: Maintenance): MiddlewareHandler {
  return async (c, next) => {
    const state = maintenance.state;
    if (!state || c.req.path === '/api/maintenance') return next();
    return maintenanceProblem(c, state);
  };
}

/**
 * The whole HTTP app of a server that is still opening and upgrading its database: the API answers
 * 503 `maintenance`, /healthz is up, /readyz is not; `web` (the built web app) is served as usual so
 * a browser gets the maintenance page.
 */
export function maintenanceApp(reason: MaintenanceReason, web?: (app: Hono) => void): Hono {
  const state: MaintenanceState = { reason, since: new Date().toISOString() };
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', (c) => maintenanceProblem(c, state));
  app.get('/api/maintenance', (c) => maintenanceStatus(c, state));
  app.all('/api/*', (c) => maintenanceProblem(c, state));
  web?.(app);
  return app;
}
