import { inTenant } from './cross-tenant.ts';
import type { Op } from './op.ts';

/**
 * What provider staff created inside the client through an engagement (API tokens, pending
 * invitations) ends with it (issue 11, item 2). Every use re-checks the engagement as well; this
 * makes the client's lists show them revoked at once.
 */
export async function revokeBoundToEngagement(op: Op, clientId: string, engagementId: string): Promise<void> {
  const now = op.runtime.clock.now();
  const run = async () => {
    await op.db
      .updateTable('core.api_tokens')
      .set({ revoked_at: now })
      .where('tenant_id', '=', clientId)
      .where('engagement_id', '=', engagementId)
      .where('revoked_at', 'is', null)
      .execute();
    await op.db
      .updateTable('core.invitations')
      .set({ revoked_at: now })
      .where('tenant_id', '=', clientId)
      .where('engagement_id', '=', engagementId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  };
  if (op.tenant.id === clientId) await run();
  else await inTenant(op, clientId, run);
}
