/**
 * End-to-end, issue 14 (own courier): a dispatcher plans a run of two packed own-courier orders,
 * takes the second stop off and adds it back, moves it up and sends the run out; the driver (a
 * role holding only orders.deliver), on a 390 px phone, sees only their run, delivers one stop
 * with the recipient's name and a signature drawn on the canvas and fails the other (nobody at
 * home); the order's page shows who took it and the signature; the dispatcher closes the run with
 * the cash, downloads the run sheet and plans the failed order on a new run (offered with why it
 * came back). In Czech and in English; axe finds nothing and the driver's page fits the width.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const suite = e2eSuite();

const WORDS = {
  cs: {
    locale: 'cs-CZ',
    driver: 'Řidič',
    plan: 'Naplánovat trasu',
    moveUp: (n: string) => `Posunout ${n} výš`,
    removeStop: (n: string) => `Odebrat ${n} z trasy`,
    addToRun: 'Přidat na trasu',
    oneStopAdded: 'Přidána 1 zastávka',
    twoStops: '2 zastávky',
    cameBack: (run: string) => `Vrácena z ${run}: Nikdo doma`,
    start: 'Vyjet na rozvoz',
    out: 'Na cestě',
    delivered: 'Doručeno',
    failed: 'Nedoručeno',
    recipient: 'Jméno příjemce',
    confirmDelivered: 'Potvrdit doručení',
    reason: 'Důvod',
    nobodyHome: 'Nikdo doma',
    confirmFailed: 'Zaznamenat nedoručení',
    deliveredTo: (n: string) => `Převzal(a) ${n}`,
    signatureOf: (n: string) => `Podpis: ${n}`,
    close: 'Uzavřít trasu',
    closed: 'Uzavřená',
    sheet: 'Rozvozový list (PDF)',
    driverName: 'Pavel Řidič',
  },
  en: {
    locale: 'en-GB',
    driver: 'Driver',
    plan: 'Plan the run',
    moveUp: (n: string) => `Move ${n} up`,
    removeStop: (n: string) => `Take ${n} off the run`,
    addToRun: 'Add to the run',
    oneStopAdded: '1 stop added',
    twoStops: '2 stops',
    cameBack: (run: string) => `Back from ${run}: Nobody at home`,
    start: 'Send out for delivery',
    out: 'Out for delivery',
    delivered: 'Delivered',
    failed: 'Failed',
    recipient: "Recipient's name",
    confirmDelivered: 'Confirm delivery',
    reason: 'Reason',
    nobodyHome: 'Nobody at home',
    confirmFailed: 'Record the failure',
    deliveredTo: (n: string) => `Delivered to ${n}`,
    signatureOf: (n: string) => `Signature of ${n}`,
    close: 'Close the run',
    closed: 'Completed',
    sheet: 'Run sheet (PDF)',
    driverName: 'Paul Driver',
  },
} as const;

/**
 * A firm with orders, a driver (a role holding only orders.deliver: no access to the orders, the
 * driver's own runs only) and two packed own-courier orders.
 */
async function courierFirm(lang: 'cs' | 'en') {
  const w = WORDS[lang];
  const u = unique(`cour${lang}`);
  const owner = await signUpViaApi(suite.server.url, {
    email: u.email,
    password: PASSWORD,
    name: 'Dana Dispečerka',
    firm: `Rozvoz ${lang} s.r.o.`,
    slug: u.slug,
    locale: lang,
  });
  expect((await owner.call('PUT', `/api/t/${u.slug}/modules/orders`, { confirm: true })).status).toBe(200);
  const api = (method: string, path: string, body?: unknown) =>
    owner.call(method, `/api/t/${u.slug}/orders${path}`, body);
  const role = await owner.call('POST', `/api/t/${u.slug}/roles`, {
    key: 'driver',
    name: w.driver,
    permissions: ['orders.deliver'],
  });
  expect(role.status, JSON.stringify(role.body)).toBe(201);
  const d = unique(`drv${lang}`);
  const inv = await owner.call('POST', `/api/t/${u.slug}/invitations`, {
    email: d.email,
    role: 'driver',
    confirm: true,
  });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  const token = new URL(inv.body.link).searchParams.get('token');
  const accepted = await fetch(`${suite.server.url}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: suite.server.url },
    body: JSON.stringify({ name: w.driverName, password: PASSWORD, locale: lang }),
  });
  expect(accepted.status, await accepted.clone().text()).toBe(200);

  const product = await api('POST', '/products', { sku: 'RZV-1', name: 'Bedna', unitPrice: '100', vatRate: '21' });
  const productId = (product.body as { id: string }).id;
  expect((await api('POST', '/stock/adjustments', { productId, quantity: 10, reason: 'opening' })).status).toBe(201);
  const orders: Array<{ id: string; number: string }> = [];
  for (const [name, street, phone] of [
    ['Jana Nováková', 'Dlouhá 12', '+420 601 123 456'],
    ['Karel Dvořák', 'Krátká 3', '+420 602 000 111'],
  ] as const) {
    const o = await api('POST', '/orders', {
      customer: { name },
      lines: [{ productId, quantity: 1 }],
      carrier: 'courier',
      cashOnDelivery: true,
      shipTo: { name, street, city: 'Praha', postalCode: '11000', phone },
    });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const id = (o.body as { id: string }).id;
    for (const step of ['confirm', 'pick']) expect((await api('POST', `/orders/${id}/${step}`)).status).toBe(200);
    expect((await api('POST', `/orders/${id}/picks`, { all: true })).status).toBe(200);
    expect((await api('POST', `/orders/${id}/pack`)).status).toBe(200);
    orders.push(o.body as { id: string; number: string });
  }
  return { slug: u.slug, ownerEmail: u.email, driverEmail: d.email, orders };
}

/** Draws a short stroke across the signature pad with the mouse (pointer events). */
async function sign(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? 15 : -15));
  await page.mouse.up();
}

for (const lang of ['cs', 'en'] as const) {
  describe(`own-courier delivery (${lang})`, () => {
    const w = WORDS[lang];
    it('dispatch plans and sends a run; the driver delivers one stop with a signature and fails the other', async () => {
      const firm = await courierFirm(lang);
      const [a, b] = firm.orders as [{ id: string; number: string }, { id: string; number: string }];
      const ctx = await suite.browser.context({ locale: w.locale });
      const page = await ctx.newPage();
      onTestFailed(() => screenshot(page, `orders-courier-failed-${lang}`));
      await signInInBrowser(page, suite.server.url, firm.ownerEmail, PASSWORD);
      const base = `${suite.server.url}/t/${firm.slug}/orders`;

      await page.goto(`${base}/delivery`);
      await page.getByLabel(w.driver, { exact: true }).selectOption({ label: w.driverName });
      await page.getByLabel(new RegExp(a.number)).check();
      await page.getByLabel(new RegExp(b.number)).check();
      await page.getByRole('button', { name: w.plan }).click();
      await page.waitForURL(/\/orders\/delivery\/[0-9a-f-]{36}/);
      const runUrl = page.url().split('?')[0] as string;
      const runNumber = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
      // Edited while planned: the second stop taken off, then added back from the orders waiting for a run.
      await page.getByRole('button', { name: w.removeStop(b.number) }).click();
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await page.getByLabel(new RegExp(b.number)).check();
      await page.getByRole('button', { name: w.addToRun }).click();
      await page.getByText(w.oneStopAdded).waitFor();
      await expect.poll(() => page.locator('tbody tr').last().textContent()).toContain(b.number);
      // The second stop goes first: the button is reached and pressed with the keyboard.
      const up = page.getByRole('button', { name: w.moveUp(b.number) });
      await up.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain(b.number);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `orders-courier-run-${lang}`);
      await page.getByRole('button', { name: w.start }).click();
      await page.locator('.badge', { hasText: w.out }).first().waitFor();

      const phone = await suite.browser.context({ locale: w.locale, viewport: { width: 390, height: 844 } });
      const driver = await phone.newPage();
      onTestFailed(() => screenshot(driver, `orders-courier-driver-failed-${lang}`));
      await signInInBrowser(driver, suite.server.url, firm.driverEmail, PASSWORD);
      await driver.goto(`${base}/driver`);
      const stopA = driver.locator(`[data-stop="${a.number}"]`);
      const stopB = driver.locator(`[data-stop="${b.number}"]`);
      await stopA.waitFor();
      expect(await driver.locator('[data-stop]').count()).toBe(2);
      await driver.getByRole('heading', { name: `${runNumber} · ${w.twoStops}` }).waitFor();
      expect(await stopA.getByRole('link', { name: /Dlouhá 12/ }).getAttribute('href')).toContain(
        'https://mapy.cz/zakladni?q=',
      );
      expect(await driver.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(driver)).toEqual([]);

      await stopA.getByRole('button', { name: w.delivered, exact: true }).click();
      await stopA.getByLabel(w.recipient).fill('Jana Nováková');
      await sign(driver);
      expect(await axeViolations(driver)).toEqual([]);
      await screenshot(driver, `orders-courier-driver-sign-${lang}-390`);
      await stopA.getByRole('button', { name: w.confirmDelivered }).click();
      await stopA.getByText(w.deliveredTo('Jana Nováková')).waitFor();

      await stopB.getByRole('button', { name: w.failed, exact: true }).click();
      await stopB.getByLabel(w.reason, { exact: true }).selectOption({ label: w.nobodyHome });
      await stopB.getByRole('button', { name: w.confirmFailed }).click();
      await stopB.getByText(new RegExp(w.nobodyHome)).waitFor();
      expect(await driver.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(driver, `orders-courier-driver-done-${lang}-390`);
      await phone.close();

      await page.goto(`${base}/${a.id}`);
      await page.getByText(w.deliveredTo('Jana Nováková')).waitFor();
      const signature = page.getByRole('img', { name: w.signatureOf('Jana Nováková') });
      await signature.waitFor();
      await expect.poll(() => signature.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `orders-courier-proof-${lang}`);

      await page.goto(runUrl);
      await page.getByRole('button', { name: w.close }).click();
      await page.locator('.badge', { hasText: w.closed }).first().waitFor();
      const sheet = page.getByRole('link', { name: w.sheet });
      const pdf = await page.request.get(`${suite.server.url}${await sheet.getAttribute('href')}`);
      expect(pdf.headers()['content-type']).toContain('application/pdf');

      // The order that was not delivered waits for a run again, saying why, and goes on the next one.
      await page.goto(`${base}/delivery`);
      await page.getByText(w.cameBack(runNumber)).waitFor();
      await page.getByLabel(w.driver, { exact: true }).selectOption({ label: w.driverName });
      await page.getByLabel(new RegExp(b.number)).check();
      await page.getByRole('button', { name: w.plan }).click();
      await page.waitForURL(
        (url) => /\/orders\/delivery\/[0-9a-f-]{36}/.test(url.pathname) && !runUrl.endsWith(url.pathname),
      );
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain(b.number);
      await ctx.close();
    });
  });
}
