import { installedPlugins } from '@bureau/server';
import type { RequestBody, TenantHandle } from './world.ts';

/**
 * THE fixtures file of the quality suites: everything route-specific lives here. Every other line of
 * the probe and the fuzzer is generic over /api/openapi.json, so a new route is covered without
 * editing them; add an entry here only when a route's body needs real references (an account code,
 * a customer id) or when a route must not be called while filling (with the reason).
 */

export interface FixtureContext {
  tenant: TenantHandle;
  /** The other tenants of the same side (a provider's client, a client's provider). */
  peers: TenantHandle[];
  /** Installed module ids. */
  modules: string[];
  marker: string;
  /** A fresh number for unique values. */
  n(): number;
  /** Ids known for a collection path template (created through it, or listed by GET on it). */
  ids(collection: string): Promise<string[]>;
  /** GET as the tenant's owner; the parsed JSON body (null unless 200). */
  get(path: string): Promise<any>;
}

export interface RouteFixture {
  /** The body to send; undefined = generated from the route's schema. */
  body?: (ctx: FixtureContext) => Promise<RequestBody | undefined> | RequestBody | undefined;
  /** Do not call this route while filling tenants with data: the reason. */
  noFill?: string;
  /** Only fill on tenants of this kind. */
  kinds?: ReadonlyArray<'company' | 'provider'>;
  /** Call once after every other route has filled (it changes state others depend on). */
  late?: boolean;
}

const json = (value: unknown): RequestBody => ({ kind: 'json', value });
const T = '/api/t/{tenant}';
const ACC = `${T}/accounting`;

async function accounts(ctx: FixtureContext): Promise<{ code: string; type: string; active: boolean }[]> {
  const body = await ctx.get(`/api/t/${ctx.tenant.slug}/accounting/accounts`);
  return (body?.accounts ?? []).filter((a: { active: boolean }) => a.active);
}

async function accountOf(ctx: FixtureContext, ...types: string[]): Promise<string | undefined> {
  const list = await accounts(ctx);
  for (const type of types) {
    const hit = list.find((a) => a.type === type);
    if (hit) return hit.code;
  }
  return list[0]?.code;
}

const ATTACHABLE = installedPlugins.flatMap((p) => Object.keys(p.records?.entities ?? {}))[0] ?? 'quality.probe';

const first = async (ctx: FixtureContext, collection: string) => (await ctx.ids(collection))[0];

/** Grants for a provider team / engagement: every installed module's permissions. */
const moduleGrants = (ctx: FixtureContext) => ctx.modules.map((m) => `${m}.*`);

export const FIXTURES: Record<string, RouteFixture> = {
  // --- account and session routes: filling acts through the owner's session, which these would end.
  'POST /api/auth/signup': { noFill: 'tenants are created by the suite itself (newTenant)' },
  'POST /api/auth/login': { noFill: 'the suite signs in through the harness' },
  'POST /api/auth/logout': { noFill: 'would end the owner session the suite acts with' },
  'POST /api/auth/logout-all': { noFill: 'would end the owner session the suite acts with' },
  'POST /api/auth/password': { noFill: 'would end the other sessions of the owner' },
  'POST /api/auth/reset/request': { noFill: 'mails a reset link; holds no tenant data' },
  'POST /api/auth/reset/confirm': { noFill: 'needs a mailed secret; holds no tenant data' },
  'POST /api/invitations/{token}/accept': { noFill: 'needs the mailed secret of an invitation' },
  'POST /api/auth/verify-email': { noFill: 'needs a mailed secret; holds no tenant data' },
  'POST /api/auth/verify-email/resend': { noFill: 'mails a confirmation link; holds no tenant data' },
  'POST /api/auth/second-factor/setup': { noFill: "the owner's own second factor; holds no tenant data" },
  'POST /api/auth/second-factor/enable': { noFill: 'needs a code from the set-up secret; holds no tenant data' },
  'POST /api/auth/second-factor/disable': { noFill: 'needs a current code; holds no tenant data' },

  // --- tenancy
  [`POST ${T}/roles`]: {
    body: (ctx) =>
      json({ key: `r${ctx.marker}${ctx.n()}`, name: `${ctx.marker} role`, permissions: ['tenant.members.read'] }),
  },
  [`POST ${T}/tokens`]: {
    body: (ctx) => json({ name: `${ctx.marker} token ${ctx.n()}`, permissions: ['tenant.members.read'] }),
  },
  [`PUT ${T}/modules/{id}`]: { noFill: 'every module is enabled by enableAllModules before filling' },
  [`POST ${T}/modules/{id}/purge`]: { noFill: "deletes the module's data the probe needs" },

  // --- address book: a party with a valid IČO (each tenant's own; the IČO varies per call)
  [`POST ${T}/parties`]: {
    body: (ctx) => {
      const stem = String(1_000_000 + (ctx.n() % 8_999_999)).slice(-7);
      let sum = 0;
      for (let i = 0; i < 7; i++) sum += Number(stem[i]) * (8 - i);
      return json({
        name: `${ctx.marker} party`,
        ico: `${stem}${(11 - (sum % 11)) % 10}`,
        email: `${ctx.marker}-party@example.test`,
        roles: ['customer'],
      });
    },
  },

  // --- billing
  [`POST ${T}/billing/plan`]: { noFill: 'a plan change could strand the enabled modules' },
  [`POST ${T}/billing/cancel`]: { noFill: 'a canceled subscription refuses the writes of later routes' },
  [`POST ${T}/billing/reactivate`]: { noFill: 'only meaningful after cancel' },
  [`POST ${T}/billing/payer/accept`]: { noFill: 'needs a payer offer; made by POST billing/clients' },
  [`PUT ${T}/billing/profile`]: {
    body: (ctx) =>
      json({
        name: `${ctx.marker} billing name`,
        country: 'CZ',
        street: `${ctx.marker} street`,
        city: `${ctx.marker} city`,
        email: `${ctx.marker}-billing@example.test`,
      }),
  },
  [`POST ${T}/billing/clients`]: {
    kinds: ['provider'],
    body: (ctx) => (ctx.peers[0] ? json({ client: ctx.peers[0].slug }) : undefined),
  },
  'POST /api/operator/billing/plans': { noFill: 'platform catalogue, not tenant data' },
  'POST /api/operator/billing/statements': { noFill: 'platform bank statements, not tenant data' },
  'POST /api/operator/billing/bank-transactions/{id}/match': { noFill: 'platform data' },
  'POST /api/operator/billing/bank-transactions/{id}/dismiss': { noFill: 'platform data' },
  'POST /api/operator/billing/invoices/{id}/credit-note': { noFill: 'platform data' },
  'POST /api/operator/billing/run': { noFill: 'runs billing for every tenant; not tenant data' },

  // --- records
  [`POST ${T}/records`]: {
    body: (ctx) => {
      const form = new FormData();
      const text = `${ctx.marker} attachment ${ctx.n()}\n`;
      form.set('file', new File([text], `${ctx.marker}.txt`, { type: 'text/plain' }));
      // Attachments go to an entity type an installed module declares (others are 400 unknown_entity_type).
      form.set('entityType', ATTACHABLE);
      form.set('entityId', `${ctx.marker}-${ctx.n()}`);
      return { kind: 'form', value: form };
    },
  },
  [`PUT ${T}/records/retention`]: {
    body: (ctx) => json({ rules: [{ retentionClass: `${ctx.marker}class`, years: 1 }] }),
  },

  // --- providers: the provider invites its peer client; the client accepts (generic body).
  [`POST ${T}/teams`]: { kinds: ['provider'] },
  [`POST ${T}/clients`]: {
    kinds: ['provider'],
    body: async (ctx) => {
      const client = ctx.peers[0];
      if (!client) return undefined;
      const team = await first(ctx, `${T}/teams`);
      return json({
        client: { slug: client.slug },
        modules: ctx.modules,
        grants: moduleGrants(ctx),
        teams: team ? [{ teamId: team, grants: moduleGrants(ctx) }] : [],
      });
    },
  },
  [`PUT ${T}/clients/{id}/teams/{teamId}`]: {
    kinds: ['provider'],
    body: (ctx) => json({ grants: moduleGrants(ctx) }),
  },
  [`POST ${T}/clients/{id}/end`]: { noFill: 'ends the engagement the probe replays' },
  [`POST ${T}/providers/{id}/decline`]: { noFill: 'the client accepts instead' },
  [`POST ${T}/providers/{id}/revoke`]: { noFill: 'ends the engagement the probe replays' },

  // --- accounting
  [`POST ${ACC}/accounts`]: {
    body: (ctx) => json({ code: `9${String(ctx.n()).padStart(4, '0')}`, name: `${ctx.marker} account`, type: 'asset' }),
  },
  [`POST ${ACC}/journal`]: {
    body: async (ctx) => {
      const debit = await accountOf(ctx, 'asset');
      const credit = await accountOf(ctx, 'income', 'liability', 'equity');
      if (!debit || !credit) return undefined;
      return json({
        date: '2026-01-15',
        memo: `${ctx.marker} entry ${ctx.n()}`,
        lines: [
          { account: debit, debit: '100.00', memo: `${ctx.marker} line` },
          { account: credit, credit: '100.00' },
        ],
      });
    },
  },
  [`POST ${ACC}/periods/{period}/lock`]: { late: true },
  [`POST ${ACC}/periods/{period}/unlock`]: { late: true },
  [`POST ${ACC}/invoices`]: {
    body: async (ctx) => {
      const customerId = await first(ctx, `${ACC}/customers`);
      if (!customerId) return undefined;
      return json({
        customerId,
        issueDate: '2026-01-15',
        dueDate: '2026-01-29',
        memo: `${ctx.marker} invoice`,
        lines: [{ description: `${ctx.marker} service`, quantity: '2', unitPrice: '1000.00' }],
      });
    },
  },
  [`POST ${ACC}/invoices/{id}/cancel`]: { late: true },
  [`POST ${ACC}/bills`]: {
    body: async (ctx) => {
      const vendorId = await first(ctx, `${ACC}/vendors`);
      if (!vendorId) return undefined;
      return json({
        vendorId,
        issueDate: '2026-01-15',
        dueDate: '2026-01-29',
        reference: `${ctx.marker}-bill-${ctx.n()}`,
        lines: [{ description: `${ctx.marker} supplies`, quantity: '1', unitPrice: '500.00' }],
      });
    },
  },
  [`POST ${ACC}/bills/{id}/cancel`]: { late: true },
  [`POST ${ACC}/payments`]: {
    body: async (ctx) => {
      const partnerId = await first(ctx, `${ACC}/customers`);
      if (!partnerId) return undefined;
      return json({ partnerId, date: '2026-01-20', amount: '100.00', memo: `${ctx.marker} payment` });
    },
  },
  [`POST ${ACC}/payments/{id}/allocate`]: {
    body: async (ctx) => {
      const invoices = await ctx.get(`/api/t/${ctx.tenant.slug}/accounting/invoices`);
      const issued = (invoices?.items ?? []).find((d: { status: string }) =>
        /issued|open|partial/.test(d.status ?? ''),
      );
      return issued ? json({ documentId: issued.id, amount: '50.00' }) : undefined;
    },
  },
  [`POST ${ACC}/payments/{id}/void`]: { late: true },
  [`POST ${ACC}/bank-accounts/{id}/statements`]: {
    body: (ctx) =>
      json({
        format: 'csv',
        fileName: `${ctx.marker}.csv`,
        content: `date;amount;vs;name;message\n2026-01-10;1210.50;2026${ctx.n()};${ctx.marker} payer;${ctx.marker} transfer\n2026-01-11;-99.00;;;fee\n`,
        mapping: {
          delimiter: ';',
          dateFormat: 'YYYY-MM-DD',
          decimalSeparator: '.',
          columns: {
            date: 'date',
            amount: 'amount',
            variableSymbol: 'vs',
            counterpartyName: 'name',
            message: 'message',
          },
        },
      }),
  },
  [`POST ${ACC}/bank-lines/{id}/match`]: {
    body: async (ctx) => {
      const account = await accountOf(ctx, 'expense');
      return account ? json({ account, memo: `${ctx.marker} match` }) : undefined;
    },
  },
  [`POST ${ACC}/vat-rates`]: {
    body: (ctx) => json({ country: 'CZ', code: `q${ctx.marker}${ctx.n()}`, rate: '12', validFrom: '2026-01-01' }),
  },
};

/**
 * Values for path parameters that are not ids of a collection (those are found by listing the
 * collection the parameter indexes). Return undefined when there is none.
 */
export const PARAMS: Record<
  string,
  (ctx: FixtureContext, path: string) => Promise<string | undefined> | string | undefined
> = {
  userId: (ctx) => ctx.tenant.owner.userId,
  teamId: async (ctx) => first(ctx, `${T}/teams`),
  provider: (ctx) => ctx.tenant.slug,
  ref: async (ctx) => first(ctx, `${T}/billing/invoices`),
  period: () => '2026-01',
  // Not the invitation's secret: its id. Guessable ids must not open invitations.
  token: async (ctx) => first(ctx, `${T}/invitations`),
};

/** Module ids as path values (`/modules/{id}`): every installed module. */
export const MODULE_PARAM_PATHS = [`${T}/modules/{id}`, `${T}/modules/{id}/purge`];
