/**
 * End-to-end: the shared address book (Settings → Address book), in Czech (the demo firm's owner)
 * and in English (a new firm signed up in English):
 * - a company with a wrong IČO is refused by the field, in the reader's language; with the right one
 *   it is saved and its page shows it;
 * - the list finds it on the server by IČO and by a word of its name;
 * - accounting takes it as a customer from the address book picker (Customers & vendors → Add customer);
 * - the list fits 390 px and axe-core finds no violation.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const DEMO = { firm: 'demo-firm', password: 'bureau-demo' };

const suite = e2eSuite({ BUREAU_DEMO: '1' });

interface Words {
  locale: string;
  newParty: string;
  name: string;
  save: string;
  badIco: string;
  search: string;
  addCustomer: string;
  fromBook: string;
  saveCustomer: string;
}

const CS: Words = {
  locale: 'cs-CZ',
  newParty: 'Nová firma nebo osoba',
  name: 'Název',
  save: 'Přidat do adresáře',
  badIco: 'Neplatné IČO (nesedí kontrolní číslice)',
  search: 'Hledat podle názvu, IČO, DIČ nebo e-mailu',
  addCustomer: 'Přidat odběratele',
  fromBook: 'Z adresáře',
  saveCustomer: 'Uložit odběratele',
};
const EN: Words = {
  locale: 'en-GB',
  newParty: 'New company or person',
  name: 'Name',
  save: 'Add to the address book',
  badIco: 'Not a valid IČO (the check digit does not match)',
  search: 'Search by name, IČO, DIČ or e-mail',
  addCustomer: 'Add customer',
  fromBook: 'From the address book',
  saveCustomer: 'Save customer',
};

/** Adds a company through the form: a wrong IČO first (refused by the field), then the right one. */
async function addCompany(page: Page, base: string, w: Words, company: { name: string; ico: string; bad: string }) {
  await page.goto(`${base}/settings/parties`);
  await page.getByRole('link', { name: w.newParty }).first().click();
  await page.getByLabel(w.name, { exact: true }).first().fill(company.name);
  await page.getByLabel('IČO', { exact: false }).first().fill(company.bad);
  await page.getByRole('button', { name: w.save }).click();
  await page.getByText(w.badIco).waitFor();
  await page.getByLabel('IČO', { exact: false }).first().fill(company.ico);
  await page.getByRole('button', { name: w.save }).click();
  await page.waitForURL(/\/settings\/parties\/[0-9a-f-]{36}/);
  await page.getByRole('heading', { name: company.name }).waitFor();
}

/** Finds it in the list by IČO and by a word of its name (server-side search). */
async function findCompany(page: Page, base: string, w: Words, company: { name: string; ico: string; word: string }) {
  await page.goto(`${base}/settings/parties`);
  const search = page.getByRole('searchbox', { name: w.search });
  for (const q of [company.ico, company.word]) {
    await search.fill(q);
    await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(q)}`);
    await settled(page);
    await expect
      .poll(() => page.locator('.resource-list tbody tr').allTextContents())
      .toEqual([expect.stringContaining(company.name)]);
  }
}

/** Accounting takes it as a customer from the address book picker; it is then in the customer list. */
async function useAsCustomer(page: Page, base: string, w: Words, company: { name: string; ico: string }) {
  await page.goto(`${base}/accounting/partners`);
  await page.getByRole('button', { name: w.addCustomer }).click();
  await page.getByLabel(w.fromBook).fill(company.ico);
  await page.getByRole('button', { name: new RegExp(company.name) }).click();
  await expect.poll(() => page.getByLabel(w.name, { exact: true }).first().inputValue()).toBe(company.name);
  await page.getByRole('button', { name: w.saveCustomer }).click();
  await page.locator('tbody tr', { hasText: company.name }).first().waitFor();
}

async function journey(
  page: Page,
  base: string,
  w: Words,
  tag: string,
  company: { name: string; ico: string; bad: string; word: string },
) {
  await addCompany(page, base, w, company);
  await findCompany(page, base, w, company);

  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, `settings-parties-390-${tag}`);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1360, height: 860 });
  await useAsCustomer(page, base, w, company);
}

describe('address book', () => {
  let ctx: BrowserContext;
  afterAll(() => ctx?.close());

  it('in Czech: adds a company with its IČO, finds it by IČO and name, fits 390 px', async () => {
    ctx = await suite.browser.context({ locale: CS.locale });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'parties-failed-cs').then(() => undefined));
    await signInInBrowser(page, suite.server.url, 'owner@demo-firm.example', DEMO.password);
    await journey(page, `${suite.server.url}/t/${DEMO.firm}`, CS, 'cs', {
      name: 'Žluťoučký kůň s.r.o.',
      ico: '25596641',
      bad: '25596642',
      word: 'žluťoučký',
    });
  });

  it('in English: the same for a firm signed up in English', async () => {
    const id = unique('book');
    const user = await signUpViaApi(suite.server.url, {
      email: id.email,
      password: 'correct horse battery',
      name: 'Eve Example',
      firm: 'Example Ltd',
      slug: id.slug,
      locale: 'en',
    });
    expect((await user.call('PUT', `/api/t/${user.tenant.slug}/modules/accounting`, { confirm: true })).status).toBe(
      200,
    );
    const en = await suite.browser.context({ locale: EN.locale });
    const page = await en.newPage();
    onTestFailed(() => screenshot(page, 'parties-failed-en').then(() => undefined));
    await signInInBrowser(page, suite.server.url, id.email, 'correct horse battery');
    await journey(page, `${suite.server.url}/t/${user.tenant.slug}`, EN, 'en', {
      name: 'Gamma Trading a.s.',
      ico: '27082440',
      bad: '27082441',
      word: 'trading',
    });
    await en.close();
  });
});
