import { z } from 'zod';
import { type BillingConfig, loadBillingConfig } from './billing/config.ts';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  BUREAU_DATA_DIR: z.string().default('./.data'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Bureau <no-reply@bureau.localhost>'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  INVITATION_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  BUREAU_SERVER_TIMING: z.enum(['0', '1']).default('0'),
  BUREAU_METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  BUREAU_OPERATORS: z.string().default(''),
  BUREAU_STORAGE_DIR: z.string().optional(),
  BUREAU_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
  BUREAU_OPERATOR_2FA: z.enum(['required', 'optional']).default('required'),
  BUREAU_SIGNUP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
  BUREAU_BACKUP_DIR: z.string().default('./backups'),
  BUREAU_BACKUP_HOUR: z.union([z.literal('off'), z.coerce.number().int().min(0).max(23)]).optional(),
  BUREAU_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  BUREAU_BACKUP_PASSPHRASE: z.string().optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Origin the browser uses; links in e-mails and the CSRF check are built from it. */
  publicUrl: string;
  databaseUrl: string | undefined;
  /** PGlite data directory; null means in-memory (tests). */
  dataDir: string | null;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionDays: number;
  invitationDays: number;
  trustProxy: boolean;
  /** BUREAU_SERVER_TIMING=1: every answer carries a Server-Timing header (request phases, round trips). */
  serverTiming: boolean;
  /** BUREAU_METRICS_TOKEN: the Bearer token that opens /metrics (Prometheus); unset, /metrics does not exist. */
  metricsToken: string | null;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  /** E-mails of platform operators (billing catalogue editors). */
  operators: string[];
  storageDir: string;
  /** Largest attachment upload accepted by POST /api/t/:tenant/records, bytes (BUREAU_MAX_UPLOAD_MB, default 20). */
  maxUploadBytes: number;
  /** Whether platform operators need two-step sign-in for the operator API (BUREAU_OPERATOR_2FA, default required). */
  operatorSecondFactor: 'required' | 'optional';
  /** Sign-ups accepted per client address and hour (BUREAU_SIGNUP_PER_HOUR, default 10). */
  signupPerHour: number;
  /** SaaS billing: trial, dunning schedule, seller details (BILLING_* variables, docs/billing.md). */
  billing: BillingConfig;
  /** Backups (docs/operations.md): where scheduled ones go, when, how many are kept, optional passphrase. */
  backup: BackupConfig;
}

export interface BackupConfig {
  /** BUREAU_BACKUP_DIR, default ./backups. */
  dir: string;
  /** Hour of the daily backup in the installation's time zone (BILLING_TIMEZONE); null: no schedule. */
  hour: number | null;
  /** How many scheduled backups to keep (BUREAU_BACKUP_KEEP, default 7). */
  keep: number;
  /** Encrypts backups when set (BUREAU_BACKUP_PASSPHRASE). */
  passphrase: string | undefined;
}

/** Reads configuration from the environment; fails at start with a message naming bad variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.BUREAU_DATA_DIR,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sessionDays: e.SESSION_DAYS,
    invitationDays: e.INVITATION_DAYS,
    trustProxy: e.TRUST_PROXY === '1',
    serverTiming: e.BUREAU_SERVER_TIMING === '1',
    metricsToken: e.BUREAU_METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    operators: e.BUREAU_OPERATORS.split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    storageDir: e.BUREAU_STORAGE_DIR ?? `${e.BUREAU_DATA_DIR}/files`,
    maxUploadBytes: Math.floor(e.BUREAU_MAX_UPLOAD_MB * 1024 * 1024),
    signupPerHour: e.BUREAU_SIGNUP_PER_HOUR,
    operatorSecondFactor: e.BUREAU_OPERATOR_2FA,
    billing: loadBillingConfig(env),
    backup: {
      dir: e.BUREAU_BACKUP_DIR,
      // Daily at 02:00 on the embedded database unless told otherwise; on PostgreSQL only when asked.
      hour: e.BUREAU_BACKUP_HOUR === 'off' ? null : (e.BUREAU_BACKUP_HOUR ?? (e.DATABASE_URL ? null : 2)),
      keep: e.BUREAU_BACKUP_KEEP,
      passphrase: e.BUREAU_BACKUP_PASSPHRASE || undefined,
    },
  };
}

let testDirs = 0;

/**
 * Configuration for tests: in-memory PGlite unless DATABASE_URL is set, quiet logs. Each call gets
 * its own file and backup folders: a test worker runs many files in one process, and a backup test
 * counts every file under the folder.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const own = `${process.pid}-${testDirs++}`;
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL }),
    dataDir: null,
    // The test client's origin (core/src/testing.ts): the CSRF check compares with PUBLIC_URL.
    publicUrl: 'http://localhost',
    // Operator tests of other areas sign in without a second factor; its own test requires it.
    operatorSecondFactor: 'optional',
    // Test files sign up many accounts from one address; the limit's own test lowers it.
    signupPerHour: 1_000_000,
    storageDir: `${process.env.TMPDIR ?? '/tmp'}/bureau-test-files-${own}`,
    backup: {
      dir: `${process.env.TMPDIR ?? '/tmp'}/bureau-test-backups-${own}`,
      hour: null,
      keep: 7,
      passphrase: undefined,
    },
    ...overrides,
  };
}
