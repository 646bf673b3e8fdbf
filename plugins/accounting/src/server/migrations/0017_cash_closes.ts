import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * The daily close of a cash desk (denní uzávěrka pokladny): the cash counted at the end of a day
 * against the book balance, and the shortage or surplus document that settled the difference. What
 * the database holds whatever the request role runs: a close never changes or goes away, days close
 * in order, and no cash document can be written on or before a closed day (AC013), so a closed day's
 * receipts and payments stay as counted.
 */
export const cashCloses: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.cash_closes (
        tenant_id uuid not null,
        id uuid not null,
        desk_id uuid not null,
        date date not null,
        opening bigint not null,
        receipts bigint not null,
        payments bigint not null,
        book_balance bigint not null,
        counted bigint not null check (counted >= 0),
        difference bigint not null,
        difference_document_id uuid,
        closed_at timestamptz not null default now(),
        closed_by text,
        primary key (tenant_id, id),
        unique (tenant_id, desk_id, date),
        check ((difference = 0) = (difference_document_id is null)),
        foreign key (tenant_id, desk_id) references accounting.cash_desks (tenant_id, id) on delete restrict,
        foreign key (tenant_id, difference_document_id) references accounting.cash_documents (tenant_id, id) on delete restrict
      )`,
      sql`create function accounting.cash_close_guard() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          if accounting.purging(old.tenant_id) then
            return case when tg_op = 'DELETE' then old else new end;
          end if;
          raise exception 'a daily close of a cash desk cannot change' using errcode = 'AC004';
        end if;
        if exists (select 1 from accounting.cash_closes c where c.tenant_id = new.tenant_id
                     and c.desk_id = new.desk_id and c.date >= new.date) then
          raise exception 'cash desk days close in order; % is closed already or a later day is', new.date
            using errcode = 'AC013';
        end if;
        return new;
      end $$`,
      sql`create trigger cash_closes_guard before insert or update or delete on accounting.cash_closes
        for each row execute function accounting.cash_close_guard()`,
      // Runs before the numbering trigger (triggers fire by name); the desk row is locked first so a
      // close committing meanwhile is seen.
      sql`create function accounting.cash_day_open() returns trigger
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare
        closed date;
      begin
        perform 1 from accounting.cash_desks where tenant_id = new.tenant_id and id = new.desk_id for update;
        select max(c.date) into closed from accounting.cash_closes c
          where c.tenant_id = new.tenant_id and c.desk_id = new.desk_id;
        if closed is not null and new.date <= closed then
          raise exception 'the cash desk is closed through %; a document cannot be dated %', closed, new.date
            using errcode = 'AC013';
        end if;
        return new;
      end $$`,
      sql`create trigger cash_documents_day_open before insert on accounting.cash_documents
        for each row execute function accounting.cash_day_open()`,
    ]);
    await enableTenantRls(db, 'accounting.cash_closes');
  },
};
