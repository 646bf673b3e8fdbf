import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A provider's team as a ticket category's default (issue 16 item 4): the category names the team
 * (a provider's team working in the firm through an engagement, kept with its name as it was then)
 * instead of a member, and a new ticket in it lands in that team's queue. Provider teams are the
 * provider tenant's rows, so there is no foreign key: the id and the label are kept.
 */
export const teamDefault: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('it.ticket_categories')
      .addColumn('default_team_id', 'uuid')
      .addColumn('default_team_label', 'text')
      .execute();
    await sql`alter table it.ticket_categories add constraint ticket_categories_one_default
      check (default_assignee_id is null or default_team_id is null)`.execute(db);
    await db.schema.alterTable('it.tickets').addColumn('team_id', 'uuid').addColumn('team_label', 'text').execute();
    await sql`create index tickets_team_idx on it.tickets (tenant_id, team_id) where team_id is not null`.execute(db);
  },
};
