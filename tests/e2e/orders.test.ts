/**
 * End-to-end, issue 14: an order journey in the browser. In Czech: a product is created, stock
 * received, an order entered for a customer picked from the address book and confirmed, picked by
 * scanning its SKU, packed and shipped, its receipt printed; then part of it comes back as a return,
 * received back to stock and to scrap. In English at 390 px: an order shipped through the API is returned from its page; the pages fit the
 * width and axe finds nothing. In both, Packeta's cash-on-delivery payout report for a shipped order is
 * read on the Cash on delivery page, checked, confirmed, and the order shows it settled.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { axeViolations, e2eSuite, screenshot, settled, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const suite = e2eSuite();

async function firmWithOrders(locale: 'cs' | 'en', name: string) {
  const u = unique(`ord${locale}`);
  const user = await signUpViaApi(suite.server.url, {
    email: u.email,
    password: PASSWORD,
    name,
    firm: `${name} s.r.o.`,
    slug: u.slug,
    locale,
  });
  expect((await user.call('PUT', `/api/t/${u.slug}/modules/orders`, { confirm: true })).status).toBe(200);
  return { ...user, email: u.email, slug: u.slug };
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const uuidPath = (path: string) => new RegExp(`${path}/[0-9a-f-]{36}`);

/** Runs a workflow transition by its button in the order's status panel. */
async function transition(page: Page, label: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  await settled(page);
}

type Firm = Awaited<ReturnType<typeof firmWithOrders>>;

/**
 * A Packeta order on cash on delivery shipped through the API with its barcode read back, and the
 * payout report Packeta would send for it (Czech headers, the COD in whole crowns, a fee).
 */
async function shippedCodOrder(firm: Firm, productId: string, barcode: string) {
  const api = (method: string, path: string, body?: unknown) =>
    firm.call(method, `/api/t/${firm.slug}/orders${path}`, body);
  const order = await api('POST', '/orders', {
    customer: { name: 'Jana Nováková' },
    shipTo: { name: 'Jana Nováková', street: 'Dlouhá 12', city: 'Brno', postalCode: '60200', pickupPointId: '12345' },
    cashOnDelivery: true,
    lines: [{ productId, quantity: 1 }],
  });
  const { id, number, total } = order.body as { id: string; number: string; total: string };
  for (const step of ['confirm', 'pick']) expect((await api('POST', `/orders/${id}/${step}`)).status).toBe(200);
  expect((await api('POST', `/orders/${id}/picks`, { all: true })).status).toBe(200);
  expect((await api('POST', `/orders/${id}/pack`)).status).toBe(200);
  const read = await api('POST', '/shipping/packeta/tracking', {
    content: `Order number;Barcode\n${number};${barcode}\n`,
  });
  expect(read.status).toBe(200);
  expect((await api('POST', `/orders/${id}/ship`)).status).toBe(200);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(new Date());
  const cod = Math.round(Number(total));
  const report = `Číslo objednávky;Čárový kód;Dobírka;Poplatek;Datum výplaty\n${number};${barcode};${cod};19,90;${today}\n`;
  return { id, number, report };
}

/** Reads the payout report on the Cash on delivery page, checks it, confirms it, and sees the order settled. */
async function reconcilePayout(
  page: Page,
  base: string,
  order: { id: string; report: string },
  words: { file: string; check: string; matched: string; confirm: string; settled: RegExp },
) {
  await page.goto(`${base}/cod`);
  await page.getByLabel(new RegExp(`^${words.file}`)).fill(order.report);
  await page.getByRole('button', { name: words.check }).click();
  await page.locator('.badge', { hasText: words.matched }).first().waitFor();
  await page.getByRole('button', { name: words.confirm }).click();
  await page
    .getByText(/^CP-\d{4}-00001$/)
    .first()
    .waitFor();
  await page.goto(`${base}/${order.id}`);
  await expect.poll(() => page.getByTestId('cod-settlement').textContent()).toMatch(words.settled);
}

describe('an order journey in Czech', () => {
  it('product → stock → order → scan pick → pack → ship → receipt → return', async () => {
    const firm = await firmWithOrders('cs', 'Jana Skladová');
    const ctx = await suite.browser.context({ locale: 'cs-CZ' });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'orders-failed-cs'));
    await signInInBrowser(page, suite.server.url, firm.email, PASSWORD);
    const base = `${suite.server.url}/t/${firm.slug}/orders`;

    await page.goto(`${base}/products/new`);
    await page.getByLabel(/^Kód/).fill('HRN-01');
    await page.getByLabel(/^Název česky/).fill('Hrnek modrý');
    await page.getByLabel(/^Název anglicky/).fill('Blue mug');
    await page.getByLabel(/^Cena/).fill('150');
    await page.getByRole('button', { name: 'Založit zboží' }).click();
    await page.waitForURL(/\/orders\/products$/);
    await page.getByText('HRN-01').first().waitFor();

    await page.goto(`${base}/stock`);
    await page.getByLabel(/^Zboží/).selectOption({ label: 'HRN-01 · Hrnek modrý' });
    await page.getByLabel(/^Množství/).fill('10');
    await page.getByLabel(/^Důvod/).fill('Příjemka od dodavatele');
    await page.getByRole('button', { name: 'Upravit zásobu' }).click();
    await page.getByText('Zásoba upravena').first().waitFor();

    // The customer comes from the address book; its shipping address fills the form.
    const bakery = await firm.call('POST', `/api/t/${firm.slug}/parties`, {
      name: 'Pekárna U Mlýna s.r.o.',
      addresses: [{ kind: 'shipping', street: 'Mlýnská 5', city: 'Tábor', zip: '39001', country: 'CZ' }],
    });
    expect(bakery.status, JSON.stringify(bakery.body)).toBe(201);
    await page.goto(`${base}/new`);
    await page.getByLabel('Zákazník z adresáře').fill('Pekárna');
    await page.getByRole('button', { name: /Pekárna U Mlýna/ }).click();
    await expect.poll(() => page.getByLabel(/^Ulice/).inputValue()).toBe('Mlýnská 5');
    await page.getByLabel(/^Zboží 1/).selectOption({ label: 'HRN-01 · Hrnek modrý' });
    await page.getByLabel(/^Množství/).fill('3');
    await page.getByRole('button', { name: 'Založit objednávku' }).click();
    await page.waitForURL(uuidPath('/orders'));
    await page.locator('.badge', { hasText: 'Rozpracovaná' }).first().waitFor();
    const orderUrl = page.url().split('?')[0] as string;
    const placed = await firm.call('GET', `/api/t/${firm.slug}/orders/orders/${orderUrl.split('/').pop()}`);
    expect(placed.body).toMatchObject({ customer: { partyId: (bakery.body as { id: string }).id } });

    await transition(page, 'Potvrdit');
    await page.locator('.badge', { hasText: 'Potvrzená' }).first().waitFor();
    await transition(page, 'Začít vychystávat');
    // Each scan is taken once with its own value; the next waits for the previous one's visible
    // result (the picked count), and the field keeps its place and focus while the order reloads.
    const scan = page.getByRole('textbox', { name: 'Vychystat skenem' });
    const picked = page.getByTestId('picked-HRN-01');
    for (let i = 1; i <= 3; i++) {
      await scan.fill('HRN-01');
      await scan.press('Enter');
      await picked.filter({ hasText: new RegExp(`^${i}$`) }).waitFor();
      await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
      expect(await scan.inputValue()).toBe('');
      expect(await scan.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    await page.getByText('Vše je vychystáno. Zabalte objednávku.').waitFor();
    await scan.fill('NEEXISTUJE');
    await scan.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'NEEXISTUJE' }).waitFor();
    await transition(page, 'Zabaleno');
    await page.getByRole('link', { name: 'Přepravní štítek' }).waitFor();
    await transition(page, 'Odeslat');
    await page.locator('.badge', { hasText: 'Odeslaná' }).first().waitFor();
    const receipt = page.getByRole('link', { name: /^RC-\d{4}-00001$/ });
    await receipt.waitFor();
    const pdf = await page.request.get(`${suite.server.url}${await receipt.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    // Two mugs come back: one to the shelf, one broken.
    await page.getByLabel(/^Důvod vrácení/).fill('Poškozeno při přepravě');
    await page.getByLabel(/^HRN-01/).fill('2');
    await page.getByRole('button', { name: 'Povolit vratku' }).click();
    await page.waitForURL(uuidPath('/orders/returns'));
    await page.locator('.badge', { hasText: 'Povolená' }).first().waitFor();
    await page.getByLabel(/^Zpět na sklad/).fill('1');
    await page.getByLabel(/^Do odpisu/).fill('1');
    await page.getByRole('button', { name: 'Přijmout', exact: true }).click();
    await page.locator('.badge', { hasText: 'Přijatá' }).first().waitFor();
    // 2 × 150 + 21 % VAT
    await expect.poll(() => page.getByTestId('return-credit').textContent()).toMatch(/363,00/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'orders-return-cs');

    await page.goto(orderUrl);
    await page.getByRole('link', { name: /^RMA-\d{4}-00001$/ }).waitFor();
    const level = await firm.call('GET', `/api/t/${firm.slug}/orders/products?q=HRN-01`);
    const productId = (level.body as { items: Array<{ id: string }> }).items[0]?.id;
    const stock = await firm.call('GET', `/api/t/${firm.slug}/orders/stock?productId=${productId}`);
    expect(stock.body).toMatchObject({ onHand: 8, available: 8, scrapped: 1 });

    // Packeta pays the cash on delivery out: its report is checked against the order and confirmed.
    const cod = await shippedCodOrder(firm, productId as string, 'Z1000000001');
    await reconcilePayout(page, base, cod, {
      file: 'Výpis vyplacených dobírek',
      check: 'Porovnat s objednávkami',
      matched: 'Sedí',
      confirm: 'Potvrdit výplatu',
      settled: /^Vyrovnáno \(CP-\d{4}-00001\)$/,
    });
    await ctx.close();
  });
});

describe('returns in English at 390 px', () => {
  it('a shipped order is returned from its page; the pages fit the width', async () => {
    const firm = await firmWithOrders('en', 'Emma Stock');
    const api = (method: string, path: string, body?: unknown) =>
      firm.call(method, `/api/t/${firm.slug}/orders${path}`, body);
    const product = await api('POST', '/products', { sku: 'MUG-EN', name: 'Mug', unitPrice: '100', vatRate: '21' });
    const productId = (product.body as { id: string }).id;
    expect((await api('POST', '/stock/adjustments', { productId, quantity: 5, reason: 'opening' })).status).toBe(201);
    const order = await api('POST', '/orders', {
      customer: { name: 'Corner Café Ltd' },
      lines: [{ productId, quantity: 2 }],
    });
    const orderId = (order.body as { id: string }).id;
    for (const step of ['confirm', 'pick']) expect((await api('POST', `/orders/${orderId}/${step}`)).status).toBe(200);
    expect((await api('POST', `/orders/${orderId}/picks`, { all: true })).status).toBe(200);
    for (const step of ['pack', 'ship']) expect((await api('POST', `/orders/${orderId}/${step}`)).status).toBe(200);

    const ctx = await suite.browser.context({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    onTestFailed(() => screenshot(page, 'orders-failed-en'));
    await signInInBrowser(page, suite.server.url, firm.email, PASSWORD);
    const base = `${suite.server.url}/t/${firm.slug}/orders`;
    await page.goto(`${base}/${orderId}`);
    await page.getByLabel(/^Reason for the return/).fill('Wrong colour');
    await page.getByRole('button', { name: 'Authorise return' }).click();
    await page.waitForURL(uuidPath('/orders/returns'));
    await page.locator('.badge', { hasText: 'Authorised' }).first().waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Receive', exact: true }).click();
    await page.locator('.badge', { hasText: 'Received' }).first().waitFor();
    await expect.poll(() => page.getByTestId('return-credit').textContent()).toMatch(/242\.00/);
    await screenshot(page, 'orders-return-en-390');

    await page.goto(`${base}/returns`);
    await page
      .getByRole('link', { name: /^RMA-\d{4}-00001$/ })
      .first()
      .waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);

    const cod = await shippedCodOrder(firm, productId, 'Z2000000001');
    await reconcilePayout(page, base, cod, {
      file: 'Payout report',
      check: 'Check against the orders',
      matched: 'Matched',
      confirm: 'Confirm the payout',
      settled: /^Settled \(CP-\d{4}-00001\)$/,
    });
    await page.goto(`${base}/cod`);
    await page.getByText('Every parcel on cash on delivery is paid out').waitFor();
    expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });
});
