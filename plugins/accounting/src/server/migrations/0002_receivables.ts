import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/** VAT rates, sales invoices and purchase bills (documents) with lines, payments and their allocations. */
export const receivables: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.vat_rates (
        tenant_id uuid not null,
        id uuid not null,
        country text not null check (country ~ '^[A-Z]{2}$'),
        code text not null check (code ~ '^[a-z][a-z0-9_]{0,29}$'),
        rate numeric(7, 4) not null check (rate >= 0 and rate < 100),
        valid_from date not null,
        valid_to date,
        primary key (tenant_id, id),
        unique (tenant_id, country, code, valid_from),
        check (valid_to is null or valid_to >= valid_from)
      )`,

      sql`create table accounting.documents (
        tenant_id uuid not null,
        id uuid not null,
        kind text not null check (kind in ('invoice', 'bill')),
        status text not null default 'draft' check (status in ('draft', 'issued', 'paid', 'cancelled')),
        number text,
        fiscal_year int,
        seq int,
        partner_id uuid not null,
        issue_date date not null,
        tax_date date not null,
        due_date date not null,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        rate numeric(24, 12) not null default 1 check (rate > 0),
        variable_symbol text check (variable_symbol ~ '^[0-9]{1,10}$'),
        reference text,
        memo text,
        subtotal bigint not null default 0,
        vat_total bigint not null default 0,
        total bigint not null default 0,
        total_functional bigint not null default 0,
        paid bigint not null default 0 check (paid >= 0),
        entry_id uuid,
        cancel_entry_id uuid,
        issued_at timestamptz,
        paid_at date,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, kind, number),
        unique (tenant_id, kind, fiscal_year, seq),
        foreign key (tenant_id, partner_id) references accounting.partners (tenant_id, id) on delete restrict,
        foreign key (tenant_id, entry_id) references accounting.journal_entries (tenant_id, id),
        foreign key (tenant_id, cancel_entry_id) references accounting.journal_entries (tenant_id, id),
        check (due_date >= issue_date),
        check (paid <= total or total < 0),
        check ((status = 'draft') = (number is null))
      )`,
      sql`create index documents_status_idx on accounting.documents (tenant_id, kind, status, due_date)`,
      sql`create index documents_partner_idx on accounting.documents (tenant_id, partner_id, issue_date)`,
      sql`create index documents_vs_idx on accounting.documents (tenant_id, variable_symbol) where variable_symbol is not null`,
      sql`create index documents_tax_date_idx on accounting.documents (tenant_id, kind, tax_date)`,

      sql`create table accounting.document_lines (
        tenant_id uuid not null,
        id uuid not null,
        document_id uuid not null,
        line_no int not null check (line_no > 0),
        description text not null,
        quantity numeric(18, 4) not null,
        unit text,
        unit_price bigint not null,
        account_id uuid not null,
        vat_code text not null,
        vat_rate numeric(7, 4) not null,
        net bigint not null,
        vat bigint not null,
        net_functional bigint not null,
        vat_functional bigint not null,
        primary key (tenant_id, id),
        unique (tenant_id, document_id, line_no),
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete cascade,
        foreign key (tenant_id, account_id) references accounting.accounts (tenant_id, id) on delete restrict
      )`,

      sql`create table accounting.payments (
        tenant_id uuid not null,
        id uuid not null,
        direction text not null check (direction in ('in', 'out')),
        partner_id uuid not null,
        date date not null,
        amount bigint not null check (amount > 0),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        rate numeric(24, 12) not null default 1 check (rate > 0),
        bank_account_id uuid,
        reference text,
        memo text,
        allocated bigint not null default 0 check (allocated >= 0 and allocated <= amount),
        entry_id uuid not null,
        void_entry_id uuid,
        voided_at timestamptz,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, partner_id) references accounting.partners (tenant_id, id) on delete restrict,
        foreign key (tenant_id, entry_id) references accounting.journal_entries (tenant_id, id),
        foreign key (tenant_id, void_entry_id) references accounting.journal_entries (tenant_id, id)
      )`,
      sql`create index payments_partner_idx on accounting.payments (tenant_id, partner_id, date)`,
      sql`create index payments_date_idx on accounting.payments (tenant_id, date)`,

      sql`create table accounting.payment_allocations (
        tenant_id uuid not null,
        id uuid not null,
        payment_id uuid not null,
        document_id uuid not null,
        amount bigint not null check (amount > 0),
        date date not null,
        fx_entry_id uuid,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, payment_id) references accounting.payments (tenant_id, id) on delete cascade,
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict,
        foreign key (tenant_id, fx_entry_id) references accounting.journal_entries (tenant_id, id)
      )`,
      sql`create index payment_allocations_payment_idx on accounting.payment_allocations (tenant_id, payment_id)`,
      sql`create index payment_allocations_document_idx on accounting.payment_allocations (tenant_id, document_id, date)`,
    ]);
    for (const t of ['vat_rates', 'documents', 'document_lines', 'payments', 'payment_allocations']) {
      await enableTenantRls(db, `accounting.${t}`);
    }
  },
};
