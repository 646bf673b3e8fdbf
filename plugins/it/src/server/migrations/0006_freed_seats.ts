import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Licence seats follow their holder out (issue 16): a retired device's seats and a leaver's (once
 * their last day has passed) are freed. `people_changes.seats_freed_at` records that a leaver's seats
 * were freed (the `licence-expiry` schedule frees those whose last day was still ahead when HR said
 * so). Seats still held by devices retired before this fix are freed here, and their licences'
 * `seats_used` drops by as many.
 */
export const freedSeats: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table it.people_changes add column seats_freed_at timestamptz`.execute(db);
    // The owner repairs every tenant's seats (RLS is forced, also for the owner).
    for (const t of ['it.licence_seats', 'it.licences', 'it.assets']) {
      await sql`alter table ${sql.raw(t)} no force row level security`.execute(db);
    }
    await sql`
      with freed as (
        update it.licence_seats s set released_at = now(), released_by = 'asset_retired'
          from it.assets a
         where a.tenant_id = s.tenant_id and a.id::text = s.holder_id and s.holder_type = 'asset'
           and a.status = 'retired' and s.released_at is null
        returning s.tenant_id, s.licence_id),
      lost as (select tenant_id, licence_id, count(*)::int as n from freed group by tenant_id, licence_id)
      update it.licences l set seats_used = l.seats_used - lost.n
        from lost where l.tenant_id = lost.tenant_id and l.id = lost.licence_id`.execute(db);
    for (const t of ['it.licence_seats', 'it.licences', 'it.assets']) {
      await sql`alter table ${sql.raw(t)} force row level security`.execute(db);
    }
  },
};
