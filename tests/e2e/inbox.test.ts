/**
 * End-to-end: notifications in Chromium. HR leave requests waiting for approval notify the owner
 * (who holds hr.leave.approve); the bell in the header shows the unread count, the inbox lists them
 * in English and, after switching language, in Czech (with Czech plurals), "mark read" and "mark all
 * read" clear the count, and the inbox fits a 390 px phone with the bell still in the header.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  type ApiUser,
  chooseFromMenu,
  e2eSuite,
  screenshot,
  signInInBrowser,
  signUpViaApi,
  unique,
} from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const who = unique('inbox');

const suite = e2eSuite();
let ctx: BrowserContext;
let page: Page;
let owner: ApiUser;

const bellCount = () => page.getByTestId('bell-count');
const items = () => page.getByTestId('inbox-item');

beforeAll(async () => {
  owner = await signUpViaApi(suite.server.url, {
    email: who.email,
    password: PASSWORD,
    name: 'Olga Schvalovatelka',
    firm: 'Dovolená s.r.o.',
    slug: who.slug,
  });
  const base = `/api/t/${owner.tenant.slug}`;
  const enabled = await owner.call('PUT', `${base}/modules/hr`, { confirm: true });
  expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
  const e = await owner.call('POST', `${base}/hr/employees`, {
    firstName: 'Dana',
    lastName: 'Dovolená',
    startDate: '2026-01-05',
    contract: { type: 'hpp', monthlySalary: '40000' },
  });
  expect(e.status, JSON.stringify(e.body)).toBe(201);
  for (const [startDate, endDate] of [
    ['2027-03-01', '2027-03-03'], // Mon–Wed: 3 working days
    ['2027-03-08', '2027-03-12'], // Mon–Fri: 5 working days
  ]) {
    const r = await owner.call('POST', `${base}/hr/leave`, {
      employeeId: e.body.id,
      kind: 'other',
      startDate,
      endDate,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  ctx = await suite.browser.context({ locale: 'en-GB' });
  page = await ctx.newPage();
  await signInInBrowser(page, suite.server.url, who.email, PASSWORD);
}, 240_000);

afterAll(async () => {
  await ctx?.close();
});

describe('inbox', () => {
  it('the bell shows the unread count and opens the inbox, in English', async () => {
    onTestFailed(() => screenshot(page, 'inbox-failed-en'));
    await expect.poll(() => bellCount().textContent()).toBe('2');
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe('2 unread notifications');
    await page.getByTestId('bell').click();
    await page.waitForURL(`${suite.server.url}/t/${who.slug}/inbox`);
    await expect.poll(() => items().count()).toBe(2);
    const texts = await items().allTextContents();
    expect(texts[0]).toContain('Leave request of Dana Dovolená waits for approval');
    expect(texts[0]).toContain('8 Mar 2027 – 12 Mar 2027, 5 working days');
    expect(texts[1]).toContain('1 Mar 2027 – 3 Mar 2027, 3 working days');
    await screenshot(page, 'inbox-en');
  });

  it('lists the same notifications in Czech after switching language', async () => {
    onTestFailed(() => screenshot(page, 'inbox-failed-cs'));
    await chooseFromMenu(page, page.getByTestId('user-menu'), page.locator('[data-locale="cs"]'), (timeout) =>
      expect.poll(() => page.locator('html').getAttribute('lang'), { timeout }).toBe('cs'),
    );
    await page.keyboard.press('Escape');
    await expect
      .poll(() => items().first().textContent())
      .toContain('Žádost o nepřítomnost: Dana Dovolená čeká na schválení');
    const texts = await items().allTextContents();
    expect(texts[0]).toContain('8. 3. 2027 – 12. 3. 2027, 5 pracovních dní');
    expect(texts[1]).toContain('1. 3. 2027 – 3. 3. 2027, 3 pracovní dny');
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe('2 nepřečtená oznámení');
    await screenshot(page, 'inbox-cs');
  });

  it('mark read and mark all read clear the count', async () => {
    onTestFailed(() => screenshot(page, 'inbox-failed-read'));
    await page.getByTestId('mark-read').first().click();
    await expect.poll(() => bellCount().textContent()).toBe('1');
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe('1 nepřečtené oznámení');
    await page.getByTestId('mark-all-read').click();
    await expect.poll(() => bellCount().count()).toBe(0);
    await expect.poll(() => page.getByTestId('mark-read').count()).toBe(0);
    expect(await page.getByTestId('bell').getAttribute('aria-label')).toBe('Oznámení');
    // The server agrees: nothing unread, both still listed.
    const unread = await owner.call('GET', `/api/t/${who.slug}/notifications/unread`);
    expect(unread.body).toEqual({ unread: 0 });
    await page.reload();
    await expect.poll(() => items().count()).toBe(2);
    expect(await bellCount().count()).toBe(0);
  });

  it('chooses what arrives by e-mail, and fits a phone', async () => {
    onTestFailed(() => screenshot(page, 'inbox-failed-settings'));
    await page.getByRole('button', { name: 'Co dostávám' }).click();
    const select = page.getByLabel('Žádosti o nepřítomnost ke schválení');
    await select.selectOption('email');
    await page.getByRole('button', { name: 'Uložit změny' }).click();
    await expect
      .poll(async () => (await owner.call('GET', `/api/t/${who.slug}/notifications/preferences`)).body.items)
      .toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'hr.leave_waiting', channel: 'email' })]));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Přijatá' }).click();
    await expect.poll(() => items().count()).toBe(2);
    expect(await page.getByTestId('bell').isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'inbox-phone');
  });
});
