import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Notifications sent once per stage (issue 16): a ticket's response clock gets the warning instant
 * its resolution clock has (80 % of the target), and each ticket remembers when it was warned about
 * either clock; each maintenance work order remembers when it was announced as due soon and as
 * overdue. Work orders already open, and open tickets' clocks already past their warning, count as
 * announced, so the first run after this migration does not flood anyone with old news.
 */
export const notices: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table it.tickets
      add column response_warn_at timestamptz,
      add column response_warned_at timestamptz,
      add column resolution_warned_at timestamptz`.execute(db);
    await sql`alter table it.work_orders
      add column due_soon_notified_at timestamptz,
      add column overdue_notified_at timestamptz`.execute(db);
    for (const t of ['it.tickets', 'it.work_orders'])
      await sql`alter table ${sql.raw(t)} no force row level security`.execute(db);
    // The response warning of tickets opened before: 80 % of the way to the due instant, in wall time.
    await sql`update it.tickets
      set response_warn_at = created_at + (response_due_at - created_at) * 0.8`.execute(db);
    await sql`update it.tickets set response_warned_at = now()
      where first_response_at is null and response_warn_at <= now()`.execute(db);
    await sql`update it.tickets set resolution_warned_at = now()
      where resolution_warn_at is not null and resolution_warn_at <= now()`.execute(db);
    await sql`update it.work_orders set due_soon_notified_at = opened_at where status = 'open'`.execute(db);
    await sql`update it.work_orders set overdue_notified_at = now()
      where status = 'open' and due_on < current_date`.execute(db);
    for (const t of ['it.tickets', 'it.work_orders'])
      await sql`alter table ${sql.raw(t)} force row level security`.execute(db);
  },
};
