/**
 * End-to-end: the cash book of the accounting module in Chromium, in Czech and in English: a cash
 * desk opened, a receipt and a payment written with the balance after each, a payment beyond the
 * cash held refused by the server with its reason shown, the printed cash document downloaded, a
 * document cancelled; the page fits 390 px and axe-core finds no WCAG 2.1 A/AA violation on it.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();

const WORDS = {
  cs: {
    title: 'Pokladní kniha',
    newDesk: 'Nová pokladna',
    name: 'Název',
    code: /^Kód/,
    open: 'Založit pokladnu',
    opened: 'Pokladna Hlavní pokladna založena na účtu 211001',
    receipt: 'Nový příjem',
    payment: 'Nový výdej',
    amount: /^Částka/,
    purpose: 'Účel',
    account: 'Protiúčet',
    save: 'Uložit',
    saved: (n: string) => new RegExp(`Doklad ${n} na .* uložen`),
    balance: (v: string) => v.replace(',', ' ').replace('.', ','),
    insufficient: /V pokladně HK je 7500\.00 CZK; nelze vydat 9000\.00/,
    cancelOf: (n: string) => `Stornovat ${n}`,
    confirm: 'Stornovat doklad',
    notPayer: 'Nejste plátce DPH',
    yearEnd: 'Uzávěrka',
    csv: /^Zůstatky/,
    check: 'Zkontrolovat',
    valid: 'Připraveno k zaúčtování',
    imported: 'Počáteční stavy jsou zaúčtovány',
    closeYear: (y: number) => `Uzavřít ${y}`,
    closedToast: (y: number) => `Rok ${y} je uzavřen a další rok otevřen`,
  },
  en: {
    title: 'Cash book',
    newDesk: 'New cash desk',
    name: 'Name',
    code: /^Code/,
    open: 'Open the desk',
    opened: 'Cash desk Hlavní pokladna opened on account 211001',
    receipt: 'New receipt',
    payment: 'New payment',
    amount: /^Amount/,
    purpose: 'Purpose',
    account: 'Account',
    save: 'Save',
    saved: (n: string) => new RegExp(`Document ${n} for .* saved`),
    balance: (v: string) => v,
    insufficient: /Cash desk HK holds 7500\.00 CZK; it cannot pay out 9000\.00/,
    cancelOf: (n: string) => `Cancel ${n}`,
    confirm: 'Cancel document',
    notPayer: 'Not a VAT payer',
    yearEnd: 'Year-end',
    csv: /^Balances/,
    check: 'Check',
    valid: 'Ready to post',
    imported: 'The opening balances are posted',
    closeYear: (y: number) => `Close ${y}`,
    closedToast: (y: number) => `The year ${y} is closed and the next one opened`,
  },
} as const;

for (const lang of ['cs', 'en'] as const) {
  describe(`cash book journey (${lang})`, () => {
    const w = WORDS[lang];
    const who = unique(`cash${lang}`);
    let ctx: BrowserContext;
    let page: Page;
    let slug = '';
    let owner: Awaited<ReturnType<typeof signUpViaApi>>;

    const closing = async () => (await page.getByTestId('cash-closing').textContent())?.replace(/\s/g, ' ').trim();

    beforeAll(async () => {
      owner = await signUpViaApi(suite.server.url, {
        email: who.email,
        password: PASSWORD,
        name: 'Eva Pokladní',
        firm: `Pokladna ${lang} s.r.o.`,
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

    /** Fills and sends the cash document form; resolves once the server answered. */
    async function writeDocument(kind: 'receipt' | 'payment', amount: string, account: string, purpose: string) {
      await page.getByRole('button', { name: kind === 'receipt' ? w.receipt : w.payment }).click();
      await page.getByLabel(w.amount).fill(amount);
      await page.getByLabel(w.purpose, { exact: true }).fill(purpose);
      await page.getByLabel(w.account, { exact: true }).selectOption(account);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/accounting/cash-documents') && r.request().method() === 'POST'),
        page.getByTestId('cash-save').click(),
      ]);
    }

    it('opens a cash desk', async () => {
      onTestFailed(() => screenshot(page, `accounting-cash-${lang}-failed-desk`));
      await page.goto(`${suite.server.url}/t/${slug}/accounting/cash`);
      await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
      await settled(page);
      await page.getByTestId('cash-new-desk').click();
      await page.getByLabel(w.name, { exact: true }).fill('Hlavní pokladna');
      await page.getByLabel(w.code).fill('hk');
      await page.getByRole('button', { name: w.open }).click();
      await page.getByText(w.opened).waitFor();
      await page.getByTestId('cash-new-receipt').waitFor();
    });

    it('writes a receipt and a payment with the balance after each', async () => {
      onTestFailed(() => screenshot(page, `accounting-cash-${lang}-failed-write`));
      await writeDocument('receipt', '10000', '411', 'Vklad do pokladny');
      await page.getByText(w.saved('HK-P\\d{4}-0001')).waitFor();
      await writeDocument('payment', '2500', '501', 'Kancelářské potřeby');
      await page.getByText(w.saved('HK-V\\d{4}-0001')).waitFor();
      await expect.poll(closing).toContain(w.balance('7,500.00'));
      await page.getByText('Kancelářské potřeby', { exact: true }).waitFor();
    });

    it('shows why a payment beyond the cash held is refused', async () => {
      onTestFailed(() => screenshot(page, `accounting-cash-${lang}-failed-refuse`));
      await writeDocument('payment', '9000', '501', 'Příliš mnoho');
      await page.getByRole('alert').filter({ hasText: w.insufficient }).waitFor();
      await page.getByRole('button', { name: lang === 'cs' ? 'Zrušit' : 'Cancel', exact: true }).click();
      await expect.poll(closing).toContain(w.balance('7,500.00'));
    });

    it('downloads the printed document and cancels the payment', async () => {
      onTestFailed(() => screenshot(page, `accounting-cash-${lang}-failed-cancel`));
      const number = (
        await page
          .getByText(/^HK-V\d{4}-0001/)
          .first()
          .textContent()
      )
        ?.trim()
        .slice(0, 13) as string;
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: lang === 'cs' ? `PDF dokladu ${number}` : `PDF of ${number}` }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe(`${number}.pdf`);
      expect(
        readFileSync((await pdf.path()) as string)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      await page.getByRole('button', { name: w.cancelOf(number) }).click();
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/cancel') && r.request().method() === 'POST'),
        page.getByRole('alertdialog').getByRole('button', { name: w.confirm }).click(),
      ]);
      await expect.poll(closing).toContain(w.balance('10,000.00'));
    });

    it('fits 390 px and has no WCAG 2.1 A/AA violation', async () => {
      onTestFailed(() => screenshot(page, `accounting-cash-${lang}-failed-390`));
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      // The element reaching furthest past the right edge, named so a failure says which one.
      const overflow = await page.evaluate(() => {
        let worst = { by: Number.NEGATIVE_INFINITY, what: '' };
        for (const el of document.querySelectorAll('.page *')) {
          const by = el.getBoundingClientRect().right - window.innerWidth;
          if (by > worst.by) worst = { by, what: `${el.tagName}.${el.className} "${el.textContent?.slice(0, 40)}"` };
        }
        return worst;
      });
      expect(overflow.by, overflow.what).toBeLessThanOrEqual(0);
      await screenshot(page, `accounting-cash-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('offers no VAT filings once the company profile says the firm is not a VAT payer', async () => {
      onTestFailed(() => screenshot(page, `accounting-cash-${lang}-failed-non-payer`));
      const profile = await owner.call('PUT', `/api/t/${slug}/profile`, {
        legalName: `Pokladna ${lang} s.r.o.`,
        ico: '27082440',
        vatPayer: false,
        street: 'Dlouhá 5',
        city: 'Brno',
        zip: '602 00',
        country: 'CZ',
        defaultCurrency: 'CZK',
        locale: lang,
      });
      expect(profile.status).toBe(200);
      await page.goto(`${suite.server.url}/t/${slug}/accounting/vat`);
      await page.getByText(w.notPayer, { exact: true }).waitFor();
      await settled(page);
      expect(await page.getByTestId('download-dphdp3.xml').isVisible()).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
    });

    it('checks and posts opening balances from a CSV, and closes the year', async () => {
      onTestFailed(() => screenshot(page, `accounting-cash-${lang}-failed-year-end`));
      const year = new Date().getUTCFullYear();
      await page.goto(`${suite.server.url}/t/${slug}/accounting/year-end`);
      await page.getByRole('heading', { level: 1, name: w.yearEnd }).waitFor();
      await settled(page);
      await page.getByLabel(w.csv).fill('013;5000,00;\n411;;5000,00');
      await page.getByRole('button', { name: w.check }).click();
      await page.getByText(w.valid).waitFor();
      await page.getByTestId('ye-import').click();
      await page.getByText(w.imported).first().waitFor();
      await page.getByTestId(`ye-close-${year}`).click();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/years/${year}/close`) && r.status() === 200),
        page
          .getByRole('alertdialog')
          .getByRole('button', { name: w.closeYear(year) })
          .click(),
      ]);
      await page.getByText(w.closedToast(year)).first().waitFor();
      await page.getByTestId(`ye-reopen-${year}`).waitFor();
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
