/**
 * End-to-end: bills in and payments out of the accounting module in Chromium, in Czech and in
 * English: a received ISDOC invoice (the official sample) read into a draft bill from the bills list;
 * the bills due listed with their payees, two ticked and put in a payment order, the order's pain.001
 * and ABO files downloaded as the bank imports them; the page fits 390 px and axe-core finds no WCAG
 * 2.1 A/AA violation on it. A foreign-currency bank line (EUR, no ČNB rate imported) is posted to an
 * expense account at the rate typed in its panel (issue 20 item 3).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();

const WORDS = {
  cs: {
    title: 'Příkazy k úhradě',
    pay: (n: string, v: string) => `Zaplatit ${n} od ${v}`,
    importIsdoc: 'Načíst ISDOC',
    imported: 'Faktura načtena z ISDOC s 2 upozorněními: zkontrolujte ji a zaúčtujte',
    selected: 'Vybrány 2 faktury',
    create: 'Vytvořit příkaz',
    created: /Příkaz na 2 faktury za .* vytvořen/,
    payments: '2 platby',
    rate: 'Kurz EUR → CZK',
    rateNeeded: 'Kurz ČNB k tomuto dni není načtený',
    typedRate: '24,5',
    toAccount: 'Zaúčtovat na účet (poplatky, úroky, převody)',
    post: 'Zaúčtovat',
    matched: 'Pohyb spárován',
  },
  en: {
    title: 'Payment orders',
    pay: (n: string, v: string) => `Pay ${n} of ${v}`,
    importIsdoc: 'Import ISDOC',
    imported: 'Bill read from the ISDOC with 2 warnings: check it and post it',
    selected: '2 bills selected',
    rate: 'Rate EUR → CZK',
    rateNeeded: 'No ČNB rate of that day is imported',
    typedRate: '24.5',
    toAccount: 'Post to an account (fees, interest, transfers)',
    post: 'Post',
    matched: 'Line matched',
    create: 'Create order',
    created: /Order of 2 bills for .* created/,
    payments: '2 payments',
  },
} as const;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

for (const lang of ['cs', 'en'] as const) {
  describe(`payment orders journey (${lang})`, () => {
    const w = WORDS[lang];
    const who = unique(`po${lang}`);
    let ctx: BrowserContext;
    let page: Page;
    let slug = '';
    let apiCall: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
    const numbers: string[] = [];

    beforeAll(async () => {
      const owner = await signUpViaApi(suite.server.url, {
        email: who.email,
        password: PASSWORD,
        name: 'Eva Účetní',
        firm: `Platby ${lang} s.r.o.`,
        slug: who.slug,
        locale: lang,
      });
      slug = owner.tenant.slug;
      const api = (method: string, path: string, body?: unknown) =>
        owner.call(method, `/api/t/${slug}/accounting${path}`, body);
      apiCall = api;
      expect((await owner.call('PUT', `/api/t/${slug}/modules/accounting`, { confirm: true })).status).toBe(200);
      const bank = await api('POST', '/bank-accounts', { name: 'Provozní', accountNumber: '2000145399/0800' });
      expect(bank.status, JSON.stringify(bank.body)).toBe(201);
      for (const [name, account, price] of [
        ['Papírnictví Šťastný s.r.o.', '1234567899/0100', '1000.00'],
        ['Energie a.s.', '987654300/0300', '5000.00'],
      ] as const) {
        const vendor = await api('POST', '/vendors', { name, bankAccount: account });
        expect(vendor.status, JSON.stringify(vendor.body)).toBe(201);
        const draft = await api('POST', '/bills', {
          vendorId: vendor.body.id,
          dueDate: inDays(3),
          variableSymbol: '2026117',
          lines: [{ description: 'Zboží', unitPrice: price, account: '501' }],
        });
        expect(draft.status, JSON.stringify(draft.body)).toBe(201);
        const posted = await api('POST', `/bills/${draft.body.id}/post`);
        expect(posted.status, JSON.stringify(posted.body)).toBe(200);
        numbers.push(posted.body.number);
      }
      ctx = await suite.browser.context({ locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
      page = await ctx.newPage();
      await signInInBrowser(page, suite.server.url, who.email, PASSWORD);
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('reads a received ISDOC invoice into a draft bill from the bills list', async () => {
      onTestFailed(() => screenshot(page, `accounting-isdoc-${lang}-failed-import`));
      await page.goto(`${suite.server.url}/t/${slug}/accounting/bills`);
      await settled(page);
      const sample = fileURLToPath(new URL('../../../shared/oracles/isdoc/sample-test001.xml', import.meta.url));
      await page.getByTestId('import-isdoc').locator('input[type=file]').setInputFiles(sample);
      await page.waitForURL(/\/accounting\/bills\/[0-9a-f-]{36}$/);
      await page.getByText(w.imported).waitFor();
      await settled(page);
      await page.getByText('Demoverze').first().waitFor();
    });

    it('lists the bills due, ticks two and creates an order', async () => {
      onTestFailed(() => screenshot(page, `accounting-payment-orders-${lang}-failed-create`));
      await page.goto(`${suite.server.url}/t/${slug}/accounting/payment-orders`);
      await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
      await settled(page);
      await page.getByLabel(w.pay(numbers[0] as string, 'Papírnictví Šťastný s.r.o.')).check();
      await page.getByLabel(w.pay(numbers[1] as string, 'Energie a.s.')).check();
      await expect
        .poll(async () => (await page.getByTestId('po-selected').textContent())?.replace(/\s/g, ' '))
        .toMatch(w.selected);
      await page.getByTestId('po-create').click();
      await page.getByText(w.created).waitFor();
      await page.getByText(w.payments).waitFor();
    });

    it('downloads the order as pain.001 and as ABO', async () => {
      onTestFailed(() => screenshot(page, `accounting-payment-orders-${lang}-failed-download`));
      const [xml] = await Promise.all([page.waitForEvent('download'), page.getByTestId('po-download-pain001').click()]);
      const xmlText = readFileSync((await xml.path()) as string, 'utf8');
      expect(xmlText).toContain('<CtrlSum>7260.00</CtrlSum>');
      expect(xmlText).toContain('<EndToEndId>/VS2026117</EndToEndId>');
      const [abo] = await Promise.all([page.waitForEvent('download'), page.getByTestId('po-download-abo').click()]);
      expect(abo.suggestedFilename()).toMatch(/\.kpc$/);
      const aboText = readFileSync((await abo.path()) as string, 'utf8');
      expect(aboText.split('\r\n')[2]).toMatch(/^2 000000-2000145399 00000000726000 \d{6}$/);
    });

    it('posts a foreign-currency bank line to an expense account at the rate typed in', async () => {
      onTestFailed(() => screenshot(page, `accounting-bank-rate-${lang}-failed`));
      const eur = await apiCall('POST', '/bank-accounts', { name: 'EUR účet', currency: 'EUR' });
      expect(eur.status, JSON.stringify(eur.body)).toBe(201);
      const imported = await apiCall('POST', `/bank-accounts/${eur.body.id}/statements`, {
        format: 'csv',
        content: 'Datum;Částka;Zpráva\n2026-12-01;-12,50;Hosting\n',
        mapping: {
          delimiter: ';',
          dateFormat: 'YYYY-MM-DD',
          decimalSeparator: ',',
          columns: { date: 'Datum', amount: 'Částka', message: 'Zpráva' },
        },
      });
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      await page.goto(`${suite.server.url}/t/${slug}/accounting/bank?status=unmatched`);
      await settled(page);
      await page.locator('.line-item', { hasText: 'Hosting' }).click();
      const panel = page.locator('.recon-panel');
      await panel.getByText(w.rateNeeded).waitFor();
      await panel.getByLabel(w.rate).fill(w.typedRate);
      await panel.getByLabel(w.toAccount).selectOption('518');
      await panel.getByRole('button', { name: w.post, exact: true }).click();
      await page.getByText(w.matched).first().waitFor();
      const lines = (await apiCall('GET', `/bank-lines?status=matched&bankAccountId=${eur.body.id}`)).body.lines;
      const entry = await apiCall('GET', `/journal/${lines[0].match.entryId}`);
      // 12,50 EUR × 24,5 = 306,25 Kč, booked at the typed rate.
      expect(entry.body.lines.find((l: any) => l.account === '518')).toMatchObject({ debit: '306.25', rate: '24.5' });
      // Back to the payment orders for the checks at 390 px below.
      await page.goto(`${suite.server.url}/t/${slug}/accounting/payment-orders`);
      await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
    });

    it('fits 390 px and has no WCAG 2.1 A/AA violation', async () => {
      onTestFailed(() => screenshot(page, `accounting-payment-orders-${lang}-failed-390`));
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      const overflow = await page.evaluate(() =>
        Math.max(
          ...[...document.querySelectorAll('.page *')].map(
            (el) => el.getBoundingClientRect().right - window.innerWidth,
          ),
        ),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `accounting-payment-orders-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
}
