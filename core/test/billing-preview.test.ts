/**
 * Issue 20, item 4: the plan-change confirmation shows exactly what will be invoiced. The preview
 * (POST /billing/plan/preview) changes nothing, and the next invoice the billing run then issues
 * after the real change has the preview's lines, net, VAT and total, for several plans, billing
 * periods, days of the period and trial or paid subscriptions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBureau, type TestBureau, type TestUser } from '../src/index.ts';
import { billing, enable, modules, newTenant, OPERATOR, runDays, testClock } from './billing-helpers.ts';

const clock = testClock('2025-01-06T09:00:00Z');
let t: TestBureau;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestBureau({ plugins: modules, clock, config: { operators: [OPERATOR] } });
  operator = await t.signup({ email: OPERATOR });
});

/** Pays every open invoice of the tenant by a bank statement line, so dunning never suspends it. */
async function payAll(u: TestUser) {
  const open = (await invoices(u)).filter((i) => i.status !== 'paid' && i.kind === 'invoice');
  if (!open.length) return;
  const lines = open.map(
    (i) =>
      `${clock.now().getUTCDate()}.${clock.now().getUTCMonth() + 1}.${clock.now().getUTCFullYear()};${i.total.replace('.', ',')};${i.currency};${i.number}`,
  );
  const res = await operator.json('POST', '/api/operator/billing/statements', {
    format: 'csv',
    content: `datum;částka;měna;VS\n${lines.join('\n')}\n`,
  });
  expect(res.body).toMatchObject({ matched: open.length });
}
afterAll(() => t.close());

const invoices = async (u: TestUser) =>
  (await u.json('GET', `/api/t/${u.tenant.slug}/billing/invoices`)).body.invoices as any[];
const preview = (u: TestUser, body: { plan: string; period?: 'month' | 'year' }) =>
  u.json('POST', `/api/t/${u.tenant.slug}/billing/plan/preview`, body);
const changesOf = async (tenantId: string) =>
  Number(
    (
      await t.runtime.db
        .selectFrom('core.billing_changes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

interface Case {
  name: string;
  /** Days of the trial (14) run first, so the change falls into a paid period. */
  paid: boolean;
  /** Days into the trial or the period when the plan changes. */
  day: number;
  plan: string;
  period: 'month' | 'year';
  /** A module enabled before the change (an add-on on a plan that does not include it). */
  module?: string;
  /** The next invoice charges the rest of the current period at the new price. */
  prorated?: boolean;
}

const cases: Case[] = [
  { name: 'trial → Business, yearly', paid: false, day: 3, plan: 'business', period: 'year' },
  {
    name: 'trial → Standard, monthly, with an HR add-on',
    paid: false,
    day: 9,
    plan: 'standard',
    period: 'month',
    module: 'hr',
  },
  { name: 'paid month → Business on day 10', paid: true, day: 10, plan: 'business', period: 'month', prorated: true },
  {
    name: 'paid month → Business yearly on day 20',
    paid: true,
    day: 20,
    plan: 'business',
    period: 'year',
    prorated: true,
  },
  { name: 'paid month → Free on day 5 (no credit)', paid: true, day: 5, plan: 'free', period: 'month' },
  {
    name: 'paid month → Standard yearly on day 1, with an HR add-on',
    paid: true,
    day: 1,
    plan: 'standard',
    period: 'year',
    module: 'hr',
  },
];

describe('plan change preview (POST /billing/plan/preview)', () => {
  let base = new Date('2025-01-06T09:00:00Z').getTime();
  for (const c of cases) {
    it(`equals the invoice the change leads to: ${c.name}`, async () => {
      // Each case on its own stretch of the calendar (months of different lengths).
      clock.set(new Date(base).toISOString());
      base += 75 * 86_400_000;
      const u = await newTenant(t);
      if (c.module) expect((await enable(u, c.module, true)).status).toBe(200);
      if (c.paid) {
        await runDays(t, clock, 14);
        await payAll(u);
      }
      await runDays(t, clock, c.day);

      const before = (await billing(u)).body;
      const changes = await changesOf(u.tenant.id);
      const shown = await preview(u, { plan: c.plan, period: c.period });
      expect(shown.status).toBe(200);
      // Nothing changed.
      expect((await billing(u)).body).toEqual(before);
      expect(await changesOf(u.tenant.id)).toBe(changes);
      expect(shown.body.nextInvoice).not.toBeNull();
      const next = shown.body.nextInvoice;
      expect(next.lines.some((l: { kind: string }) => l.kind === 'proration')).toBe(c.prorated === true);
      expect(BigInt(next.total.replace('.', ''))).toBe(
        BigInt(next.subtotal.replace('.', '')) + BigInt(next.vat.replace('.', '')),
      );

      // The real change answers what the preview showed.
      const done = await u.json('POST', `/api/t/${u.tenant.slug}/billing/plan`, {
        plan: c.plan,
        period: c.period,
        confirm: true,
      });
      expect(done.status).toBe(200);
      expect(done.body).toEqual(shown.body);

      // The billing run on the invoice date issues exactly that (nothing when nothing is due).
      const known = new Set((await invoices(u)).map((i) => i.id));
      const fresh = async () => (await invoices(u)).filter((i) => !known.has(i.id));
      while (clock.now().toISOString().slice(0, 10) < next.date) await runDays(t, clock, 1);
      await runDays(t, clock, 1);
      const issued = await fresh();
      if (next.lines.length === 0) {
        expect(next.total).toBe('0.00');
        expect(issued).toEqual([]);
        return;
      }
      expect(issued).toHaveLength(1);
      const inv = issued[0];
      expect(inv.issuedOn).toBe(next.date);
      expect({ subtotal: inv.subtotal, vat: inv.vat, total: inv.total, vatRate: inv.vatRate }).toEqual({
        subtotal: next.subtotal,
        vat: next.vat,
        total: next.total,
        vatRate: next.vatRate,
      });
      expect(inv.lines.map((l: any) => [l.description, l.quantity, l.unitPrice, l.amount])).toEqual(
        next.lines.map((l: any) => [l.description, l.quantity, l.unitPrice, l.amount]),
      );
    }, 120_000);
  }

  it('refuses what the change would refuse, and leaves the subscription as it was', async () => {
    const u = await newTenant(t);
    await enable(u, 'accounting');
    await enable(u, 'hr', true);
    const blocked = await preview(u, { plan: 'free' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'downgrade_blocked', wouldLose: { modules: ['hr'] } });
    expect((await preview(u, { plan: 'no-such-plan' })).status).toBe(404);
    const bad = await preview(u, { plan: 'business', period: 'week' as never });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['period']);
    // After the refusals the transaction is usable and nothing changed.
    expect((await billing(u)).body.subscription.plan.code).not.toBe('free');
  });
});
