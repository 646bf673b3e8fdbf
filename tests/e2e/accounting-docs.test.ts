/**
 * End-to-end: accounting's reminders of overdue invoices in Chromium, in Czech and in English: the
 * overdue invoice listed with what is left, the next reminder sent from the list, the reminder's letter
 * downloaded and the history shown on the invoice; the page fits 390 px and axe-core finds no WCAG 2.1
 * A/AA violation on it. One server for the file.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();

const WORDS = {
  cs: {
    title: 'Upomínky',
    send: 'Odeslat: 1. upomínka',
    sent: (n: string) => `1. upomínka k faktuře ${n} odeslána na ucetni@odberatel.test`,
    level: '1. upomínka',
    remaining: '12 100,00',
    sendMail: 'Odeslat e-mailem',
    to: 'Komu',
    submit: 'Odeslat',
    mailed: (n: string) => `${n} odesláno na ucetni@odberatel.test`,
    vatSummary: 'Souhrn DPH podle data zdanitelného plnění',
    periods: 'Období',
    lock: 'Uzamknout',
    locked: 'Uzamčené',
  },
  en: {
    title: 'Reminders',
    send: 'Send First reminder',
    sent: (n: string) => `First reminder of ${n} sent to ucetni@odberatel.test`,
    level: 'First reminder',
    remaining: '12,100.00',
    sendMail: 'Send by e-mail',
    to: 'To',
    submit: 'Send',
    mailed: (n: string) => `${n} sent to ucetni@odberatel.test`,
    vatSummary: 'VAT summary by tax date',
    periods: 'Periods',
    lock: 'Lock',
    locked: 'Locked',
  },
} as const;

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => ymd(new Date(Date.now() - n * 86_400_000));

for (const lang of ['cs', 'en'] as const) {
  describe(`reminders journey (${lang})`, () => {
    const w = WORDS[lang];
    const who = unique(`remind${lang}`);
    let ctx: BrowserContext;
    let page: Page;
    let slug = '';
    let number = '';
    let invoiceId = '';

    beforeAll(async () => {
      const owner = await signUpViaApi(suite.server.url, {
        email: who.email,
        password: PASSWORD,
        name: 'Eva Fakturační',
        firm: `Upomínky ${lang} s.r.o.`,
        slug: who.slug,
        locale: lang,
      });
      slug = owner.tenant.slug;
      const base = `/api/t/${slug}/accounting`;
      expect((await owner.call('PUT', `/api/t/${slug}/modules/accounting`, { confirm: true })).status).toBe(200);
      const customer = await owner.call('POST', `${base}/customers`, {
        name: 'Odběratel s.r.o.',
        email: 'ucetni@odberatel.test',
        country: 'CZ',
      });
      expect(customer.status).toBe(201);
      const draft = await owner.call('POST', `${base}/invoices`, {
        customerId: customer.body.id,
        issueDate: daysAgo(24),
        dueDate: daysAgo(10),
        lines: [{ description: 'Služby', quantity: '1', unitPrice: '10000.00' }],
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const issued = await owner.call('POST', `${base}/invoices/${draft.body.id}/issue`);
      expect(issued.status, JSON.stringify(issued.body)).toBe(200);
      number = issued.body.number;
      invoiceId = issued.body.id;
      ctx = await suite.browser.context({ locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
      page = await ctx.newPage();
      await signInInBrowser(page, suite.server.url, who.email, PASSWORD);
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('lists the overdue invoice and sends its first reminder', async () => {
      onTestFailed(() => screenshot(page, `accounting-reminders-${lang}-failed-send`));
      await page.goto(`${suite.server.url}/t/${slug}/accounting/reminders`);
      await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
      await settled(page);
      const row = page.getByRole('row').filter({ hasText: number });
      await row.waitFor();
      expect((await row.textContent())?.replace(/\s/g, ' ')).toContain(w.remaining);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/invoices/${invoiceId}/reminders`) && r.status() === 201),
        page.getByRole('button', { name: w.send }).click(),
      ]);
      await page.getByText(w.sent(number)).first().waitFor();
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('link', { name: new RegExp(w.level) }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe(`${number}-1.pdf`);
      expect(
        readFileSync((await pdf.path()) as string)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    });

    it('fits 390 px and has no WCAG 2.1 A/AA violation', async () => {
      onTestFailed(() => screenshot(page, `accounting-reminders-${lang}-failed-390`));
      if (lang === 'en') await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      const overflow = await page.evaluate(() => {
        let worst = { by: Number.NEGATIVE_INFINITY, what: '' };
        for (const el of document.querySelectorAll('.page *')) {
          const by = el.getBoundingClientRect().right - window.innerWidth;
          if (by > worst.by) worst = { by, what: `${el.tagName}.${el.className} "${el.textContent?.slice(0, 40)}"` };
        }
        return worst;
      });
      expect(overflow.by, overflow.what).toBeLessThanOrEqual(0);
      await screenshot(page, `accounting-reminders-${lang}`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('shows the reminder in the invoice’s history', async () => {
      onTestFailed(() => screenshot(page, `accounting-reminders-${lang}-failed-history`));
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('reminder-history').waitFor();
      expect(await page.getByTestId('reminder-history').textContent()).toContain(w.level);
    });

    it('sends the invoice by e-mail with the customer’s address prefilled and shows it recorded', async () => {
      onTestFailed(() => screenshot(page, `accounting-invoice-mail-${lang}-failed`));
      await page.getByRole('button', { name: w.sendMail }).click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.getByLabel(w.to).inputValue()).toBe('ucetni@odberatel.test');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/invoices/${invoiceId}/mails`) && r.status() === 201),
        dialog.getByRole('button', { name: w.submit, exact: true }).click(),
      ]);
      await page.getByText(w.mailed(number)).first().waitFor();
      const mails = page.getByTestId('invoice-mails');
      await mails.waitFor();
      expect(await mails.textContent()).toContain(`${number}.isdoc`);
    });

    it('shows the VAT summary of the invoice’s month and locks a month', async () => {
      onTestFailed(() => screenshot(page, `accounting-vat-periods-${lang}-failed`));
      const month = daysAgo(24).slice(0, 7);
      await page.goto(`${suite.server.url}/t/${slug}/accounting/vat?period=${month}`);
      const summary = page.getByTestId('vat-summary');
      await summary.waitFor();
      expect((await summary.textContent())?.replace(/\s/g, ' ')).toContain(lang === 'cs' ? '10 000,00' : '10,000.00');
      await page.getByRole('heading', { name: w.vatSummary }).waitFor();
      await page.goto(`${suite.server.url}/t/${slug}/accounting/periods?year=2020`);
      await page.getByRole('heading', { level: 1, name: w.periods }).waitFor();
      const row = page.locator('tr[data-period="2020-01"]');
      await row.getByRole('button', { name: `${w.lock} 2020-01` }).click();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/periods/2020-01/lock') && r.status() === 200),
        page.getByRole('alertdialog').getByRole('button', { name: w.lock, exact: true }).click(),
      ]);
      await row.getByText(w.locked).waitFor();
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
    });

    it('fits every accounting page into 390 px', async () => {
      onTestFailed(() => screenshot(page, `accounting-390-${lang}-failed`));
      await page.setViewportSize({ width: 390, height: 844 });
      const pages = ['', 'invoices', 'invoices/new', `invoices/${invoiceId}`, 'reminders', 'bills', 'bills/new'];
      pages.push('payments', 'payment-orders', 'cash', 'bank', 'partners', 'reports', 'cost-centers');
      pages.push('vat', 'periods', 'year-end', 'accounts', 'journal/new');
      const wide: string[] = [];
      for (const path of pages) {
        await page.goto(`${suite.server.url}/t/${slug}/accounting/${path}`);
        await page.locator('.page h1').first().waitFor();
        await settled(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wide.push(`${path || 'journal'}: ${width} px`);
      }
      expect(wide).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
}

const CC = {
  cs: {
    title: 'Střediska',
    code: 'Kód',
    nameCs: 'Název česky',
    nameEn: 'Název anglicky',
    added: 'Středisko PRAHA přidáno',
    none: 'Bez střediska',
    revenue: '10 000,00',
    journal: 'Účetní deník',
    filter: 'Filtrovat',
  },
  en: {
    title: 'Cost centres',
    code: 'Code',
    nameCs: 'Name in Czech',
    nameEn: 'Name in English',
    added: 'Cost centre PRAHA added',
    none: 'No cost centre',
    revenue: '10,000.00',
    journal: 'Journal',
    filter: 'Filter',
  },
} as const;

for (const lang of ['cs', 'en'] as const) {
  describe(`cost-centre report (${lang})`, () => {
    const w = CC[lang];
    const who = unique(`centre${lang}`);
    let ctx: BrowserContext;
    let page: Page;
    let slug = '';
    let owner: Awaited<ReturnType<typeof signUpViaApi>>;

    beforeAll(async () => {
      owner = await signUpViaApi(suite.server.url, {
        email: who.email,
        password: PASSWORD,
        name: 'Petr Controller',
        firm: `Střediska ${lang} s.r.o.`,
        slug: who.slug,
        locale: lang,
      });
      slug = owner.tenant.slug;
      expect((await owner.call('PUT', `/api/t/${slug}/modules/accounting`, { confirm: true })).status).toBe(200);
      ctx = await suite.browser.context({ locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
      page = await ctx.newPage();
      await signInInBrowser(page, suite.server.url, who.email, PASSWORD);
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('adds a cost centre and shows profit and loss with its column and the "none" column', async () => {
      onTestFailed(() => screenshot(page, `accounting-centres-${lang}-failed`));
      await page.goto(`${suite.server.url}/t/${slug}/accounting/cost-centers`);
      await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
      await settled(page);
      await page.getByLabel(w.code, { exact: true }).fill('praha');
      await page.getByLabel(w.nameCs).fill('Provozovna Praha');
      await page.getByLabel(w.nameEn).fill('Prague branch');
      await page.getByTestId('cc-add').click();
      await page.getByText(w.added).first().waitFor();
      const today = ymd(new Date());
      const base = `/api/t/${slug}/accounting`;
      for (const lines of [
        [
          { account: '221', debit: '10000.00' },
          { account: '602', credit: '10000.00', costCenter: 'PRAHA' },
        ],
        [
          { account: '518', debit: '2500.00' },
          { account: '221', credit: '2500.00' },
        ],
      ]) {
        const r = await owner.call('POST', `${base}/journal`, { date: today, memo: 'Zápis', lines });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      await page.reload();
      await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
      const report = page.getByTestId('cc-report');
      await report.getByRole('columnheader', { name: 'PRAHA' }).waitFor();
      await report.getByRole('columnheader', { name: w.none }).waitFor();
      const row = report.getByRole('row').filter({ hasText: '602' });
      expect((await row.textContent())?.replace(/\s/g, ' ')).toContain(w.revenue);
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `accounting-centres-${lang}`, true);
    });

    it('filters the journal by the cost centre', async () => {
      onTestFailed(() => screenshot(page, `accounting-centres-${lang}-failed-journal`));
      await page.goto(`${suite.server.url}/t/${slug}/accounting`);
      await page.getByRole('heading', { level: 1, name: w.journal }).waitFor();
      await settled(page);
      await page.locator('select[name="costCenter"]').selectOption('PRAHA');
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('costCenter=PRAHA') && r.status() === 200),
        page.getByRole('button', { name: w.filter, exact: true }).click(),
      ]);
      await expect.poll(async () => page.getByRole('row').filter({ hasText: 'Zápis' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
