import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

const STATUSES = sql`status in ('pending', 'active', 'declined', 'revoked', 'ended')`;

/**
 * The engagement header: the same columns under the client (`core.engagements`, the authoritative
 * copy the access check reads) and under the provider (`core.provider_clients`, its mirror).
 */
function engagementColumns<T extends string>(t: CreateTableBuilder<T, any>) {
  return t
    .addColumn('status', 'text', (c) => c.notNull().check(STATUSES))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('invited', 'created')`))
    .addColumn('modules', sql`text[]`, (c) => c.notNull())
    .addColumn('grants', sql`text[]`, (c) => c.notNull())
    .addColumn('proposed_modules', sql`text[]`, (c) => c.notNull())
    .addColumn('proposed_grants', sql`text[]`, (c) => c.notNull())
    .addColumn('invited_by', 'uuid', (c) => c.references('core.users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('responded_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_by', 'text', (c) => c.check(sql`ended_by in ('client', 'provider')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull());
}

/**
 * Outsourcing providers: teams of a provider tenant, engagements between a provider and a client
 * tenant (stored under both tenants: see docs/providers.md), team roles per engagement, history.
 */
export const providers: Migration = {
  async up(db: Kysely<any>) {
    // Provider side: teams and their members (members of the provider tenant only).
    await db.schema
      .createTable('core.provider_teams')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('provider_teams_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('provider_teams_name_key', ['tenant_id', 'name'])
      .execute();

    await db.schema
      .createTable('core.provider_team_members')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('team_id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('provider_team_members_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('provider_team_members_key', ['tenant_id', 'team_id', 'user_id'])
      .addForeignKeyConstraint(
        'provider_team_members_team_fk',
        ['tenant_id', 'team_id'],
        'core.provider_teams',
        ['tenant_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    // Leaving the provider tenant leaves its teams: the membership is the anchor.
    await sql`alter table core.provider_team_members add constraint provider_team_members_member_fk
      foreign key (tenant_id, user_id) references core.memberships (tenant_id, user_id) on delete cascade`.execute(db);
    await db.schema
      .createIndex('provider_team_members_user_idx')
      .on('core.provider_team_members')
      .columns(['tenant_id', 'user_id'])
      .execute();

    // Client side: the engagement as the client granted it. The access check reads this row.
    await engagementColumns(
      db.schema
        .createTable('core.engagements')
        .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
        .addColumn('id', 'uuid', (c) => c.notNull())
        .addColumn('provider_tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade')),
    )
      .addPrimaryKeyConstraint('engagements_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index engagements_open_key on core.engagements (tenant_id, provider_tenant_id)
      where status in ('pending', 'active')`.execute(db);
    await db.schema
      .createIndex('engagements_status_idx')
      .on('core.engagements')
      .columns(['tenant_id', 'status'])
      .execute();

    // Provider side: the mirror of the header, so the provider's lists are single-tenant queries.
    await engagementColumns(
      db.schema
        .createTable('core.provider_clients')
        .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
        .addColumn('id', 'uuid', (c) => c.notNull())
        .addColumn('client_tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade')),
    )
      .addPrimaryKeyConstraint('provider_clients_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create unique index provider_clients_open_key on core.provider_clients (tenant_id, client_tenant_id)
      where status in ('pending', 'active')`.execute(db);
    await db.schema
      .createIndex('provider_clients_status_idx')
      .on('core.provider_clients')
      .columns(['tenant_id', 'status', 'created_at'])
      .execute();

    // Provider side: which team gets which grants inside the client (always within the client's grants).
    await db.schema
      .createTable('core.engagement_teams')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('engagement_id', 'uuid', (c) => c.notNull())
      .addColumn('team_id', 'uuid', (c) => c.notNull())
      .addColumn('grants', sql`text[]`, (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('engagement_teams_pkey', ['tenant_id', 'id'])
      .addUniqueConstraint('engagement_teams_key', ['tenant_id', 'engagement_id', 'team_id'])
      .addForeignKeyConstraint(
        'engagement_teams_engagement_fk',
        ['tenant_id', 'engagement_id'],
        'core.provider_clients',
        ['tenant_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'engagement_teams_team_fk',
        ['tenant_id', 'team_id'],
        'core.provider_teams',
        ['tenant_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('engagement_teams_team_idx')
      .on('core.engagement_teams')
      .columns(['tenant_id', 'team_id'])
      .execute();

    // Both sides: the history, one row per side per event.
    await db.schema
      .createTable('core.engagement_events')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('engagement_id', 'uuid', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('client', 'provider')`))
      .addColumn('actor_user_id', 'uuid', (c) => c.references('core.users.id').onDelete('set null'))
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('details', 'jsonb')
      .addPrimaryKeyConstraint('engagement_events_pkey', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('engagement_events_engagement_idx')
      .on('core.engagement_events')
      .columns(['tenant_id', 'engagement_id', 'at'])
      .execute();

    for (const t of [
      'core.provider_teams',
      'core.provider_team_members',
      'core.engagements',
      'core.provider_clients',
      'core.engagement_teams',
      'core.engagement_events',
    ]) {
      await enableTenantRls(db, t);
    }
  },
};
