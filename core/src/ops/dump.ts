import { writeFile } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import type pg from 'pg';
import { type InstallationState, installationState, type Query } from './catalogue.ts';
import { BackupError } from './errors.ts';
import { libpqTarget, pgTool, runTool } from './pg-tools.ts';

export interface DumpResult extends InstallationState {
  serverVersion: string;
}

function nothingToBackUp(state: InstallationState) {
  if (!state.schemas.includes('core')) {
    throw new BackupError('empty_source', 'there is nothing to back up: the database has no Bureau schemas');
  }
}

/**
 * A PostgreSQL installation: one repeatable-read transaction exports its snapshot, counts every
 * table in it, and pg_dump (custom format) dumps Bureau's schemas from that same snapshot, so the
 * manifest's counts describe exactly the dumped data while the server keeps serving.
 */
export async function dumpPostgres(pool: pg.Pool, databaseUrl: string, outFile: string): Promise<DumpResult> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read, read only');
    const snapshot = (await client.query('select pg_export_snapshot() as s')).rows[0].s as string;
    const q: Query = async (text, params) => (await client.query(text, params as unknown[])).rows;
    const state = await installationState(q);
    nothingToBackUp(state);
    const serverVersion = String((await q('show server_version'))[0]?.server_version ?? '');
    const { dbname, env } = libpqTarget(databaseUrl);
    await runTool(
      pgTool('pg_dump'),
      [
        '--format=custom',
        `--snapshot=${snapshot}`,
        ...state.schemas.map((s) => `--schema="${s}"`),
        `--file=${outFile}`,
        `--dbname=${dbname}`,
      ],
      env,
    ).done;
    await client.query('commit');
    return { ...state, serverVersion };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * An embedded installation, while it serves: PGlite has one session, so the dump holds PGlite's
 * transaction lock for its whole length (requests and the job queue wait, nothing interleaves) and
 * runs pglite-tools' pg_dump (plain SQL with INSERTs) on that session. PGlite opens a transaction
 * when it grants the lock; it is committed at once so pg_dump can start its own snapshot.
 */
export async function dumpPglite(pglite: PGlite, outFile: string): Promise<DumpResult> {
  return pglite.transaction(async (tx) => {
    await tx.exec('commit');
    const q: Query = async (text, params) => (await tx.query<Record<string, any>>(text, params as any[])).rows;
    const state = await installationState(q);
    nothingToBackUp(state);
    const serverVersion = String((await q('show server_version'))[0]?.server_version ?? '');
    // pg_dump speaks the wire protocol straight to PGlite (no lock); its own few queries go through
    // the transaction handle we hold.
    const session = {
      query: tx.query.bind(tx),
      exec: tx.exec.bind(tx),
      execProtocolRawStream: pglite.execProtocolRawStream.bind(pglite),
    } as unknown as PGlite;
    // pg_dump changes the session's settings (row_security off, DateStyle, timeouts…) and
    // pglite-tools restores only search_path: put back exactly what the session had before.
    const before = await q(`select name, setting from pg_settings where source = 'session'`);
    let dump: File;
    try {
      dump = await pgDump({
        pg: session,
        args: [...state.schemas.map((s) => `--schema="${s}"`), '--no-owner', '--no-privileges'],
      });
    } finally {
      // pg_dump leaves its snapshot transaction open; end it before touching session settings.
      await tx.exec('commit');
      const changed = await q(
        `select name from pg_settings where source = 'session' and name not like 'transaction\\_%'`,
      );
      for (const { name } of changed) await tx.exec(`reset "${name}"`);
      for (const { name, setting } of before) await q('select set_config($1, $2, false)', [name, setting]);
    }
    await writeFile(outFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    return { ...state, serverVersion };
  });
}
