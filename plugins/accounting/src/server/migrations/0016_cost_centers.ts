import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Cost centres (střediska, as Pohoda keeps them): the codes journal lines may carry in
 * `cost_center`. Once a tenant defines any, postings must use one of its active codes; a code keeps
 * its spelling (lines refer to it by text), so only its names and whether it is active change.
 */
export const costCenters: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.cost_centers (
        tenant_id uuid not null,
        id uuid not null,
        code text not null check (code ~ '^[A-Z0-9][A-Z0-9._-]{0,19}$'),
        name_cs text not null check (length(name_cs) between 1 and 100),
        name_en text not null check (length(name_en) between 1 and 100),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code)
      )`,
      sql`create function accounting.cost_center_code_fixed() returns trigger language plpgsql as $$
      begin
        if new.code is distinct from old.code then
          raise exception 'the code of cost centre % cannot change', old.code using errcode = 'AC007';
        end if;
        return new;
      end $$`,
      sql`create trigger cost_centers_code_fixed before update on accounting.cost_centers
        for each row execute function accounting.cost_center_code_fixed()`,
      sql`create index journal_lines_cost_center on accounting.journal_lines (tenant_id, cost_center, date)
        where cost_center is not null`,
    ]);
    await enableTenantRls(db, 'accounting.cost_centers');
  },
};
