import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Names the test run's template directory (test-templates.ts); unset, every test database migrates itself. */
export const TEMPLATES_ENV = 'BUREAU_TEST_TEMPLATES';

/** The prefix of a run's template databases on PostgreSQL: `bureau_tpl_<run>_`. */
export function templatePrefix(dir: string): string {
  return `bureau_tpl_${createHash('sha256').update(dir).digest('hex').slice(0, 8)}_`;
}

/**
 * Vitest's global setup: a template directory for this run, inherited by the test workers; the
 * teardown removes it and drops the run's template databases on DATABASE_URL's server.
 */
export default async function startTemplateRun(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'bureau-test-templates-'));
  process.env[TEMPLATES_ENV] = dir;
  return async () => {
    await rm(dir, { recursive: true, force: true });
    const server = process.env.DATABASE_URL;
    if (!server) return;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1)',
        [templatePrefix(dir)],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
