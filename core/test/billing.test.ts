import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling, runDunning } from '../src/billing/runner.ts';
import { createTestBureau, type TestBureau, type TestUser } from '../src/index.ts';
import {
  billing,
  enable,
  invoicesOf,
  modules,
  newTenant,
  OPERATOR,
  runDays,
  subscriptionRow,
  testClock,
} from './billing-helpers.ts';

const clock = testClock('2025-03-03T09:00:00Z');
let t: TestBureau;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestBureau({ plugins: modules, clock, config: { operators: [OPERATOR] } });
  operator = await t.signup({ email: OPERATOR });
});
afterAll(() => t.close());

const mailsTo = (email: string) => t.runtime.mailer.outbox.filter((m) => m.to === email);
const history = async (u: TestUser) =>
  (await u.json('GET', `/api/t/${u.tenant.slug}/billing/history`)).body.transitions.map((x: any) => x.to).reverse();
const importCsv = (content: string) =>
  operator.json('POST', '/api/operator/billing/statements', { format: 'csv', content });

describe('lifecycle', () => {
  it('a trial tenant that does not pay ends suspended, then canceled, as the clock advances', async () => {
    clock.set('2025-03-03T09:00:00Z');
    const u = await newTenant(t, { tenant: { name: 'Neplatič s.r.o.' } });
    expect((await billing(u)).body.subscription).toMatchObject({
      status: 'trial',
      trialEndsAt: '2025-03-17T09:00:00.000Z',
      plan: { code: 'standard' },
    });

    await runDays(t, clock, 14); // 2025-03-17: the trial ends, the first period is invoiced in advance
    let s = (await billing(u)).body.subscription;
    expect(s.status).toBe('active');
    expect(s.currentPeriodStart).toBe('2025-03-17');
    expect(s.currentPeriodEnd).toBe('2025-04-17');
    const [inv] = await invoicesOf(t, u.tenant.id);
    // Other tenants of this bureau (the operator's firm) are invoiced in the same run, so only the series is fixed.
    expect(inv).toMatchObject({
      number: expect.stringMatching(/^2025\d{6}$/),
      total: '119790',
      due_on: '2025-03-31',
      status: 'issued',
    });
    expect(mailsTo(u.email).some((m) => m.subject.includes(`Faktura ${inv?.number}`))).toBe(true);

    await runDays(t, clock, 15); // 2025-04-01: one day past due
    expect((await billing(u)).body.subscription.status).toBe('past_due');
    expect(mailsTo(u.email).filter((m) => m.subject.startsWith('Upomínka'))).toHaveLength(1);

    // A job run twice (and again concurrently) sends one e-mail per step.
    await runDunning(t.runtime);
    await Promise.all([runDunning(t.runtime), runDunning(t.runtime)]);
    expect(mailsTo(u.email).filter((m) => m.subject.startsWith('Upomínka'))).toHaveLength(1);

    await runDays(t, clock, 6); // dpd 7: second reminder
    expect(mailsTo(u.email).filter((m) => m.subject.startsWith('Upomínka'))).toHaveLength(2);

    await runDays(t, clock, 7); // dpd 14: suspended, read-only
    s = (await billing(u)).body.subscription;
    expect(s.status).toBe('suspended');
    const write = await enable(u, 'accounting');
    expect(write.status).toBe(402);
    expect(write.body.code).toBe('subscription_suspended');
    expect((await u.json('GET', `/api/t/${u.tenant.slug}/members`)).status).toBe(200);
    expect(mailsTo(u.email).some((m) => m.subject.startsWith('Účet pozastaven'))).toBe(true);

    await runDays(t, clock, 31); // dpd 45: canceled, data kept
    s = (await billing(u)).body.subscription;
    expect(s.status).toBe('canceled');
    expect(s.retentionUntil).toBe('2025-08-13');
    expect((await enable(u, 'accounting')).body.code).toBe('subscription_canceled');
    expect((await u.json('GET', `/api/t/${u.tenant.slug}/billing/invoices`)).status).toBe(200);
    // A firm that leaves takes its data set with it: the archive export is no write it is refused.
    expect((await u.json('POST', `/api/t/${u.tenant.slug}/records/exports`)).status).toBe(202);
    expect(await history(u)).toEqual(['trial', 'active', 'past_due', 'suspended', 'canceled']);
    // No renewal invoices while suspended or canceled.
    expect(await invoicesOf(t, u.tenant.id)).toHaveLength(1);
    const audit = await t.runtime.db
      .selectFrom('core.audit_log')
      .select('after')
      .where('tenant_id', '=', u.tenant.id)
      .where('action', '=', 'billing.subscription_status_changed')
      .execute();
    expect(audit).toHaveLength(5);

    // Reactivation while canceled needs the debt paid: paying it reactivates, a fresh period starts.
    expect((await u.json('POST', `/api/t/${u.tenant.slug}/billing/reactivate`)).body.code).toBe('outstanding_balance');
    const paid = await importCsv(`datum;částka;měna;VS\n15.5.2025;1 197,90;CZK;${inv?.number}\n`);
    expect(paid.body).toMatchObject({ imported: 1, matched: 1 });
    s = (await billing(u)).body.subscription;
    expect(s.status).toBe('active');
    expect((await enable(u, 'accounting')).status).toBe(200);
    await runBilling(t.runtime);
    const after = await invoicesOf(t, u.tenant.id);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ period_start: '2025-05-15', period_end: '2025-06-15' });
    expect((await history(u)).slice(-1)).toEqual(['active']);
  }, 120_000);

  it('a payment lifts a suspension; cancel at period end and withdraw it', async () => {
    clock.set('2025-06-02T08:00:00Z');
    const u = await newTenant(t);
    await runDays(t, clock, 14);
    const [inv] = await invoicesOf(t, u.tenant.id);
    await runDays(t, clock, 28); // due 2025-06-30; 2025-07-14 is 14 days past due → suspended
    expect((await subscriptionRow(t, u.tenant.id)).status).toBe('suspended');
    // Partial payment: still suspended, listed for manual matching.
    const part = await importCsv(`date,amount,currency,variable_symbol\n2025-06-30,500.00,CZK,${inv?.number}\n`);
    expect(part.body).toMatchObject({ partial: 1 });
    expect((await subscriptionRow(t, u.tenant.id)).status).toBe('suspended');
    const rest = await importCsv(`date,amount,currency,variable_symbol\n2025-07-15,697.90,CZK,${inv?.number}\n`);
    expect(rest.body).toMatchObject({ matched: 1 });
    expect((await subscriptionRow(t, u.tenant.id)).status).toBe('active');
    expect((await history(u)).slice(-2)).toEqual(['suspended', 'active']);

    const cancel = await u.json('POST', `/api/t/${u.tenant.slug}/billing/cancel`);
    expect(cancel.body.subscription.cancelAtPeriodEnd).toBe(true);
    const undo = await u.json('POST', `/api/t/${u.tenant.slug}/billing/reactivate`);
    expect(undo.body.subscription.cancelAtPeriodEnd).toBe(false);
    await u.json('POST', `/api/t/${u.tenant.slug}/billing/cancel`);
    await runDays(t, clock, 3); // past the period end (2025-07-16)
    const row = await subscriptionRow(t, u.tenant.id);
    expect(row.status).toBe('canceled');
    expect(await history(u)).toContain('canceled');
  }, 120_000);
});

describe('scheduling', () => {
  it('runs billing as a pg-boss job', async () => {
    clock.set('2025-08-01T09:00:00Z');
    const u = await newTenant(t);
    clock.advanceDays(14);
    expect(await t.billing.runNow()).toBe(1);
    expect(await invoicesOf(t, u.tenant.id)).toHaveLength(1);
    expect(await t.billing.runNow()).toBe(1);
    expect(await invoicesOf(t, u.tenant.id)).toHaveLength(1);
  }, 60_000);
});

describe('entitlements', () => {
  it('asks to confirm an add-on price, then adds it; GET /modules shows prices', async () => {
    clock.set('2025-03-03T09:00:00Z');
    const u = await newTenant(t);
    expect((await enable(u, 'accounting')).status).toBe(200);
    const ask = await enable(u, 'hr');
    expect(ask.status).toBe(402);
    expect(ask.body).toMatchObject({
      code: 'confirmation_required',
      addon: { module: 'hr', price: '490.00', currency: 'CZK', period: 'month', proratedNow: '0.00' },
    });
    expect((await enable(u, 'hr', true)).status).toBe(200);
    const s = (await billing(u)).body.subscription;
    expect(s.items.map((i: any) => [i.kind, i.module ?? null, i.amount])).toEqual([
      ['plan', null, '990.00'],
      ['addon', 'hr', '490.00'],
    ]);
    expect(s.recurringTotal).toBe('1480.00');
    const list = await u.json('GET', `/api/t/${u.tenant.slug}/modules`);
    const byId = Object.fromEntries(list.body.modules.map((m: any) => [m.id, m.billing]));
    expect(byId.accounting).toMatchObject({ included: true, entitled: true });
    expect(byId.hr).toMatchObject({ included: false, addonActive: true, addon: { price: '490.00' } });
    expect(byId.fleet).toMatchObject({ included: false, addonActive: false, addon: { price: '290.00' } });
    // Disabling ends the add-on.
    expect((await u.json('DELETE', `/api/t/${u.tenant.slug}/modules/hr`)).status).toBe(200);
    expect((await billing(u)).body.subscription.recurringTotal).toBe('990.00');
  });

  it('refuses a module the plan cannot have, and seats beyond a capped plan, with not_entitled', async () => {
    const u = await newTenant(t);
    const down = await u.json('POST', `/api/t/${u.tenant.slug}/billing/plan`, { plan: 'free' });
    expect(down.status).toBe(200);
    const refused = await enable(u, 'hr', true);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ code: 'not_entitled', module: 'hr', upgradeTo: ['business'] });
    const inv1 = await u.json('POST', `/api/t/${u.tenant.slug}/invitations`, { email: 'a@example.test' });
    expect(inv1.status).toBe(201);
    const inv2 = await u.json('POST', `/api/t/${u.tenant.slug}/invitations`, {
      email: 'b@example.test',
      confirm: true,
    });
    expect(inv2.status).toBe(402);
    expect(inv2.body).toMatchObject({ code: 'not_entitled', seats: { used: 2, included: 2, max: 2 } });
  });

  it('sells extra seats after confirmation', async () => {
    const u = await newTenant(t);
    for (let i = 0; i < 4; i++) {
      expect(
        (await u.json('POST', `/api/t/${u.tenant.slug}/invitations`, { email: `p${i}@example.test` })).status,
      ).toBe(201);
    }
    const ask = await u.json('POST', `/api/t/${u.tenant.slug}/invitations`, { email: 'p5@example.test' });
    expect(ask.status).toBe(402);
    expect(ask.body).toMatchObject({ code: 'confirmation_required', seat: { quantity: 1, price: '149.00' } });
    expect(
      (await u.json('POST', `/api/t/${u.tenant.slug}/invitations`, { email: 'p5@example.test', confirm: true })).status,
    ).toBe(201);
    const s = (await billing(u)).body.subscription;
    expect(s.seats).toMatchObject({ used: 6, included: 5, extra: 1 });
    expect(s.recurringTotal).toBe('1139.00');
  });

  it('a downgrade lists what would be lost and refuses while it would strand modules or members', async () => {
    const u = await newTenant(t);
    await enable(u, 'accounting');
    await enable(u, 'orders');
    await enable(u, 'hr', true);
    await u.json('POST', `/api/t/${u.tenant.slug}/invitations`, { email: 'x1@example.test' });
    await u.json('POST', `/api/t/${u.tenant.slug}/invitations`, { email: 'x2@example.test' });
    const plans = await u.json('GET', `/api/t/${u.tenant.slug}/billing/plans`);
    const free = plans.body.plans.find((p: any) => p.code === 'free');
    expect(free.change).toMatchObject({ allowed: false, wouldLose: { modules: ['hr', 'orders'], seats: 1 } });
    const refused = await u.json('POST', `/api/t/${u.tenant.slug}/billing/plan`, { plan: 'free' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'downgrade_blocked',
      wouldLose: { modules: ['hr', 'orders'], seats: { used: 3, allowed: 2, remove: 1 } },
    });
    // Upgrading to Business includes HR: the add-on ends.
    const up = await u.json('POST', `/api/t/${u.tenant.slug}/billing/plan`, { plan: 'business' });
    expect(up.status).toBe(200);
    expect(up.body.subscription.items.map((i: any) => i.kind)).toEqual(['plan']);
    // Back to Standard: HR would become a paid add-on, so the price is confirmed first.
    const back = await u.json('POST', `/api/t/${u.tenant.slug}/billing/plan`, { plan: 'standard' });
    expect(back.status).toBe(402);
    expect(back.body).toMatchObject({ code: 'confirmation_required', addons: [{ module: 'hr', price: '490.00' }] });
    const ok = await u.json('POST', `/api/t/${u.tenant.slug}/billing/plan`, { plan: 'standard', confirm: true });
    expect(ok.body.subscription.recurringTotal).toBe('1480.00');
  });

  it('needs tenant.billing.manage to change and billing read (or manage) to see', async () => {
    const owner = await newTenant(t);
    const join = async (key: string, permissions: string[]) => {
      const role = await owner.json('POST', `/api/t/${owner.tenant.slug}/roles`, { key, name: key, permissions });
      expect(role.status).toBe(201);
      const email = `${key}-${owner.tenant.slug}@example.test`;
      const inv = await owner.json('POST', `/api/t/${owner.tenant.slug}/invitations`, { email, role: key });
      const token = /token=([a-z0-9]+)/.exec(inv.body.link)?.[1];
      const acc = await t.anonymous().json('POST', `/api/invitations/${token}/accept`, {
        name: key,
        password: 'long enough password',
      });
      expect(acc.status).toBe(200);
      return { ...(await t.login(email, 'long enough password')), tenant: owner.tenant };
    };
    const reader = await join('reader', ['tenant.billing.read']);
    const manager = await join('manager', ['tenant.billing.manage']);
    const nobody = await join('nobody', ['tenant.members.read']);
    const base = `/api/t/${owner.tenant.slug}/billing`;
    expect((await reader.json('GET', base)).status).toBe(200);
    expect((await reader.json('GET', `${base}/invoices`)).status).toBe(200);
    expect((await reader.json('POST', `${base}/cancel`)).status).toBe(403);
    expect((await manager.json('GET', base)).status).toBe(200);
    expect((await manager.json('POST', `${base}/cancel`)).status).toBe(200);
    expect((await nobody.json('GET', base)).status).toBe(403);
  });
});

describe('proration and invoices', () => {
  it('charges mid-period upgrades by day on the next invoice', async () => {
    clock.set('2025-01-10T10:00:00Z');
    const u = await newTenant(t);
    await runDays(t, clock, 14); // trial ends 2025-01-24: period 2025-01-24 – 2025-02-24 (31 days)
    const first = await invoicesOf(t, u.tenant.id);
    expect(first).toHaveLength(1);
    expect((await importCsv(`date,amount,vs\n2025-01-27,1197.90,${first[0]?.number}\n`)).body.matched).toBe(1);
    await runDays(t, clock, 10); // 2025-02-03: 21 days left including today
    expect((await enable(u, 'hr', true)).status).toBe(200);
    const preview = (await billing(u)).body.nextInvoice;
    // 490 × 21 / 31 = 331.935… → 331.94
    expect(preview.lines[0]).toMatchObject({ kind: 'proration', amount: '331.94' });
    expect(preview.lines.slice(1).map((l: any) => l.amount)).toEqual(['990.00', '490.00']);
    expect(preview.subtotal).toBe('1811.94');
    await runDays(t, clock, 21); // 2025-02-24 renewal
    const all = await invoicesOf(t, u.tenant.id);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ subtotal: '181194', vat_total: '38051', total: '219245' });
    const lines = await t.runtime.db
      .selectFrom('core.billing_invoice_lines')
      .select(['description', 'amount'])
      .where('tenant_id', '=', u.tenant.id)
      .where('invoice_id', '=', all[1]!.id)
      .orderBy('position')
      .execute();
    expect(lines.map((l) => l.amount)).toEqual(['33194', '99000', '49000']);
    expect(lines[0]?.description).toContain('3. 2. 2025 – 23. 2. 2025 (21 z 31 dní)');
  }, 120_000);

  it('makes issued invoices immutable and corrects them by credit note', async () => {
    clock.set('2025-04-01T09:00:00Z');
    const u = await newTenant(t);
    await runDays(t, clock, 14);
    const [inv] = await invoicesOf(t, u.tenant.id);
    await expect(
      t.runtime.db.updateTable('core.billing_invoices').set({ total: '1' }).where('id', '=', inv!.id).execute(),
    ).rejects.toThrow(/immutable/);
    await expect(t.runtime.db.deleteFrom('core.billing_invoices').where('id', '=', inv!.id).execute()).rejects.toThrow(
      /immutable/,
    );
    await expect(
      t.runtime.db
        .updateTable('core.billing_invoice_lines')
        .set({ amount: '1' })
        .where('invoice_id', '=', inv!.id)
        .execute(),
    ).rejects.toThrow(/immutable/);
    const partial = await operator.json('POST', `/api/operator/billing/invoices/${inv!.id}/credit-note`, {
      reason: 'Sleva',
      amount: '100.00',
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ kind: 'credit_note', subtotal: '-100.00', vat: '-21.00', total: '-121.00' });
    expect(partial.body.number).toMatch(/^OD2025\d{6}$/);
    const full = await operator.json('POST', `/api/operator/billing/invoices/${inv!.id}/credit-note`, {
      reason: 'Storno',
    });
    expect(full.body.subtotal).toBe('-890.00');
    const tooMuch = await operator.json('POST', `/api/operator/billing/invoices/${inv!.id}/credit-note`, {
      reason: 'Again',
    });
    expect(tooMuch.status).toBe(409);
    const list = await u.json('GET', `/api/t/${u.tenant.slug}/billing/invoices`);
    const original = list.body.invoices.find((i: any) => i.id === inv!.id);
    expect(original).toMatchObject({ status: 'paid', balance: '0.00', settled: '1197.90' });
    expect(list.body.invoices.filter((i: any) => i.kind === 'credit_note')).toHaveLength(2);
  }, 60_000);

  it('refuses tenants other tenants invoices and non-operators the operator API', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    clock.advanceDays(15);
    await runBilling(t.runtime);
    const [inv] = await invoicesOf(t, a.tenant.id);
    expect((await b.json('GET', `/api/t/${b.tenant.slug}/billing/invoices/${inv!.id}`)).status).toBe(404);
    expect((await a.json('GET', `/api/t/${a.tenant.slug}/billing/invoices/${inv!.id}`)).status).toBe(200);
    expect((await a.json('GET', `/api/t/${a.tenant.slug}/billing/invoices/not-an-id.pdf`)).status).toBe(400);
    expect((await a.json('GET', '/api/operator/billing/plans')).status).toBe(403);
    expect((await t.anonymous().json('GET', '/api/operator/billing/plans')).status).toBe(401);
  }, 60_000);
});

describe('catalogue', () => {
  it('publishes a new plan version; existing subscriptions keep theirs (grandfathering)', async () => {
    const old = await newTenant(t);
    const pub = await operator.json('POST', '/api/operator/billing/plans', {
      code: 'standard',
      name: 'Standard',
      description: 'Now pricier',
      includedModules: ['accounting', 'orders', 'it'],
      includedSeats: 5,
      extraSeatsAllowed: true,
      maxSeats: null,
      addonsAllowed: true,
      prices: [
        { currency: 'CZK', period: 'month', price: '1190.00', seatPrice: '149.00' },
        { currency: 'CZK', period: 'year', price: '11900.00', seatPrice: '1490.00' },
        { currency: 'EUR', period: 'month', price: '47.00', seatPrice: '6.00' },
        { currency: 'EUR', period: 'year', price: '470.00', seatPrice: '60.00' },
      ],
      addons: [{ module: '*', currency: 'CZK', period: 'month', price: '290.00' }],
    });
    expect(pub.status).toBe(201);
    expect(pub.body).toMatchObject({ code: 'standard', version: 2, available: true });
    const fresh = await newTenant(t);
    expect((await billing(old)).body.subscription).toMatchObject({ plan: { version: 1 }, recurringTotal: '990.00' });
    expect((await billing(fresh)).body.subscription).toMatchObject({ plan: { version: 2 }, recurringTotal: '1190.00' });
    const versions = await operator.json('GET', '/api/operator/billing/plans');
    expect(
      versions.body.plans.filter((p: any) => p.code === 'standard').map((p: any) => [p.version, p.available]),
    ).toEqual([
      [1, false],
      [2, true],
    ]);
    await expect(
      t.runtime.db.updateTable('core.billing_plan_prices').set({ price: '1' }).where('currency', '=', 'CZK').execute(),
    ).rejects.toThrow(/immutable/);
    const bad = await operator.json('POST', '/api/operator/billing/plans', { code: 'X', prices: [] });
    expect(bad.status).toBe(400);
  });
});
