import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Reminders (upomínky) of overdue invoices: the tenant's levels (days after the due date of the
 * 1st, 2nd and final notice, and whether the daily run sends them without a person), and each
 * reminder of an invoice with the figures it stated. A reminder is prepared (by the daily run) and
 * then sent; a sent one is what the customer received and never changes.
 */
export const reminders: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.reminder_settings (
        tenant_id uuid not null primary key,
        first_days int not null default 7,
        second_days int not null default 21,
        final_days int not null default 35,
        auto_send boolean not null default false,
        check (0 < first_days and first_days < second_days and second_days < final_days and final_days <= 365)
      )`,
      sql`create table accounting.reminders (
        tenant_id uuid not null,
        id uuid not null,
        document_id uuid not null,
        partner_id uuid not null,
        level smallint not null check (level between 1 and 3),
        status text not null check (status in ('prepared', 'sent')),
        as_of date not null,
        days_overdue int not null check (days_overdue > 0),
        remaining bigint not null check (remaining > 0),
        currency text not null,
        interest bigint,
        interest_rate numeric,
        locale text not null check (locale in ('cs', 'en')),
        sent_to text,
        prepared_at timestamptz not null default now(),
        sent_at timestamptz,
        sent_by text,
        primary key (tenant_id, id),
        unique (tenant_id, document_id, level),
        check ((status = 'sent') = (sent_at is not null)),
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict,
        foreign key (tenant_id, partner_id) references accounting.partners (tenant_id, id) on delete restrict
      )`,
      sql`create index reminders_partner on accounting.reminders (tenant_id, partner_id, as_of)`,
      sql`create function accounting.reminder_sent_frozen() returns trigger language plpgsql as $$
      begin
        if accounting.purging(old.tenant_id) or old.status = 'prepared' then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        raise exception 'a sent reminder cannot change' using errcode = 'AC004';
      end $$`,
      sql`create trigger reminders_sent_frozen before update or delete on accounting.reminders
        for each row execute function accounting.reminder_sent_frozen()`,
    ]);
    for (const t of ['reminder_settings', 'reminders']) await enableTenantRls(db, `accounting.${t}`);
  },
};
