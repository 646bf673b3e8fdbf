import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import type { Mailer } from './mail/mailer.ts';

/** A settable clock: production reads the system time, tests move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Everything a running Bureau instance holds; built once by createBureau. */
export interface Runtime {
  config: Config;
  database: Database;
  /** The privileged (owner) handle: migrations and explicit cross-tenant work only. */
  db: Kysely<any>;
  mailer: Mailer;
  clock: Clock;
}
