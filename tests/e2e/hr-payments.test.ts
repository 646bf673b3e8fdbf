/**
 * End-to-end: a pay run's payments in Chromium, in Czech and in English. The employer fills the payment
 * settings (the account salaries are paid from, the payday, ČSSZ's account at the OSSZ with its variable
 * symbol, VZP's account, the tax office's accounts), then the approved March 2026 run of issue 13's
 * worked example HPP 50,000 lists its payments: net 39,270 to the employee, 15,950 to ČSSZ, 6,750 to
 * VZP and the tax advance 4,930 to the tax office, with the pain.001 and ABO downloads. At 390 px with
 * axe-core finding nothing. (Accounts of the authorities are made up with valid check digits.)
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();

const WORDS = {
  cs: {
    settings: 'Nastavení plateb',
    account: 'Účet',
    payDay: 'Výplatní termín (den dalšího měsíce)',
    ossz: 'Účet OSSZ',
    vs: 'Variabilní symbol',
    addInsurer: 'Přidat pojišťovnu',
    insurerAccount: 'Účet pojišťovny',
    advances: 'Účet pro zálohy na daň',
    save: 'Uložit nastavení',
    saved: 'Nastavení plateb uloženo',
    payments: 'Platby',
    cssz: '15 950,00 Kč',
    net: '39 270,00 Kč',
    pain001: 'Stáhnout pain.001 (XML)',
    abo: 'Stáhnout ABO (KPC)',
  },
  en: {
    settings: 'Payment settings',
    account: 'Account',
    payDay: 'Payday (day of the next month)',
    ossz: 'OSSZ account',
    vs: 'Variable symbol',
    addInsurer: 'Add an insurer',
    insurerAccount: 'Insurer’s account',
    advances: 'Account for tax advances',
    save: 'Save settings',
    saved: 'Payment settings saved',
    payments: 'Payments',
    cssz: 'CZK 15,950.00',
    net: 'CZK 39,270.00',
    pain001: 'Download pain.001 (XML)',
    abo: 'Download ABO (KPC)',
  },
} as const;

for (const lang of ['cs', 'en'] as const) {
  describe(`pay run payments (${lang})`, () => {
    const w = WORDS[lang];
    const who = unique(`pay${lang}`);
    let ctx: BrowserContext;
    let page: Page;
    let slug = '';
    let runId = '';

    beforeAll(async () => {
      const owner = await signUpViaApi(suite.server.url, {
        email: who.email,
        password: PASSWORD,
        name: 'Hana Mzdová',
        firm: `Platby ${lang} s.r.o.`,
        slug: who.slug,
        locale: lang,
      });
      slug = owner.tenant.slug;
      const enabled = await owner.call('PUT', `/api/t/${slug}/modules/hr`, { confirm: true });
      expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
      const e = await owner.call('POST', `/api/t/${slug}/hr/employees`, {
        firstName: 'Adam',
        lastName: 'Padesát',
        startDate: '2026-01-01',
        bankAccount: '2000145399/0800',
        healthInsurer: '111',
        taxDeclaration: true,
        contract: { type: 'hpp', monthlySalary: '50000' },
      });
      expect(e.status, JSON.stringify(e.body)).toBe(201);
      const run = await owner.call('POST', `/api/t/${slug}/hr/payroll/runs`, { period: '2026-03' });
      runId = run.body.id;
      for (const step of ['calculate', 'approve'])
        expect((await owner.call('POST', `/api/t/${slug}/hr/payroll/runs/${runId}/${step}`, {})).status).toBe(200);
      ctx = await suite.browser.context({ locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
      page = await ctx.newPage();
      await signInInBrowser(page, suite.server.url, who.email, PASSWORD);
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('fills the payment settings', async () => {
      onTestFailed(() => screenshot(page, `hr-payments-${lang}-failed-settings`));
      await page.goto(`${suite.server.url}/t/${slug}/hr/payroll`);
      await page.getByRole('link', { name: w.settings }).click();
      await page.waitForURL(/\/hr\/payroll\/settings$/);
      await page.getByLabel(w.account, { exact: true }).first().fill('19-2000145399/0800');
      await page.getByLabel(w.payDay).fill('12');
      await page.getByLabel(w.ossz).fill('21012-2001190079/0710');
      await page.getByLabel(w.vs).nth(0).fill('1234567890');
      await page.getByRole('button', { name: w.addInsurer }).click();
      await page.getByLabel(w.insurerAccount).fill('1111111111/0710');
      await page.getByLabel(w.vs).nth(1).fill('0012345600');
      await page.getByLabel(w.advances).fill('713-77628031/0710');
      await page.getByLabel(w.vs).nth(2).fill('12345678');
      await page.getByRole('button', { name: w.save }).click();
      await page.getByText(w.saved).first().waitFor();
    });

    it('lists the approved run’s payments with the files to download', async () => {
      onTestFailed(() => screenshot(page, `hr-payments-${lang}-failed-run`));
      await page.goto(`${suite.server.url}/t/${slug}/hr/payroll/${runId}`);
      await page.getByRole('tab', { name: w.payments }).click();
      const cssz = page.getByRole('row', { name: /Česká správa sociálního zabezpečení/ });
      await cssz.getByText(w.cssz).waitFor();
      await cssz.getByText('21012-2001190079/0710').waitFor();
      await page
        .getByRole('row', { name: /Adam Padesát/ })
        .getByText(w.net)
        .waitFor();
      const pain = page.getByRole('link', { name: w.pain001 });
      const res = await page.request.get(new URL((await pain.getAttribute('href')) ?? '', suite.server.url).toString());
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain('<CtrlSum>66900.00</CtrlSum>');
      const abo = page.getByRole('link', { name: w.abo });
      const kpc = await page.request.get(new URL((await abo.getAttribute('href')) ?? '', suite.server.url).toString());
      expect(kpc.status()).toBe(200);
      expect(await kpc.text()).toMatch(/^UHL1/);
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, `hr-run-payments-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
}
