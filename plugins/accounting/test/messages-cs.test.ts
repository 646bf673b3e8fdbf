import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Books, line, openBooks } from './helpers.ts';

/**
 * Issue 20 item 5: every refusal a person reads answers in their language. Each area converted
 * from English-only texts is asked once as a Czech reader and once as an English one; the codes
 * stay what clients rely on.
 */
let b: Books;
const cs = { 'accept-language': 'cs' };
const en = { 'accept-language': 'en' };
const ask = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
  b.user.json(method, `${b.base}${path}`, body, headers);
/** The rendered messages of a problem's field errors. */
const messages = (body: any): string[] => (body.errors ?? []).map((e: any) => e.message);

beforeAll(async () => {
  b = await openBooks();
});
afterAll(async () => {
  await b.t.close();
});

describe('accounting answers a Czech reader in Czech and an English reader in English', () => {
  it('journal entries (ledger)', async () => {
    const entry = {
      date: '2026-03-01',
      lines: [line('999999', 'debit', '10.00'), line('311', 'credit', '10.00')],
    };
    const czech = await ask('POST', '/journal', entry, cs);
    expect(czech.status).toBe(400);
    expect(czech.body).toMatchObject({ code: 'invalid_input', title: 'Účetní zápis obsahuje chyby' });
    expect(messages(czech.body)).toContain('Účet 999999 neexistuje');
    const english = await ask('POST', '/journal', entry, en);
    expect(english.body).toMatchObject({ code: 'invalid_input', title: 'The entry is invalid' });
    expect(messages(english.body)).toContain('No account with code 999999');
    const yen = { currency: 'JPY', rate: '0.15' };
    const badAmount = await ask(
      'POST',
      '/journal',
      { date: '2026-03-01', lines: [line('311', 'debit', '10.50', yen), line('602', 'credit', '10.50', yen)] },
      cs,
    );
    expect(messages(badAmount.body)).toContain('Očekávána částka s nejvýše 0 desetinnými místy pro JPY');
  });

  it('field formats from the schemas, with zod’s codes kept', async () => {
    const entry = { date: '2026-13-45', lines: [line('311', 'debit', '10.00'), line('602', 'credit', '10.00')] };
    const czech = await ask('POST', '/journal', entry, cs);
    expect(czech.status).toBe(400);
    expect(czech.body.errors).toContainEqual({
      path: 'date',
      message: 'Takové datum v kalendáři není',
      code: 'custom',
    });
    const english = await ask('POST', '/journal', { ...entry, date: '1.3.2026' }, en);
    expect(english.body.errors).toContainEqual({ path: 'date', message: 'A date YYYY-MM-DD', code: 'invalid_format' });
  });

  it('locked periods', async () => {
    expect((await b.post('/periods/2026-01/lock')).status).toBeLessThan(300);
    const again = await ask('POST', '/periods/2026-01/lock', {}, cs);
    expect(again.body).toMatchObject({ code: 'already_locked', title: 'Období 2026-01 už je uzamčené' });
    const posted = await ask(
      'POST',
      '/journal',
      { date: '2026-01-15', lines: [line('311', 'debit', '10.00'), line('602', 'credit', '10.00')] },
      cs,
    );
    expect(posted.body).toMatchObject({
      code: 'period_locked',
      title: 'Období 2026-01 je uzamčené; účtujte do otevřeného období',
    });
    const notLocked = await ask('POST', '/periods/2026-02/unlock', {}, en);
    expect(notLocked.body).toMatchObject({ code: 'not_locked', title: 'The period 2026-02 is not locked' });
  });

  it('invoices (documents and their computation)', async () => {
    const unknown = await ask(
      'POST',
      '/invoices',
      { customerId: '00000000-0000-4000-8000-000000000000', lines: [{ description: 'x', unitPrice: '1.00' }] },
      cs,
    );
    expect(unknown.body).toMatchObject({ code: 'invalid_input', title: 'Neznámý odběratel' });
    expect(messages(unknown.body)).toContain('Takový odběratel neexistuje');
    const customer = await b.post('/customers', { name: 'Jana Dvořáková' });
    const late = {
      customerId: customer.body.id,
      issueDate: '2026-03-10',
      dueDate: '2026-03-01',
      lines: [{ description: 'Služba', unitPrice: '100.00' }],
    };
    const czech = await ask('POST', '/invoices', late, cs);
    expect(czech.body).toMatchObject({ code: 'invalid_input', title: 'Faktura obsahuje chyby' });
    expect(messages(czech.body)).toEqual(['Nesmí být před datem vystavení']);
    const english = await ask('POST', '/invoices', late, en);
    expect(english.body.title).toBe('The invoice is invalid');
    expect(messages(english.body)).toContain('Must not be before the issue date');
  });

  it('fixed assets', async () => {
    const asset = {
      name: 'Stroj',
      acquisitionDate: '2026-03-10',
      inUseDate: '2026-03-01',
      cost: '100000.00',
      usefulLifeMonths: 60,
      account: '999',
    };
    const czech = await ask('POST', '/fixed-assets', asset, cs);
    expect(czech.body).toMatchObject({ code: 'invalid_input', title: 'Dlouhodobý majetek obsahuje chyby' });
    expect(messages(czech.body)).toEqual(
      expect.arrayContaining(['Nesmí být před datem pořízení', 'Aktivní účet 999 neexistuje']),
    );
    const english = await ask('POST', '/fixed-assets', asset, en);
    expect(english.body.title).toBe('The fixed asset is invalid');
    expect(messages(english.body)).toContain('No active account 999');
  });

  it('VAT rates, exchange rates and settings', async () => {
    const rate = await ask(
      'POST',
      '/vat-rates',
      { country: 'CZ', code: 'standard', rate: '21', validFrom: '2027-01-01', validTo: '2026-12-31' },
      cs,
    );
    expect(rate.body).toMatchObject({ code: 'invalid_input', title: 'Neplatná platnost' });
    expect(messages(rate.body)).toEqual(['Nesmí být před validFrom']);
    const file = await ask('POST', '/exchange-rates/import', { content: 'not a rate file' }, cs);
    expect(file.body.code).toBe('invalid_rate_file');
    expect(file.body.title).toMatch(/^Soubor kurzů ČNB nelze přečíst: /);
    expect(messages(file.body)[0]).toMatch(/^Řádek \d+: /);
    const settings = await ask('PATCH', '/settings', { accounts: { revenue: '999999' } }, cs);
    expect(settings.body).toMatchObject({ code: 'invalid_input', title: 'Účet 999999 neexistuje' });
    expect((await ask('PATCH', '/settings', { accounts: { revenue: '999999' } }, en)).body.title).toBe(
      'No account with code 999999',
    );
  });

  it('opening balances name each row’s problem and keep its code', async () => {
    const refused = await ask('POST', '/opening-balances', { date: '2026-07-01', csv: '602,10.00,\n' }, cs);
    expect(refused.body).toMatchObject({
      code: 'invalid_input',
      title: 'Některé řádky počátečních stavů jsou chybné',
    });
    expect(refused.body.errors).toContainEqual({
      path: 'rows.1',
      message: 'Není rozvahový účet',
      code: 'account_not_balance_sheet',
    });
  });

  it('bank statements, with Czech plurals for the rows that cannot be read', async () => {
    const bank = await b.post('/bank-accounts', { name: 'Fio', iban: 'CZ65 0800 0000 1920 0014 5399' });
    const path = `/bank-accounts/${bank.body.id}/statements`;
    const ofx = await ask('POST', path, { format: 'ofx', content: 'hello' }, cs);
    expect(ofx.body).toMatchObject({ code: 'invalid_statement', title: 'Není soubor OFX (chybí prvek <OFX>)' });
    expect((await ask('POST', path, { format: 'ofx', content: 'hello' }, en)).body.title).toBe(
      'Not an OFX file (no <OFX> element)',
    );
    const mapping = { delimiter: ';', columns: { date: 'Datum', amount: 'Objem' } };
    const rows = (n: number) =>
      ['Datum;Objem', ...Array.from({ length: n }, (_, i) => `2026-03-0${i + 1};x`)].join('\n');
    const csv = async (n: number, headers: Record<string, string>) =>
      (await ask('POST', path, { format: 'csv', content: rows(n), mapping }, headers)).body;
    expect((await csv(1, cs)).title).toBe('1 řádek CSV nelze přečíst');
    expect((await csv(3, cs)).title).toBe('3 řádky CSV nelze přečíst');
    const five = await csv(5, cs);
    expect(five).toMatchObject({ code: 'invalid_statement', title: '5 řádků CSV nelze přečíst' });
    expect(messages(five)).toContain('Není částka');
    expect((await csv(2, en)).title).toBe('2 row(s) of the CSV cannot be read');
  });
});
