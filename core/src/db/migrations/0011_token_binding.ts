import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Binds what a person creates inside a tenant to the path they reached it by (issue 11, items 2
 * and 5): an API token remembers the engagement its provider-staff creator worked through and the
 * token that minted it; an invitation remembers the engagement too. Every use re-checks that path.
 */
export const tokenBinding: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('core.api_tokens')
      .addColumn('engagement_id', 'uuid')
      .addColumn('parent_token_id', 'uuid')
      .execute();
    await db.schema.alterTable('core.invitations').addColumn('engagement_id', 'uuid').execute();
  },
};
