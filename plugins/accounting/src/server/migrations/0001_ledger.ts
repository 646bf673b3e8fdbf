import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * The ledger: settings, chart of accounts, counterparties, gapless counters, period locks,
 * journal entries and lines, and monthly account balances kept by trigger for fast reports.
 *
 * The database itself guarantees the ledger rules, whatever code writes to it:
 *  - every entry balances (sum of debits = sum of credits in the functional currency) and has
 *    exactly the lines and total it declared: a DEFERRED constraint trigger checks at commit
 *    (SQLSTATE AC001 unbalanced, AC005 lines do not match the entry);
 *  - posted entries and lines never change: updates and deletes are refused (AC003), except
 *    for the module's purge, which sets the transaction-local `accounting.purge` to the tenant;
 *  - nothing is posted into a locked month (AC002);
 *  - an account with postings cannot be deleted (foreign keys, ON DELETE RESTRICT).
 */
export const ledger: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.settings (
        tenant_id uuid not null,
        id uuid not null,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        country text not null check (country ~ '^[A-Z]{2}$'),
        fiscal_year_start_month int not null default 1 check (fiscal_year_start_month between 1 and 12),
        receivable_account_id uuid,
        payable_account_id uuid,
        vat_output_account_id uuid,
        vat_input_account_id uuid,
        revenue_account_id uuid,
        expense_account_id uuid,
        bank_root_account_id uuid,
        cash_account_id uuid,
        fx_gain_account_id uuid,
        fx_loss_account_id uuid,
        bank_fee_account_id uuid,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id)
      )`,
      sql`create table accounting.accounts (
        tenant_id uuid not null,
        id uuid not null,
        code text not null check (code ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$'),
        name text not null check (length(name) between 1 and 200),
        type text not null check (type in ('asset', 'liability', 'equity', 'income', 'expense')),
        parent_id uuid,
        active boolean not null default true,
        cash boolean not null default false,
        cash_flow text not null default 'operating' check (cash_flow in ('operating', 'investing', 'financing')),
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code),
        foreign key (tenant_id, parent_id) references accounting.accounts (tenant_id, id) on delete restrict,
        check (parent_id is null or parent_id <> id)
      )`,
      sql`create index accounts_parent_idx on accounting.accounts (tenant_id, parent_id)`,
    ]);
    for (const col of [
      'receivable',
      'payable',
      'vat_output',
      'vat_input',
      'revenue',
      'expense',
      'bank_root',
      'cash',
      'fx_gain',
      'fx_loss',
      'bank_fee',
    ]) {
      await sql`alter table accounting.settings add foreign key (tenant_id, ${sql.raw(`${col}_account_id`)})
        references accounting.accounts (tenant_id, id) on delete restrict`.execute(db);
    }

    await run(db, [
      sql`create table accounting.partners (
        tenant_id uuid not null,
        id uuid not null,
        kind text not null check (kind in ('customer', 'vendor')),
        name text not null check (length(name) between 1 and 200),
        ico text check (ico ~ '^[0-9]{8}$'),
        dic text check (dic ~ '^[A-Z]{2}[0-9A-Z+*.]{2,13}$'),
        iban text check (iban ~ '^[A-Z]{2}[0-9]{2}[0-9A-Z]{1,30}$'),
        bic text check (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
        bank_account text,
        email text,
        phone text,
        street text,
        city text,
        postal_code text,
        country text not null check (country ~ '^[A-Z]{2}$'),
        payment_terms_days int not null default 14 check (payment_terms_days between 0 and 365),
        active boolean not null default true,
        note text,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id)
      )`,
      sql`create unique index partners_ico_key on accounting.partners (tenant_id, kind, ico) where ico is not null`,
      sql`create index partners_name_idx on accounting.partners (tenant_id, kind, lower(name))`,
      sql`create index partners_iban_idx on accounting.partners (tenant_id, iban) where iban is not null`,

      sql`create table accounting.counters (
        tenant_id uuid not null,
        id uuid not null,
        series text not null,
        fiscal_year int not null,
        last_value bigint not null default 0 check (last_value >= 0),
        primary key (tenant_id, id),
        unique (tenant_id, series, fiscal_year)
      )`,

      sql`create table accounting.period_locks (
        tenant_id uuid not null,
        id uuid not null,
        period date not null check (extract(day from period) = 1),
        locked_at timestamptz not null default now(),
        locked_by text,
        primary key (tenant_id, id),
        unique (tenant_id, period)
      )`,

      sql`create table accounting.journal_entries (
        tenant_id uuid not null,
        id uuid not null,
        fiscal_year int not null,
        seq int not null check (seq > 0),
        number text not null,
        date date not null,
        memo text not null default '',
        source_type text,
        source_id text,
        reverses_id uuid,
        line_count int not null check (line_count >= 2),
        total bigint not null check (total > 0),
        created_at timestamptz not null default now(),
        created_by text,
        primary key (tenant_id, id),
        unique (tenant_id, fiscal_year, seq),
        unique (tenant_id, number),
        unique (tenant_id, source_type, source_id),
        unique (tenant_id, reverses_id),
        foreign key (tenant_id, reverses_id) references accounting.journal_entries (tenant_id, id),
        check ((source_type is null) = (source_id is null))
      )`,
      sql`create index journal_entries_date_idx on accounting.journal_entries (tenant_id, date, seq)`,

      sql`create table accounting.journal_lines (
        tenant_id uuid not null,
        id uuid not null,
        entry_id uuid not null,
        line_no int not null check (line_no > 0),
        date date not null,
        account_id uuid not null,
        debit bigint not null default 0,
        credit bigint not null default 0,
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        amount bigint not null check (amount > 0),
        rate numeric(24, 12) not null default 1 check (rate > 0),
        partner_id uuid,
        counterparty text,
        cost_center text,
        memo text,
        primary key (tenant_id, id),
        unique (tenant_id, entry_id, line_no),
        foreign key (tenant_id, entry_id) references accounting.journal_entries (tenant_id, id),
        foreign key (tenant_id, account_id) references accounting.accounts (tenant_id, id) on delete restrict,
        foreign key (tenant_id, partner_id) references accounting.partners (tenant_id, id) on delete restrict,
        check (debit >= 0 and credit >= 0 and (debit = 0) <> (credit = 0))
      )`,
      sql`create index journal_lines_account_idx on accounting.journal_lines (tenant_id, account_id, date)`,
      sql`create index journal_lines_date_idx on accounting.journal_lines (tenant_id, date) include (account_id, debit, credit)`,
      sql`create index journal_lines_partner_idx on accounting.journal_lines (tenant_id, partner_id, date) where partner_id is not null`,

      sql`create table accounting.account_balances (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        account_id uuid not null,
        month date not null check (extract(day from month) = 1),
        debit bigint not null default 0,
        credit bigint not null default 0,
        primary key (tenant_id, id),
        unique (tenant_id, account_id, month),
        foreign key (tenant_id, account_id) references accounting.accounts (tenant_id, id) on delete restrict
      )`,
      sql`create index account_balances_month_idx on accounting.account_balances (tenant_id, month) include (account_id, debit, credit)`,
    ]);

    for (const t of [
      'settings',
      'accounts',
      'partners',
      'counters',
      'period_locks',
      'journal_entries',
      'journal_lines',
      'account_balances',
    ]) {
      await enableTenantRls(db, `accounting.${t}`);
    }

    await run(db, [
      // Lines take their entry's date (denormalised for index range scans).
      sql`create function accounting.journal_line_defaults() returns trigger language plpgsql as $$
      begin
        select e.date into new.date from accounting.journal_entries e
          where e.tenant_id = new.tenant_id and e.id = new.entry_id;
        return new;
      end $$`,
      sql`create trigger journal_lines_defaults before insert on accounting.journal_lines
        for each row execute function accounting.journal_line_defaults()`,

      // Balance and completeness of each entry, checked at commit.
      sql`create function accounting.check_entry() returns trigger language plpgsql as $$
      declare
        t_id uuid;
        e_id uuid;
        e_count int;
        e_total bigint;
        d bigint;
        c bigint;
        n int;
      begin
        if tg_table_name = 'journal_entries' then
          t_id := new.tenant_id; e_id := new.id;
        elsif tg_op = 'DELETE' then
          t_id := old.tenant_id; e_id := old.entry_id;
        else
          t_id := new.tenant_id; e_id := new.entry_id;
        end if;
        select line_count, total into e_count, e_total from accounting.journal_entries
          where tenant_id = t_id and id = e_id;
        if not found then
          return null;
        end if;
        select coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) into d, c, n
          from accounting.journal_lines where tenant_id = t_id and entry_id = e_id;
        if d <> c then
          raise exception 'journal entry % is unbalanced: debit % <> credit %', e_id, d, c
            using errcode = 'AC001';
        end if;
        if n <> e_count or d <> e_total then
          raise exception 'journal entry % declares % lines totalling %, found % lines totalling %', e_id, e_count, e_total, n, d
            using errcode = 'AC005';
        end if;
        return null;
      end $$`,
      sql`create constraint trigger journal_lines_balanced after insert or update or delete on accounting.journal_lines
        deferrable initially deferred for each row execute function accounting.check_entry()`,
      sql`create constraint trigger journal_entries_balanced after insert on accounting.journal_entries
        deferrable initially deferred for each row execute function accounting.check_entry()`,

      // Posted entries and lines are immutable; corrections are reversals.
      sql`create function accounting.refuse_change() returns trigger language plpgsql as $$
      begin
        if coalesce(current_setting('accounting.purge', true), '') = old.tenant_id::text then
          return case when tg_op = 'DELETE' then old else new end;
        end if;
        raise exception 'posted journal data cannot be changed (% on %); post a reversal instead', tg_op, tg_table_name
          using errcode = 'AC003';
      end $$`,
      sql`create trigger journal_entries_immutable before update or delete on accounting.journal_entries
        for each row execute function accounting.refuse_change()`,
      sql`create trigger journal_lines_immutable before update or delete on accounting.journal_lines
        for each row execute function accounting.refuse_change()`,

      // No posting into a locked month.
      sql`create function accounting.refuse_locked_period() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from accounting.period_locks l
                   where l.tenant_id = new.tenant_id and l.period = date_trunc('month', new.date)::date) then
          raise exception 'period % is locked', to_char(new.date, 'YYYY-MM') using errcode = 'AC002';
        end if;
        return new;
      end $$`,
      sql`create trigger journal_entries_period_open before insert on accounting.journal_entries
        for each row execute function accounting.refuse_locked_period()`,

      // Monthly balances per account, so reports over millions of lines read a few thousand rows.
      sql`create function accounting.track_balance() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into accounting.account_balances as b (tenant_id, account_id, month, debit, credit)
            values (new.tenant_id, new.account_id, date_trunc('month', new.date)::date, new.debit, new.credit)
            on conflict (tenant_id, account_id, month)
            do update set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit;
          return new;
        end if;
        update accounting.account_balances
          set debit = debit - old.debit, credit = credit - old.credit
          where tenant_id = old.tenant_id and account_id = old.account_id and month = date_trunc('month', old.date)::date;
        return old;
      end $$`,
      sql`create trigger journal_lines_balance_totals after insert or delete on accounting.journal_lines
        for each row execute function accounting.track_balance()`,
    ]);
  },
};
