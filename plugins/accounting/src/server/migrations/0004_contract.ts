import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * What other modules reach through the contract: documents and payments remember the record of
 * the calling module they came from (so issuing twice returns the first), and fixed-asset cards
 * with their depreciation.
 */
export const contract: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`alter table accounting.documents add column source_type text, add column source_id text,
        add constraint documents_source_pair check ((source_type is null) = (source_id is null))`,
      sql`create unique index documents_source_key on accounting.documents (tenant_id, source_type, source_id)
        where source_type is not null`,
      sql`alter table accounting.payments add column source_type text, add column source_id text,
        add constraint payments_source_pair check ((source_type is null) = (source_id is null))`,
      sql`create unique index payments_source_key on accounting.payments (tenant_id, source_type, source_id)
        where source_type is not null`,

      sql`create table accounting.fixed_assets (
        tenant_id uuid not null,
        id uuid not null,
        inventory_number text not null check (length(inventory_number) between 1 and 40),
        name text not null check (length(name) between 1 and 200),
        category text not null check (category in ('tangible', 'intangible')),
        asset_account_id uuid not null,
        depreciation_account_id uuid not null,
        expense_account_id uuid not null,
        acquisition_date date not null,
        in_use_date date not null,
        cost bigint not null check (cost > 0),
        useful_life_months int not null check (useful_life_months between 1 and 1200),
        tax_group int check (tax_group between 1 and 6),
        tax_method text not null default 'straight' check (tax_method in ('straight', 'accelerated')),
        serial_number text,
        location text,
        cost_center text,
        note text,
        source_type text,
        source_id text,
        status text not null default 'active' check (status in ('active', 'disposed')),
        disposed_on date,
        disposal_kind text check (disposal_kind in ('sale', 'scrap', 'other')),
        activation_entry_id uuid,
        disposal_entry_id uuid,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, inventory_number),
        check (in_use_date >= acquisition_date),
        check ((source_type is null) = (source_id is null)),
        check ((status = 'disposed') = (disposed_on is not null)),
        foreign key (tenant_id, asset_account_id) references accounting.accounts (tenant_id, id) on delete restrict,
        foreign key (tenant_id, depreciation_account_id) references accounting.accounts (tenant_id, id) on delete restrict,
        foreign key (tenant_id, expense_account_id) references accounting.accounts (tenant_id, id) on delete restrict,
        foreign key (tenant_id, activation_entry_id) references accounting.journal_entries (tenant_id, id),
        foreign key (tenant_id, disposal_entry_id) references accounting.journal_entries (tenant_id, id)
      )`,
      sql`create unique index fixed_assets_source_key on accounting.fixed_assets (tenant_id, source_type, source_id)
        where source_type is not null`,
      sql`create index fixed_assets_status_idx on accounting.fixed_assets (tenant_id, status, in_use_date)`,

      // Depreciation per asset: accounting (monthly, posted) and tax (yearly, claimed in the income tax return).
      sql`create table accounting.asset_depreciation (
        tenant_id uuid not null,
        id uuid not null,
        asset_id uuid not null,
        kind text not null check (kind in ('accounting', 'tax')),
        period date not null check (extract(day from period) = 1),
        amount bigint not null check (amount >= 0),
        entry_id uuid,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, asset_id, kind, period),
        foreign key (tenant_id, asset_id) references accounting.fixed_assets (tenant_id, id) on delete restrict,
        foreign key (tenant_id, entry_id) references accounting.journal_entries (tenant_id, id)
      )`,
      sql`create index asset_depreciation_period_idx on accounting.asset_depreciation (tenant_id, kind, period)`,
    ]);
    for (const t of ['fixed_assets', 'asset_depreciation']) await enableTenantRls(db, `accounting.${t}`);
  },
};
