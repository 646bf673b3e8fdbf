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
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  BUREAU_OPERATORS: z.string().default(''),
  BUREAU_STORAGE_DIR: z.string().optional(),
  BUREAU_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
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
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  /** E-mails of platform operators (billing catalogue editors). */
  operators: string[];
  storageDir: string;
  /** Largest attachment upload accepted by POST /api/t/:tenant/records, bytes (BUREAU_MAX_UPLOAD_MB, default 20). */
  maxUploadBytes: number;
  /** SaaS billing: trial, dunning schedule, seller details (BILLING_* variables, docs/billing.md). */
  billing: BillingConfig;
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
    logLevel: e.LOG_LEVEL,
    operators: e.BUREAU_OPERATORS.split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    storageDir: e.BUREAU_STORAGE_DIR ?? `${e.BUREAU_DATA_DIR}/files`,
    maxUploadBytes: Math.floor(e.BUREAU_MAX_UPLOAD_MB * 1024 * 1024),
    billing: loadBillingConfig(env),
  };
}

/** Configuration for tests: in-memory PGlite unless DATABASE_URL is set, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL }),
    dataDir: null,
    storageDir: `${process.env.TMPDIR ?? '/tmp'}/bureau-test-files-${process.pid}`,
    ...overrides,
  };
}
