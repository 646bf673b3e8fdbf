import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Czech VAT in full: document types (credit and debit notes with their own series, advance
 * invoices and the tax documents of received advances), the VAT regime of a document and the VAT
 * treatment of each line, the settlement of credit notes against invoices, and the VAT records
 * (evidence pro účely DPH) every tax document writes when it is issued — the one source of the
 * VAT return, the control statement and the EC sales list.
 */
export const vat: Migration = {
  async up(db: Kysely<any>) {
    // The owner reads and backfills every tenant's rows below (RLS is forced, also for the owner).
    const backfilled = ['documents', 'document_lines', 'partners', 'settings', 'accounts', 'journal_entries'];
    for (const t of backfilled)
      await sql`alter table ${sql.id('accounting', t)} no force row level security`.execute(db);
    await run(db, [
      sql`alter table accounting.documents
        add column type text not null default 'invoice',
        add column regime text not null default 'domestic'
          check (regime in ('domestic', 'reverse_charge', 'eu', 'export', 'import', 'outside_eu')),
        add column corrects_id uuid,
        add column correction_reason text,
        add column vat_date date,
        add column self_assessed boolean not null default false,
        add column advance_id uuid,
        add column advance_payment_id uuid`,
      // Filling the new columns of issued documents is no change to them; the guards would refuse it.
      sql`alter table accounting.documents disable trigger user`,
      sql`alter table accounting.document_lines disable trigger user`,
      sql`update accounting.documents set type = 'bill' where kind = 'bill'`,
      sql`update accounting.documents set vat_date = tax_date`,
      sql`alter table accounting.documents add constraint documents_type_check check (
        (kind = 'invoice' and type in ('invoice', 'credit_note', 'debit_note', 'advance', 'advance_tax'))
        or (kind = 'bill' and type in ('bill', 'credit_note', 'debit_note')))`,
      sql`alter table accounting.documents add constraint documents_corrects_check
        check ((type in ('credit_note', 'debit_note')) = (corrects_id is not null))`,
      sql`alter table accounting.documents
        add foreign key (tenant_id, corrects_id) references accounting.documents (tenant_id, id),
        add foreign key (tenant_id, advance_id) references accounting.documents (tenant_id, id),
        add foreign key (tenant_id, advance_payment_id) references accounting.payments (tenant_id, id)`,
      sql`alter table accounting.documents drop constraint documents_tenant_id_kind_number_key`,
      sql`alter table accounting.documents add constraint documents_number_key unique (tenant_id, kind, type, number)`,
      sql`alter table accounting.documents drop constraint documents_tenant_id_kind_fiscal_year_seq_key`,
      sql`alter table accounting.documents add constraint documents_seq_key unique (tenant_id, kind, type, fiscal_year, seq)`,
      sql`create index documents_corrects_idx on accounting.documents (tenant_id, corrects_id) where corrects_id is not null`,
      sql`create index documents_vat_date_idx on accounting.documents (tenant_id, vat_date)`,

      sql`alter table accounting.document_lines
        add column supply text not null default 'services' check (supply in ('goods', 'services')),
        add column exemption text,
        add column rc_code text,
        add column deduction text not null default 'full' check (deduction in ('full', 'none', 'partial', 'coefficient')),
        add column deductible_percent numeric(7, 4) check (deductible_percent between 0 and 100),
        add column deductible bigint not null default 0,
        add column cost_center text,
        add column advance_id uuid`,
      sql`update accounting.document_lines set deductible = vat_functional`,
      sql`alter table accounting.documents enable trigger user`,
      sql`alter table accounting.document_lines enable trigger user`,
      sql`alter table accounting.document_lines
        add foreign key (tenant_id, advance_id) references accounting.documents (tenant_id, id)`,

      // Which account holds advances received (324 in the Czech chart).
      sql`alter table accounting.settings add column advances_account_id uuid,
        add column vat_coefficient numeric(5, 2) check (vat_coefficient between 0 and 100),
        add column tax_office text check (tax_office ~ '^[0-9]{1,3}$'),
        add column tax_office_branch text check (tax_office_branch ~ '^[0-9]{1,4}$'),
        add column nace text check (nace ~ '^[0-9]{1,6}$'),
        add column filer_kind text not null default 'P' check (filer_kind in ('P', 'F'))`,
      sql`alter table accounting.settings add foreign key (tenant_id, advances_account_id)
        references accounting.accounts (tenant_id, id) on delete restrict`,
      sql`update accounting.settings s set advances_account_id = (select a.id from accounting.accounts a
        where a.tenant_id = s.tenant_id and a.code in ('324', '2050') order by a.code limit 1)`,

      // A credit note settling (part of) another document of the same partner.
      sql`create table accounting.document_offsets (
        tenant_id uuid not null,
        id uuid not null,
        credit_id uuid not null,
        document_id uuid not null,
        amount bigint not null check (amount > 0),
        date date not null,
        credit_functional bigint not null,
        document_functional bigint not null,
        fx_entry_id uuid,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, credit_id) references accounting.documents (tenant_id, id) on delete restrict,
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict,
        foreign key (tenant_id, fx_entry_id) references accounting.journal_entries (tenant_id, id),
        check (credit_id <> document_id)
      )`,
      sql`create index document_offsets_credit_idx on accounting.document_offsets (tenant_id, credit_id)`,
      sql`create index document_offsets_document_idx on accounting.document_offsets (tenant_id, document_id)`,
      sql`create trigger document_offsets_immutable before update or delete on accounting.document_offsets
        for each row execute function accounting.refuse_change()`,

      sql`create table accounting.vat_records (
        tenant_id uuid not null,
        id uuid not null,
        document_id uuid,
        cash_document_id uuid,
        kind text not null,
        direction text not null check (direction in ('output', 'input')),
        self_assessed boolean not null default false,
        regime text not null,
        supply text not null,
        rate_code text not null,
        rate numeric(7, 4) not null,
        base bigint not null,
        vat bigint not null,
        deductible bigint not null default 0,
        deduction text not null default 'full',
        tax_date date not null,
        vat_date date not null,
        evidence_number text not null,
        partner_id uuid,
        partner_name text,
        partner_country text,
        partner_vat_id text,
        document_total bigint not null,
        corrects_number text,
        rc_code text,
        exemption text,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict
      )`,
      // The VAT records of documents issued before this migration: each line at its tax date, and a
      // cancelled document's mirror at the date of its cancellation (as the VAT summary counted them).
      sql`insert into accounting.vat_records (tenant_id, id, document_id, kind, direction, self_assessed, regime,
          supply, rate_code, rate, base, vat, deductible, deduction, tax_date, vat_date, evidence_number,
          partner_id, partner_name, partner_country, partner_vat_id, document_total)
        select d.tenant_id, gen_random_uuid(), d.id, x.kind,
          case d.kind when 'invoice' then 'output' else 'input' end, false, d.regime, l.supply, l.vat_code,
          l.vat_rate, x.sign * l.net_functional, x.sign * l.vat_functional,
          case d.kind when 'bill' then x.sign * l.vat_functional else 0 end, 'full', d.tax_date, x.vat_date,
          coalesce(case d.kind when 'bill' then d.reference end, d.number, ''), p.id, p.name, p.country, p.dic,
          d.total_functional
        from accounting.documents d
        join accounting.document_lines l on l.tenant_id = d.tenant_id and l.document_id = d.id
        join accounting.partners p on p.tenant_id = d.tenant_id and p.id = d.partner_id
        cross join lateral (
          select d.type as kind, 1 as sign, d.tax_date as vat_date
          union all
          select 'cancellation', -1, e.date from accounting.journal_entries e
            where d.status = 'cancelled' and e.tenant_id = d.tenant_id and e.id = d.cancel_entry_id
        ) x
        where d.status <> 'draft'`,
      sql`create index vat_records_date_idx on accounting.vat_records (tenant_id, vat_date)`,
      sql`create index vat_records_document_idx on accounting.vat_records (tenant_id, document_id)`,
      sql`create trigger vat_records_immutable before update or delete on accounting.vat_records
        for each row execute function accounting.refuse_change()`,
      sql`create function accounting.refuse_locked_vat() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from accounting.period_locks l
                   where l.tenant_id = new.tenant_id and l.period = date_trunc('month', new.vat_date)::date) then
          raise exception 'period % is locked', to_char(new.vat_date, 'YYYY-MM') using errcode = 'AC002';
        end if;
        return new;
      end $$`,
      sql`create trigger vat_records_period_open before insert on accounting.vat_records
        for each row execute function accounting.refuse_locked_vat()`,

      // Numbers per document type: invoices 20260001, credit notes OD20260001, debit notes DB20260001,
      // advance invoices ZF20260001, tax documents of received advances DZ20260001; bills B2026-0001 and
      // their corrections BOD/BDB2026-0001.
      sql`create or replace function accounting.document_series(kind text, type text) returns text
        language sql immutable as $$ select kind || ':' || type $$`,
      sql`create or replace function accounting.document_number(kind text, type text, year int, seq bigint) returns text
        language sql immutable as $$
        select case
          when kind = 'invoice' and type = 'invoice' then year::text || lpad(seq::text, 4, '0')
          when kind = 'invoice' then
            (case type when 'credit_note' then 'OD' when 'debit_note' then 'DB' when 'advance' then 'ZF' else 'DZ' end)
            || year::text || lpad(seq::text, 4, '0')
          else (case type when 'credit_note' then 'BOD' when 'debit_note' then 'BDB' else 'B' end)
            || year::text || '-' || lpad(seq::text, 4, '0') end
      $$`,
      // Invoices pay to their number; advance invoices to 9<number> and debit notes to 8<number>, so
      // symbols never collide.
      sql`create or replace function accounting.number_document() returns trigger
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare digits text;
      begin
        if tg_op = 'INSERT' then
          if new.status <> 'draft' then
            raise exception 'documents are created as drafts and issued afterwards' using errcode = 'AC004';
          end if;
          new.number := null; new.seq := null; new.fiscal_year := null;
          return new;
        end if;
        if old.status = 'draft' and new.status = 'draft' then
          new.number := null; new.seq := null; new.fiscal_year := null;
        elsif old.status = 'draft' then
          if exists (select 1 from accounting.period_locks l where l.tenant_id = new.tenant_id
                       and l.period in (date_trunc('month', new.tax_date)::date,
                                        date_trunc('month', coalesce(new.vat_date, new.tax_date))::date)) then
            raise exception 'period % is locked', to_char(new.tax_date, 'YYYY-MM') using errcode = 'AC002';
          end if;
          new.fiscal_year := accounting.fiscal_year_of(new.tenant_id, new.issue_date);
          new.seq := accounting.take_number(new.tenant_id, accounting.document_series(new.kind, new.type), new.fiscal_year);
          new.number := accounting.document_number(new.kind, new.type, new.fiscal_year, new.seq);
          digits := new.fiscal_year::text || lpad(new.seq::text, 4, '0');
          if new.kind = 'invoice' and new.variable_symbol is null then
            new.variable_symbol := case new.type when 'invoice' then right(digits, 10)
              when 'advance' then right('9' || digits, 10) when 'debit_note' then right('8' || digits, 10) else null end;
          end if;
        end if;
        return new;
      end $$`,
      sql`drop function accounting.document_number(text, int, bigint)`,
      sql`drop function accounting.document_series(text)`,

      // Settlement at commit, now with credit-note offsets; advance tax documents are settled by their advance.
      sql`create or replace function accounting.check_settlement() returns trigger language plpgsql as $$
      declare
        t uuid;
        doc uuid;
        doc2 uuid;
        pay uuid;
        d record;
        p record;
        s bigint;
        target uuid;
      begin
        if tg_table_name = 'documents' then
          t := new.tenant_id; doc := new.id;
        elsif tg_table_name = 'payments' then
          t := new.tenant_id; pay := new.id;
        elsif tg_table_name = 'document_offsets' then
          t := new.tenant_id; doc := new.credit_id; doc2 := new.document_id;
        elsif tg_op = 'DELETE' then
          t := old.tenant_id; doc := old.document_id; pay := old.payment_id;
        else
          t := new.tenant_id; doc := new.document_id; pay := new.payment_id;
        end if;
        foreach target in array array[doc, doc2] loop
          continue when target is null;
          select status, type, total, paid, entry_id into d from accounting.documents where tenant_id = t and id = target;
          if not found or d.status = 'draft' then
            continue;
          end if;
          if d.entry_id is null and d.type <> 'advance' then
            raise exception 'document % was issued without its journal entry', target using errcode = 'AC004';
          end if;
          continue when d.type = 'advance_tax';
          select coalesce(sum(amount), 0) into s from accounting.payment_allocations
            where tenant_id = t and document_id = target;
          s := s + coalesce((select sum(amount) from accounting.document_offsets
            where tenant_id = t and (document_id = target or credit_id = target)), 0);
          if s <> d.paid then
            raise exception 'document % shows % paid but its allocations total %', target, d.paid, s using errcode = 'AC009';
          end if;
          if d.status <> 'cancelled' and (d.status = 'paid') <> (d.paid >= d.total) then
            raise exception 'document % is % with % of % paid', target, d.status, d.paid, d.total using errcode = 'AC009';
          end if;
        end loop;
        if pay is not null then
          select amount, allocated into p from accounting.payments where tenant_id = t and id = pay;
          if found then
            select coalesce(sum(amount), 0) into s from accounting.payment_allocations
              where tenant_id = t and payment_id = pay;
            if s <> p.allocated then
              raise exception 'payment % shows % allocated but its allocations total %', pay, p.allocated, s using errcode = 'AC009';
            end if;
          end if;
        end if;
        return null;
      end $$`,
      sql`create constraint trigger document_offsets_settled after insert on accounting.document_offsets
        deferrable initially deferred for each row execute function accounting.check_settlement()`,
    ]);
    for (const t of backfilled) await sql`alter table ${sql.id('accounting', t)} force row level security`.execute(db);
    for (const t of ['document_offsets', 'vat_records']) await enableTenantRls(db, `accounting.${t}`);
  },
};
