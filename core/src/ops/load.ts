import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { CREATE_APP_ROLE_SQL } from '../db/roles.ts';
import { quoteIdent } from './catalogue.ts';
import { BackupError } from './errors.ts';
import { type Manifest, PG_DUMP_MEMBER } from './manifest.ts';
import { libpqTarget, pgTool, runTool } from './pg-tools.ts';

/**
 * Loading a checked archive's database into an empty target, in ONE transaction that also checks
 * every table's row count against the manifest before it commits: a failure anywhere leaves the
 * target as it was.
 */

/** A DO block that raises unless every table of the manifest exists with exactly its row count. */
export function rowCountCheck(tables: Record<string, number>): string {
  const rows = Object.entries(tables).map(([name, n]) => {
    const dot = name.indexOf('.');
    const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
    return `(${lit(name.slice(0, dot))}, ${lit(name.slice(dot + 1))}, ${n}::bigint)`;
  });
  if (!rows.length) return '';
  return `
DO $bureau_check$
DECLARE r record; n bigint; problem text;
BEGIN
  FOR r IN SELECT * FROM (VALUES ${rows.join(', ')}) AS e(s, t, n) LOOP
    IF to_regclass(format('%I.%I', r.s, r.t)) IS NULL THEN
      problem := format('table %s.%s is missing', r.s, r.t);
      EXIT;
    END IF;
    EXECUTE format('SELECT count(*) FROM %I.%I', r.s, r.t) INTO n;
    IF n <> r.n THEN
      problem := format('table %s.%s has %s rows, the manifest says %s', r.s, r.t, n, r.n);
      EXIT;
    END IF;
  END LOOP;
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'bureau restore check: %', problem;
  END IF;
END $bureau_check$;
`;
}

/**
 * PostgreSQL 17+ settings a plain dump starts with (pglite-tools' pg_dump is PostgreSQL 18's) that
 * an older server refuses; they only restate defaults.
 */
const NEWER_SETTINGS = /^SET transaction_timeout = 0;\n/m;

function dropNewerSettings(): Transform {
  let head = '';
  let done = false;
  return new Transform({
    transform(chunk, _enc, cb) {
      if (done) return cb(null, chunk);
      head += chunk.toString('utf8');
      if (head.length < 65536 && !head.includes('SET row_security')) return cb();
      done = true;
      cb(null, head.replace(NEWER_SETTINGS, ''));
    },
    flush(cb) {
      cb(null, done ? undefined : head.replace(NEWER_SETTINGS, ''));
    },
  });
}

/**
 * Into a PostgreSQL database, through psql in one transaction: `drop` lists Bureau schemas to drop
 * first (--force), then the dump (pg_restore's script of a custom-format dump, or the plain SQL of an
 * embedded one), then the row-count check, then COMMIT. psql stops at the first error and the
 * server rolls the transaction back.
 */
export async function loadIntoPostgres(
  databaseUrl: string,
  dir: string,
  manifest: Manifest,
  drop: string[],
): Promise<void> {
  const { dbname, env } = libpqTarget(databaseUrl);
  const psql = runTool(pgTool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${dbname}`], env, true);
  const stdin = psql.child.stdin;
  if (!stdin) throw new BackupError('pg_tool_failed', 'psql has no input');
  stdin.on('error', () => {});
  const preamble = [
    'SET client_min_messages = warning;',
    'BEGIN;',
    // The dump's policies name the request role; a fresh server has no such role yet.
    CREATE_APP_ROLE_SQL,
    ...drop.map((s) => `DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE;`),
    '',
  ].join('\n');
  const epilogue = `\n${rowCountCheck(manifest.tables)}\nCOMMIT;\n`;
  const member = join(dir, manifest.database.member);
  const feed = async () => {
    stdin.write(preamble);
    if (manifest.database.member === PG_DUMP_MEMBER) {
      const restore = runTool(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--file=-', member]);
      restore.child.stdout?.pipe(stdin, { end: false });
      await restore.done;
      await new Promise<void>((r) =>
        restore.child.stdout?.readableEnded ? r() : restore.child.stdout?.once('end', r),
      );
    } else {
      await pipeline(createReadStream(member), dropNewerSettings(), async function* (source) {
        for await (const chunk of source) if (!stdin.write(chunk)) await new Promise((r) => stdin.once('drain', r));
      });
    }
    stdin.end(epilogue);
  };
  const fed = feed().catch((err) => {
    psql.child.kill('SIGTERM');
    throw err;
  });
  // psql's own error says why; a feeding error (e.g. a broken pipe) only follows from it.
  const [feeding, loading] = await Promise.allSettled([fed, psql.done]);
  if (loading.status === 'rejected') throw loading.reason;
  if (feeding.status === 'rejected') throw feeding.reason;
}

/**
 * Into a new embedded data directory: PGlite runs the plain SQL dump and the check in one
 * transaction. A custom-format (PostgreSQL) dump cannot be loaded here.
 */
export async function loadIntoPglite(dataDir: string, dir: string, manifest: Manifest): Promise<void> {
  if (manifest.database.member === PG_DUMP_MEMBER) {
    throw new BackupError(
      'wrong_target',
      'this backup was made from PostgreSQL: restore it into PostgreSQL (set DATABASE_URL to an empty database)',
    );
  }
  const script = (await readFile(join(dir, manifest.database.member), 'utf8')).replace(NEWER_SETTINGS, '');
  const pglite = await PGlite.create({ dataDir });
  try {
    await pglite.transaction(async (tx) => {
      // The dump's policies name the request role; a new data directory has no such role yet.
      await tx.exec(CREATE_APP_ROLE_SQL);
      await tx.exec(script);
      const check = rowCountCheck(manifest.tables);
      if (check) await tx.exec(check);
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new BackupError('load_failed', `the database could not be restored: ${msg.split('\n')[0]}`, { cause: err });
  } finally {
    await pglite.close();
  }
}
