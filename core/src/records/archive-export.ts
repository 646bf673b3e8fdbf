import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { type Kysely, sql } from 'kysely';
import { pack as tarPack } from 'tar-stream';
import { conflict, notFound } from '../http/problem.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { Runtime } from '../runtime.ts';
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

/** The bytes of a finished export (404 unknown, 409 `export_not_ready` while it runs). */
export async function readExport(s: RecordsScope, id: string): Promise<{ export: ArchiveExport; bytes: Buffer }> {
  const row = await s.db
    .selectFrom('core.archive_exports')
    .selectAll()
    .where('tenant_id', '=', s.tenant.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(mm.export_not_found);
  if (row.status !== 'done') throw conflict('export_not_ready', mm.export_not_ready);
  const bytes = await readFile(archivePath(s.runtime, s.tenant.id, id));
  await s.ctx.auditRead('archive-export', id);
  return { export: toExport(row), bytes };
}

interface TableRef {
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

interface Member {
  path: string;
  size: number;
  sha256: string;
  rows?: number;
}

/** Runs a step in the tenant's transaction as the system; null when the tenant is gone. */
export type InTenant = <T>(label: string, fn: (s: RecordsScope) => Promise<T>) => Promise<T | null>;

/** A gzipped tar built in memory, with the checksum of every member it holds. */
function archiveWriter(mtime: Date) {
  const pack = tarPack();
  const out = buffer(pack.pipe(createGzip()).pipe(new PassThrough()));
  const members: Member[] = [];
  const entry = (name: string, data: Buffer) =>
    new Promise<void>((resolve, reject) =>
      pack.entry({ name, size: data.length, mode: 0o644, mtime }, data, (err) => (err ? reject(err) : resolve())),
    );
  return {
    members,
    async add(path: string, data: Buffer, rows?: number) {
      await entry(path, data);
      const sha256 = createHash('sha256').update(data).digest('hex');
      members.push({ path, size: data.length, sha256, ...(rows === undefined ? {} : { rows }) });
    },
    /** The manifest lists every other member with its checksum; it cannot list itself. */
    async finish(manifest: unknown) {
      await entry('manifest.json', Buffer.from(JSON.stringify(manifest, null, 1)));
      pack.finalize();
      return out;
    },
  };
}

const tableFiles = (rows: Record<string, unknown>[]) => {
  const columns = rows.length ? Object.keys(rows[0] as object) : [];
  const json = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  return {
    json: Buffer.from(JSON.stringify(json, null, 1)),
    csv: Buffer.from(stringify([columns, ...rows.map((r) => columns.map((c) => csvCell(r[c])))])),
  };
};

/**
 * Builds the tenant's archive: `data/<schema>/<table>.json` and `.csv` of every data table (this
 * tenant's rows only: RLS and an explicit filter), `data/core/members.json` (people and their roles),
 * `files/<record id>/<file name>` for every attachment, `SHA256SUMS` (for `sha256sum -c`) and
 * `manifest.json`. One table per transaction, each committing the progress, so the page shows it
 * and PGlite's single connection is never held by a long export; the set is therefore consistent per
 * table, not across tables (an archive, not a backup: backups are ops/backup.ts).
 */
export async function buildArchive(runtime: Runtime, exportId: string, inTenant: InTenant) {
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
  const writer = archiveWriter(runtime.clock.now());
  let done = 0;
  for (const t of plan.tables) {
    await inTenant(`archive:${exportId}`, async (s) => {
      const rows = (
        await sql<
          Record<string, unknown>
        >`select * from ${sql.table(`${t.schema}.${t.table}`)} where tenant_id = ${s.tenant.id}`.execute(s.db)
      ).rows;
      const files = tableFiles(rows);
      await writer.add(`data/${t.schema}/${t.table}.json`, files.json, rows.length);
      await writer.add(`data/${t.schema}/${t.table}.csv`, files.csv, rows.length);
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
    await writer.add('data/core/members.json', tableFiles(people).json, people.length);
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
  return { archive, files: writer.members.length + 1, total: plan.total };
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
  try {
    const built = await buildArchive(runtime, exportId, inTenant);
    if (!built) return;
    const path = archivePath(runtime, tenantId, exportId);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.tmp`, built.archive);
    await rename(`${path}.tmp`, path);
    await finish(
      {
        status: 'done',
        done: built.total,
        size: built.archive.length,
        sha256: createHash('sha256').update(built.archive).digest('hex'),
        storage_key: `exports/${tenantId}/${exportId}.tar.gz`,
      },
      { files: built.files, bytes: built.archive.length },
    );
  } catch (err) {
    runtime.log('error', 'archive export failed', { exportId, error: String(err) });
    await finish({ status: 'failed', error: String(err).slice(0, 2000) });
  }
}
