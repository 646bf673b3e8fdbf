import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/**
 * Records management (issue 18): a tenant's lengthened retention periods per record class, legal
 * holds, disposal proposals and runs (the disposal log), data-subject requests and archive exports.
 */
export const recordsManagement: Migration = {
  async up(db: Kysely<any>) {
    // Attachments of disposed or erased records: hidden at once, bytes and row removed by the records job after commit.
    await sql`alter table core.records add column purge boolean not null default false`.execute(db);
    await sql`create index records_purge on core.records (tenant_id) where purge`.execute(db);
    await sql`create table core.record_class_periods (
      tenant_id uuid not null references core.tenants (id) on delete cascade,
      class_key text not null,
      years int not null check (years between 0 and 100),
      months int not null check (months between 0 and 11),
      updated_at timestamptz not null,
      updated_by text not null,
      primary key (tenant_id, class_key)
    )`.execute(db);

    await sql`create table core.legal_holds (
      tenant_id uuid not null references core.tenants (id) on delete cascade,
      id uuid not null,
      -- a person (matched through every module's personal-data hook), a record class, or listed records
      scope text not null check (scope in ('subject', 'class', 'records')),
      subject jsonb,
      class_key text,
      record_ids text[],
      reason text not null,
      created_at timestamptz not null,
      created_by text not null,
      released_at timestamptz,
      released_by text,
      primary key (tenant_id, id),
      check ((scope = 'subject') = (subject is not null)),
      check (scope = 'subject' or class_key is not null),
      check ((scope = 'records') = (record_ids is not null))
    )`.execute(db);
    await sql`create index legal_holds_active on core.legal_holds (tenant_id, class_key) where released_at is null`.execute(
      db,
    );

    await sql`create table core.disposal_runs (
      tenant_id uuid not null references core.tenants (id) on delete cascade,
      id uuid not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      total int not null,
      done int not null default 0,
      skipped int not null default 0,
      approved_at timestamptz not null,
      approved_by text not null,
      started_at timestamptz,
      finished_at timestamptz,
      error text,
      primary key (tenant_id, id)
    )`.execute(db);

    await sql`create table core.disposal_items (
      tenant_id uuid not null references core.tenants (id) on delete cascade,
      id uuid not null,
      class_key text not null,
      record_id text not null,
      label text not null,
      trigger_date date not null,
      keep_until date not null,
      entity_type text,
      entity_id text,
      status text not null check (status in ('proposed', 'approved', 'disposed', 'held', 'withdrawn')),
      proposed_at timestamptz not null,
      run_id uuid,
      decided_at timestamptz,
      decided_by text,
      primary key (tenant_id, id),
      foreign key (tenant_id, run_id) references core.disposal_runs (tenant_id, id)
    )`.execute(db);
    // One open proposal per record of a class.
    await sql`create unique index disposal_items_open on core.disposal_items (tenant_id, class_key, record_id)
      where status in ('proposed', 'approved', 'held')`.execute(db);
    await sql`create index disposal_items_run on core.disposal_items (tenant_id, run_id)`.execute(db);
    // The disposal log keeps what class, how many, when and who approved: counts per class and run.
    await sql`create table core.disposal_log (
      tenant_id uuid not null references core.tenants (id) on delete cascade,
      run_id uuid not null,
      class_key text not null,
      disposal text not null,
      count int not null,
      disposed_at timestamptz not null,
      approved_by text not null,
      primary key (tenant_id, run_id, class_key),
      foreign key (tenant_id, run_id) references core.disposal_runs (tenant_id, id)
    )`.execute(db);

    await sql`create table core.subject_requests (
      tenant_id uuid not null references core.tenants (id) on delete cascade,
      id uuid not null,
      kind text not null check (kind in ('access', 'erasure')),
      subject jsonb not null,
      status text not null check (status in ('open', 'done')),
      received_on date not null,
      due_on date not null,
      responsible_user_id uuid references core.users (id),
      note text,
      outcome jsonb,
      created_at timestamptz not null,
      created_by text not null,
      completed_at timestamptz,
      completed_by text,
      primary key (tenant_id, id)
    )`.execute(db);
    await sql`create index subject_requests_open on core.subject_requests (tenant_id, status, due_on)`.execute(db);

    await sql`create table core.archive_exports (
      tenant_id uuid not null references core.tenants (id) on delete cascade,
      id uuid not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      total int not null default 0,
      done int not null default 0,
      storage_key text,
      size bigint,
      sha256 text,
      requested_at timestamptz not null,
      requested_by text not null,
      finished_at timestamptz,
      error text,
      primary key (tenant_id, id)
    )`.execute(db);
    // One export at a time per tenant.
    await sql`create unique index archive_exports_running on core.archive_exports (tenant_id)
      where status in ('queued', 'running')`.execute(db);

    for (const t of [
      'core.record_class_periods',
      'core.legal_holds',
      'core.disposal_runs',
      'core.disposal_items',
      'core.disposal_log',
      'core.subject_requests',
      'core.archive_exports',
    ]) {
      await enableTenantRls(db, t);
    }
  },
};
