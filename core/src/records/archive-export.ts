import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { type Kysely, sql } from 'kysely';
import { conflict, notFound } from '../http/problem.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { Runtime } from '../runtime.ts';
import { archiveFileWriter, hashedFile } from './archive-writer.ts';
import { cleanFilename } from './filename.ts';
import { mm } from './management-messages.ts';
import { actorLabel, type RecordsScope } from './scope.ts';
import { recordStorage } from './storage.ts';

export const ARCHIVE_FORMAT = 'bureau.tenant-archive/1';

/**
 * Core tables that hold a tenant's own business data. Everything else of core with a tenant_id is
 * machinery or a secret (sessions, token hashes, invitations, verification links, the outbox,
 * schedules, billing's internal ledger) and is not the firm's data set.
 */
const CORE_TABLES = new Set([
  'company_profiles',
  'tenant_modules',
  'roles',
  'audit_log',
  'records',
  'retention_rules',
  'record_class_periods',
  'legal_holds',
  'disposal_runs',
  'disposal_log',
  'subject_requests',
  'status_history',
  'parties',
]);

export interface ArchiveExport {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  size: number | null;
  sha256: string | null;
  requestedAt: string;
  requestedBy: string;
  finishedAt: string | null;
  error: string | null;
}

const toExport = (r: Record<string, unknown>): ArchiveExport => ({
  id: r.id as string,
  status: r.status as ArchiveExport['status'],
  total: Number(r.total),
  done: Number(r.done),
  size: r.size === null || r.size === undefined ? null : Number(r.size),
  sha256: (r.sha256 ?? null) as string | null,
  requestedAt: isoOrNull(r.requested_at) as string,
  requestedBy: r.requested_by as string,
  finishedAt: isoOrNull(r.finished_at),
  error: (r.error ?? null) as string | null,
});

/** Where finished archives live: beside the attachments, outside their `<tenant>/<record>` layout (not in backups). */
const archivePath = (runtime: Runtime, tenantId: string, id: string) =>
  join(runtime.config.storageDir, 'exports', tenantId, `${id}.tar.gz`);

/** Queues an export of the whole data set; one at a time per tenant (409 `export_running`). */
export async function requestExport(s: RecordsScope): Promise<ArchiveExport> {
  const running = await s.db
    .selectFrom('core.archive_exports')
    .select('id')
    .where('tenant_id', '=', s.tenant.id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (running) throw conflict('export_running', mm.export_running, { exportId: running.id });
  const row = {
    tenant_id: s.tenant.id,
    id: newId(),
    status: 'queued',
    requested_at: s.runtime.clock.now(),
    requested_by: actorLabel(s),
  };
  await s.db.insertInto('core.archive_exports').values(row).execute();
  await s.ctx.audit({ action: 'archive.requested', entityType: 'archive-export', entityId: row.id });
  return toExport({ ...row, total: 0, done: 0 });
}

export async function listExports(s: RecordsScope): Promise<ArchiveExport[]> {
  const rows = await s.db
    .selectFrom('core.archive_exports')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .orderBy('requested_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(toExport);
}

/**
 * A finished export to download, read from disk as it is sent (404 unknown or its file gone, 409
 * `export_not_ready` while it runs).
 */
export async function readExport(
  s: RecordsScope,
  id: string,
): Promise<{ export: ArchiveExport; size: number; stream: () => Readable }> {
  const row = await s.db
    .selectFrom('core.archive_exports')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(mm.export_not_found);
  if (row.status !== 'done') throw conflict('export_not_ready', mm.export_not_ready);
  const path = archivePath(s.runtime, s.tenant.id, id);
  const file = await stat(path).catch(() => null);
  if (!file) throw notFound(mm.export_not_found);
  await s.ctx.auditRead('archive-export', id);
  return { export: toExport(row), size: file.size, stream: () => createReadStream(path) };
}

export interface TableRef {
  schema: string;
  table: string;
}

/** The tenant's tables the request role may read: core's data tables and every enabled module's. */
async function tenantTables(db: Kysely<any>, modules: readonly string[]): Promise<TableRef[]> {
  const rows = await sql<{ schema: string; table: string }>`
    select c.table_schema as schema, c.table_name as table
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
      and c.table_schema = any(${sql.val(['core', ...modules])})
      and has_table_privilege(format('%I.%I', c.table_schema, c.table_name), 'SELECT')
    order by 1, 2`.execute(db);
  return rows.rows.filter((r) => r.schema !== 'core' || CORE_TABLES.has(r.table));
}

const plain = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v;

const csvCell = (v: unknown): string => {
  const p = plain(v);
  if (p === null || p === undefined) return '';
  return typeof p === 'object' ? JSON.stringify(p) : String(p);
};

/** Runs a step in the tenant's transaction as the system; null when the tenant is gone. */
export type InTenant = <T>(label: string, fn: (s: RecordsScope) => Promise<T>) => Promise<T | null>;

const PAGE = 2_000;

/**
 * One table's rows of this tenant as JSON (an array, a row a line) and CSV files in `dir`, read a
 * page at a time in the order of their physical position (`ctid`, stable within the transaction),
 * so a table of any size is never held whole.
 */
export async function writeTable(db: Kysely<any>, tenantId: string, t: TableRef, dir: string, pageSize = PAGE) {
  const json = await hashedFile(join(dir, `${t.schema}.${t.table}.json`));
  const csv = await hashedFile(join(dir, `${t.schema}.${t.table}.csv`));
  try {
    let after = '(0,0)';
    let rows = 0;
    let columns: string[] | null = null;
    await json.write('[');
    for (;;) {
      const page = (
        await sql<Record<string, unknown> & { __ctid: string }>`
          select ctid::text as __ctid, * from ${sql.table(`${t.schema}.${t.table}`)}
          where tenant_id = ${tenantId} and ctid > ${after}::tid
          order by ctid limit ${pageSize}`.execute(db)
      ).rows;
      for (const { __ctid, ...row } of page) {
        columns ??= Object.keys(row);
        await json.write(
          `${rows ? ',' : ''}\n${JSON.stringify(Object.fromEntries(columns.map((c) => [c, plain(row[c])])))}`,
        );
        if (rows === 0) await csv.write(stringify([columns]));
        await csv.write(stringify([columns.map((c) => csvCell(row[c]))]));
        rows++;
      }
      if (page.length < pageSize) break;
      after = (page.at(-1) as { __ctid: string }).__ctid;
    }
    await json.write('\n]\n');
    return {
      rows,
      json: { path: json.path, sha256: await json.close() },
      csv: { path: csv.path, sha256: await csv.close() },
    };
  } catch (err) {
    await json.remove();
    await csv.remove();
    throw err;
  }
}

/**
 * Builds the tenant's archive into `path`: `data/<schema>/<table>.json` and `.csv` of every data table
 * (this tenant's rows only: RLS and an explicit filter), `data/core/members.json` (people and their
 * roles), `files/<record id>/<file name>` for every attachment, `SHA256SUMS` (for `sha256sum -c`) and
 * `manifest.json`. Streamed: tables are read a page at a time into files beside the archive and the
 * archive is written as it grows, so memory does not grow with the data set. One table per
 * transaction, each committing the progress, so the page shows it and PGlite's single connection is
 * never held by a long export; the set is therefore consistent per table, not across tables (an
 * archive, not a backup: backups are ops/backup.ts).
 */
export async function buildArchive(runtime: Runtime, exportId: string, path: string, inTenant: InTenant) {
  const mark = (s: RecordsScope, values: Record<string, unknown>) =>
    s.db
      .updateTable('core.archive_exports')
      .set(values)
      .where('tenant_id', '=', s.tenant.id)
      .where('id', '=', exportId)
      .execute();
  const plan = await inTenant(`archive:${exportId}`, async (s) => {
    const modules = [...s.modules].sort();
    const tables = await tenantTables(s.db, modules);
    const attachments = await s.db
      .selectFrom('core.records')
      .select(['id', 'filename'])
      .where('tenant_id', '=', s.tenant.id)
      .where('deleted_at', 'is', null)
      .where('purge', '=', false)
      .orderBy('id')
      .execute();
    const total = tables.length + attachments.length + 1;
    await mark(s, { status: 'running', done: 0, total });
    return { tenant: s.tenant, modules, tables, attachments, total };
  });
  if (!plan) return null;
  const pieces = `${path}.parts`;
  await mkdir(pieces, { recursive: true });
  const writer = archiveFileWriter(path, runtime.clock.now());
  try {
    let done = 0;
    for (const t of plan.tables) {
      await inTenant(`archive:${exportId}`, async (s) => {
        const table = await writeTable(s.db, s.tenant.id, t, pieces);
        await writer.addFile(`data/${t.schema}/${t.table}.json`, table.json.path, table.json.sha256, table.rows);
        await writer.addFile(`data/${t.schema}/${t.table}.csv`, table.csv.path, table.csv.sha256, table.rows);
        await rm(table.json.path);
        await rm(table.csv.path);
        await mark(s, { done: ++done });
      });
    }
    await inTenant(`archive:${exportId}`, async (s) => {
      const people = await s.db
        .selectFrom('core.memberships as m')
        .innerJoin('core.users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name', 'u.email', 'm.role', 'm.created_at'])
        .where('m.tenant_id', '=', s.tenant.id)
        .orderBy('u.email')
        .execute();
      const json = people.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      await writer.add('data/core/members.json', Buffer.from(JSON.stringify(json, null, 1)), people.length);
      await mark(s, { done: ++done });
    });
    const storage = recordStorage(runtime);
    for (const [i, a] of plan.attachments.entries()) {
      const bytes = await storage.get(`${plan.tenant.id}/${a.id}`);
      if (bytes) await writer.add(`files/${a.id}/${cleanFilename(String(a.filename))}`, Buffer.from(bytes));
      done++;
      if (i % 20 === 19) await inTenant(`archive:${exportId}`, (s) => mark(s, { done }));
    }
    const sums = writer.members.map((m) => `${m.sha256}  ${m.path}`).join('\n');
    await writer.add('SHA256SUMS', Buffer.from(`${sums}\n`));
    const archive = await writer.finish({
      format: ARCHIVE_FORMAT,
      exportId,
      tenant: { id: plan.tenant.id, slug: plan.tenant.slug, name: plan.tenant.name },
      createdAt: runtime.clock.now().toISOString(),
      modules: plan.modules,
      members: writer.members,
    });
    return { ...archive, files: writer.members.length + 1, total: plan.total };
  } catch (err) {
    writer.abort(err as Error);
    throw err;
  } finally {
    await rm(pieces, { recursive: true, force: true });
  }
}

/** Runs one queued export to its end; the archive goes to disk first, the row says done last. */
export async function runExport(
  runtime: Runtime,
  tenantId: string,
  exportId: string,
  inTenant: InTenant,
): Promise<void> {
  const finish = (values: Record<string, unknown>, audit?: Record<string, unknown>) =>
    inTenant(`archive:${exportId}`, async (s) => {
      await s.db
        .updateTable('core.archive_exports')
        .set({ ...values, finished_at: runtime.clock.now() })
        .where('tenant_id', '=', s.tenant.id)
        .where('id', '=', exportId)
        .execute();
      if (audit)
        await s.ctx.audit({
          action: 'archive.exported',
          entityType: 'archive-export',
          entityId: exportId,
          after: audit,
        });
    });
  const path = archivePath(runtime, tenantId, exportId);
  try {
    await mkdir(dirname(path), { recursive: true });
    const built = await buildArchive(runtime, exportId, `${path}.tmp`, inTenant);
    if (!built) return;
    await rename(`${path}.tmp`, path);
    await finish(
      {
        status: 'done',
        done: built.total,
        size: built.size,
        sha256: built.sha256,
        storage_key: `exports/${tenantId}/${exportId}.tar.gz`,
      },
      { files: built.files, bytes: built.size },
    );
  } catch (err) {
    await rm(`${path}.tmp`, { force: true });
    runtime.log('error', 'archive export failed', { exportId, error: String(err) });
    await finish({ status: 'failed', error: String(err).slice(0, 2000) });
  }
}
