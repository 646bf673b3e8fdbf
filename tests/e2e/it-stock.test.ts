/**
 * End-to-end, issue 16 items 2-3: accessories, consumables and licences in the browser. In Czech:
 * an accessory is registered with a minimum, lent to a member (it runs low), taken back; a licence
 * with one seat is given to the member and a second seat is refused. In English at 390 px: with HR
 * enabled, a laptop is checked out to an employee, the employee leaves, and the return checklist
 * takes it back and closes; the pages fit the width and axe finds nothing serious.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';
// Background jobs on: HR's leaving reaches IT through the outbox.
const suite = e2eSuite({}, { backgroundJobs: true });

async function firm(locale: 'cs' | 'en', name: string, modules: string[]) {
  const u = unique(`its${locale}`);
  const user = await signUpViaApi(suite.server.url, {
    email: u.email,
    password: PASSWORD,
    name,
    firm: `${name} s.r.o.`,
    slug: u.slug,
    locale,
  });
  for (const m of modules)
    expect((await user.call('PUT', `/api/t/${u.slug}/modules/${m}`, { confirm: true })).status).toBe(200);
  return { ...user, email: u.email, slug: u.slug };
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const uuidPath = (path: string) => new RegExp(`${path}/[0-9a-f-]{36}`);

describe('accessories and licences in Czech', () => {
  it('an accessory lent runs low and comes back; a licence seat is given, the second refused', async () => {
    const f = await firm('cs', 'Pavla Správcová', ['it']);
    const ctx = await suite.browser.context({ locale: 'cs-CZ' });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'it-stock-failed-cs'));
    await signInInBrowser(page, suite.server.url, f.email, PASSWORD);
    const base = `${suite.server.url}/t/${f.slug}/it`;
    const me = `Pavla Správcová (${f.email})`;

    await page.goto(`${base}/stock/new`);
    await page.getByLabel(/^Název/).fill('Dokovací stanice USB-C');
    await page.getByLabel(/^Množství/).fill('2');
    await page.getByLabel(/^Minimum/).fill('1');
    await page.getByRole('button', { name: 'Zaevidovat položku' }).click();
    await page.waitForURL(uuidPath('/it/stock'));
    await page.getByRole('heading', { level: 1, name: 'Dokovací stanice USB-C' }).waitFor();
    await page.getByLabel(/^Člen/).selectOption({ label: me });
    await page.getByRole('button', { name: 'Půjčit' }).click();
    await page.getByText('1 ks').first().waitFor();
    await page.goto(`${base}/stock?low=true`);
    await page.locator('.resource-list tbody tr', { hasText: 'Dokovací stanice USB-C' }).waitFor();
    await page.locator('.badge', { hasText: 'Dochází' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Dokovací stanice USB-C' }).first().click();
    await page.waitForURL(uuidPath('/it/stock'));
    await page.getByRole('tab', { name: 'Výpůjčky' }).click();
    await page.getByRole('button', { name: 'Převzít zpět' }).click();
    await page.getByText('Převzato zpět').first().waitFor();

    await page.goto(`${base}/licences/new`);
    await page.getByLabel(/^Název/).fill('Microsoft 365');
    await page.getByLabel(/^Míst/).fill('1');
    await page.getByRole('button', { name: 'Zaevidovat licenci' }).click();
    await page.waitForURL(uuidPath('/it/licences'));
    await page.getByRole('heading', { level: 1, name: 'Microsoft 365' }).waitFor();
    await page.getByLabel(/^Člen/).selectOption({ label: me });
    await page.getByRole('button', { name: 'Přidělit místo' }).click();
    await page.locator('.badge', { hasText: 'Bez volného místa' }).first().waitFor();
    // The form is gone with the last seat; the API refuses another (the database would too).
    expect(await page.getByRole('button', { name: 'Přidělit místo' }).count()).toBe(0);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'it-licence-cs');
    await ctx.close();
  });
});

describe('a leaver’s equipment in English at 390 px', () => {
  it('checked out to an HR employee, back through the return checklist, closed', async () => {
    const f = await firm('en', 'Emil Admin', ['hr', 'it']);
    const hired = await f.call('POST', `/api/t/${f.slug}/hr/employees`, {
      firstName: 'Klara',
      lastName: 'Novak',
      startDate: '2026-01-05',
      contract: { type: 'dpc', hourlyRate: '250', weeklyHours: 10 },
    });
    expect(hired.status).toBe(201);
    const employeeId = (hired.body as { id: string }).id;
    const asset = await f.call('POST', `/api/t/${f.slug}/it/assets`, { name: 'MacBook Air', category: 'Laptops' });
    const assetId = (asset.body as { id: string }).id;

    const ctx = await suite.browser.context({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'it-returns-failed-en'));
    await signInInBrowser(page, suite.server.url, f.email, PASSWORD);
    const base = `${suite.server.url}/t/${f.slug}/it`;

    await page.goto(`${base}/assets/${assetId}/checkout`);
    await page.getByLabel(/^To/).selectOption({ label: 'An employee (HR)' });
    await page.getByLabel(/^Employee/).selectOption({ label: 'Klara Novak' });
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.waitForURL(/tab=checkouts/);
    await page.getByText('Klara Novak').first().waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);

    expect(
      (await f.call('POST', `/api/t/${f.slug}/hr/employees/${employeeId}/terminate`, { endDate: '2026-06-30' })).status,
    ).toBe(200);
    await page.goto(`${base}/returns`);
    // The leaving reaches IT through the outbox, delivered in the background.
    await expect
      .poll(
        async () => {
          await page.reload();
          await settled(page);
          return page.getByRole('link', { name: 'Klara Novak' }).count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Klara Novak' }).click();
    await page.waitForURL(uuidPath('/it/returns'));
    await page.getByText('1 item to return').waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Take back' }).click();
    await page.getByText('Everything is back.').waitFor();
    await page.getByRole('button', { name: 'Close the checklist' }).click();
    await page
      .getByText(/^Closed/)
      .first()
      .waitFor();
    await screenshot(page, 'it-returns-390-en');
    await ctx.close();
  });
});
