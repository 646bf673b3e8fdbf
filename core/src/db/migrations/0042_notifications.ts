import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { enableTenantRls } from '../rls.ts';

/**
 * Notifications (core/src/notifications): each recipient's inbox entries, stored as message keys and
 * parameters (rendered in the reader's language when read or mailed), and each user's choice per
 * severity or category: in-app only, e-mail too, or off.
 */
export const notifications: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('core.notifications')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('info', 'warning', 'critical')`))
      .addColumn('category', 'text')
      // Declared message ids (`<namespace>.<key>`) and their ICU parameters, never frozen text.
      .addColumn('title_key', 'text', (c) => c.notNull())
      .addColumn('body_key', 'text')
      .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      // Path inside the tenant's app (`/medical/results/…`), or null.
      .addColumn('link', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('read_at', 'timestamptz')
      // E-mail after commit, from the outbox: none (in-app only), pending, sent.
      .addColumn('email', 'text', (c) => c.notNull().check(sql`email in ('none', 'pending', 'sent')`))
      .addColumn('emailed_at', 'timestamptz')
      .addPrimaryKeyConstraint('notifications_pkey', ['tenant_id', 'id'])
      .execute();
    await sql`create index notifications_inbox_idx on core.notifications (tenant_id, user_id, id desc)`.execute(db);
    await sql`create index notifications_unread_idx on core.notifications (tenant_id, user_id) where read_at is null`.execute(
      db,
    );
    await enableTenantRls(db, 'core.notifications');

    await db.schema
      .createTable('core.notification_preferences')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('core.tenants.id').onDelete('cascade'))
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('core.users.id').onDelete('cascade'))
      // `severity:info|warning|critical` or a declared category (`medical.critical_value`).
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('inapp', 'email', 'off')`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_preferences_pkey', ['tenant_id', 'user_id', 'topic'])
      .execute();
    await enableTenantRls(db, 'core.notification_preferences');
  },
};
