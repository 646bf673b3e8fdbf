import type { TenantInfo } from '../http/env.ts';
import { Problem } from '../http/problem.ts';
import { pluginContext } from '../plugins/context.ts';
import { enableModule } from '../plugins/enablement.ts';
import { inTenant } from './cross-tenant.ts';
import type { Op } from './op.ts';

/**
 * Turns on, in a client the provider has just created, the modules the engagement is for — so its staff can
 * start the books (or the payroll, the lab…) at once. Only what costs the client nothing is enabled: a
 * module its plan includes. An add-on with a price, or one the plan does not offer, waits for the client's
 * owner to accept it (billing answers 402 for those, and nothing is written); so does a module whose
 * requirements are not among the engagement's. Runs in installation (dependency) order; returns the
 * modules enabled and those left for the owner.
 */
export async function enableClientModules(
  op: Op,
  client: TenantInfo,
  modules: readonly string[],
): Promise<{ enabled: string[]; leftForOwner: string[] }> {
  const wanted = new Set(modules);
  const ordered = op.runtime.plugins.map((p) => p.id).filter((id) => wanted.has(id));
  const ctx = pluginContext({
    runtime: op.runtime,
    tenant: client,
    db: op.db,
    actor: op.actor,
    requestId: op.requestId,
    ip: op.ip,
  });
  const enabled: string[] = [];
  const leftForOwner: string[] = [];
  await inTenant(op, client.id, async () => {
    for (const id of ordered) {
      try {
        await enableModule({ runtime: op.runtime, tenant: client, db: op.db, actor: op.actor, ctx }, id, false);
        enabled.push(id);
      } catch (err) {
        const refusal =
          err instanceof Problem &&
          (err.status === 402 || (err.status === 409 && err.code === 'requirements_not_enabled'));
        if (!refusal) throw err;
        // Enabling wrote a placeholder row (disabled) before billing refused; a module never enabled leaves none.
        await op.db
          .deleteFrom('core.tenant_modules')
          .where('tenant_id', '=', client.id)
          .where('module_id', '=', id)
          .where('enabled', '=', false)
          .where('enabled_at', 'is', null)
          .execute();
        leftForOwner.push(id);
      }
    }
  });
  return { enabled, leftForOwner };
}
