import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

const tenantFk = (c: any) => c.notNull().references('core.tenants.id').onDelete('cascade');

/**
 * SaaS billing (docs/billing.md): the plan catalogue (global, versioned, immutable per version),
 * subscriptions and their history, invoices (immutable once issued), bank transactions, payments
 * and dunning records.
 */
export const billing: Migration = {
  async up(db: Kysely<any>) {
    // ---- catalogue (global reference tables) ----
    await db.schema
      .createTable('core.billing_plans')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('included_modules', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('included_seats', 'integer', (c) => c.notNull().check(sql`included_seats >= 1`))
      .addColumn('extra_seats_allowed', 'boolean', (c) => c.notNull())
      .addColumn('max_seats', 'integer')
      .addColumn('addons_allowed', 'boolean', (c) => c.notNull())
      .addColumn('available', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('created_by', 'text', (c) => c.notNull().defaultTo('migration'))
      .addUniqueConstraint('billing_plans_code_version_key', ['code', 'version'])
      .execute();
    await db.schema
      .createTable('core.billing_plan_prices')
      .addColumn('plan_id', 'uuid', (c) => c.notNull().references('core.billing_plans.id'))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('month', 'year')`))
      .addColumn('price', 'bigint', (c) => c.notNull().check(sql`price >= 0`))
      .addColumn('seat_price', 'bigint', (c) => c.notNull().check(sql`seat_price >= 0`))
      .addPrimaryKeyConstraint('billing_plan_prices_pkey', ['plan_id', 'currency', 'period'])
      .execute();
    await db.schema
      .createTable('core.billing_addon_prices')
      .addColumn('plan_id', 'uuid', (c) => c.notNull().references('core.billing_plans.id'))
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('month', 'year')`))
      .addColumn('price', 'bigint', (c) => c.notNull().check(sql`price >= 0`))
      .addPrimaryKeyConstraint('billing_addon_prices_pkey', ['plan_id', 'module_id', 'currency', 'period'])
      .execute();
    // A plan version never changes once written (subscriptions keep it: grandfathering); only
    // `available` (offered to new subscriptions) may be switched.
    await sql`create function core.billing_plan_frozen() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and tg_table_name = 'billing_plans'
           and (to_jsonb(new) - 'available') = (to_jsonb(old) - 'available') then
          return new;
        end if;
        raise exception 'a plan version is immutable; publish a new version instead' using errcode = '55000';
      end $$`.execute(db);
    for (const t of ['billing_plans', 'billing_plan_prices', 'billing_addon_prices']) {
      await sql`create trigger frozen before update or delete on ${sql.id('core', t)}
        for each row execute function core.billing_plan_frozen()`.execute(db);
    }

    // ---- per tenant: subscription, add-ons, history ----
    await db.schema
      .createTable('core.billing_subscriptions')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('plan_id', 'uuid', (c) => c.notNull().references('core.billing_plans.id'))
      .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('month', 'year')`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('trial', 'active', 'past_due', 'suspended', 'canceled')`),
      )
      .addColumn('status_since', 'timestamptz', (c) => c.notNull())
      .addColumn('trial_ends_at', 'timestamptz')
      .addColumn('anchor_date', 'date', (c) => c.notNull())
      .addColumn('current_period_start', 'date', (c) => c.notNull())
      .addColumn('current_period_end', 'date', (c) => c.notNull())
      .addColumn('paid_price', 'bigint')
      .addColumn('period_billed_at', 'timestamptz')
      .addColumn('extra_seats', 'integer', (c) => c.notNull().defaultTo(0).check(sql`extra_seats >= 0`))
      .addColumn('pending_period', 'text', (c) => c.check(sql`pending_period in ('month', 'year')`))
      .addColumn('cancel_at_period_end', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('retention_until', 'date')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('billing_subscriptions_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('billing_subscriptions_tenant_key', ['tenant_id'])
      .execute();
    await sql`create index billing_subscriptions_due_idx on core.billing_subscriptions (status, current_period_end)`.execute(
      db,
    );

    await db.schema
      .createTable('core.billing_addons')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('subscription_id', 'uuid', (c) => c.notNull())
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('ended_at', 'timestamptz')
      .addPrimaryKeyConstraint('billing_addons_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(
        'billing_addons_subscription_fk',
        ['tenant_id', 'subscription_id'],
        'core.billing_subscriptions',
        ['tenant_id', 'id'],
      )
      .execute();
    await sql`create unique index billing_addons_active_key on core.billing_addons (tenant_id, module_id)
      where ended_at is null`.execute(db);

    // Every change of what the subscription costs: the proration input.
    await db.schema
      .createTable('core.billing_changes')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('subscription_id', 'uuid', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('state', 'jsonb', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('billing_changes_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint(
        'billing_changes_subscription_fk',
        ['tenant_id', 'subscription_id'],
        'core.billing_subscriptions',
        ['tenant_id', 'id'],
      )
      .execute();
    await db.schema
      .createIndex('billing_changes_at_idx')
      .on('core.billing_changes')
      .columns(['tenant_id', 'subscription_id', 'at'])
      .execute();

    await db.schema
      .createTable('core.billing_transitions')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('subscription_id', 'uuid', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('billing_transitions_pkey', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('billing_transitions_at_idx')
      .on('core.billing_transitions')
      .columns(['tenant_id', 'at'])
      .execute();

    // Buyer details printed on the tenant's invoices.
    await db.schema
      .createTable('core.billing_profiles')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('ico', 'text')
      .addColumn('dic', 'text')
      .addColumn('street', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('zip', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('billing_profiles_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('billing_profiles_tenant_key', ['tenant_id'])
      .execute();

    // Provider pays, kept on both sides like an engagement (DESIGN §3: one tenant policy per table).
    // The authoritative row lives under the client (tenant_id = client, payer_tenant_id = provider);
    // its mirror, with the same id, under the provider (tenant_id = provider, client_tenant_id). Every
    // change writes both in one transaction; each side reads only its own row.
    await db.schema
      .createTable('core.billing_payers')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('payer_tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('offered', 'active', 'ended')`))
      .addColumn('offered_at', 'timestamptz', (c) => c.notNull())
      .addColumn('accepted_at', 'timestamptz')
      .addColumn('ended_at', 'timestamptz')
      .addPrimaryKeyConstraint('billing_payers_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index billing_payers_current_key on core.billing_payers (tenant_id)
      where status <> 'ended'`.execute(db);
    await sql`create index billing_payers_payer_idx on core.billing_payers (tenant_id, payer_tenant_id, status)`.execute(
      db,
    );
    await db.schema
      .createTable('core.billing_paid_clients')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('client_tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('offered', 'active', 'ended')`))
      .addColumn('offered_at', 'timestamptz', (c) => c.notNull())
      .addColumn('accepted_at', 'timestamptz')
      .addColumn('ended_at', 'timestamptz')
      .addPrimaryKeyConstraint('billing_paid_clients_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index billing_paid_clients_current_key on core.billing_paid_clients (tenant_id, client_tenant_id)
      where status <> 'ended'`.execute(db);

    // ---- charges, invoices, payments ----
    await db.schema
      .createTable('core.billing_invoices')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invoice', 'credit_note')`))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('variable_symbol', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'date', (c) => c.notNull())
      .addColumn('taxable_on', 'date', (c) => c.notNull())
      .addColumn('due_on', 'date', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('subtotal', 'bigint', (c) => c.notNull())
      .addColumn('vat_total', 'bigint', (c) => c.notNull())
      .addColumn('total', 'bigint', (c) => c.notNull())
      .addColumn('vat_mode', 'text', (c) =>
        c.notNull().check(sql`vat_mode in ('domestic', 'oss', 'reverse_charge', 'outside_eu')`),
      )
      .addColumn('vat_rate', 'numeric', (c) => c.notNull())
      .addColumn('seller', 'jsonb', (c) => c.notNull())
      .addColumn('buyer', 'jsonb', (c) => c.notNull())
      .addColumn('period_start', 'date')
      .addColumn('period_end', 'date')
      .addColumn('corrects_invoice_id', 'uuid')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      // Mutable settlement state (everything above is frozen by a trigger).
      .addColumn('amount_settled', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('issued', 'paid')`))
      .addColumn('paid_at', 'timestamptz')
      .addPrimaryKeyConstraint('billing_invoices_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('billing_invoices_number_key', ['tenant_id', 'number'])
      .execute();
    await sql`create index billing_invoices_vs_idx on core.billing_invoices (variable_symbol)`.execute(db);
    await sql`create index billing_invoices_open_idx on core.billing_invoices (status, due_on) where status = 'issued'`.execute(
      db,
    );
    await db.schema
      .createIndex('billing_invoices_issued_idx')
      .on('core.billing_invoices')
      .columns(['tenant_id', 'issued_on'])
      .execute();

    await db.schema
      .createTable('core.billing_invoice_lines')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('invoice_id', 'uuid', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('quantity', 'numeric', (c) => c.notNull())
      .addColumn('unit_price', 'bigint', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('subject_tenant_id', 'uuid')
      .addColumn('period_start', 'date')
      .addColumn('period_end', 'date')
      .addPrimaryKeyConstraint('billing_invoice_lines_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('billing_invoice_lines_position_key', ['tenant_id', 'invoice_id', 'position'])
      .addForeignKeyConstraint(
        'billing_invoice_lines_invoice_fk',
        ['tenant_id', 'invoice_id'],
        'core.billing_invoices',
        ['tenant_id', 'id'],
      )
      .execute();
    await sql`create index billing_invoice_lines_subject_idx on core.billing_invoice_lines (subject_tenant_id)`.execute(
      db,
    );

    // An issued invoice is a tax document: never deleted, never edited except its settlement state.
    await sql`create function core.billing_invoice_frozen() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and tg_table_name = 'billing_invoices'
           and (to_jsonb(new) - array['amount_settled', 'status', 'paid_at'])
             = (to_jsonb(old) - array['amount_settled', 'status', 'paid_at']) then
          return new;
        end if;
        raise exception 'an issued invoice is immutable; correct it with a credit note' using errcode = '55000';
      end $$`.execute(db);
    for (const t of ['billing_invoices', 'billing_invoice_lines']) {
      await sql`create trigger frozen before update or delete on ${sql.id('core', t)}
        for each row execute function core.billing_invoice_frozen()`.execute(db);
    }

    // What a subscription owes for a period; invoiced at once, or later on its provider's consolidated invoice.
    await db.schema
      .createTable('core.billing_charges')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('subscription_id', 'uuid', (c) => c.notNull())
      .addColumn('payer_tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('recurring', 'proration')`))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('quantity', 'numeric', (c) => c.notNull().defaultTo('1'))
      .addColumn('unit_price', 'bigint', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('period_start', 'date', (c) => c.notNull())
      .addColumn('period_end', 'date', (c) => c.notNull())
      .addColumn('charged_on', 'date', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('invoice_tenant_id', 'uuid')
      .addColumn('invoice_id', 'uuid')
      .addPrimaryKeyConstraint('billing_charges_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create index billing_charges_unbilled_idx on core.billing_charges (payer_tenant_id, charged_on)
      where invoice_id is null`.execute(db);

    // Gapless numbering: one counter row per series and year, locked by the issuing transaction.
    await db.schema
      .createTable('core.billing_counters')
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_number', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('billing_counters_pkey', ['series', 'year'])
      .execute();

    // Bank statement lines as imported; platform data (the seller's own account), not a tenant's.
    await db.schema
      .createTable('core.billing_bank_transactions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('csv', 'camt053')`))
      .addColumn('statement_ref', 'text')
      .addColumn('booked_on', 'date', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('variable_symbol', 'text')
      .addColumn('counterparty_account', 'text')
      .addColumn('counterparty_name', 'text')
      .addColumn('message', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('matched', 'partial', 'overpaid', 'unmatched', 'ignored')`),
      )
      .addColumn('unapplied', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .execute();
    await sql`create index billing_bank_transactions_status_idx on core.billing_bank_transactions (status, booked_on)`.execute(
      db,
    );

    await db.schema
      .createTable('core.billing_payments')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('invoice_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bank', 'credit_note')`))
      .addColumn('bank_transaction_id', 'uuid', (c) => c.references('core.billing_bank_transactions.id'))
      .addColumn('credit_note_id', 'uuid')
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('received_on', 'date', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('billing_payments_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('billing_payments_invoice_fk', ['tenant_id', 'invoice_id'], 'core.billing_invoices', [
        'tenant_id',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('billing_payments_invoice_idx')
      .on('core.billing_payments')
      .columns(['tenant_id', 'invoice_id'])
      .execute();

    // One row per dunning step taken for an invoice: a job run twice finds it and does nothing.
    await db.schema
      .createTable('core.billing_dunning_steps')
      .addColumn('tenant_id', 'uuid', tenantFk)
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('invoice_id', 'uuid', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('done_at', 'timestamptz', (c) => c.notNull())
      .addColumn('mailed_to', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('skipped', 'boolean', (c) => c.notNull().defaultTo(false))
      .addPrimaryKeyConstraint('billing_dunning_steps_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('billing_dunning_steps_key', ['tenant_id', 'invoice_id', 'step'])
      .execute();

    for (const t of [
      'billing_subscriptions',
      'billing_addons',
      'billing_changes',
      'billing_transitions',
      'billing_profiles',
      'billing_payers',
      'billing_paid_clients',
      'billing_invoices',
      'billing_invoice_lines',
      'billing_charges',
      'billing_payments',
      'billing_dunning_steps',
    ]) {
      await enableTenantRls(db, `core.${t}`);
    }
  },
};
