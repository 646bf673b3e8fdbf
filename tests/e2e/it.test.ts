/**
 * End-to-end, issue 16: an IT journey in the browser. In Czech: an asset is registered (its vendor
 * picked from the address book), checked out to a member, a problem is reported about it, a
 * maintenance plan is made on its card and the work order that came due is completed with its
 * checklist and time; the asset is edited; the month calendar shows it on its due date. In English at
 * 390 px: a plan for a category, its work order opened ahead of the due date, completed, both work
 * orders in the month calendar's list of days; a CSV import whose dry run shows a failing row,
 * then imports the fixed file (axe); the pages fit the width.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const suite = e2eSuite();

async function firmWithIt(locale: 'cs' | 'en', name: string) {
  const u = unique(`it${locale}`);
  const user = await signUpViaApi(suite.server.url, {
    email: u.email,
    password: PASSWORD,
    name,
    firm: `${name} s.r.o.`,
    slug: u.slug,
    locale,
  });
  expect((await user.call('PUT', `/api/t/${u.slug}/modules/it`, { confirm: true })).status).toBe(200);
  return { ...user, email: u.email, slug: u.slug };
}

/** Today in the firm's zone, `YYYY-MM-DD`, and the month `n` after a `YYYY-MM`. */
const pragueToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
const monthAfter = (month: string, n = 1) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const uuidPath = (path: string) => new RegExp(`${path}/[0-9a-f-]{36}`);

describe('an IT journey in Czech', () => {
  it('asset → check-out → ticket → maintenance plan → work order completed', async () => {
    const firm = await firmWithIt('cs', 'Petr Správce');
    const ctx = await suite.browser.context({ locale: 'cs-CZ' });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'it-failed-cs'));
    await signInInBrowser(page, suite.server.url, firm.email, PASSWORD);
    const base = `${suite.server.url}/t/${firm.slug}/it`;

    const vendor = await firm.call('POST', `/api/t/${firm.slug}/parties`, {
      name: 'Alza.cz a.s.',
      ico: '27082440',
      roles: ['vendor'],
    });
    expect(vendor.status).toBe(201);
    await page.goto(`${base}/assets/new`);
    await page.getByLabel(/^Název/).fill('Notebook Dell Latitude');
    await page.getByLabel(/^Kategorie/).fill('Notebooky');
    // The vendor is picked from the address book by its IČO.
    await page.getByLabel(/^Dodavatel z adresáře/).fill('27082440');
    await page.getByRole('button', { name: /Alza\.cz a\.s\./ }).click();
    await page.getByRole('button', { name: 'Zaevidovat majetek' }).click();
    await page.waitForURL(uuidPath('/it/assets'));
    await page.getByRole('heading', { level: 1, name: 'Notebook Dell Latitude' }).waitFor();
    await page.getByRole('link', { name: 'Alza.cz a.s.' }).waitFor();
    const assetUrl = page.url().split('?')[0] as string;

    // Editing: the model is added, the vendor stays.
    await page.getByRole('link', { name: 'Upravit' }).click();
    await page.getByLabel(/^Model/).fill('Latitude 7450');
    await page.getByRole('button', { name: 'Uložit změny' }).click();
    await page.waitForURL(assetUrl);
    await page.getByText('Latitude 7450').waitFor();
    await page.getByRole('link', { name: 'Alza.cz a.s.' }).waitFor();

    await page.getByRole('link', { name: 'Vydat' }).click();
    await page.getByLabel(/^Člen/).selectOption({ label: `Petr Správce (${firm.email})` });
    await page.getByRole('button', { name: 'Vydat' }).click();
    await page.waitForURL(/tab=checkouts/);
    await page.locator('.badge', { hasText: 'Vydáno' }).first().waitFor();

    await page.goto(assetUrl);
    await page.getByRole('link', { name: 'Nahlásit problém' }).click();
    await page.getByLabel(/^Název/).fill('IT-00001: nejde zapnout');
    await page.getByLabel(/^Popis/).fill('Po aktualizaci černá obrazovka.');
    await page.getByRole('button', { name: 'Odeslat' }).click();
    await page.waitForURL(uuidPath('/it/tickets'));
    await page.getByText('IT-00001: nejde zapnout').first().waitFor();

    await page.goto(`${assetUrl}?tab=maintenance`);
    await page.getByRole('link', { name: 'Nový plán' }).click();
    await page.waitForURL(/plans\/new\?asset=/);
    await page.getByLabel(/^Co se dělá/).fill('Kontrola baterie');
    await page.getByLabel(/^Interval/).selectOption({ label: 'Každých N dní' });
    await page.getByLabel(/^Každých/).fill('7');
    await page.getByLabel(/^Otevřít pracovní příkaz dní předem/).fill('10');
    await page.getByLabel(/^Kontrolní seznam/).fill('Zkontrolovat baterii\nVyčistit klávesnici');
    await page.getByRole('button', { name: 'Vytvořit plán' }).click();
    await page.waitForURL(uuidPath('/it/maintenance/plans'));
    await page.getByRole('heading', { level: 1, name: 'Kontrola baterie' }).waitFor();
    await page.getByText('Každých 7 dní').first().waitFor();

    // Due in 7 days (or the working day after) with 10 lead days: its work order is open already.
    await page.goto(`${base}/maintenance?state=open`);
    const row = page.locator('.resource-list tbody tr', { hasText: 'WO-00001' });
    await row.waitFor();
    await row.getByRole('link', { name: 'WO-00001' }).click();
    await page.waitForURL(uuidPath('/it/maintenance/work-orders'));
    await page.getByRole('checkbox', { name: 'Zkontrolovat baterii' }).check();
    await page.getByRole('checkbox', { name: 'Vyčistit klávesnici' }).check();
    await page.getByLabel(/^Odpracované minuty/).fill('20');
    await page.getByRole('button', { name: 'Dokončit' }).click();
    await page.locator('.badge', { hasText: 'Hotovo' }).first().waitFor();
    await page.getByText('Petr Správce').first().waitFor();
    await screenshot(page, 'it-work-order-done-cs');

    // The month calendar: today marked, Czech weekdays; next month has the plan's coming periods;
    // the done work order is on its due date and opens from there.
    const done = (await firm.call('GET', `/api/t/${firm.slug}/it/maintenance/work-orders?state=done`)).body.items[0];
    const thisMonth = pragueToday().slice(0, 7);
    await page.goto(`${base}/maintenance`);
    await page.getByRole('link', { name: 'Kalendář' }).click();
    await page.waitForURL(/\/maintenance\/calendar/);
    const calendar = page.getByRole('region', { name: 'Kalendář údržby' });
    await calendar.locator('li[aria-current="date"]').waitFor();
    expect(await calendar.locator('.month-calendar-weekdays span').allTextContents()).toEqual([
      'po',
      'út',
      'st',
      'čt',
      'pá',
      'so',
      'ne',
    ]);
    await page.getByRole('button', { name: 'Další měsíc' }).click();
    await page.waitForURL(new RegExp(`month=${monthAfter(thisMonth)}`));
    await calendar
      .getByRole('link', { name: /^Plánováno: IT-00001 Kontrola baterie/ })
      .first()
      .waitFor();
    if (done.dueOn.slice(0, 7) === thisMonth) await page.getByRole('button', { name: 'Tento měsíc' }).click();
    await calendar.getByRole('link', { name: /^Hotovo: WO-00001 IT-00001 Kontrola baterie/ }).click();
    await page.waitForURL(uuidPath('/it/maintenance/work-orders'));
    await ctx.close();
  });
});

describe('maintenance in English at 390 px', () => {
  it('a category plan opens a work order per asset ahead of its due date; completed; pages fit', async () => {
    const firm = await firmWithIt('en', 'Emma Admin');
    for (const name of ['Printer HP 1', 'Printer HP 2'])
      expect((await firm.call('POST', `/api/t/${firm.slug}/it/assets`, { name, category: 'Printers' })).status).toBe(
        201,
      );
    const ctx = await suite.browser.context({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'it-failed-en'));
    await signInInBrowser(page, suite.server.url, firm.email, PASSWORD);
    const base = `${suite.server.url}/t/${firm.slug}/it`;

    await page.goto(`${base}/maintenance/plans/new`);
    await page.getByLabel(/^What is done/).fill('Clean the rollers');
    await page.getByRole('button', { name: 'Every asset of a category' }).click();
    await page.getByLabel(/^Category/).selectOption({ label: 'Printers' });
    await page.getByLabel(/^Interval/).selectOption({ label: 'Every N months' });
    await page.getByLabel(/^Every$/).fill('1');
    await page.getByLabel(/^Open the work order days ahead/).fill('40');
    await page.getByLabel(/^Checklist/).fill('Clean the rollers');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForURL(uuidPath('/it/maintenance/plans'));
    await page.getByText('Every month').first().waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);

    await page.goto(`${base}/maintenance?state=open`);
    await page.locator('.resource-list tbody tr', { hasText: 'WO-00002' }).waitFor();
    expect(await page.locator('.resource-list tbody tr').count()).toBe(2);
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'it-maintenance-390-en');
    await page.locator('.resource-list tbody tr').first().getByRole('link').first().click();
    await page.waitForURL(uuidPath('/it/maintenance/work-orders'));
    await page.getByRole('checkbox', { name: 'Clean the rollers' }).check();
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.locator('.badge', { hasText: 'Done' }).first().waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    await page.goto(`${base}/maintenance?state=open`);
    await expect.poll(() => page.locator('.resource-list tbody tr').count()).toBe(1);

    // The month calendar at 390 px: a list of the days that have something, each with its full date.
    const open = (await firm.call('GET', `/api/t/${firm.slug}/it/maintenance/work-orders?state=open`)).body.items[0];
    await page.goto(`${base}/maintenance/calendar?month=${open.dueOn.slice(0, 7)}`);
    const calendar = page.getByRole('region', { name: 'Maintenance calendar' });
    await calendar.getByRole('link', { name: /^Done: WO-0000/ }).waitFor();
    expect(await calendar.locator('.month-calendar-weekdays').isVisible()).toBe(false);
    const dueDay = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${open.dueOn}T00:00:00Z`));
    await calendar.getByText(dueDay, { exact: false }).first().waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'it-maintenance-calendar-390-en');
    await calendar.getByRole('link', { name: new RegExp(`^Open: ${open.number}`) }).click();
    await page.waitForURL(new RegExp(`/it/maintenance/work-orders/${open.id}`));

    // Bulk import: the dry run shows the failing row and offers no import; the fixed file imports.
    await page.goto(`${base}/assets/import`);
    const file = (last: string) => ({
      name: 'assets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        ['Tag,Name,Category,Warranty until', 'PR-3,Printer HP 3,Printers,2028-01-31', last].join('\n'),
      ),
    });
    await page.getByLabel('CSV file').setInputFiles(file('PR-4,Printer HP 4,Printers,2028-02-30'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    const bad = page.locator('tbody tr', { hasText: 'Printer HP 4' });
    await bad.locator('.badge', { hasText: 'Error' }).waitFor();
    expect(await bad.textContent()).toContain('warrantyUntil');
    await page.getByText('1 new asset · 0 already there · 1 row with errors').waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'it-import-390-en');
    await page.getByLabel('CSV file').setInputFiles(file('PR-4,Printer HP 4,Printers,2028-02-28'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('2 assets imported.').waitFor();
    await ctx.close();
  });
});

const DESK = {
  cs: {
    locale: 'cs-CZ',
    name: 'Eva Helpdesková',
    viewport: undefined,
    nameCs: 'Název česky',
    nameEn: 'Název anglicky',
    defaultPriority: 'Výchozí priorita',
    high: 'Vysoká',
    addCategory: 'Přidat kategorii',
    cannedTitle: /^Název/,
    cannedBody: /^Text/,
    addCanned: 'Přidat připravenou odpověď',
    category: /^Kategorie/,
    title: /^Název/,
    description: /^Popis/,
    send: 'Odeslat',
    conversation: 'Konverzace',
    insert: /^Vložit připravenou odpověď/,
    merge: 'Sloučit do jiného tiketu',
    into: /^Číslo tiketu, do kterého sloučit/,
    closed: 'Uzavřený',
    mergedInto: 'Sloučeno do',
  },
  en: {
    locale: 'en-GB',
    name: 'Ed Helpdesk',
    viewport: { width: 390, height: 844 },
    nameCs: 'Name in Czech',
    nameEn: 'Name in English',
    defaultPriority: 'Default priority',
    high: 'High',
    addCategory: 'Add category',
    cannedTitle: /^Title/,
    cannedBody: /^Text/,
    addCanned: 'Add canned response',
    category: /^Category/,
    title: /^Title/,
    description: /^Description/,
    send: 'Send',
    conversation: 'Conversation',
    insert: /^Insert a canned response/,
    merge: 'Merge into another ticket',
    into: /^Number of the ticket to merge into/,
    closed: 'Closed',
    mergedInto: 'Merged into',
  },
} as const;

describe.each(['cs', 'en'] as const)('helpdesk categories, canned responses and merge (%s)', (lang) => {
  it('creates a category, files a ticket in it, replies with a canned response, merges a duplicate', async () => {
    const l = DESK[lang];
    const firm = await firmWithIt(lang, l.name);
    const ctx = await suite.browser.context({ locale: l.locale, ...(l.viewport ? { viewport: l.viewport } : {}) });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, `it-desk-failed-${lang}`));
    await signInInBrowser(page, suite.server.url, firm.email, PASSWORD);
    const base = `${suite.server.url}/t/${firm.slug}/it`;

    await page.goto(`${base}/tickets/setup`);
    await page.getByLabel(l.nameCs).fill('Tiskárny');
    await page.getByLabel(l.nameEn).fill('Printers');
    await page.getByLabel(l.defaultPriority).selectOption({ label: l.high });
    await page.getByRole('button', { name: l.addCategory }).click();
    await page.getByRole('cell', { name: lang === 'cs' ? 'Tiskárny' : 'Printers' }).waitFor();
    await page.getByLabel(l.cannedTitle).last().fill('Restart');
    await page.getByLabel(l.cannedBody).fill('{requester}, restart the printer please ({number}).');
    await page.getByRole('button', { name: l.addCanned }).click();
    await page.getByRole('cell', { name: 'Restart', exact: true }).waitFor();
    if (l.viewport) expect(await fitsWidth(page)).toBeLessThanOrEqual(390);

    const report = async (title: string) => {
      await page.goto(`${base}/tickets/new`);
      await page.getByLabel(l.title).fill(title);
      await page.getByLabel(l.category).selectOption({ label: lang === 'cs' ? 'Tiskárny' : 'Printers' });
      await page.getByLabel(l.description).fill('Paper jam in tray 2.');
      await page.getByRole('button', { name: l.send, exact: true }).click();
      await page.waitForURL(uuidPath('/it/tickets'));
      return page.url().split('?')[0] as string;
    };
    const first = await report('Printer jams');
    await page.locator('.badge', { hasText: l.high }).first().waitFor();
    await page
      .getByText(lang === 'cs' ? 'Tiskárny' : 'Printers')
      .first()
      .waitFor();
    await page.getByRole('tab', { name: l.conversation }).click();
    await page.getByLabel(l.insert).selectOption({ label: 'Restart' });
    await expect
      .poll(() => page.getByLabel(/^(Odpověď|Reply)/).inputValue())
      .toContain(`${l.name}, restart the printer`);
    await page.getByRole('button', { name: l.send, exact: true }).click();
    await page.getByText(`${l.name}, restart the printer please (T-00001).`).waitFor();

    const duplicate = await report('Printer jams again');
    await page.getByRole('button', { name: l.merge }).click();
    await page.getByLabel(l.into).fill('1');
    await page.getByRole('alertdialog').getByRole('button', { name: l.merge }).click();
    await page.locator('.badge', { hasText: l.closed }).first().waitFor();
    await page.getByText(l.mergedInto).first().waitFor();
    await page.getByRole('link', { name: 'T-00001' }).click();
    await page.waitForURL(first);
    await page.getByRole('tab', { name: l.conversation }).click();
    await page.getByText(/T-00002 \(Printer jams again\)/).waitFor();
    expect(duplicate).not.toBe(first);
    if (l.viewport) {
      expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
      await screenshot(page, 'it-desk-390-en');
    }
    await ctx.close();
  });
});
