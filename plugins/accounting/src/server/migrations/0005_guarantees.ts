import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * What the request role (`bureau_app`) cannot do to the books, whatever SQL it runs:
 *  - change or delete posted entries and lines: the purge switch only counts inside the owner's
 *    `accounting.purge_tenant()`, which deletes every accounting row of the tenant at once and only
 *    while the module is disabled for it (AC003, AC010);
 *  - write monthly balances or number counters: owner-only trigger functions keep them (AC006);
 *    entry and document numbers, fiscal years and inventory numbers are assigned by the database;
 *  - change an issued document or its lines beyond its settlement state, delete it, or issue it
 *    into a locked period by its tax date (AC004, AC002);
 *  - change a payment beyond its allocation and voiding (AC004); leave a document's `paid` or a
 *    payment's `allocated` different from its allocations at commit (AC009);
 *  - post to a group account that has analytic accounts under it (AC008), or change the code or
 *    type of an account with postings (AC007).
 * "The owner" is whoever owns the `accounting` schema (the migrating user); the request role is
 * not a member of it.
 */
export const guarantees: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create function accounting.is_owner() returns boolean language sql stable as $$
        select pg_has_role(current_user, n.nspowner, 'MEMBER') from pg_namespace n where n.nspname = 'accounting'
      $$`,
      sql`create function accounting.purging(t uuid) returns boolean language sql stable as $$
        select coalesce(current_setting('accounting.purge', true), '') = t::text and accounting.is_owner()
      $$`,

      // Immutability of the journal: only the owner's purge may delete.
      sql`create or replace function accounting.refuse_change() returns trigger language plpgsql as $$
      begin
        if accounting.purging(old.tenant_id) then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        raise exception 'posted journal data cannot be changed (% on %); post a reversal instead', tg_op, tg_table_name
          using errcode = 'AC003';
      end $$`,

      // Counters and monthly balances belong to the database.
      sql`create function accounting.owner_only() returns trigger language plpgsql as $$
      begin
        if accounting.is_owner() then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        raise exception '% is kept by the database and cannot be written directly', tg_table_name using errcode = 'AC006';
      end $$`,
      sql`create trigger counters_owner_only before insert or update or delete on accounting.counters
        for each row execute function accounting.owner_only()`,
      sql`create trigger account_balances_owner_only before insert or update or delete on accounting.account_balances
        for each row execute function accounting.owner_only()`,
      sql`alter function accounting.track_balance() security definer set search_path = pg_catalog, pg_temp`,

      sql`create function accounting.fiscal_year_of(t uuid, d date) returns int language sql stable as $$
        select case when extract(month from d)::int >= coalesce(s.fiscal_year_start_month, 1)
          then extract(year from d)::int else extract(year from d)::int - 1 end
        from (select 1) x left join accounting.settings s on s.tenant_id = t
      $$`,
      sql`create function accounting.take_number(p_tenant uuid, p_series text, p_year int) returns bigint
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare n bigint;
      begin
        -- Only the numbering triggers take numbers (privileges may be lost in a restore; this is not).
        if pg_trigger_depth() < 1 then
          raise exception 'numbers are taken by the database when a row is numbered' using errcode = '42501';
        end if;
        insert into accounting.counters as c (tenant_id, id, series, fiscal_year, last_value)
          values (p_tenant, gen_random_uuid(), p_series, p_year, 1)
          on conflict (tenant_id, series, fiscal_year) do update set last_value = c.last_value + 1
          returning c.last_value into n;
        return n;
      end $$`,
      sql`revoke all on function accounting.take_number(uuid, text, int) from public`,

      // Entry numbers: gapless per fiscal year, taken when the entry is inserted.
      sql`create function accounting.number_entry() returns trigger
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      begin
        new.fiscal_year := accounting.fiscal_year_of(new.tenant_id, new.date);
        new.seq := accounting.take_number(new.tenant_id, 'journal', new.fiscal_year);
        new.number := new.fiscal_year::text || '-' || lpad(new.seq::text, 6, '0');
        return new;
      end $$`,
      sql`create trigger journal_entries_number before insert on accounting.journal_entries
        for each row execute function accounting.number_entry()`,

      // Document numbers: one series per kind, taken when a draft is issued.
      sql`create function accounting.document_number(kind text, year int, seq bigint) returns text
        language sql immutable as $$
        select case kind
          when 'invoice' then year::text || lpad(seq::text, 4, '0')
          else 'B' || year::text || '-' || lpad(seq::text, 4, '0') end
      $$`,
      sql`create function accounting.document_series(kind text) returns text language sql immutable as $$
        select kind
      $$`,
      sql`create function accounting.number_document() returns trigger
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
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
                       and l.period = date_trunc('month', new.tax_date)::date) then
            raise exception 'period % is locked', to_char(new.tax_date, 'YYYY-MM') using errcode = 'AC002';
          end if;
          new.fiscal_year := accounting.fiscal_year_of(new.tenant_id, new.issue_date);
          new.seq := accounting.take_number(new.tenant_id, accounting.document_series(new.kind), new.fiscal_year);
          new.number := accounting.document_number(new.kind, new.fiscal_year, new.seq);
          if new.kind = 'invoice' and new.variable_symbol is null then
            new.variable_symbol := right(regexp_replace(new.number, '[^0-9]', '', 'g'), 10);
          end if;
        end if;
        return new;
      end $$`,
      sql`create trigger documents_number before insert or update on accounting.documents
        for each row execute function accounting.number_document()`,

      // Issued documents: only the settlement state changes; nothing is deleted.
      sql`create function accounting.document_guard() returns trigger language plpgsql as $$
      declare
        settlement text[] := array['status', 'paid', 'paid_at', 'cancel_entry_id'];
      begin
        if accounting.purging(old.tenant_id) then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        if tg_op = 'DELETE' then
          if old.status <> 'draft' then
            raise exception 'document % is issued and cannot be deleted; cancel it instead', old.number using errcode = 'AC004';
          end if;
          return old;
        end if;
        if old.status = 'draft' then
          return new;
        end if;
        -- The journal entry is attached once, right after issuing (its memo names the new number).
        if old.entry_id is null then
          settlement := array_append(settlement, 'entry_id');
        end if;
        if (to_jsonb(new) - settlement) is distinct from (to_jsonb(old) - settlement) then
          raise exception 'document % is issued; only its settlement can change', old.number using errcode = 'AC004';
        end if;
        if new.status <> old.status and not (
             (old.status = 'issued' and new.status in ('paid', 'cancelled'))
          or (old.status = 'paid' and new.status = 'issued')) then
          raise exception 'document % cannot go from % to %', old.number, old.status, new.status using errcode = 'AC004';
        end if;
        if new.status = 'cancelled' and new.cancel_entry_id is null then
          raise exception 'a cancelled document needs its reversing entry' using errcode = 'AC004';
        end if;
        if old.cancel_entry_id is not null and new.cancel_entry_id is distinct from old.cancel_entry_id then
          raise exception 'document % is cancelled', old.number using errcode = 'AC004';
        end if;
        return new;
      end $$`,
      sql`create trigger documents_guard before update or delete on accounting.documents
        for each row execute function accounting.document_guard()`,

      sql`create function accounting.document_line_guard() returns trigger language plpgsql as $$
      declare
        t uuid := coalesce(new.tenant_id, old.tenant_id);
        d uuid := coalesce(new.document_id, old.document_id);
        st text;
      begin
        if accounting.purging(t) then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        select status into st from accounting.documents where tenant_id = t and id = d;
        if st is not null and st <> 'draft' then
          raise exception 'the lines of an issued document cannot change' using errcode = 'AC004';
        end if;
        if tg_op = 'UPDATE' and new.document_id <> old.document_id then
          raise exception 'a line cannot move to another document' using errcode = 'AC004';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$`,
      sql`create trigger document_lines_guard before insert or update or delete on accounting.document_lines
        for each row execute function accounting.document_line_guard()`,

      // Payments: amounts, parties and postings are fixed; allocation and voiding move.
      sql`create function accounting.payment_guard() returns trigger language plpgsql as $$
      declare
        settlement constant text[] := array['allocated', 'voided_at', 'void_entry_id'];
      begin
        if accounting.purging(old.tenant_id) then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        if tg_op = 'DELETE' then
          raise exception 'a payment cannot be deleted; void it instead' using errcode = 'AC004';
        end if;
        if (to_jsonb(new) - settlement) is distinct from (to_jsonb(old) - settlement)
           or (old.voided_at is not null and (new.voided_at is distinct from old.voided_at
               or new.void_entry_id is distinct from old.void_entry_id or new.allocated <> old.allocated)) then
          raise exception 'a payment only changes by allocation and voiding' using errcode = 'AC004';
        end if;
        if new.voided_at is not null and new.void_entry_id is null then
          raise exception 'a voided payment needs its reversing entry' using errcode = 'AC004';
        end if;
        return new;
      end $$`,
      sql`create trigger payments_guard before update or delete on accounting.payments
        for each row execute function accounting.payment_guard()`,
      sql`create function accounting.allocation_guard() returns trigger language plpgsql as $$
      begin
        if accounting.purging(old.tenant_id) then return new; end if;
        raise exception 'an allocation cannot change; void the payment instead' using errcode = 'AC004';
      end $$`,
      sql`create trigger payment_allocations_guard before update on accounting.payment_allocations
        for each row execute function accounting.allocation_guard()`,

      // At commit, what a document shows as paid and a payment as allocated equal their allocations.
      sql`create function accounting.check_settlement() returns trigger language plpgsql as $$
      declare
        t uuid;
        doc uuid;
        pay uuid;
        d record;
        p record;
        s bigint;
      begin
        if tg_table_name = 'documents' then
          t := new.tenant_id; doc := new.id;
        elsif tg_table_name = 'payments' then
          t := new.tenant_id; pay := new.id;
        elsif tg_op = 'DELETE' then
          t := old.tenant_id; doc := old.document_id; pay := old.payment_id;
        else
          t := new.tenant_id; doc := new.document_id; pay := new.payment_id;
        end if;
        if doc is not null then
          select status, total, paid, entry_id into d from accounting.documents where tenant_id = t and id = doc;
          if found and d.status <> 'draft' and d.entry_id is null then
            raise exception 'document % was issued without its journal entry', doc using errcode = 'AC004';
          end if;
          if found and d.status <> 'draft' then
            select coalesce(sum(amount), 0) into s from accounting.payment_allocations
              where tenant_id = t and document_id = doc;
            if s <> d.paid then
              raise exception 'document % shows % paid but its allocations total %', doc, d.paid, s using errcode = 'AC009';
            end if;
            if (d.status = 'paid') <> (d.paid = d.total and d.total > 0) and d.status <> 'cancelled' then
              raise exception 'document % is % with % of % paid', doc, d.status, d.paid, d.total using errcode = 'AC009';
            end if;
          end if;
        end if;
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
      sql`create constraint trigger documents_settled after insert or update on accounting.documents
        deferrable initially deferred for each row execute function accounting.check_settlement()`,
      sql`create constraint trigger payments_settled after update on accounting.payments
        deferrable initially deferred for each row execute function accounting.check_settlement()`,
      sql`create constraint trigger payment_allocations_settled after insert or delete on accounting.payment_allocations
        deferrable initially deferred for each row execute function accounting.check_settlement()`,

      // The chart: group accounts take no postings; posted accounts keep their code and type.
      sql`create function accounting.refuse_group_posting() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from accounting.accounts c where c.tenant_id = new.tenant_id and c.parent_id = new.account_id) then
          raise exception 'account % is a group account; post to one of its analytic accounts',
            (select code from accounting.accounts where tenant_id = new.tenant_id and id = new.account_id)
            using errcode = 'AC008';
        end if;
        return new;
      end $$`,
      sql`create trigger journal_lines_postable before insert on accounting.journal_lines
        for each row execute function accounting.refuse_group_posting()`,
      sql`create function accounting.account_guard() returns trigger language plpgsql as $$
      begin
        if (new.code <> old.code or new.type <> old.type) and exists (
             select 1 from accounting.account_balances b where b.tenant_id = old.tenant_id and b.account_id = old.id) then
          raise exception 'account % has postings; its code and type cannot change', old.code using errcode = 'AC007';
        end if;
        return new;
      end $$`,
      sql`create trigger accounts_guard before update on accounting.accounts
        for each row execute function accounting.account_guard()`,

      // Inventory numbers of asset cards.
      sql`create function accounting.number_asset() returns trigger
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare y int := extract(year from new.in_use_date)::int;
      begin
        if new.inventory_number is null then
          new.inventory_number := 'A' || y::text || '-' || lpad(accounting.take_number(new.tenant_id, 'asset', y)::text, 4, '0');
        end if;
        return new;
      end $$`,
      sql`create trigger fixed_assets_number before insert on accounting.fixed_assets
        for each row execute function accounting.number_asset()`,

      // The module's purge: every accounting row of the current tenant, only while the module is disabled.
      sql`create function accounting.purge_tenant() returns void
        language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
      declare
        t uuid := nullif(current_setting('bureau.tenant_id', true), '')::uuid;
        tables text[];
        tbl text;
        left_over int;
        pass int := 0;
      begin
        if t is null then
          raise exception 'no tenant' using errcode = 'AC010';
        end if;
        if exists (select 1 from core.tenant_modules m where m.tenant_id = t and m.module_id = 'accounting' and m.enabled) then
          raise exception 'accounting is enabled; disable it before deleting its data' using errcode = 'AC010';
        end if;
        perform set_config('accounting.purge', t::text, true);
        update accounting.accounts set parent_id = null where tenant_id = t and parent_id is not null;
        select array_agg(c.relname::text order by c.relname) into tables
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
          where n.nspname = 'accounting' and c.relkind = 'r';
        -- Children before parents: retry what a foreign key still holds, at most once per table.
        loop
          left_over := 0;
          pass := pass + 1;
          foreach tbl in array tables loop
            begin
              execute format('delete from accounting.%I where tenant_id = $1', tbl) using t;
            exception when foreign_key_violation or restrict_violation then
              left_over := left_over + 1;
            end;
          end loop;
          exit when left_over = 0 or pass > array_length(tables, 1);
        end loop;
        perform set_config('accounting.purge', '', true);
      end $$`,
      sql`revoke all on function accounting.purge_tenant() from public`,
      sql`grant execute on function accounting.purge_tenant() to bureau_app`,

      // Off-balance-sheet (podrozvahové) accounts of groups 75–79.
      sql`alter table accounting.accounts drop constraint accounts_type_check`,
      sql`alter table accounting.accounts add constraint accounts_type_check
        check (type in ('asset', 'liability', 'equity', 'income', 'expense', 'off_balance'))`,

      // FX: the functional value each allocation settled on the document and took from the payment.
      sql`alter table accounting.payment_allocations add column document_functional bigint, add column payment_functional bigint`,
    ]);
  },
};
