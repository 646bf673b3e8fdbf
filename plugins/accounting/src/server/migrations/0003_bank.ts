import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/** Bank accounts, imported statements and their lines, and reconciliation matches. */
export const bank: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.bank_accounts (
        tenant_id uuid not null,
        id uuid not null,
        name text not null check (length(name) between 1 and 200),
        iban text check (iban ~ '^[A-Z]{2}[0-9]{2}[0-9A-Z]{1,30}$'),
        account_number text,
        bic text,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        account_id uuid not null,
        csv_mapping jsonb,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, account_id) references accounting.accounts (tenant_id, id) on delete restrict
      )`,
      sql`create unique index bank_accounts_iban_key on accounting.bank_accounts (tenant_id, iban) where iban is not null`,

      sql`create table accounting.bank_statements (
        tenant_id uuid not null,
        id uuid not null,
        bank_account_id uuid not null,
        format text not null check (format in ('csv', 'camt053', 'ofx')),
        reference text,
        file_name text,
        from_date date,
        to_date date,
        opening_balance bigint,
        closing_balance bigint,
        line_count int not null default 0,
        duplicate_count int not null default 0,
        imported_at timestamptz not null default now(),
        imported_by text,
        primary key (tenant_id, id),
        foreign key (tenant_id, bank_account_id) references accounting.bank_accounts (tenant_id, id) on delete cascade
      )`,
      sql`create index bank_statements_account_idx on accounting.bank_statements (tenant_id, bank_account_id, imported_at)`,

      sql`create table accounting.bank_lines (
        tenant_id uuid not null,
        id uuid not null,
        bank_account_id uuid not null,
        statement_id uuid not null,
        date date not null,
        value_date date,
        amount bigint not null check (amount <> 0),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        counterparty_name text,
        counterparty_account text,
        variable_symbol text,
        constant_symbol text,
        specific_symbol text,
        reference text,
        message text,
        external_id text,
        fingerprint text not null,
        status text not null default 'unmatched' check (status in ('unmatched', 'matched', 'ignored')),
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, bank_account_id, fingerprint),
        foreign key (tenant_id, bank_account_id) references accounting.bank_accounts (tenant_id, id) on delete cascade,
        foreign key (tenant_id, statement_id) references accounting.bank_statements (tenant_id, id) on delete cascade
      )`,
      sql`create index bank_lines_status_idx on accounting.bank_lines (tenant_id, status, date)`,
      sql`create index bank_lines_account_idx on accounting.bank_lines (tenant_id, bank_account_id, date)`,

      sql`create table accounting.reconciliations (
        tenant_id uuid not null,
        id uuid not null,
        line_id uuid not null,
        kind text not null check (kind in ('payment', 'entry')),
        payment_id uuid,
        entry_id uuid,
        created_payment boolean not null default false,
        created_at timestamptz not null default now(),
        created_by text,
        primary key (tenant_id, id),
        unique (tenant_id, line_id),
        foreign key (tenant_id, line_id) references accounting.bank_lines (tenant_id, id) on delete cascade,
        foreign key (tenant_id, payment_id) references accounting.payments (tenant_id, id),
        foreign key (tenant_id, entry_id) references accounting.journal_entries (tenant_id, id),
        check ((kind = 'payment') = (payment_id is not null)),
        check ((kind = 'entry') = (entry_id is not null))
      )`,
      sql`create unique index reconciliations_payment_key on accounting.reconciliations (tenant_id, payment_id) where payment_id is not null`,
      sql`alter table accounting.payments add foreign key (tenant_id, bank_account_id)
        references accounting.bank_accounts (tenant_id, id) on delete restrict`,
    ]);
    for (const t of ['bank_accounts', 'bank_statements', 'bank_lines', 'reconciliations']) {
      await enableTenantRls(db, `accounting.${t}`);
    }
  },
};
