/**
 * End-to-end: records management in Settings → Records, as the demo firm's owner would use it (issue 18):
 * - the retention schedule lists each record class with its statutory minimum and sources; a period
 *   shorter than the law's is refused with the law's minimum named, a longer one is kept and marked;
 * - a legal hold on a person is placed and released;
 * - a data-subject access request is recorded, its detail shows what erasure would keep and why (a
 *   retention duty with its statute), the PDF export downloads, and the request is closed;
 * - the disposal review finds nothing due in a young firm and says so;
 * - an export of all data is built in the background and downloads as a gzip archive;
 * - cancelling the subscription says where to take the data, and the billing page links to the export;
 * - the pages fit 390 px, pass axe-core, and read in English after switching the language.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, chooseFromMenu, e2eSuite, screenshot, signInInBrowser } from './harness.ts';

const DEMO = { firm: 'demo-firm', password: 'bureau-demo' };
const PERSON = 'horak@horak-syn.example';
const DOCUMENTS = 'Faktury, přijaté faktury a dobropisy';

const suite = e2eSuite({ BUREAU_DEMO: '1' }, { backgroundJobs: true });
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

const records = (path = '') => `${suite.server.url}/t/${DEMO.firm}/settings/records${path}`;
const shootOnFailure = (name: string) => onTestFailed(() => screenshot(page, `records-failed-${name}`));

async function fitsPhone(name: string) {
  // Toasts come and go; they are not part of the page under test.
  for (const close of await page.locator('.toast-close').all()) await close.click().catch(() => {});
  await page.locator('.toast').first().waitFor({ state: 'detached' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForLoadState('networkidle').catch(() => {});
  // What sticks out of the page (not what scrolls inside its own box, like a wide table), named on failure.
  const overflow = await page.evaluate(() => {
    const scrolls = (e: Element | null): boolean =>
      !!e && (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX) || scrolls(e.parentElement));
    return document.documentElement.scrollWidth <= 390
      ? []
      : [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 391 && !scrolls(e.parentElement))
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
  });
  expect(overflow).toEqual([]);
  await screenshot(page, name);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1360, height: 860 });
}

describe('Settings → Records (cs)', () => {
  it('lists the classes with their statutory minimum and refuses a period shorter than the law', async () => {
    shootOnFailure('schedule');
    await page.goto(records());
    const row = page.locator('tbody tr', { hasText: DOCUMENTS });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/Zákonné minimum: 10 let/);
    await expect.poll(() => row.getByRole('link').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: `Změnit: ${DOCUMENTS}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Roky').fill('2');
    await dialog.getByRole('button', { name: 'Uložit lhůtu' }).click();
    await dialog.getByText(/Zákon vyžaduje uchovat tyto záznamy nejméně 10 let/).waitFor();

    await dialog.getByLabel('Roky').fill('12');
    await dialog.getByRole('button', { name: 'Uložit lhůtu' }).click();
    await page.getByText('Lhůta uložena').waitFor();
    await expect.poll(() => row.textContent()).toMatch(/12 let.*prodlouženo/);
    await screenshot(page, 'records-schedule-cs');
    await fitsPhone('records-schedule-390-cs');
  });

  it('places a legal hold on a person and releases it', async () => {
    shootOnFailure('holds');
    await page.goto(records('/holds'));
    await page.getByText('Žádné právní blokace').waitFor();
    await page.getByRole('button', { name: 'Zablokovat' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Zablokovat' }).click();
    await dialog.getByText('Uveďte jméno, e-mail nebo rodné číslo osoby').waitFor();
    await dialog.getByLabel('E-mail').fill(PERSON);
    await dialog.getByLabel('Důvod').fill('Spor sp. zn. 12 C 34/2026');
    await dialog.getByRole('button', { name: 'Zablokovat' }).click();
    await page.getByText('Blokace zavedena').waitFor();
    const row = page.locator('tbody tr', { hasText: PERSON });
    await row.waitFor();
    await fitsPhone('records-holds-390-cs');
    await row.getByRole('button', { name: 'Uvolnit' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Uvolnit' }).click();
    await page.getByText('Blokace uvolněna').waitFor();
    await page.getByText('Žádné právní blokace').waitFor();
  });

  it('records an access request, shows what is kept and why, exports the PDF and closes it', async () => {
    shootOnFailure('request');
    await page.goto(records('/requests'));
    await page.getByRole('button', { name: 'Nová žádost' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mail').fill(PERSON);
    await dialog.getByRole('button', { name: 'Zaevidovat žádost' }).click();
    await page.waitForURL(/\/settings\/records\/requests\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: `Přístup (export): ${PERSON}` }).waitFor();
    const kept = page.locator('section', { has: page.getByRole('heading', { name: 'Zůstane uchováno a proč' }) });
    await kept
      .getByText(/Povinnost uchovávat do/)
      .first()
      .waitFor();
    await expect.poll(() => kept.locator('tbody tr').count()).toBeGreaterThan(1);

    const pdfHref = await page.getByRole('link', { name: 'Export (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(`${suite.server.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'records-request-cs', true);
    await fitsPhone('records-request-390-cs');

    await page.getByRole('button', { name: 'Uzavřít žádost' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Uzavřít žádost' }).click();
    await page.getByText('Žádost uzavřena').waitFor();
    await page.getByText('vyřízená').waitFor();
    await page.getByRole('link', { name: /Všechny žádosti/ }).click();
    await page.locator('tbody tr', { hasText: PERSON }).getByText('vyřízená').waitFor();
  });

  it('finds nothing due for disposal in a young firm and says so', async () => {
    shootOnFailure('disposal');
    await page.goto(records('/disposal'));
    await page.getByText('Nic ke skartaci').waitFor();
    await page.getByRole('button', { name: 'Vyhledat záznamy k vyřazení' }).click();
    await page.getByText('0 nových návrhů').waitFor();
    await page.getByText('Zatím žádná skartace').waitFor();
    await fitsPhone('records-disposal-390-cs');
  });
});

describe('Settings → Records → Export dat (cs)', () => {
  it('builds an archive of all data in the background and downloads it', async () => {
    shootOnFailure('export');
    await page.goto(records('/exports'));
    await page.getByText('Zatím žádný export').waitFor();
    await page.getByRole('button', { name: 'Exportovat všechna data' }).click();
    await page.getByText('Export se připravuje').waitFor();
    const link = page.getByRole('link', { name: 'Stáhnout' });
    await link.waitFor({ timeout: 60_000 });
    const archive = await page.request.get(`${suite.server.url}${await link.getAttribute('href')}`);
    expect(archive.status()).toBe(200);
    expect(archive.headers()['content-type']).toBe('application/gzip');
    expect([...(await archive.body()).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    await fitsPhone('records-exports-390-cs');
  }, 90_000);
});

describe('Leaving: cancelling shows where to take the data (cs)', () => {
  it('offers the data export beside the scheduled end, and the link opens it', async () => {
    shootOnFailure('cancel-export');
    await page.goto(`${suite.server.url}/t/${DEMO.firm}/settings/billing`);
    await page.getByRole('button', { name: 'Zrušit předplatné' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('všechna data si můžete vyexportovat', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Zrušit předplatné' }).click();
    await page.getByRole('link', { name: 'Exportovat všechna data' }).click();
    await page.waitForURL(/\/settings\/records\/exports$/);
    await page.getByRole('link', { name: 'Stáhnout' }).first().waitFor();
    await page.goto(`${suite.server.url}/t/${DEMO.firm}/settings/billing`);
    await page.getByRole('button', { name: 'Ponechat předplatné' }).click();
    await page.getByRole('link', { name: 'Exportovat všechna data' }).waitFor({ state: 'detached' });
  });
});

describe('Settings → Records (en)', () => {
  it('reads in English after switching the language', async () => {
    shootOnFailure('english');
    await page.goto(records());
    await chooseFromMenu(
      page,
      page.getByTestId('user-menu'),
      page.getByRole('menuitemradio', { name: 'English' }),
      (timeout) => expect.poll(() => page.locator('html').getAttribute('lang'), { timeout }).toBe('en'),
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Retention schedule' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'Invoices, bills and credit notes' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/Statutory minimum: 10 years/);
    await page.getByRole('link', { name: 'Personal data requests' }).click();
    await page.locator('tbody tr', { hasText: PERSON }).getByText('done').waitFor();
    await page.getByRole('link', { name: 'Legal holds' }).click();
    await page.getByText('No legal holds').waitFor();
    await screenshot(page, 'records-holds-en');
    await fitsPhone('records-holds-390-en');
    // Back to Czech for whoever signs in as the demo owner next.
    await chooseFromMenu(
      page,
      page.getByTestId('user-menu'),
      page.getByRole('menuitemradio', { name: 'Čeština' }),
      (timeout) => expect.poll(() => page.locator('html').getAttribute('lang'), { timeout }).toBe('cs'),
    );
  });
});
