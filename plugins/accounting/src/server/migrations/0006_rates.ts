import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Exchange rates (the ČNB's daily rates, imported from its files) and the year-end revaluation
 * of open foreign-currency documents.
 */
export const rates: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.exchange_rates (
        tenant_id uuid not null,
        id uuid not null,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        date date not null,
        rate numeric(24, 12) not null check (rate > 0),
        source text not null default 'cnb' check (source in ('cnb', 'manual')),
        imported_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, currency, date)
      )`,
      sql`create table accounting.document_revaluations (
        tenant_id uuid not null,
        id uuid not null,
        document_id uuid not null,
        date date not null,
        rate numeric(24, 12) not null check (rate > 0),
        open_amount bigint not null,
        delta bigint not null,
        entry_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, document_id, date),
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict,
        foreign key (tenant_id, entry_id) references accounting.journal_entries (tenant_id, id)
      )`,
      sql`create trigger document_revaluations_immutable before update or delete on accounting.document_revaluations
        for each row execute function accounting.refuse_change()`,
    ]);
    for (const t of ['exchange_rates', 'document_revaluations']) await enableTenantRls(db, `accounting.${t}`);
  },
};
