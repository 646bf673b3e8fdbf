import { importParties } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Customers and vendors become roles of a party in core's shared address book (issue 12): each
 * partner points at its party (`party_id`), and the partners already entered are brought into the
 * address book — one party per IČO and tenant (a firm that is both customer and vendor is one party
 * with both roles), one per partner without an IČO. Accounting keeps its own copy of the details it
 * prints and posts with; a party's deletion only unlinks the partner.
 */
export const parties: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`alter table accounting.partners add column party_id uuid`,
      sql`alter table accounting.partners add constraint partners_party_fkey
        foreign key (tenant_id, party_id) references core.parties (tenant_id, id) on delete set null (party_id)`,
      sql`create unique index partners_party_key on accounting.partners (tenant_id, kind, party_id) where party_id is not null`,
      // The owner reads every tenant's partners to bring them over (RLS is forced, also for the owner).
      sql`alter table accounting.partners no force row level security`,
    ]);
    const partners = await db
      .selectFrom('accounting.partners')
      .selectAll()
      .orderBy('tenant_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const ids = await importParties(
      db,
      partners.map((p) => ({
        key: p.id,
        tenantId: p.tenant_id,
        name: p.name,
        ico: p.ico,
        dic: p.dic,
        country: p.country,
        email: p.email,
        phone: p.phone,
        note: p.note,
        street: p.street,
        city: p.city,
        zip: p.postal_code,
        iban: p.iban,
        bic: p.bic,
        accountNumber: p.bank_account,
        role: p.kind,
        active: p.active,
        createdAt: p.created_at,
      })),
    );
    for (const p of partners) {
      await db
        .updateTable('accounting.partners')
        .set({ party_id: ids.get(p.id) })
        .where('tenant_id', '=', p.tenant_id)
        .where('id', '=', p.id)
        .execute();
    }
    await sql`alter table accounting.partners force row level security`.execute(db);
  },
};
