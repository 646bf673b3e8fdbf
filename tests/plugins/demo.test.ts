import { createTestBureau, seedDemo, type TestBureau } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fleet from '../fixture-plugin/src/server/index.ts';

let t: TestBureau;
beforeAll(async () => {
  t = await createTestBureau({ plugins: [fleet] });
});
afterAll(() => t.close());

describe('seedDemo', () => {
  it('creates a firm with every module enabled and filled, and a provider serving it', async () => {
    const result = await seedDemo(t.runtime, { print: false });
    expect(result).toMatchObject({ created: true, modules: ['fleet'], firm: { slug: 'demo-firm' } });
    const [firmLogin, providerLogin] = result.logins;

    const owner = await t.login(firmLogin?.email as string, firmLogin?.password as string);
    const me = await owner.json('GET', '/api/me');
    expect(me.body.tenants).toEqual([
      expect.objectContaining({ slug: 'demo-firm', kind: 'company', role: 'owner', modules: ['fleet'] }),
    ]);
    const vehicles = await owner.json('GET', '/api/t/demo-firm/fleet/vehicles');
    expect(vehicles.body.vehicles).toHaveLength(3);
    await t.events.drain();
    const log = await owner.json('GET', `/api/t/demo-firm/fleet/vehicles/${vehicles.body.vehicles[0].id}/log`);
    expect(log.body.log).toHaveLength(1);

    const accountant = await t.login(providerLogin?.email as string, providerLogin?.password as string);
    const reach = (await accountant.json('GET', '/api/me')).body.tenants;
    expect(reach.map((x: { slug: string }) => x.slug).sort()).toEqual(['demo-firm', 'demo-provider']);
    expect(reach.find((x: { slug: string }) => x.slug === 'demo-provider').kind).toBe('provider');
    // The provider's staff work in the client's fleet module through the engagement.
    expect((await accountant.json('GET', '/api/t/demo-firm/fleet/vehicles')).body.vehicles).toHaveLength(3);
    const console = await accountant.json('GET', '/api/providers/demo-provider/clients');
    expect(console.body.clients).toEqual([expect.objectContaining({ summary: { fleet: { vehicles: 3 } } })]);

    // Issue 20 item 9: the demo firm's billing shows an invoice, issued by the billing run.
    const invoices = await owner.json('GET', '/api/t/demo-firm/billing/invoices');
    expect(invoices.status).toBe(200);
    expect(invoices.body.invoices).toEqual([expect.objectContaining({ kind: 'invoice', currency: 'CZK' })]);
  });

  it('offers plans from the cheapest up (issue 20 item 9)', async () => {
    const owner = await t.login('owner@demo-firm.example', 'bureau-demo');
    const plans = (await owner.json('GET', '/api/t/demo-firm/billing/plans')).body.plans as {
      code: string;
      prices: { month: { price: string } | null };
    }[];
    expect(plans.length).toBeGreaterThan(1);
    const monthly = plans.map((p) => Number(p.prices.month?.price ?? 'Infinity'));
    expect(monthly).toEqual([...monthly].sort((a, b) => a - b));
  });

  it('changes nothing when run again', async () => {
    const again = await seedDemo(t.runtime, { print: false });
    expect(again.created).toBe(false);
    const firms = await t.runtime.db
      .selectFrom('core.tenants')
      .select('slug')
      .where('slug', 'like', 'demo-%')
      .execute();
    expect(firms).toHaveLength(2);
  });
});
