import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What the lab told the ordering clinic, on the order's history: a rejected specimen or a critical
 * value, e-mailed to the clinic party's address, or marked "call" when the clinic has none.
 */
export const clinicNotices: Migration = {
  async up(db: Kysely<any>) {
    await sql`create table medical.clinic_notices (
      tenant_id uuid not null,
      id uuid not null,
      order_id uuid not null,
      specimen_id uuid not null,
      result_id uuid,
      kind text not null check (kind in ('rejected', 'critical')),
      channel text not null check (channel in ('email', 'call')),
      sent_to text,
      locale text,
      created_at timestamptz not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, order_id) references medical.orders (tenant_id, id),
      foreign key (tenant_id, specimen_id) references medical.specimens (tenant_id, id)
    )`.execute(db);
    await sql`create index clinic_notices_order on medical.clinic_notices (tenant_id, order_id, created_at)`.execute(
      db,
    );
    await enableTenantRls(db, 'medical.clinic_notices');
  },
};
