/**
 * Issue 20, items 7 and 13, in Czech and English: a member clicking Settings sees only the sections
 * their role opens (read-only where they may only read, and a plain "not open to you" for a typed
 * address, never a toggle that fails); a page shows its skeleton at once while its code loads; and
 * logged-out pages never ask for /api/me (no 401 in the console). Item 6: the setup checklist on the
 * dashboard walks the owner through what is left and shows a member what their role lets them use.
 */
import type { Page, Route } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiUser,
  axeViolations,
  chooseFromMenu,
  e2eSuite,
  screenshot,
  settled,
  signInInBrowser,
  signUpViaApi,
  unique,
} from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const suite = e2eSuite();
let owner: ApiUser;
const firm = unique('clen');

/** Every 4xx/5xx answer and console error a page sees. */
function watchFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failures.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => failures.push(`pageerror: ${e.message}`));
  return failures;
}

/** A member (built-in role) of the owner's firm, created through the invitation link. */
async function addMember(locale: 'cs' | 'en') {
  const m = unique(`clen${locale}`);
  const inv = await owner.call('POST', `/api/t/${firm.slug}/invitations`, {
    email: m.email,
    role: 'member',
    confirm: true,
  });
  expect(inv.status).toBe(201);
  const token = new URL(inv.body.link).searchParams.get('token');
  const res = await fetch(`${suite.server.url}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: suite.server.url },
    body: JSON.stringify({ name: 'Petr Člen', password: PASSWORD, locale }),
  });
  expect(res.status).toBe(200);
  return m.email;
}

beforeAll(async () => {
  owner = await signUpViaApi(suite.server.url, {
    email: firm.email,
    password: PASSWORD,
    name: 'Jana Nováková',
    firm: 'Novák Stavby s.r.o.',
    slug: firm.slug,
    locale: 'cs',
  });
  expect((await owner.call('PUT', `/api/t/${firm.slug}/modules/accounting`, { confirm: true })).status).toBe(200);
}, 240_000);

const cases = [
  {
    locale: 'cs' as const,
    browserLocale: 'cs-CZ',
    settings: 'Nastavení',
    tabs: ['Firma', 'Adresář', 'Členové', 'Poskytovatelé', 'Záznamy', 'Zabezpečení'],
    readOnly: /měnit je může vlastník nebo správce/,
    noAccess: 'Sekce Moduly pro vás není přístupná',
  },
  {
    locale: 'en' as const,
    browserLocale: 'en-GB',
    settings: 'Settings',
    tabs: ['Company', 'Address book', 'Members', 'Providers', 'Records', 'Security'],
    readOnly: /an owner or admin changes them/,
    noAccess: 'Modules is not open to you',
  },
];

describe('a member clicking Settings (item 7)', () => {
  for (const c of cases) {
    it(`sees only what the role may use, and nothing fails (${c.locale})`, async () => {
      const email = await addMember(c.locale);
      const ctx = await suite.browser.context({ locale: c.browserLocale, viewport: { width: 390, height: 844 } });
      const page = await ctx.newPage();
      const failures = watchFailures(page);
      await signInInBrowser(page, suite.server.url, email, PASSWORD);
      await settled(page);
      await page.getByRole('button', { name: c.locale === 'cs' ? 'Otevřít nabídku' : 'Open menu' }).click();
      await page.locator('.sidebar').getByRole('link', { name: c.settings }).click();
      await page.waitForURL(`${suite.server.url}/t/${firm.slug}/settings/company`);
      await settled(page);
      expect(await page.locator('nav.tabs a').allTextContents()).toEqual(c.tabs);
      // Company: readable, nothing to change and no button that would answer 403.
      await expect.poll(() => page.getByTestId('read-only-note').textContent()).toMatch(c.readOnly);
      expect(await page.locator('main form button[type=submit]').count()).toBe(0);
      expect(await page.locator('main form :is(input, select, textarea, button):enabled:visible').count()).toBe(0);
      await screenshot(page, `first-hour-member-settings-${c.locale}`);
      for (const href of await page
        .locator('nav.tabs a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))) {
        await page.goto(`${suite.server.url}${href}`);
        await settled(page);
        expect(await page.getByTestId('settings-no-access').count()).toBe(0);
      }
      // Sections outside the role, typed or from an old link, say so and show no controls.
      for (const section of ['modules', 'roles', 'tokens', 'billing', 'audit', 'events']) {
        await page.goto(`${suite.server.url}/t/${firm.slug}/settings/${section}`);
        await settled(page);
        await page.getByTestId('settings-no-access').waitFor();
        expect(await page.locator('main .settings-body :is(input, select, button):enabled').count()).toBe(0);
      }
      await page.goto(`${suite.server.url}/t/${firm.slug}/settings/modules`);
      await expect.poll(() => page.getByTestId('settings-no-access').textContent()).toContain(c.noAccess);
      await page.goto(`${suite.server.url}/t/${firm.slug}/settings/records/exports`);
      await page.getByTestId('settings-no-access').waitFor();
      // /settings opens the first section the member may use.
      await page.goto(`${suite.server.url}/t/${firm.slug}/settings`);
      await page.waitForURL(`${suite.server.url}/t/${firm.slug}/settings/company`);
      await settled(page);
      expect(failures).toEqual([]);
      await ctx.close();
    }, 180_000);
  }
});

describe('loading and logged-out pages (item 13)', () => {
  it('logged-out pages do not ask for /api/me and log nothing', async () => {
    const ctx = await suite.browser.context({ locale: 'cs-CZ' });
    const page = await ctx.newPage();
    const failures = watchFailures(page);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/me') asked.push(r.url());
    });
    for (const path of ['/login', '/signup', '/reset']) {
      await page.goto(`${suite.server.url}${path}`);
      await page.locator('form').first().waitFor();
      await settled(page);
    }
    expect(asked).toEqual([]);
    expect(failures).toEqual([]);
    await ctx.close();
  }, 120_000);

  for (const c of cases) {
    it(`shows the skeleton at once while a page's code loads (${c.locale})`, async () => {
      const email = await addMember(c.locale);
      const ctx = await suite.browser.context({ locale: c.browserLocale });
      const page = await ctx.newPage();
      await signInInBrowser(page, suite.server.url, email, PASSWORD);
      await settled(page);
      // Hold every script the next page needs until the skeleton has been seen.
      const held: Route[] = [];
      let seen: () => void = () => {};
      const firstHeld = new Promise<void>((r) => (seen = r));
      let release = false;
      await page.route('**/*.js', async (route) => {
        if (release) return route.continue();
        held.push(route);
        seen();
      });
      await page.locator('.sidebar').getByRole('link', { name: c.settings }).click();
      await firstHeld;
      await page.locator('main .state-loading').waitFor();
      release = true;
      for (const route of held) await route.continue();
      await settled(page);
      await expect.poll(() => page.locator('main h1').first().textContent()).toBe(c.settings);
      await ctx.close();
    }, 120_000);
  }
});

describe('changing plan shows what will be invoiced (item 4)', () => {
  for (const c of [
    { locale: 'cs' as const, browserLocale: 'cs-CZ', yearly: 'Ročně', choose: 'Přejít', confirm: 'Změnit tarif' },
    { locale: 'en' as const, browserLocale: 'en-GB', yearly: 'Yearly', choose: 'Switch', confirm: 'Switch plan' },
  ]) {
    it(`yearly Business: the dialog's price is the card's, and its total the next invoice's (${c.locale})`, async () => {
      const f = unique(`plan${c.locale}`);
      const u = await signUpViaApi(suite.server.url, {
        email: f.email,
        password: PASSWORD,
        name: 'Eva Majitelka',
        firm: 'Majitelka s.r.o.',
        slug: f.slug,
        locale: c.locale,
      });
      const ctx = await suite.browser.context({ locale: c.browserLocale, viewport: { width: 390, height: 844 } });
      const page = await ctx.newPage();
      const failures = watchFailures(page);
      await signInInBrowser(page, suite.server.url, f.email, PASSWORD);
      await page.goto(`${suite.server.url}/t/${f.slug}/settings/billing`);
      await settled(page);
      await page.getByRole('button', { name: c.yearly, exact: true }).click();
      const card = page.locator('[data-plan="business"]');
      const cardPrice = (await card.locator('.plan-price .num').first().textContent())?.trim();
      expect(cardPrice).toBeTruthy();
      await card.getByRole('button', { name: c.choose }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByTestId('plan-preview-invoice').waitFor();
      await screenshot(page, `first-hour-plan-preview-${c.locale}`);
      expect((await dialog.getByTestId('plan-preview-recurring').locator('.num').first().textContent())?.trim()).toBe(
        cardPrice,
      );
      // The figures the dialog shows are the server's preview, and the preview is the next invoice.
      const api = await u.call('POST', `/api/t/${f.slug}/billing/plan/preview`, { plan: 'business', period: 'year' });
      expect(api.status).toBe(200);
      const dialogTotal = (await dialog.locator('.invoice-summary dd.total').textContent())?.trim();
      await dialog.getByRole('button', { name: c.confirm }).click();
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
      const after = await u.call('GET', `/api/t/${f.slug}/billing`);
      expect(after.body.nextInvoice).toEqual(api.body.nextInvoice);
      await expect.poll(() => page.locator('.invoice-summary dd.total').last().textContent()).toBe(dialogTotal);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(failures).toEqual([]);
      await ctx.close();
    }, 180_000);
  }
});

describe('the workspace switcher founds a new firm (item 8)', () => {
  for (const c of [
    {
      locale: 'cs' as const,
      browserLocale: 'cs-CZ',
      newFirm: 'Nová firma…',
      name: 'Název firmy',
      create: 'Založit firmu',
    },
    {
      locale: 'en' as const,
      browserLocale: 'en-GB',
      newFirm: 'New firm…',
      name: 'Firm name',
      create: 'Create the firm',
    },
  ]) {
    it(`derives the address without the legal form and opens the new firm (${c.locale})`, async () => {
      const f = unique(`zal${c.locale}`);
      await signUpViaApi(suite.server.url, {
        email: f.email,
        password: PASSWORD,
        name: 'Karel Zakladatel',
        firm: 'První firma s.r.o.',
        slug: f.slug,
        locale: c.locale,
      });
      const ctx = await suite.browser.context({ locale: c.browserLocale });
      const page = await ctx.newPage();
      const failures = watchFailures(page);
      await signInInBrowser(page, suite.server.url, f.email, PASSWORD);
      await chooseFromMenu(page, page.getByTestId('tenant-switcher'), page.getByTestId('new-firm'), (timeout) =>
        page.waitForURL(`${suite.server.url}/new-firm`, { timeout }),
      );
      const firmName = `Druhá ${f.slug} s.r.o.`;
      await page.getByLabel(c.name).fill(firmName);
      const slug = `druha-${f.slug}`.slice(0, 40);
      expect(await page.getByLabel(/Adresa prostoru|Workspace address/).inputValue()).toBe(slug);
      await page.getByRole('button', { name: c.create }).click();
      await page.waitForURL(`${suite.server.url}/t/${slug}`);
      await expect.poll(() => page.getByTestId('tenant-switcher').textContent()).toContain(firmName);
      // Both firms are in the switcher; the first still opens.
      await chooseFromMenu(
        page,
        page.getByTestId('tenant-switcher'),
        page.locator(`[data-tenant="${f.slug}"]`),
        (timeout) => page.waitForURL(`${suite.server.url}/t/${f.slug}`, { timeout }),
      );
      expect(failures).toEqual([]);
      await ctx.close();
    }, 120_000);
  }
});

describe('the setup checklist on the dashboard (item 6)', () => {
  const steps = (page: Page) =>
    page
      .locator('.setup-step')
      .evaluateAll((li) =>
        li.map((e) => `${e.getAttribute('data-step')}:${e.hasAttribute('data-done') ? 'done' : 'open'}`),
      );

  it('walks the owner to what is left, ticks a step once it is done, and is gone when all are (cs)', async () => {
    const ctx = await suite.browser.context({ locale: 'cs-CZ' });
    const page = await ctx.newPage();
    const failures = watchFailures(page);
    await signInInBrowser(page, suite.server.url, firm.email, PASSWORD);
    await page.getByRole('heading', { name: 'Začínáme' }).waitFor();
    // Accounting is on and a colleague was invited earlier in this file; the profile and the bank are left.
    await expect.poll(() => steps(page)).toEqual(['profile:open', 'bank:open', 'modules:done', 'people:done']);
    expect(await page.locator('.setup-checklist').getByText('Hotovo 2 z 4').count()).toBe(1);
    await page.locator('[data-step="profile"]').getByRole('link', { name: 'Vyplnit' }).click();
    await page.waitForURL(`${suite.server.url}/t/${firm.slug}/settings/company`);
    const profile = {
      legalName: 'Novák Stavby s.r.o.',
      ico: '25596641',
      street: 'Náměstí 1',
      city: 'Brno',
      zip: '602 00',
      country: 'CZ',
      defaultCurrency: 'CZK',
      locale: 'cs',
    };
    expect((await owner.call('PUT', `/api/t/${firm.slug}/profile`, profile)).status).toBe(200);
    await page.goto(`${suite.server.url}/t/${firm.slug}`);
    await expect.poll(() => steps(page)).toEqual(['profile:done', 'bank:open', 'modules:done', 'people:done']);
    await screenshot(page, 'first-hour-setup-cs');
    const bank = [{ accountNumber: '19-2000145399/0800', currency: 'CZK', isDefault: true }];
    expect((await owner.call('PUT', `/api/t/${firm.slug}/profile`, { ...profile, bankAccounts: bank })).status).toBe(
      200,
    );
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await settled(page);
    expect(await page.locator('.setup-checklist').count()).toBe(0);
    expect(failures).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('shows a member what their role lets them use, at 390 px, with nothing for axe (en)', async () => {
    const email = await addMember('en');
    const ctx = await suite.browser.context({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await signInInBrowser(page, suite.server.url, email, PASSWORD);
    await page.getByRole('heading', { name: 'What you can do here' }).waitFor();
    await expect.poll(() => page.locator('.setup-checklist [data-module]').allTextContents()).toEqual(['Accounting']);
    expect(await page.locator('.setup-step').count()).toBe(0);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'first-hour-setup-member-390-en');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.setup-checklist [data-module="accounting"] a').click();
    await page.waitForURL(`${suite.server.url}/t/${firm.slug}/accounting`);
    await ctx.close();
  }, 120_000);
});
