import { pdfText } from '@bureau/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptSql, type Books, booksWithNeighbour, xmllint } from './helpers.ts';

const ISDOC = 'isdoc/isdoc-invoice-6.0.2.xsd';

/**
 * Issue 20 item 10: an issued invoice goes to the customer by e-mail with its PDF and its ISDOC
 * (validated against the official ISDOC 6.0.2 schema in shared/oracles/isdoc), in the customer's
 * language; the sending is recorded on the invoice and audited. Drafts and cancelled invoices are
 * refused, and so is an address that is not one.
 */
let b: Books;
let other: Books;
let customer: string;
let invoice: { id: string; number: string; dueDate: string };

const outbox = (b: Books) => b.t.runtime.mailer.outbox;

beforeAll(async () => {
  [b, other] = await booksWithNeighbour('2026-10-05T08:00:00Z', { name: 'Pekárna Novák s.r.o.' });
  await b.post('/bank-accounts', { name: 'Provozní', accountNumber: '2000145399/0800' });
  customer = (
    await b.post('/customers', {
      name: 'Odběratel a.s.',
      ico: '25596641',
      email: 'faktury@odberatel.test',
      street: 'Vodičkova 12',
      city: 'Praha',
      postalCode: '11000',
    })
  ).body.id;
  const draft = await b.post('/invoices', {
    customerId: customer,
    issueDate: '2026-10-01',
    dueDate: '2026-10-15',
    lines: [{ description: 'Chléb', quantity: '10', unitPrice: '45.50', vat: 'reduced' }],
  });
  invoice = (await b.post(`/invoices/${draft.body.id}/issue`)).body;
});
afterAll(async () => {
  await b.t.close();
});

describe('sending an invoice by e-mail', () => {
  it('sends the PDF and a schema-valid ISDOC to the customer in Czech, and records it', async () => {
    const before = await b.get(`/invoices/${invoice.id}/mails`);
    expect(before.body).toEqual({ defaults: { to: 'faktury@odberatel.test', locale: 'cs' }, mails: [] });

    const sent = await b.post(`/invoices/${invoice.id}/mails`, {});
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      sentTo: 'faktury@odberatel.test',
      locale: 'cs',
      attachments: [`${invoice.number}.pdf`, `${invoice.number}.isdoc`],
      sentAt: '2026-10-05T08:00:00.000Z',
    });
    await b.t.events.drain();
    const mail = outbox(b).find((m) => m.to === 'faktury@odberatel.test');
    expect(mail?.subject).toBe(`Faktura ${invoice.number} od Pekárna Novák s.r.o.`);
    // 455.00 + 12 % VAT = 509.60; the IBAN derived from 2000145399/0800.
    expect(mail?.text).toContain(
      `v příloze posíláme fakturu ${invoice.number} na částku 509,60\u00a0Kč se splatností 15. 10. 2026`,
    );
    expect(mail?.text).toContain(`na účet CZ7908000000002000145399 s variabilním symbolem ${invoice.number}`);
    const [pdf, isdoc] = mail?.attachments ?? [];
    expect(pdf?.contentType).toBe('application/pdf');
    const text = pdfText(Buffer.from(pdf?.content ?? [])).replace(/\s+/g, ' ');
    expect(text).toContain(`Faktura – daňový doklad ${invoice.number}`);
    expect(isdoc?.contentType).toBe('application/xml');
    const xml = new TextDecoder().decode(isdoc?.content);
    const verdict = xmllint(xml, ISDOC);
    expect(verdict.ok, verdict.output).toBe(true);
    expect(xml).toContain(`<ID>${invoice.number}</ID>`);

    const audit = await b.user.json(
      'GET',
      `/api/t/${b.user.tenant.slug}/audit?entityType=accounting.invoice&entityId=${invoice.id}`,
    );
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('accounting.invoice.mailed');
  });

  it('sends to another address in English when asked, and lists the sendings newest first', async () => {
    const sent = await b.post(`/invoices/${invoice.id}/mails`, { to: 'accounts@buyer.test', locale: 'en' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await b.t.events.drain();
    const mail = outbox(b).find((m) => m.to === 'accounts@buyer.test');
    expect(mail?.subject).toBe(`Invoice ${invoice.number} from Pekárna Novák s.r.o.`);
    expect(mail?.text).toContain('for 509.60\u00a0CZK, due on 2026-10-15');
    expect(pdfText(Buffer.from(mail?.attachments?.[0]?.content ?? []))).toContain('Invoice – tax document');
    const list = await b.get(`/invoices/${invoice.id}/mails`);
    expect(list.body.mails.map((m: { sentTo: string }) => m.sentTo)).toEqual([
      'accounts@buyer.test',
      'faktury@odberatel.test',
    ]);
  });

  it('refuses a draft, a cancelled invoice, a bad address and another tenant’s invoice, sending nothing', async () => {
    const count = outbox(b).length;
    const draft = await b.post('/invoices', {
      customerId: customer,
      issueDate: '2026-10-02',
      lines: [{ description: 'Rohlík', quantity: '1', unitPrice: '3.00' }],
    });
    const notIssued = await b.post(`/invoices/${draft.body.id}/mails`, {});
    expect([notIssued.status, notIssued.body.code]).toEqual([409, 'not_issued']);

    await b.post(`/invoices/${draft.body.id}/issue`);
    await b.post(`/invoices/${draft.body.id}/cancel`);
    const cancelled = await b.post(`/invoices/${draft.body.id}/mails`, {});
    expect([cancelled.status, cancelled.body.code]).toEqual([409, 'document_cancelled']);

    const bad = await b.post(`/invoices/${invoice.id}/mails`, { to: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('to');

    expect((await other.post(`/invoices/${invoice.id}/mails`, {})).status).toBe(404);
    expect((await other.get(`/invoices/${invoice.id}/mails`)).status).toBe(404);
    await b.t.events.drain();
    expect(outbox(b).length).toBe(count);
    expect((await b.get(`/invoices/${draft.body.id}/mails`)).body.mails).toEqual([]);
  });

  it('keeps what was sent: the request role cannot change or delete the record', async () => {
    const change = await attemptSql(b, (trx) =>
      trx.updateTable('accounting.document_mails').set({ sent_to: 'x@y.z' }).execute(),
    );
    expect(change).toBe('AC004');
    const remove = await attemptSql(b, (trx) => trx.deleteFrom('accounting.document_mails').execute());
    expect(remove).toBe('AC004');
  });
});
