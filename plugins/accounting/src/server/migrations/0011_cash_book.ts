import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * The cash book (pokladní kniha): cash desks, one per currency and place, and their receipts and
 * payments (příjmové a výdajové pokladní doklady). What the database holds whatever SQL the request
 * role runs:
 *  - a cash document is numbered when inserted, gapless per desk, kind and fiscal year
 *    (`HK-P2026-0001`, `HK-V2026-0001`), and never changes or goes away (a cancellation is a new
 *    document of the other kind that names it, at most one per document);
 *  - the desk's balance moves only with its documents, written in the order of their dates, and
 *    never falls below zero (AC011 out of order, AC012 not enough cash): a desk cannot pay out
 *    money it does not hold on that day;
 *  - the balance and the last date of a desk are kept by the database (AC006).
 */
export const cashBook: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.cash_desks (
        tenant_id uuid not null,
        id uuid not null,
        name text not null check (length(name) between 1 and 100),
        code text not null check (code ~ '^[A-Z0-9]{1,6}$'),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        account_id uuid not null,
        active boolean not null default true,
        balance bigint not null default 0 check (balance >= 0),
        last_date date,
        doc_count int not null default 0,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code),
        unique (tenant_id, account_id),
        foreign key (tenant_id, account_id) references accounting.accounts (tenant_id, id) on delete restrict
      )`,
      sql`create table accounting.cash_documents (
        tenant_id uuid not null,
        id uuid not null,
        desk_id uuid not null,
        kind text not null check (kind in ('receipt', 'payment')),
        date date not null,
        fiscal_year int,
        seq bigint,
        number text,
        amount bigint not null check (amount > 0),
        currency text not null,
        rate numeric not null default 1 check (rate > 0),
        functional bigint not null check (functional > 0),
        balance_after bigint,
        -- The place in the desk's book (insertion order; dates never go back).
        desk_seq int,
        description text not null check (length(description) between 1 and 500),
        person text check (length(person) <= 200),
        partner_id uuid,
        counter_account_id uuid,
        document_id uuid,
        payment_id uuid,
        entry_id uuid not null,
        cancels_id uuid,
        created_at timestamptz not null default now(),
        created_by text,
        primary key (tenant_id, id),
        unique (tenant_id, number),
        unique (tenant_id, desk_id, kind, fiscal_year, seq),
        unique (tenant_id, cancels_id),
        unique (tenant_id, desk_id, desk_seq),
        unique (tenant_id, entry_id),
        check (counter_account_id is not null or payment_id is not null),
        foreign key (tenant_id, desk_id) references accounting.cash_desks (tenant_id, id) on delete restrict,
        foreign key (tenant_id, partner_id) references accounting.partners (tenant_id, id) on delete restrict,
        foreign key (tenant_id, counter_account_id) references accounting.accounts (tenant_id, id) on delete restrict,
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict,
        foreign key (tenant_id, payment_id) references accounting.payments (tenant_id, id) on delete restrict,
        foreign key (tenant_id, entry_id) references accounting.journal_entries (tenant_id, id) on delete restrict,
        foreign key (tenant_id, cancels_id) references accounting.cash_documents (tenant_id, id) on delete restrict
      )`,
      sql`create index cash_documents_date on accounting.cash_documents (tenant_id, desk_id, date)`,
      sql`create index cash_documents_partner on accounting.cash_documents (tenant_id, partner_id, date) where partner_id is not null`,

      // A desk's balance and last date are the database's; its currency and ledger account stay.
      sql`create function accounting.cash_desk_guard() returns trigger language plpgsql as $$
      begin
        if accounting.is_owner() then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        if tg_op = 'INSERT' then
          if new.balance <> 0 or new.last_date is not null or new.doc_count <> 0 then
            raise exception 'a cash desk opens empty' using errcode = 'AC006';
          end if;
          return new;
        end if;
        if tg_op = 'DELETE' then
          if old.last_date is not null then
            raise exception 'cash desk % has documents and cannot be deleted', old.code using errcode = 'AC004';
          end if;
          return old;
        end if;
        if (new.balance, new.last_date, new.doc_count, new.currency, new.account_id, new.code)
           is distinct from (old.balance, old.last_date, old.doc_count, old.currency, old.account_id, old.code) then
          raise exception 'the balance, currency, account and code of cash desk % are kept by the database', old.code
            using errcode = 'AC006';
        end if;
        return new;
      end $$`,
      sql`create trigger cash_desks_guard before insert or update or delete on accounting.cash_desks
        for each row execute function accounting.cash_desk_guard()`,

      // Numbering and the balance: one document at a time per desk (the desk row is locked to commit).
      sql`create function accounting.number_cash_document() returns trigger
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare
        d record;
        bal bigint;
      begin
        select * into d from accounting.cash_desks where tenant_id = new.tenant_id and id = new.desk_id for update;
        if not found then
          raise exception 'no such cash desk' using errcode = '23503';
        end if;
        if new.currency <> d.currency then
          raise exception 'cash desk % keeps %, not %', d.code, d.currency, new.currency using errcode = 'AC005';
        end if;
        if d.last_date is not null and new.date < d.last_date then
          raise exception 'cash desk % has documents up to %; a document cannot be dated before', d.code, d.last_date
            using errcode = 'AC011';
        end if;
        if exists (select 1 from accounting.period_locks l where l.tenant_id = new.tenant_id
                     and l.period = date_trunc('month', new.date)::date) then
          raise exception 'period % is locked', to_char(new.date, 'YYYY-MM') using errcode = 'AC002';
        end if;
        bal := d.balance + case when new.kind = 'receipt' then new.amount else -new.amount end;
        if bal < 0 then
          raise exception 'cash desk % holds % on %; it cannot pay out %', d.code, d.balance, new.date, new.amount
            using errcode = 'AC012';
        end if;
        new.fiscal_year := accounting.fiscal_year_of(new.tenant_id, new.date);
        new.seq := accounting.take_number(new.tenant_id, 'cash:' || d.id::text || ':' || new.kind, new.fiscal_year);
        new.number := d.code || '-' || case when new.kind = 'receipt' then 'P' else 'V' end
          || new.fiscal_year::text || '-' || lpad(new.seq::text, 4, '0');
        new.balance_after := bal;
        new.desk_seq := d.doc_count + 1;
        update accounting.cash_desks set balance = bal, last_date = new.date, doc_count = d.doc_count + 1
          where tenant_id = new.tenant_id and id = new.desk_id;
        return new;
      end $$`,
      sql`create trigger cash_documents_number before insert on accounting.cash_documents
        for each row execute function accounting.number_cash_document()`,
      sql`create function accounting.cash_document_frozen() returns trigger language plpgsql as $$
      begin
        if accounting.purging(old.tenant_id) then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        raise exception 'cash document % cannot change; cancel it by a new document', old.number using errcode = 'AC004';
      end $$`,
      sql`create trigger cash_documents_frozen before update or delete on accounting.cash_documents
        for each row execute function accounting.cash_document_frozen()`,
    ]);
    for (const t of ['cash_desks', 'cash_documents']) await enableTenantRls(db, `accounting.${t}`);
  },
};
