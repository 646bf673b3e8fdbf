import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { issueDocument, loadInvoice } from '../src/billing/invoices.ts';
import { paymentQr } from '../src/billing/pdf.ts';
import { runBilling } from '../src/billing/runner.ts';
import { parseCamt053, parseCsv } from '../src/billing/statements.ts';
import { createTestBureau, Problem, type TestBureau, type TestUser } from '../src/index.ts';
import {
  engage,
  invoicesOf,
  modules,
  newTenant,
  OPERATOR,
  runDays,
  subscriptionRow,
  testClock,
} from './billing-helpers.ts';

const ORACLES = new URL('../../../shared/oracles/', import.meta.url);
const oracle = (p: string) => readFileSync(new URL(p, ORACLES), 'utf8');

async function validIsdoc(xml: string) {
  const r = await validateXML({
    xml: [{ fileName: 'invoice.isdoc', contents: xml }],
    schema: [{ fileName: 'isdoc-invoice-6.0.2.xsd', contents: oracle('isdoc/isdoc-invoice-6.0.2.xsd') }],
    preload: [{ fileName: 'isdoc-core-6.0.2.xsd', contents: oracle('isdoc/isdoc-core-6.0.2.xsd') }],
  });
  return r.errors.map((e) => e.message);
}

async function validCamt(xml: string) {
  const r = await validateXML({
    xml: [{ fileName: 'statement.xml', contents: xml }],
    schema: [{ fileName: 'camt.053.001.02.xsd', contents: oracle('camt/camt.053.001.02.xsd') }],
  });
  return r.errors.map((e) => e.message);
}

const clock = testClock('2025-03-03T09:00:00Z');
let t: TestBureau;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestBureau({ plugins: modules, clock, config: { operators: [OPERATOR] } });
  operator = await t.signup({ email: OPERATOR });
});
afterAll(() => t.close());

const statement = (format: 'csv' | 'camt053', content: string) =>
  operator.json('POST', '/api/operator/billing/statements', { format, content });

describe('invoice documents', () => {
  let czech: TestUser;
  let german: TestUser;
  beforeAll(async () => {
    clock.set('2025-03-03T09:00:00Z');
    czech = await newTenant(t, { tenant: { name: 'Účetní kancelář Žluťoučký kůň s.r.o.' } });
    const profile = await czech.json('PUT', `/api/t/${czech.tenant.slug}/billing/profile`, {
      name: 'Účetní kancelář Žluťoučký kůň s.r.o.',
      ico: '27082440',
      dic: 'CZ27082440',
      street: 'Příčná 12',
      city: 'Brno',
      zip: '602 00',
      country: 'CZ',
      email: 'fakturace@example.test',
    });
    expect(profile.status).toBe(200);
    german = await newTenant(t, { tenant: { name: 'Müller GmbH', country: 'DE', currency: 'EUR' } });
    await german.json('PUT', `/api/t/${german.tenant.slug}/billing/profile`, {
      name: 'Müller GmbH',
      dic: 'DE123456789',
      street: 'Hauptstraße 5',
      city: 'Berlin',
      zip: '10115',
      country: 'DE',
    });
    await runDays(t, clock, 14);
  }, 120_000);

  it('validates IČO and DIČ in billing details', async () => {
    const bad = await czech.json('PUT', `/api/t/${czech.tenant.slug}/billing/profile`, {
      name: 'X',
      ico: '12345678',
      dic: 'CZ12345678',
      country: 'CZ',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['ico', 'dic']);
    const badEu = await german.json('PUT', `/api/t/${german.tenant.slug}/billing/profile`, {
      name: 'X',
      dic: 'DE12',
      country: 'DE',
    });
    expect(badEu.body.errors.map((e: any) => e.path)).toEqual(['dic']);
  });

  it('downloads an ISDOC 6.0.2 that validates against the official XSD, for invoices and credit notes', async () => {
    const [inv] = await invoicesOf(t, czech.tenant.id);
    const res = await czech.request('GET', `/api/t/${czech.tenant.slug}/billing/invoices/${inv!.id}.isdoc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    expect(xml).toContain(`<VariableSymbol>${inv!.number}</VariableSymbol>`);
    expect(xml).toContain('<Name>Účetní kancelář Žluťoučký kůň s.r.o.</Name>');
    expect(await validIsdoc(xml)).toEqual([]);
    const same = await czech.request('GET', `/api/t/${czech.tenant.slug}/billing/invoices/${inv!.id}/isdoc`);
    expect(await same.text()).toBe(xml);

    const cn = await operator.json('POST', `/api/operator/billing/invoices/${inv!.id}/credit-note`, {
      reason: 'Sleva za výpadek',
      amount: '100.00',
    });
    const cnXml = await (
      await czech.request('GET', `/api/t/${czech.tenant.slug}/billing/invoices/${cn.body.id}.isdoc`)
    ).text();
    expect(cnXml).toContain('<DocumentType>2</DocumentType>');
    expect(await validIsdoc(cnXml)).toEqual([]);
    // The schema check bites: a document without its IssueDate fails.
    expect((await validIsdoc(xml.replace(/<IssueDate>[^<]*<\/IssueDate>/, ''))).length).toBeGreaterThan(0);
  });

  it('bills an EU business in EUR with reverse charge', async () => {
    const [inv] = await invoicesOf(t, german.tenant.id);
    expect(inv).toMatchObject({
      currency: 'EUR',
      vat_mode: 'reverse_charge',
      subtotal: '3900',
      vat_total: '0',
      total: '3900',
    });
    const xml = await (
      await german.request('GET', `/api/t/${german.tenant.slug}/billing/invoices/${inv!.id}.isdoc`)
    ).text();
    expect(await validIsdoc(xml)).toEqual([]);
    const full = await loadInvoice(t.runtime.db, german.tenant.id, inv!.id);
    expect(paymentQr(full!)?.kind).toBe('epc');
    expect(paymentQr(full!)?.text.split('\n').slice(0, 8)).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'GIBACZPX',
      'Bureau Software s.r.o.',
      'CZ6508000000192000145399',
      'EUR39.00',
    ]);
  });

  it('renders a PDF with embedded DejaVu fonts and a QR Platba (SPAYD) code', async () => {
    const [inv] = await invoicesOf(t, czech.tenant.id);
    const full = await loadInvoice(t.runtime.db, czech.tenant.id, inv!.id);
    // After the 100.00 + VAT credit, 1076.90 is left to pay.
    expect(paymentQr(full!)).toEqual({
      kind: 'spayd',
      text: `SPD*1.0*ACC:CZ6508000000192000145399+GIBACZPX*AM:1076.90*CC:CZK*X-VS:${inv!.number}*DT:${full!.dueOn.replace(/-/g, '')}*RN:Bureau Software s.r.o.*MSG:Faktura ${inv!.number}`,
    });
    for (const path of [`${inv!.id}.pdf`, `${inv!.id}/pdf`]) {
      const res = await czech.request('GET', `/api/t/${czech.tenant.slug}/billing/invoices/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(raw).toContain('/FontFile2');
      expect(raw).toContain(`(Invoice ${inv!.number})`);
    }
  });
});

describe('bank statements', () => {
  it('parses the official camt.053 sample and refuses the invalid one', () => {
    const parsed = parseCamt053(oracle('camt/sample-camt053.v2.minimal.xml'));
    expect(parsed.lines).toEqual([
      expect.objectContaining({
        bookedOn: '2014-12-31',
        amount: 885n,
        currency: 'EUR',
        variableSymbol: null,
        counterpartyName: 'NAME NAME',
        counterpartyAccount: 'NL56AGDH9619008421',
      }),
    ]);
    expect(() => parseCamt053(oracle('camt/sample-invalid-camt053.v2.wrong.xml'))).toThrow(Problem);
    expect(() => parseCamt053('<Document><oops')).toThrow(Problem);
    expect(() => parseCsv('foo,bar\n1,2\n')).toThrow(Problem);
  });

  it('matches camt.053 and CSV payments by variable symbol and amount; lists the rest for manual matching', async () => {
    clock.set('2025-05-01T09:00:00Z');
    const a = await newTenant(t);
    const b = await newTenant(t);
    const c = await newTenant(t);
    await runDays(t, clock, 14);
    const [ia] = await invoicesOf(t, a.tenant.id);
    const [ib] = await invoicesOf(t, b.tenant.id);
    const [ic] = await invoicesOf(t, c.tenant.id);
    // A camt.053 statement as a Czech bank sends it: the VS in the creditor reference.
    const sample = oracle('camt/sample-camt053.v2.minimal.xml');
    const entry = /<Ntry>[\s\S]*<\/Ntry>/.exec(sample)?.[0] as string;
    const ntry = (amount: string, ref: string) =>
      entry
        .replace('<Amt Ccy="EUR">8.85</Amt>', `<Amt Ccy="CZK">${amount}</Amt>`)
        .replace('<Ref>4654654654654654</Ref>', `<Ref>${ref}</Ref>`);
    const camt = sample.replace(
      entry,
      [ntry('1197.90', `VS${ia!.number}`), ntry('1500.00', ib!.number), ntry('10.00', 'nothing')].join('\n'),
    );
    expect(await validCamt(camt)).toEqual([]);
    const res = await statement('camt053', camt);
    expect(res.body).toMatchObject({ imported: 3, matched: 1, overpaid: 1, unmatched: 1, duplicates: 0 });
    expect((await statement('camt053', camt)).body).toMatchObject({ imported: 0, duplicates: 3 });
    const csv = await statement(
      'csv',
      `Datum;Objem;Měna;VS;Zpráva pro příjemce\n20.05.2025;600,00;CZK;${ic!.number};faktura\n`,
    );
    expect(csv.body).toMatchObject({ partial: 1 });

    const invA = await loadInvoice(t.runtime.db, a.tenant.id, ia!.id);
    expect(invA).toMatchObject({ status: 'paid', amountSettled: 119_790n });
    expect((await loadInvoice(t.runtime.db, b.tenant.id, ib!.id))?.status).toBe('paid');
    expect((await loadInvoice(t.runtime.db, c.tenant.id, ic!.id))?.amountSettled).toBe(60_000n);

    const open = await operator.json('GET', '/api/operator/billing/bank-transactions');
    const byStatus = Object.fromEntries(open.body.transactions.map((x: any) => [x.status, x]));
    expect(Object.keys(byStatus).sort()).toEqual(['overpaid', 'partial', 'unmatched']);
    expect(byStatus.overpaid).toMatchObject({ amount: '1500.00', unapplied: '302.10' });
    expect(byStatus.unmatched).toMatchObject({ amount: '10.00', unapplied: '10.00' });
    // Manual matching: the overpayment's rest and the stray 10.00 go to C's open invoice.
    const m1 = await operator.json('POST', `/api/operator/billing/bank-transactions/${byStatus.overpaid.id}/match`, {
      invoiceId: ic!.id,
    });
    expect(m1.body).toMatchObject({ status: 'matched', unapplied: '0.00' });
    const m2 = await operator.json('POST', `/api/operator/billing/bank-transactions/${byStatus.unmatched.id}/match`, {
      invoiceId: ic!.id,
      amount: '20.00',
    });
    expect(m2.status).toBe(409);
    expect(m2.body.code).toBe('amount_out_of_range');
    await operator.json('POST', `/api/operator/billing/bank-transactions/${byStatus.unmatched.id}/match`, {
      invoiceId: ic!.id,
    });
    expect((await loadInvoice(t.runtime.db, c.tenant.id, ic!.id))?.amountSettled).toBe(91_210n);
    const dismissed = await operator.json(
      'POST',
      `/api/operator/billing/bank-transactions/${byStatus.partial.id}/dismiss`,
      {
        note: 'Reviewed, customer pays the rest',
      },
    );
    expect(dismissed.body.status).toBe('matched');
    expect((await operator.json('GET', '/api/operator/billing/bank-transactions')).body.transactions).toEqual([]);
  }, 120_000);
});

describe('numbering', () => {
  it('numbers invoices gaplessly per year under concurrent issuing, also when one rolls back', async () => {
    clock.set('2026-01-05T09:00:00Z');
    const tenants = await Promise.all(Array.from({ length: 6 }, () => t.signup()));
    const issue = (tenantId: string, fail: boolean) =>
      t.runtime.db.transaction().execute(async (trx) => {
        const inv = await issueDocument(trx, t.runtime, {
          buyerTenantId: tenantId,
          kind: 'invoice',
          currency: 'CZK',
          lines: [
            {
              description: 'Test',
              quantity: 1,
              unitPrice: 100n,
              amount: 100n,
              subjectTenantId: null,
              periodStart: null,
              periodEnd: null,
            },
          ],
        });
        if (fail) throw new Error('rolled back');
        return inv.number;
      });
    const results = await Promise.allSettled(tenants.map((u, i) => issue(u.tenant.id, i === 2)));
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])).sort();
    expect(numbers).toEqual(['2026000001', '2026000002', '2026000003', '2026000004', '2026000005']);
  });
});

describe('provider pays', () => {
  it('puts clients on one consolidated invoice per month; clients see who pays; dunning and payment follow it', async () => {
    clock.set('2025-09-01T09:00:00Z');
    const provider = await newTenant(t, { tenant: { name: 'Účetní Partner', kind: 'provider' } });
    const c1 = await newTenant(t, { tenant: { name: 'Klient Alfa' } });
    const c2 = await newTenant(t, { tenant: { name: 'Klient Beta' } });
    const notProvider = await c1.json('POST', `/api/t/${c1.tenant.slug}/billing/clients`, { client: c2.tenant.slug });
    expect(notProvider.body.code).toBe('not_a_provider');
    // Without an engagement a provider learns nothing about a client and cannot squat its payer slot.
    const stranger = await provider.json('POST', `/api/t/${provider.tenant.slug}/billing/clients`, {
      client: c1.tenant.slug,
    });
    const nobody = await provider.json('POST', `/api/t/${provider.tenant.slug}/billing/clients`, {
      client: 'no-such-firm-anywhere',
    });
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual(nobody.body);
    expect(JSON.stringify(stranger.body)).not.toContain(c1.tenant.id);
    expect((await c1.json('GET', `/api/t/${c1.tenant.slug}/billing/payer`)).body.payer).toBeNull();
    for (const c of [c1, c2]) {
      await engage(provider, c);
    }
    for (const c of [c1, c2]) {
      const offer = await provider.json('POST', `/api/t/${provider.tenant.slug}/billing/clients`, {
        client: c.tenant.slug,
      });
      expect(offer.status).toBe(201);
      expect((await c.json('GET', `/api/t/${c.tenant.slug}/billing/payer`)).body.payer.status).toBe('offered');
      expect((await c.json('POST', `/api/t/${c.tenant.slug}/billing/payer/accept`)).body.payer.status).toBe('active');
    }
    const dup = await provider.json('POST', `/api/t/${provider.tenant.slug}/billing/clients`, {
      client: c1.tenant.slug,
    });
    expect(dup.status).toBe(409);
    expect((await c1.json('GET', `/api/t/${c1.tenant.slug}/billing`)).body.subscription.paidBy).toMatchObject({
      name: 'Účetní Partner',
    });
    expect((await provider.json('GET', `/api/t/${provider.tenant.slug}/billing/clients`)).body.clients).toHaveLength(2);

    await runDays(t, clock, 14); // trials end 2025-09-15: charges go to the provider, no client invoices
    expect(await invoicesOf(t, c1.tenant.id)).toHaveLength(0);
    expect(await invoicesOf(t, c2.tenant.id)).toHaveLength(0);
    expect(await invoicesOf(t, provider.tenant.id)).toHaveLength(1); // its own subscription

    await runDays(t, clock, 16); // 2025-10-01: the consolidated invoice for September
    const all = await invoicesOf(t, provider.tenant.id);
    expect(all).toHaveLength(2);
    const consolidated = all[1]!;
    const lines = await t.runtime.db
      .selectFrom('core.billing_invoice_lines')
      .select(['description', 'amount', 'subject_tenant_id'])
      .where('tenant_id', '=', provider.tenant.id)
      .where('invoice_id', '=', consolidated.id)
      .orderBy('position')
      .execute();
    expect(lines.map((l) => [l.subject_tenant_id, l.amount])).toEqual([
      [c1.tenant.id, '99000'],
      [c2.tenant.id, '99000'],
    ]);
    expect(lines[0]?.description).toMatch(/^Klient Klient Alfa: /);
    await runBilling(t.runtime);
    expect(await invoicesOf(t, provider.tenant.id)).toHaveLength(2); // once per period

    // The provider does not pay: its clients are suspended with it.
    await runDays(t, clock, 28);
    expect((await subscriptionRow(t, c1.tenant.id)).status).toBe('suspended');
    expect((await subscriptionRow(t, c2.tenant.id)).status).toBe('suspended');
    const paid = await statement('csv', `date,amount,vs\n2025-10-29,2395.80,${consolidated.number}\n`);
    expect(paid.body.matched).toBe(1);
    expect((await subscriptionRow(t, c1.tenant.id)).status).toBe('active');
    expect((await subscriptionRow(t, c2.tenant.id)).status).toBe('active');

    // Ending the relation: the client pays for itself again.
    expect((await c2.json('DELETE', `/api/t/${c2.tenant.slug}/billing/payer`)).status).toBe(200);
    expect((await c2.json('GET', `/api/t/${c2.tenant.slug}/billing`)).body.subscription.paidBy).toBeNull();
    expect((await c2.json('GET', `/api/t/${c2.tenant.slug}/billing/payer`)).body.payer).toBeNull();
    const left = (await provider.json('GET', `/api/t/${provider.tenant.slug}/billing/clients`)).body.clients;
    expect(left.map((l: { clientTenantId: string }) => l.clientTenantId)).toEqual([c1.tenant.id]);

    // Another provider cannot offer while c1 has a payer.
    const rival = await newTenant(t, { tenant: { name: 'Jiný Partner', kind: 'provider' } });
    await engage(rival, c1);
    await engage(rival, c2);
    const taken = await rival.json('POST', `/api/t/${rival.tenant.slug}/billing/clients`, { client: c1.tenant.slug });
    expect([taken.status, taken.body.code]).toEqual([409, 'payer_exists']);

    // A provider withdraws its offer: the client's row and the provider's mirror end together.
    expect(
      (await rival.json('POST', `/api/t/${rival.tenant.slug}/billing/clients`, { client: c2.tenant.slug })).status,
    ).toBe(201);
    expect((await c2.json('GET', `/api/t/${c2.tenant.slug}/billing/payer`)).body.payer).toMatchObject({
      payerTenantId: rival.tenant.id,
      status: 'offered',
    });
    expect((await rival.json('DELETE', `/api/t/${rival.tenant.slug}/billing/clients/${c2.tenant.id}`)).status).toBe(
      200,
    );
    expect((await c2.json('GET', `/api/t/${c2.tenant.slug}/billing/payer`)).body.payer).toBeNull();
    expect((await rival.json('GET', `/api/t/${rival.tenant.slug}/billing/clients`)).body.clients).toEqual([]);

    // Both sides hold the same rows: the client's (billing_payers) and the provider's mirror.
    const columns = ['status', 'offered_at', 'accepted_at', 'ended_at'] as const;
    const clientRows = await t.runtime.db
      .selectFrom('core.billing_payers')
      .select(['id', 'tenant_id as client', 'payer_tenant_id as payer', ...columns])
      .where('payer_tenant_id', 'in', [provider.tenant.id, rival.tenant.id])
      .orderBy('id')
      .execute();
    const mirrorRows = await t.runtime.db
      .selectFrom('core.billing_paid_clients')
      .select(['id', 'client_tenant_id as client', 'tenant_id as payer', ...columns])
      .where('tenant_id', 'in', [provider.tenant.id, rival.tenant.id])
      .orderBy('id')
      .execute();
    const summary = clientRows.map((r) => [r.client, r.payer, r.status]);
    expect(summary).toHaveLength(3);
    expect(summary).toEqual(
      expect.arrayContaining([
        [c1.tenant.id, provider.tenant.id, 'active'],
        [c2.tenant.id, provider.tenant.id, 'ended'],
        [c2.tenant.id, rival.tenant.id, 'ended'],
      ]),
    );
    expect(mirrorRows).toEqual(clientRows);
  }, 180_000);
});
