import { runBilling } from '../src/billing/runner.ts';
import { definePlugin, type TestBureau, type TestUser } from '../src/index.ts';

/** A clock tests move by hand. */
export function testClock(start = '2025-03-03T09:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advanceDays(n: number) {
      t += n * 86_400_000;
    },
    set(iso: string) {
      t = new Date(iso).getTime();
    },
  };
}

/** Minimal department modules, so tenants have something to enable. */
export const modules = ['accounting', 'orders', 'it', 'hr', 'medical', 'fleet'].map((id) =>
  definePlugin({
    id,
    version: '1.0.0',
    title: { en: id.toUpperCase(), cs: id.toUpperCase() },
    description: { en: `Module ${id}`, cs: `Modul ${id}` },
    permissions: {},
    migrations: {},
  }),
);

export const OPERATOR = 'operator@bureau.test';

/** Runs billing on every day from the clock's day through `days` later, advancing the clock. */
export async function runDays(t: TestBureau, clock: ReturnType<typeof testClock>, days: number) {
  for (let i = 0; i < days; i++) {
    clock.advanceDays(1);
    await runBilling(t.runtime);
  }
}

export async function enable(user: TestUser, id: string, confirm?: boolean) {
  return user.json('PUT', `/api/t/${user.tenant.slug}/modules/${id}`, confirm === undefined ? {} : { confirm });
}

export const billing = (user: TestUser) => user.json('GET', `/api/t/${user.tenant.slug}/billing`);

export async function subscriptionRow(t: TestBureau, tenantId: string) {
  return t.runtime.db
    .selectFrom('core.billing_subscriptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
}

export async function invoicesOf(t: TestBureau, tenantId: string) {
  return t.runtime.db
    .selectFrom('core.billing_invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('number')
    .execute();
}

/** Signs up and makes the tenant's first request (as the web app does), which starts its trial. */
export async function newTenant(t: TestBureau, opts: Parameters<TestBureau['signup']>[0] = {}) {
  const u = await t.signup(opts);
  const res = await u.json('GET', `/api/t/${u.tenant.slug}/billing`);
  if (res.status !== 200) throw new Error(`billing read failed: ${res.status}`);
  return u;
}

/** The client engages the provider (no modules, no grants): enough for the provider to offer to pay. */
export async function engage(provider: TestUser, client: TestUser) {
  const res = await provider.json('POST', `/api/t/${provider.tenant.slug}/clients`, {
    client: { slug: client.tenant.slug },
    modules: [],
  });
  if (res.status !== 201) throw new Error(`engagement failed: ${res.status} ${JSON.stringify(res.body)}`);
  const accepted = await client.json('POST', `/api/t/${client.tenant.slug}/providers/${res.body.engagement.id}/accept`);
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return res.body.engagement.id as string;
}
