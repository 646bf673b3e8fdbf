import { importParties } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Referring clinics live in core's address book (issue 12): an order points at its clinic's party
 * (`clinic_party_id`, unlinked if the party is deleted) and keeps the name it was placed with. The
 * clinic names orders carried before become parties with the role `clinic`, one per tenant and name
 * (joining a party of that name already in the address book); links to parties that never existed
 * are dropped (the order kept no name for them, so there is nothing to bring over).
 */
export const clinicParties: Migration = {
  async up(db: Kysely<any>) {
    // The owner reads every tenant's orders and parties here (row level security is forced, also for it).
    await sql`alter table medical.orders no force row level security`.execute(db);
    await sql`alter table core.parties no force row level security`.execute(db);
    try {
      await sql`update medical.orders o set clinic_party_id = null
        where clinic_party_id is not null
          and not exists (select 1 from core.parties p where p.tenant_id = o.tenant_id and p.id = o.clinic_party_id)`.execute(
        db,
      );
    } finally {
      await sql`alter table core.parties force row level security`.execute(db);
    }
    const named = await db
      .selectFrom('medical.orders as o')
      .innerJoin('core.tenants as t', 't.id', 'o.tenant_id')
      .select(['o.tenant_id', 'o.id', 'o.clinic_name', 'o.ordered_at', 't.country'])
      .where('o.clinic_party_id', 'is', null)
      .where('o.clinic_name', 'is not', null)
      .orderBy('o.tenant_id')
      .orderBy('o.ordered_at')
      .orderBy('o.id')
      .execute();
    const ids = await importParties(
      db,
      named
        .filter((o) => o.clinic_name.trim())
        .map((o) => ({
          key: o.id,
          tenantId: o.tenant_id,
          name: o.clinic_name.trim(),
          ico: null,
          dic: null,
          country: o.country,
          role: 'clinic',
          createdAt: o.ordered_at,
          byName: true,
        })),
    );
    for (const [orderId, partyId] of ids) {
      await db.updateTable('medical.orders').set({ clinic_party_id: partyId }).where('id', '=', orderId).execute();
    }
    await sql`alter table medical.orders add constraint orders_clinic_party_fkey
      foreign key (tenant_id, clinic_party_id) references core.parties (tenant_id, id) on delete set null (clinic_party_id)`.execute(
      db,
    );
    await sql`alter table medical.orders force row level security`.execute(db);
  },
};
