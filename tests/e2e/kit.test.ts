/**
 * End-to-end: the UI kit's list, inputs, labels and scanner on a real page (the demo firm's sales
 * invoices), in Czech, as a bookkeeper would use them:
 * - search and a status filter narrow the list on the server; the query lives in the URL; a filter
 *   that matches nothing offers to clear it;
 * - a date typed the Czech way (1. 1. 2099) filters by issue date;
 * - a column header sorts (aria-sort), the CSV export downloads exactly the filtered rows;
 * - two invoices chosen → barcode labels as a PDF;
 * - a keyboard-wedge scan of an invoice number opens that invoice, the same keys typed slowly do not;
 * - the page fits 390 px and axe-core finds no violation.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, scanKeys, screenshot, settled, signInInBrowser } from './harness.ts';

const DEMO = { firm: 'demo-firm', password: 'bureau-demo' };

const suite = e2eSuite({ BUREAU_DEMO: '1' });
let ctx: BrowserContext;
let page: Page;

beforeAll(async () => {
  ctx = await suite.browser.context({ locale: 'cs-CZ' });
  page = await ctx.newPage();
  await signInInBrowser(page, suite.server.url, 'owner@demo-firm.example', DEMO.password);
}, 240_000);

afterAll(async () => {
  await ctx?.close();
});

const invoices = () => `${suite.server.url}/t/${DEMO.firm}/accounting/invoices`;
const rows = () => page.locator('.resource-list tbody tr');
const numbers = async () =>
  (await page.locator('.resource-list tbody tr a.mono').allTextContents()).map((s) => s.trim());

/** A screenshot of the page when a step fails (test-artifacts/screenshots/kit-failed-*.png). */
const shootOnFailure = (name: string) => onTestFailed(() => screenshot(page, `kit-failed-${name}`));

describe('the UI kit on the invoice list', () => {
  it('searches and filters on the server, keeps the query in the URL, and offers a way out of no match', async () => {
    shootOnFailure('search');
    await page.goto(invoices());
    await page.getByRole('heading', { level: 1, name: 'Faktury vydané' }).waitFor();
    await rows().first().waitFor();
    const all = await rows().count();
    expect(all).toBeGreaterThanOrEqual(4);

    await page.getByRole('group', { name: 'Stav' }).getByRole('button', { name: 'Uhrazené', exact: true }).click();
    await page.waitForURL(/status=paid/);
    await settled(page);
    const paid = await rows().count();
    expect(paid).toBeGreaterThan(0);
    expect(paid).toBeLessThan(all);
    expect(await page.locator('.resource-list tbody .badge').allTextContents()).toEqual(Array(paid).fill('Uhrazené'));

    await page.getByRole('searchbox').fill('zzz-nic-takoveho');
    await page.waitForURL(/q=zzz/);
    await page.getByText('Nic neodpovídá').waitFor();
    await page.getByRole('button', { name: 'Zrušit filtry' }).click();
    await page.waitForURL((u) => !u.search.includes('q=') && !u.search.includes('status='));
    await expect.poll(() => rows().count()).toBe(all);
  });

  it('filters by a date typed the Czech way', async () => {
    shootOnFailure('date');
    const from = page.getByLabel('Od', { exact: true });
    await from.fill('1. 1. 2099');
    await page.waitForURL(/from=2099-01-01/);
    await page.getByText('Nic neodpovídá').waitFor();
    await from.fill('');
    await page.waitForURL((u) => !u.search.includes('from='));
    await rows().first().waitFor();
    await from.fill('31.2.2026');
    await from.blur();
    await page.getByText('Zadejte datum ve tvaru dd.mm.rrrr').waitFor();
    await from.fill('');
  });

  it('sorts by a column and exports exactly the filtered rows as CSV with Czech headers', async () => {
    shootOnFailure('sort');
    await page.goto(invoices());
    await rows().first().waitFor();
    await page.getByRole('button', { name: /^Celkem/ }).click();
    await page.waitForURL(/sort=total/);
    await settled(page);
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toContain('Celkem');
    const shown = await numbers();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await download;
    const csv = readFileSync((await file.path()) as string, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toContain('Číslo,Odběratel,Datum vystavení');
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(shown);
    const totals = csv.slice(1).map((l) => Number(l.split(',')[5]));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  it('prints barcode labels for chosen invoices as a PDF', async () => {
    shootOnFailure('labels');
    await page.goto(invoices());
    await rows().first().waitFor();
    const boxes = page.locator('.resource-list tbody input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByText('vybrány 2').waitFor();
    await page.getByRole('button', { name: 'Tisk štítků' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tisk 2 štítků' });
    await dialog.waitFor();
    await dialog.getByLabel('Typ kódu').selectOption('qrcode');
    await dialog.getByLabel('Arch nebo role štítků').selectOption('roll-50x25');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Stáhnout PDF' }).click();
    const pdf = readFileSync((await (await download).path()) as string);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBe(2);
    await page.getByRole('button', { name: 'Zrušit výběr' }).click();
  });

  it('opens the invoice a scanner reads, but not the same keys typed by a person', async () => {
    shootOnFailure('scan');
    await page.goto(invoices());
    await rows().first().waitFor();
    const number = (await numbers())[0] as string;
    const search = page.getByRole('searchbox');
    await search.click();
    await page.keyboard.type(number, { delay: 120 });
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    await settled(page);
    expect(page.url()).toMatch(/\/accounting\/invoices\?/);
    await search.fill('');
    await page.waitForURL((u) => !u.search.includes('q='));
    await settled(page);
    await search.click();
    await scanKeys(page, number);
    await page.waitForURL(/\/accounting\/invoices\/[0-9a-f-]{36}/);
    await page.locator('.paper').waitFor();
  });

  it('fits 390 px and passes axe-core', async () => {
    shootOnFailure('narrow');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${invoices()}?status=issued`);
    await rows().first().waitFor();
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'kit-invoices-390-cs');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.goto(invoices());
    await rows().first().waitFor();
    await settled(page);
    await screenshot(page, 'kit-invoices-cs');
  });
});

describe('Settings → Company', () => {
  it('takes a Czech account number, shows its IBAN, refuses a wrong IČO by the field, and fits 390 px', async () => {
    shootOnFailure('company');
    await page.goto(`${suite.server.url}/t/${DEMO.firm}/settings/company`);
    await page.getByRole('heading', { name: 'Identifikace a DPH' }).waitFor();
    await page.getByLabel('Obchodní firma (název)').fill('Demo Firma s.r.o.');
    await page.getByLabel('IČO').fill('25596642');
    await page.getByLabel('Ulice a číslo').fill('Náměstí 1');
    await page.getByLabel('Obec').fill('Brno');
    await page.getByRole('button', { name: 'Přidat účet' }).click();
    await page.getByLabel('Číslo účtu').last().fill('19-2000145399/0800');
    await page.getByRole('button', { name: 'Uložit změny' }).click();
    await page.getByText('Neplatné IČO (nesedí kontrolní číslice)').waitFor();
    await page.getByLabel('IČO').fill('25596641');
    await page.getByRole('button', { name: 'Uložit změny' }).click();
    await page.getByText('Údaje o firmě uloženy').waitFor();
    await expect.poll(() => page.getByLabel('IBAN').last().inputValue()).toBe('CZ6508000000192000145399');
    await page.reload();
    await expect.poll(() => page.getByLabel('Obchodní firma (název)').inputValue()).toBe('Demo Firma s.r.o.');

    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'settings-company-390-cs');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1360, height: 860 });
  });
});
