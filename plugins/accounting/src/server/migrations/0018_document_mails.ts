import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Each e-mail that sent an issued sales document to its customer (with its PDF and ISDOC): to whom,
 * in which language, which files, when and by whom. What was sent is history: a row never changes
 * or goes away (only the owner's purge of the tenant removes it).
 */
export const documentMails: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.document_mails (
        tenant_id uuid not null,
        id uuid not null,
        document_id uuid not null,
        sent_to text not null check (length(sent_to) between 3 and 254),
        locale text not null check (locale in ('cs', 'en')),
        attachments text[] not null,
        sent_at timestamptz not null,
        sent_by text,
        primary key (tenant_id, id),
        foreign key (tenant_id, document_id) references accounting.documents (tenant_id, id) on delete restrict
      )`,
      sql`create index document_mails_document on accounting.document_mails (tenant_id, document_id, sent_at)`,
      sql`create function accounting.document_mail_frozen() returns trigger language plpgsql as $$
      begin
        if accounting.purging(old.tenant_id) then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        raise exception 'a sent e-mail cannot change' using errcode = 'AC004';
      end $$`,
      sql`create trigger document_mails_frozen before update or delete on accounting.document_mails
        for each row execute function accounting.document_mail_frozen()`,
    ]);
    await enableTenantRls(db, 'accounting.document_mails');
  },
};
