import { enableTenantRls } from '@bureau/core';
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { run } from './run.ts';

/**
 * Closed fiscal years: the year, who closed it and when, and the journal entries of its closing
 * (to 710, 431 and 702) and of the next year's opening (from 701). Reopening a year reverses those
 * entries and removes the row.
 */
export const yearEnd: Migration = {
  async up(db: Kysely<any>) {
    await run(db, [
      sql`create table accounting.year_closings (
        tenant_id uuid not null,
        id uuid not null,
        fiscal_year int not null,
        closed_at timestamptz not null default now(),
        closed_by text,
        entry_ids uuid[] not null,
        primary key (tenant_id, id),
        unique (tenant_id, fiscal_year)
      )`,
    ]);
    await enableTenantRls(db, 'accounting.year_closings');
  },
};
