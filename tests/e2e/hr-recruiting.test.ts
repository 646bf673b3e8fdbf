/**
 * End-to-end: the recruiting journey of the HR module in Chromium, in Czech and in English:
 * an opening → a candidate on the board → moved through the stages → an offer → hired → the new
 * employee's card with the onboarding checklist of the position, a task ticked off. The board fits
 * 390 px; axe-core finds no WCAG 2.1 A/AA violation on the board and the checklist; the org chart nests the
 * hire under the hiring manager.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();

const WORDS = {
  cs: {
    newOpening: 'Nová pozice',
    title: 'Název',
    position: 'Pozice (pro nástupní proces)',
    manager: 'Vedoucí, který přijímá',
    create: 'Vytvořit',
    addCandidate: 'Přidat uchazeče',
    firstName: 'Jméno',
    lastName: 'Příjmení',
    email: 'E-mail',
    applied: 'Přihlášen',
    interview: 'Pohovor',
    moveTo: 'Přesunout',
    offer: 'Předložit nabídku',
    startDate: 'Datum nástupu (RRRR-MM-DD)',
    salary: 'Měsíční mzda (Kč)',
    hire: 'Přijmout',
    hired: 'Přijat',
    openEmployee: 'Otevřít kartu zaměstnance',
    onboarding: 'Nástup',
  },
  en: {
    newOpening: 'New opening',
    title: 'Title',
    position: 'Position (for onboarding)',
    manager: 'Hiring manager',
    create: 'Create',
    addCandidate: 'Add a candidate',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    applied: 'Applied',
    interview: 'Interview',
    moveTo: 'Move',
    offer: 'Make an offer',
    startDate: 'Start date (YYYY-MM-DD)',
    salary: 'Monthly salary (CZK)',
    hire: 'Hire',
    hired: 'Hired',
    openEmployee: 'Open the employee card',
    onboarding: 'Onboarding',
  },
} as const;

for (const lang of ['cs', 'en'] as const) {
  describe(`recruiting journey (${lang})`, () => {
    const w = WORDS[lang];
    const who = unique(`hire${lang}`);
    let ctx: BrowserContext;
    let page: Page;
    let slug = '';
    const candidate = lang === 'cs' ? { first: 'Jana', last: 'Nová' } : { first: 'Jane', last: 'Newman' };
    const name = `${candidate.first} ${candidate.last}`;

    beforeAll(async () => {
      const owner = await signUpViaApi(suite.server.url, {
        email: who.email,
        password: PASSWORD,
        name: 'Hana Personalistka',
        firm: `Nábor ${lang} s.r.o.`,
        slug: who.slug,
        locale: lang,
      });
      slug = owner.tenant.slug;
      const enabled = await owner.call('PUT', `/api/t/${slug}/modules/hr`, { confirm: true });
      expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
      const manager = await owner.call('POST', `/api/t/${slug}/hr/employees`, {
        firstName: 'Marek',
        lastName: 'Vedoucí',
        startDate: '2025-01-01',
        contract: { type: 'hpp', monthlySalary: '80000' },
      });
      expect(manager.status, JSON.stringify(manager.body)).toBe(201);
      const template = await owner.call('POST', `/api/t/${slug}/hr/onboarding/templates`, {
        name: lang === 'cs' ? 'Nástup účetní' : 'Accountant onboarding',
        position: 'Accountant',
        tasks: [
          { title: lang === 'cs' ? 'Notebook a účty' : 'Laptop and accounts', assignee: 'it', dueDays: -1 },
          { title: lang === 'cs' ? 'Seznámit s týmem' : 'Meet the team', assignee: 'manager', dueDays: 0 },
        ],
      });
      expect(template.status, JSON.stringify(template.body)).toBe(201);
      ctx = await suite.browser.context({ locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
      page = await ctx.newPage();
      await signInInBrowser(page, suite.server.url, who.email, PASSWORD);
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('opens a position and adds a candidate to the first stage of the board', async () => {
      onTestFailed(() => screenshot(page, `hr-recruiting-${lang}-failed-opening`));
      await page.goto(`${suite.server.url}/t/${slug}/hr/recruiting`);
      await page.getByRole('button', { name: w.newOpening }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(w.title).fill(lang === 'cs' ? 'Účetní' : 'Accountant');
      await dialog.getByLabel(w.position).fill('Accountant');
      await expect.poll(() => dialog.getByLabel(w.manager).locator('option').count()).toBeGreaterThan(1);
      await dialog.getByLabel(w.manager).selectOption({ label: 'Marek Vedoucí' });
      await dialog.getByRole('button', { name: w.create }).click();
      await page.waitForURL(/\/hr\/recruiting\/openings\/[0-9a-f-]{36}$/);
      await settled(page);

      await page.getByRole('button', { name: w.addCandidate }).click();
      const add = page.getByRole('dialog');
      await add.getByLabel(w.firstName).fill(candidate.first);
      await add.getByLabel(w.lastName).fill(candidate.last);
      await add.getByLabel(w.email, { exact: true }).fill(`${who.slug}@example.cz`);
      await add.getByRole('button', { name: w.addCandidate }).click();
      await add.waitFor({ state: 'detached' });
      const applied = page.getByRole('region', { name: w.applied });
      await applied.getByRole('link', { name }).waitFor();
    });

    it('moves the candidate to the interview stage; the board fits 390 px', async () => {
      onTestFailed(() => screenshot(page, `hr-recruiting-${lang}-failed-board`));
      await page.getByLabel(`${w.moveTo} ${name}`, { exact: false }).selectOption({ label: w.interview });
      const interview = page.getByRole('region', { name: w.interview });
      await interview.getByRole('link', { name }).waitFor();
      expect(await page.getByRole('region', { name: w.applied }).getByRole('link', { name }).count()).toBe(0);
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      // Every element of the page (the shell's e-mail banner aside) stays within the 390 px.
      const overflow = await page.evaluate(() =>
        Math.max(
          ...[...document.querySelectorAll('.detail-page *')].map(
            (el) => el.getBoundingClientRect().right - window.innerWidth,
          ),
        ),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `hr-recruiting-board-${lang}-390`, true);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('offers and hires: the new employee’s card shows the onboarding checklist the hire started', async () => {
      onTestFailed(() => screenshot(page, `hr-recruiting-${lang}-failed-hire`));
      await page.getByRole('region', { name: w.interview }).getByRole('link', { name }).click();
      await page.waitForURL(/\/hr\/recruiting\/candidates\/[0-9a-f-]{36}$/);
      await settled(page);
      await page.getByRole('button', { name: w.offer }).click();
      const offer = page.getByRole('alertdialog');
      await offer.getByLabel(w.startDate).fill('2030-01-02');
      await offer.getByLabel(w.salary).fill('52000');
      await offer.getByRole('button', { name: w.offer }).click();
      await offer.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: w.hire, exact: true }).click();
      await page.locator('.badge', { hasText: w.hired }).first().waitFor();
      await page.getByRole('link', { name: w.openEmployee }).click();
      await page.waitForURL(/\/hr\/employees\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByRole('tab', { name: w.onboarding }).click();
      const tasks = page.getByTestId('onboarding-tasks');
      await tasks.waitFor();
      expect(await tasks.locator('li').count()).toBe(2);
      // IT ticks its task off (the owner holds every permission).
      const laptop = lang === 'cs' ? 'Notebook a účty' : 'Laptop and accounts';
      await tasks.getByText(laptop).click();
      await page.locator('.badge', { hasText: lang === 'cs' ? 'Hotovo 1 z 2' : '1 of 2 done' }).waitFor();
      await screenshot(page, `hr-onboarding-${lang}`);
      expect(await axeViolations(page)).toEqual([]);
    });

    it('shows the hire under the hiring manager in the org chart', async () => {
      onTestFailed(() => screenshot(page, `hr-recruiting-${lang}-failed-org`));
      await page.goto(`${suite.server.url}/t/${slug}/hr/org-chart`);
      const chart = page.getByTestId('org-chart');
      await chart.waitFor();
      const marek = chart.locator('li', { has: page.getByRole('link', { name: 'Marek Vedoucí' }) });
      await marek.locator('ul').getByRole('link', { name }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
}
