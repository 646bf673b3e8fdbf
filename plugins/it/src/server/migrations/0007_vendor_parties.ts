import { importParties } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * An asset's vendor becomes a party of core's shared address book (issue 12 item 2, issue 16): each
 * asset points at its party (`vendor_party_id`) and keeps the name it was bought under (`vendor`).
 * The vendors typed before are brought into the address book with the role `vendor`: one party per
 * name (case-insensitively; spelt as first typed) and tenant, joining a party without an IČO of exactly that name when the
 * address book has one. A party's deletion only unlinks the asset.
 */
export const vendorParties: Migration = {
  async up(db: Kysely<any>) {
    await sql`alter table it.assets add column vendor_party_id uuid`.execute(db);
    await sql`alter table it.assets add constraint assets_vendor_party_fkey
      foreign key (tenant_id, vendor_party_id) references core.parties (tenant_id, id) on delete set null (vendor_party_id)`.execute(
      db,
    );
    await sql`create index assets_vendor_party_idx on it.assets (tenant_id, vendor_party_id)`.execute(db);
    // The owner reads every tenant's assets and parties (RLS is forced, also for the owner).
    await sql`alter table it.assets no force row level security`.execute(db);
    await sql`alter table core.parties no force row level security`.execute(db);
    try {
      const vendors = await sql<{ tenant_id: string; name: string; key: string; country: string; created_at: Date }>`
        select a.tenant_id, (array_agg(trim(a.vendor) order by a.created_at, a.id))[1] as name, lower(trim(a.vendor)) as key,
               min(t.country) as country, min(a.created_at) as created_at
          from it.assets a join core.tenants t on t.id = a.tenant_id
         where a.vendor is not null and trim(a.vendor) <> ''
         group by a.tenant_id, lower(trim(a.vendor))
         order by a.tenant_id, lower(trim(a.vendor))`.execute(db);
      const ids = new Map<string, string>();
      const fresh = [];
      for (const v of vendors.rows) {
        const key = `${v.tenant_id}:${v.key}`;
        const existing = await sql<{ id: string; roles: string[] }>`
          select id, roles from core.parties
           where tenant_id = ${v.tenant_id} and ico is null and lower(name) = ${v.key}
           order by created_at, id limit 1`.execute(db);
        const party = existing.rows[0];
        if (!party) {
          fresh.push({
            key,
            tenantId: v.tenant_id,
            name: v.name,
            ico: null,
            dic: null,
            country: v.country,
            role: 'vendor',
            createdAt: new Date(v.created_at),
          });
          continue;
        }
        if (!party.roles.includes('vendor'))
          await sql`update core.parties set roles = array_append(roles, 'vendor') where tenant_id = ${v.tenant_id} and id = ${party.id}`.execute(
            db,
          );
        ids.set(key, party.id);
      }
      for (const [key, id] of await importParties(db, fresh)) ids.set(key, id);
      for (const [key, id] of ids) {
        const [tenantId, name] = [key.slice(0, 36), key.slice(37)];
        await sql`update it.assets set vendor_party_id = ${id}
           where tenant_id = ${tenantId} and vendor is not null and lower(trim(vendor)) = ${name}`.execute(db);
      }
    } finally {
      await sql`alter table core.parties force row level security`.execute(db);
      await sql`alter table it.assets force row level security`.execute(db);
    }
  },
};
