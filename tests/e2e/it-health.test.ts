/**
 * End-to-end, issue 16 items 6 and 9: the compliance report in the browser. A device's agent reports
 * an update 40 days old and its warranty ends in 10 days: in Czech the report lists it under both
 * findings and a shorter horizon drops it, then a health CSV import (a dry run with an unknown device
 * refused, the fixed file recorded) shows on the laptop's health tab; in English at 390 px the report,
 * the health tab and the import page fit the width, and axe finds nothing serious.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const suite = e2eSuite();

const dayFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** A firm with IT on and a laptop whose agent reported an update 40 days old; its warranty ends in 10 days. */
async function firmWithStaleLaptop(locale: 'cs' | 'en', name: string) {
  const u = unique(`ith${locale}`);
  const user = await signUpViaApi(suite.server.url, {
    email: u.email,
    password: PASSWORD,
    name,
    firm: `${name} s.r.o.`,
    slug: u.slug,
    locale,
  });
  expect((await user.call('PUT', `/api/t/${u.slug}/modules/it`, { confirm: true })).status).toBe(200);
  const asset = await user.call('POST', `/api/t/${u.slug}/it/assets`, {
    name: 'ThinkPad T14',
    category: 'Laptops',
    tag: 'NB-001',
    warrantyUntil: dayFromToday(10),
  });
  expect(asset.status).toBe(201);
  const health = await user.call('POST', `/api/t/${u.slug}/it/assets/health`, {
    readings: [
      {
        tag: 'NB-001',
        os: 'Windows 11',
        osVersion: '23H2',
        lastUpdateOn: dayFromToday(-40),
        patchState: 'updates_pending',
      },
    ],
  });
  expect(health.status).toBe(201);
  return { email: u.email, slug: u.slug };
}

describe('the compliance report', () => {
  it('in Czech lists a device not updated and a warranty ending, and a shorter horizon drops it', async () => {
    const f = await firmWithStaleLaptop('cs', 'Pavla Správcová');
    const ctx = await suite.browser.context({ locale: 'cs-CZ' });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'it-compliance-failed-cs'));
    await signInInBrowser(page, suite.server.url, f.email, PASSWORD);
    await page.goto(`${suite.server.url}/t/${f.slug}/it/compliance`);
    await page.getByRole('heading', { level: 1, name: 'Soulad' }).waitFor();
    const stale = page.locator('table', { has: page.locator('caption', { hasText: 'Neaktualizováno 30 dní' }) });
    await stale.getByText('NB-001').waitFor();
    await stale.locator('.badge', { hasText: 'Čekají aktualizace' }).waitFor();
    const warranty = page.locator('table', { has: page.locator('caption', { hasText: 'Záruka končí do 60 dní' }) });
    await warranty.getByText('NB-001').waitFor();
    expect(await page.getByRole('link', { name: 'Stáhnout CSV' }).getAttribute('href')).toContain('format=csv');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Záruka končí do (dní)').fill('5');
    await page.getByText('V této době žádná záruka nekončí').waitFor();
    await screenshot(page, 'it-compliance-cs');

    // The health CSV import: the dry run shows the unknown device's row and offers no import; the
    // fixed file records the reading, which the laptop's card then shows first.
    await page.getByRole('link', { name: 'Import stavu z CSV' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import stavu zařízení z CSV' }).waitFor();
    const file = (rows: string[]) => ({
      name: 'stav.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['Štítek;Operační systém;Verze;Poslední aktualizace;Stav aktualizací', ...rows].join('\n')),
    });
    const good = `NB-001;Windows 11;24H2;${dayFromToday(-1)};aktuální`;
    await page.getByLabel('Soubor CSV').setInputFiles(file([good, 'NB-999;Windows 10;22H2;;nepodporováno']));
    await page.getByRole('button', { name: 'Zkontrolovat soubor' }).click();
    const bad = page.locator('tbody tr', { hasText: 'NB-999' });
    await bad.locator('.badge', { hasText: 'Chyba' }).waitFor();
    expect(await bad.textContent()).toContain('tag');
    await page.getByText('1 záznam k zapsání · 1 řádek s chybou').waitFor();
    expect(await page.getByRole('button', { name: 'Importovat', exact: true }).count()).toBe(0);
    await page.getByLabel('Soubor CSV').setInputFiles(file([good]));
    await page.getByRole('button', { name: 'Zkontrolovat soubor' }).click();
    await page.getByRole('button', { name: 'Importovat', exact: true }).click();
    await page.getByText('Zapsán 1 záznam.').waitFor();
    await page.getByRole('link', { name: 'NB-001' }).click();
    await page.getByRole('tab', { name: 'Stav zařízení' }).waitFor();
    const readings = page.locator('table', { has: page.locator('caption', { hasText: 'Stav zařízení' }) });
    await expect.poll(() => readings.locator('tbody tr').count()).toBe(2);
    expect(await readings.locator('tbody tr').first().textContent()).toContain('Windows 11 24H2');
    await readings.locator('tbody tr').first().locator('.badge', { hasText: 'Aktuální' }).waitFor();
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('in English at 390 px fits the width', async () => {
    const f = await firmWithStaleLaptop('en', 'Emil Admin');
    const ctx = await suite.browser.context({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'it-compliance-failed-en'));
    await signInInBrowser(page, suite.server.url, f.email, PASSWORD);
    await page.goto(`${suite.server.url}/t/${f.slug}/it/compliance`);
    await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor();
    await page.getByText('Not updated in 30 days').first().waitFor();
    await page.getByText('NB-001').first().waitFor();
    await page.getByLabel('Not updated in (days)').fill('50');
    await page.getByText('Every reporting device took updates in time').waitFor();
    await settled(page);
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'it-compliance-390-en');

    // The laptop's health tab at 390 px: the agent's reading.
    await page
      .getByRole('link', { name: /NB-001/ })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Health' }).click();
    const readings = page.locator('table', { has: page.locator('caption', { hasText: 'Health' }) });
    await readings.locator('.badge', { hasText: 'Updates pending' }).waitFor();
    expect(await readings.locator('tbody tr').first().textContent()).toContain('Windows 11 23H2');
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'it-asset-health-390-en');
    // The import page fits too.
    await page.goto(`${suite.server.url}/t/${f.slug}/it/assets/health/import`);
    await page.getByRole('heading', { level: 1, name: 'Import device health from CSV' }).waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    await ctx.close();
  });
});
