import type { Kysely } from 'kysely';
import type { TenantInfo } from '../http/env.ts';
import { readCompanyProfile } from '../profile/service.ts';
import { grants } from '../tenancy/permissions.ts';

/** One step of the first-hour checklist: what to do, whether it is done, and the page that does it. */
export interface SetupStep {
  id: 'profile' | 'bank' | 'modules' | 'people' | 'client';
  done: boolean;
  /** Path under the tenant (`/t/:tenant…`). */
  path: string;
}

export interface SetupChecklist {
  /** Whose checklist: the firm's administrator, a provider's, or a member's (who only sees what they can use). */
  audience: 'firm' | 'provider' | 'member';
  steps: SetupStep[];
  /** Enabled modules the caller can work in (a member's "what you can do"). */
  canUse: string[];
}

export interface SetupCaller {
  grants: readonly string[];
  /** null: every enabled module (direct members); provider staff are limited to their engagement's. */
  moduleScope: readonly string[] | null;
}

const count = async (q: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }) =>
  Number((await q.executeTakeFirst())?.n ?? 0);

/**
 * The first-hour checklist of a tenant for one caller, read from what is already there — nothing is stored,
 * so a step is done the moment its page did it and undone if it is undone (a bank account removed).
 * Only steps the caller may do are listed: a firm's administrator gets the company profile, a bank account,
 * modules and people (colleagues, or an accountant engaged as a provider); a provider also its first client;
 * a member with no administration rights gets no steps, only the modules they can work in.
 */
export async function setupChecklist(
  db: Kysely<any>,
  tenant: TenantInfo,
  caller: SetupCaller,
): Promise<SetupChecklist> {
  const can = (p: string) => grants(caller.grants, p);
  const modules = (
    await db
      .selectFrom('core.tenant_modules')
      .select('module_id')
      .where('tenant_id', '=', tenant.id)
      .where('enabled', '=', true)
      .orderBy('module_id')
      .execute()
  ).map((r) => r.module_id as string);
  const canUse = modules.filter(
    (m) =>
      (caller.moduleScope === null || caller.moduleScope.includes(m)) &&
      caller.grants.some((g) => g === '*' || g.startsWith(`${m}.`)),
  );
  const steps: SetupStep[] = [];
  if (can('tenant.settings.manage')) {
    const profile = await readCompanyProfile(db, tenant);
    const idRequired = (profile.country ?? tenant.country) === 'CZ';
    const complete = Boolean(
      profile.legalName?.trim() &&
        (!idRequired || profile.ico) &&
        profile.street?.trim() &&
        profile.city?.trim() &&
        profile.zip?.trim(),
    );
    steps.push({ id: 'profile', done: complete, path: '/settings/company' });
    steps.push({ id: 'bank', done: profile.bankAccounts.length > 0, path: '/settings/company' });
  }
  if (can('tenant.modules.manage')) {
    steps.push({ id: 'modules', done: modules.length > 0, path: '/settings/modules' });
  }
  if (can('tenant.members.manage')) {
    const members = await count(
      db
        .selectFrom('core.memberships')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenant.id),
    );
    const invited = await count(
      db
        .selectFrom('core.invitations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenant.id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null),
    );
    const providers = await count(
      db
        .selectFrom('core.engagements')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenant.id)
        .where('status', 'in', ['pending', 'active']),
    );
    steps.push({ id: 'people', done: members > 1 || invited > 0 || providers > 0, path: '/settings/members' });
  }
  if (tenant.kind === 'provider' && can('tenant.clients.manage')) {
    const clients = await count(
      db
        .selectFrom('core.provider_clients')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenant.id)
        .where('status', 'in', ['pending', 'active']),
    );
    steps.push({ id: 'client', done: clients > 0, path: '/engagements' });
  }
  const audience = steps.length === 0 ? 'member' : tenant.kind === 'provider' ? 'provider' : 'firm';
  return { audience, steps, canUse };
}
