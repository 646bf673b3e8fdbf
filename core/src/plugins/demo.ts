import type { Kysely } from 'kysely';
import { seedDemoInvoice } from '../billing/demo.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { Actor, TenantInfo } from '../http/env.ts';
import { saveCompanyProfile } from '../profile/service.ts';
import { validateProfile } from '../profile/validate.ts';
import { acceptEngagement, inviteClient } from '../providers/engagements.ts';
import type { Op } from '../providers/op.ts';
import type { Runtime } from '../runtime.ts';
import { signup } from '../tenancy/signup.ts';
import { findTenantById, findTenantBySlug } from '../tenancy/tenants.ts';
import { pluginContext } from './context.ts';
import type { PluginContext } from './define-plugin.ts';
import { enableModule } from './enablement.ts';

export interface DemoLogin {
  who: string;
  email: string;
  password: string;
  /** Where to sign in and what to open first. */
  tenant: string;
}

export interface DemoResult {
  /** False when the demo firm already existed: nothing was changed. */
  created: boolean;
  firm: { id: string; slug: string };
  provider: { id: string; slug: string };
  /** Modules enabled for the firm, in dependency order. */
  modules: string[];
  logins: DemoLogin[];
}

export interface DemoOptions {
  /** Password of every demo login (at least 10 characters). Default `bureau-demo`. */
  password?: string;
  /** Print the logins to stdout. Default true. */
  print?: boolean;
}

export const DEMO_FIRM_SLUG = 'demo-firm';
export const DEMO_PROVIDER_SLUG = 'demo-provider';
const FIRM_OWNER = 'owner@demo-firm.example';
const PROVIDER_OWNER = 'owner@demo-provider.example';

/** Runs `fn` in one tenant transaction as `actor`, with the PluginContext plugins' hooks receive. */
async function inTenant<T>(
  runtime: Runtime,
  tenant: TenantInfo,
  actor: Actor,
  fn: (args: { db: Kysely<any>; ctx: PluginContext }) => Promise<T>,
): Promise<T> {
  return withTenant(runtime.db, tenant.id, (trx) =>
    fn({ db: trx, ctx: pluginContext({ runtime, tenant, db: trx, actor, requestId: 'demo', ip: null }) }),
  );
}

const userActor = (userId: string, email: string): Actor => ({
  kind: 'user',
  userId,
  tokenId: null,
  providerTenantId: null,
  label: email,
});

/**
 * Links the demo provider to the demo firm as an active client engagement covering `modules`: the
 * provider creates a team (its owner in it) and invites the firm; the firm's owner accepts.
 */
export async function linkDemoProviderToClient(
  runtime: Runtime,
  provider: { tenant: TenantInfo; actor: Actor },
  client: { tenant: TenantInfo; actor: Actor },
  modules: string[],
): Promise<string> {
  const grants = modules.map((m) => `${m}.*`);
  const engagementId = await inTenant(runtime, provider.tenant, provider.actor, async ({ db, ctx }) => {
    const op: Op = { runtime, db, tenant: provider.tenant, actor: provider.actor, ctx, requestId: 'demo', ip: null };
    // No team named: the demo provider's owner works on it, in a team named after the client.
    const engagement = await inviteClient(op, { client: { slug: client.tenant.slug }, modules, grants, teams: [] });
    return engagement.id;
  });
  await inTenant(runtime, client.tenant, client.actor, async ({ db, ctx }) => {
    const op: Op = { runtime, db, tenant: client.tenant, actor: client.actor, ctx, requestId: 'demo', ip: null };
    await acceptEngagement(op, engagementId, {});
  });
  return engagementId;
}

function printLogins(result: DemoResult) {
  const lines = [
    '',
    `Bureau demo ${result.created ? 'created' : 'already present'}: ${result.modules.length ? result.modules.join(', ') : 'no modules installed'}`,
    ...result.logins.map((l) => `  ${l.who.padEnd(22)} ${l.email.padEnd(30)} password: ${l.password}   (${l.tenant})`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Seeds a demo: a firm (`demo-firm`) with every installed module enabled and each plugin's `demo`
 * hook run, and a provider (`demo-provider`) that serves it through an active engagement covering
 * those modules. Prints the logins. Does nothing (but print) when the demo firm exists already.
 */
/** The demo firm's own details: a fictional IČO with a valid check digit and the textbook ČS account. */
const DEMO_FIRM_PROFILE = {
  legalName: 'Demo Firma s.r.o.',
  ico: '12345679',
  dic: 'CZ12345679',
  vatPayer: true,
  vatPeriod: 'monthly' as const,
  street: 'Náměstí Míru 1',
  city: 'Praha 2',
  zip: '120 00',
  country: 'CZ',
  registration: 'Zapsáno v obchodním rejstříku vedeném Městským soudem v Praze, oddíl C, vložka 000000 (ukázka)',
  email: 'fakturace@demo-firm.example',
  phone: null,
  web: null,
  defaultCurrency: 'CZK',
  locale: 'cs' as const,
  bankAccounts: [
    {
      iban: null,
      accountNumber: '2000145399/0800',
      bic: 'GIBACZPX',
      currency: 'CZK',
      isDefault: true,
      label: 'Provozní účet',
    },
  ],
};

export async function seedDemo(runtime: Runtime, options: DemoOptions = {}): Promise<DemoResult> {
  const password = options.password ?? 'bureau-demo';
  const modules = runtime.plugins.map((p) => p.id);
  const logins: DemoLogin[] = [
    { who: 'Firm owner', email: FIRM_OWNER, password, tenant: `/t/${DEMO_FIRM_SLUG}` },
    { who: 'Provider (accountant)', email: PROVIDER_OWNER, password, tenant: `/t/${DEMO_PROVIDER_SLUG}` },
  ];

  const existingFirm = await findTenantBySlug(runtime.db, DEMO_FIRM_SLUG);
  const existingProvider = await findTenantBySlug(runtime.db, DEMO_PROVIDER_SLUG);
  if (!!existingFirm !== !!existingProvider) {
    throw new Error(
      `demo data is partly present (${DEMO_FIRM_SLUG}: ${!!existingFirm}, ${DEMO_PROVIDER_SLUG}: ${!!existingProvider}); start from an empty database`,
    );
  }
  if (existingFirm && existingProvider) {
    const result: DemoResult = {
      created: false,
      firm: { id: existingFirm.id, slug: existingFirm.slug },
      provider: { id: existingProvider.id, slug: existingProvider.slug },
      modules,
      logins,
    };
    if (options.print !== false) printLogins(result);
    return result;
  }

  const firmIds = await signup(runtime.db, {
    email: FIRM_OWNER,
    password,
    name: 'Jana Nováková',
    locale: 'cs',
    tenant: {
      name: 'Demo Firma s.r.o.',
      slug: DEMO_FIRM_SLUG,
      kind: 'company',
      country: 'CZ',
      currency: 'CZK',
      locale: 'cs',
    },
  });
  const providerIds = await signup(runtime.db, {
    email: PROVIDER_OWNER,
    password,
    name: 'Petr Svoboda',
    locale: 'cs',
    tenant: {
      name: 'Demo Účetní kancelář s.r.o.',
      slug: DEMO_PROVIDER_SLUG,
      kind: 'provider',
      country: 'CZ',
      currency: 'CZK',
      locale: 'cs',
    },
  });
  const firm = (await findTenantById(runtime.db, firmIds.tenantId)) as TenantInfo;
  const provider = (await findTenantById(runtime.db, providerIds.tenantId)) as TenantInfo;
  const firmActor = userActor(firmIds.userId, FIRM_OWNER);
  const providerActor = userActor(providerIds.userId, PROVIDER_OWNER);
  // The demo's addresses are fictional (example domains): nobody could confirm them by e-mail.
  await runtime.db
    .updateTable('core.users')
    .set({ email_verified_at: runtime.clock.now() })
    .where('id', 'in', [firmIds.userId, providerIds.userId])
    .execute();
  await inTenant(runtime, firm, firmActor, async ({ db }) => {
    await saveCompanyProfile(db, firm, validateProfile(DEMO_FIRM_PROFILE), runtime.clock.now());
  });

  // Every installed module, in dependency order, through the same path as PUT /modules/:id (billing
  // sees a confirmed enable), then each plugin's demo data in its own transaction.
  await inTenant(runtime, firm, firmActor, async ({ db, ctx }) => {
    for (const id of modules) await enableModule({ runtime, tenant: firm, db, actor: firmActor, ctx }, id, true);
  });
  for (const plugin of runtime.plugins) {
    if (!plugin.demo) continue;
    await inTenant(runtime, firm, firmActor, async ({ ctx }) => {
      try {
        await plugin.demo?.(ctx);
      } catch (err) {
        throw new Error(`demo data of plugin "${plugin.id}" failed: ${err instanceof Error ? err.message : err}`, {
          cause: err,
        });
      }
    });
  }
  await linkDemoProviderToClient(
    runtime,
    { tenant: provider, actor: providerActor },
    { tenant: firm, actor: firmActor },
    modules,
  );
  await seedDemoInvoice(runtime, firm.id);

  const result: DemoResult = {
    created: true,
    firm: { id: firm.id, slug: firm.slug },
    provider: { id: provider.id, slug: provider.slug },
    modules,
    logins,
  };
  if (options.print !== false) printLogins(result);
  return result;
}
