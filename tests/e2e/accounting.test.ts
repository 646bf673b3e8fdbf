/**
 * End-to-end: a department module in the browser, against the real server in Chromium.
 * - sign up → dashboard → enable accounting → its panel → post a balanced journal entry through the
 *   form (the live balance shows, posting waits for it) → reload → the entry is still there;
 * - a disabled module's JavaScript is never requested (network watch against the Vite manifest);
 * - a provider opens a client in one click from its console (engagement set up through the API,
 *   accepted by the client in Settings → Providers);
 * - screenshots of the main pages, with the demo firm's books (BUREAU_DEMO=1) for realistic data.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eSuite,
  pluginChunks,
  screenshot,
  signInInBrowser,
  signUpInBrowser,
  signUpViaApi,
  unique,
  watchScripts,
} from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const DEMO = { firm: 'demo-firm', provider: 'demo-provider', password: 'bureau-demo' };

const suite = e2eSuite({ BUREAU_DEMO: '1' });
let chunks: { entry: string; files: string[] };

beforeAll(async () => {
  chunks = pluginChunks('accounting');
}, 240_000);

/** URLs of the accounting plugin's own chunks among the requested scripts. */
const accountingRequests = (urls: string[]) => urls.filter((u) => chunks.files.some((f) => u.endsWith(`/${f}`)));

/** Text with the non-breaking spaces Intl puts in money turned into plain spaces. */
const text = async (l: { textContent(): Promise<string | null> }) =>
  ((await l.textContent()) ?? '').replace(/\s/g, ' ');

/** Waits until no loading skeleton is left on the page. */
async function settled(page: Page) {
  await page
    .locator('.state-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
}

describe('accounting module in the browser', () => {
  let ctx: BrowserContext;
  let page: Page;
  let scripts: string[];
  const owner = unique('books');
  let entryNumber = '';

  beforeAll(async () => {
    ctx = await suite.browser.context({ locale: 'en-GB' });
    scripts = watchScripts(ctx);
    page = await ctx.newPage();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('signs up, and the disabled module’s JavaScript is never requested', async () => {
    expect(chunks.files.length).toBeGreaterThan(1);
    await signUpInBrowser(page, suite.server.url, {
      name: 'Eva Účetní',
      email: owner.email,
      password: PASSWORD,
      firm: 'Účetní zkouška s.r.o.',
      slug: owner.slug,
    });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Eva/);
    // Walk the shell while accounting is off: dashboard, settings, modules list (which names it).
    for (const path of ['', '/settings/members', '/settings/billing', '/settings/modules']) {
      await page.goto(`${suite.server.url}/t/${owner.slug}${path}`);
      await page.waitForLoadState('networkidle');
    }
    await page.locator('[data-module="accounting"]').waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(accountingRequests(scripts)).toEqual([]);
  });

  it('enables accounting (confirming a price if billing asks) and its panel loads', async () => {
    await page.goto(`${suite.server.url}/t/${owner.slug}/settings/modules`);
    const card = page.locator('[data-module="accounting"]');
    await card.waitFor();
    // Enabling re-reads the session; the shell must stay as it is (it used to unmount while /api/me was
    // read again, flashing "no access" and dropping open menus).
    await page.evaluate(() => {
      (window as unknown as { shellBefore: Element | null }).shellBefore = document.querySelector('.shell');
    });
    await card.locator('.switch-control').click();
    const dialog = page.getByRole('alertdialog');
    // The trial plan includes accounting; on a plan where it is an add-on, billing asks to confirm the price.
    await Promise.race([
      card.getByText('Enabled').waitFor(),
      dialog.waitFor().then(() => dialog.getByRole('button', { name: 'Add and enable' }).click()),
    ]);
    await card.getByText('Enabled').waitFor();
    await page.getByRole('link', { name: 'Journal' }).waitFor();
    expect(
      await page.evaluate(
        () => (window as unknown as { shellBefore: Element | null }).shellBefore === document.querySelector('.shell'),
      ),
    ).toBe(true);
    // Now, and only now, the browser fetched the module's entry chunk.
    await expect.poll(() => accountingRequests(scripts).some((u) => u.endsWith(`/${chunks.entry}`))).toBe(true);
    await page.getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.getByText('No entries yet').waitFor();
  });

  it('posts a balanced entry through the form, with the balance shown live', async () => {
    await page.getByTestId('new-entry').click();
    await page.getByRole('heading', { level: 1, name: 'New journal entry' }).waitFor();
    await page.getByLabel('Description', { exact: true }).fill('Office rent for November');
    await expect.poll(() => page.getByLabel('Account of line 1').locator('option').count()).toBeGreaterThan(10);
    await page.getByLabel('Account of line 1').selectOption('518');
    await page.getByLabel('Debit of line 1').fill('12 500,50');
    await page.getByLabel('Account of line 2').selectOption('321');
    const post = page.getByTestId('post-entry');
    const balance = page.getByTestId('entry-balance');
    // One side only: the totals and the difference show at once, and posting is not possible.
    await expect.poll(() => text(page.getByTestId('total-debit'))).toBe('CZK 12,500.50');
    await expect.poll(() => text(page.getByTestId('entry-difference'))).toContain('CZK 12,500.50');
    expect(await text(balance)).toContain('Debits exceed credits');
    expect(await post.isDisabled()).toBe(true);
    await page.getByLabel('Credit of line 2').fill('12500');
    await expect.poll(() => text(page.getByTestId('entry-difference'))).toContain('CZK 0.50');
    await screenshot(page, 'accounting-entry-form');
    expect(await post.isDisabled()).toBe(true);
    await page.getByLabel('Credit of line 2').fill('12500.50');
    await expect.poll(() => text(balance)).toContain('Balanced: CZK 12,500.50 on each side');
    expect(await post.isDisabled()).toBe(false);
    await post.click();
    await page.waitForURL(/\/accounting\/journal\/[0-9a-f-]{36}$/);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/Entry \d{4}-\d{6}/);
    entryNumber = /(\d{4}-\d{6})/.exec((await heading.textContent()) ?? '')?.[1] ?? '';
    expect(entryNumber).not.toBe('');
  });

  it('still has the entry after a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Entry ${entryNumber}`) }).waitFor();
    await page.getByText('Office rent for November').first().waitFor();
    await page.goto(`${suite.server.url}/t/${owner.slug}/accounting`);
    const row = page.locator('tr', { hasText: entryNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain('Office rent for November');
    expect(await text(row)).toContain('CZK 12,500.50');
  });

  it('refuses field by field what the server refuses', async () => {
    await page.goto(`${suite.server.url}/t/${owner.slug}/accounting/partners`);
    await page.getByRole('button', { name: 'Add customer' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Neplatné IČO s.r.o.');
    await page.getByLabel('IČO', { exact: true }).fill('12345678');
    await page.getByRole('button', { name: 'Save customer' }).click();
    const field = page.locator('.field', { has: page.getByLabel('IČO', { exact: true }) });
    await expect.poll(() => field.locator('.field-error').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('disables the module and deletes its data only after the module id is typed', async () => {
    await page.goto(`${suite.server.url}/t/${owner.slug}/settings/modules`);
    const card = page.locator('[data-module="accounting"]');
    await card.locator('.switch-control').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disable' }).click();
    await card.getByTestId('purge-accounting').click();
    const dialog = page.getByRole('alertdialog');
    const confirm = dialog.getByRole('button', { name: 'Delete for good' });
    await page.getByTestId('purge-confirm').fill('accountin');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('purge-confirm').fill('accounting');
    expect(await confirm.isDisabled()).toBe(false);
    await screenshot(page, 'settings-modules-purge');
    await confirm.click();
    await page.getByText(/All data of Accounting deleted \(\d+ records\)/).waitFor();
    expect(await card.getByTestId('purge-accounting').count()).toBe(1);
    // The panel is gone with the module: its routes and nav are not built any more.
    expect(await page.getByRole('link', { name: 'Journal' }).count()).toBe(0);
  });
});

describe('a provider opens a client in one click', () => {
  it('sets up an engagement through the API, the client accepts, the provider opens it from the console', async () => {
    const p = unique('prov');
    const c = unique('client');
    const provider = await signUpViaApi(suite.server.url, {
      email: p.email,
      password: PASSWORD,
      name: 'Petr Poradce',
      firm: 'Poradce a partneři s.r.o.',
      slug: p.slug,
      kind: 'provider',
    });
    const client = await signUpViaApi(suite.server.url, {
      email: c.email,
      password: PASSWORD,
      name: 'Karel Klient',
      firm: 'Klientská firma a.s.',
      slug: c.slug,
    });
    let enabled = await client.call('PUT', `/api/t/${c.slug}/modules/accounting`, {});
    if (enabled.status === 402)
      enabled = await client.call('PUT', `/api/t/${c.slug}/modules/accounting`, { confirm: true });
    expect(enabled.status).toBe(200);
    const team = await provider.call<{ id: string }>('POST', `/api/t/${p.slug}/teams`, { name: 'Bookkeeping' });
    expect(team.status).toBe(201);
    expect(
      (await provider.call('PUT', `/api/t/${p.slug}/teams/${team.body.id}/members/${provider.userId}`)).status,
    ).toBe(200);
    const invite = await provider.call<{ engagement: { id: string; status: string } }>(
      'POST',
      `/api/t/${p.slug}/clients`,
      {
        client: { slug: c.slug },
        modules: ['accounting'],
        teams: [{ teamId: team.body.id, grants: ['accounting.*'] }],
      },
    );
    expect(invite.status).toBe(201);
    expect(invite.body.engagement.status).toBe('pending');

    // The client's owner accepts in Settings → Providers.
    const clientCtx = await suite.browser.context({ locale: 'en-GB' });
    const cp = await clientCtx.newPage();
    await signInInBrowser(cp, suite.server.url, c.email, PASSWORD);
    await cp.goto(`${suite.server.url}/t/${c.slug}/settings/providers`);
    const card = cp.locator(`[data-engagement="${invite.body.engagement.id}"]`);
    await cp.getByText('Waiting for you').first().waitFor();
    await settled(cp);
    await screenshot(cp, 'settings-providers-pending');
    await cp.getByTestId('accept-engagement').click();
    await cp.getByText('Active', { exact: true }).first().waitFor();
    await card.getByRole('button', { name: 'History', exact: true }).click();
    await cp.getByText('Accepted').first().waitFor();
    await screenshot(cp, 'settings-providers');
    await clientCtx.close();

    // The provider signs in, sees the client in its console and opens it with one click.
    const provCtx = await suite.browser.context({ locale: 'en-GB' });
    const pp = await provCtx.newPage();
    await signInInBrowser(pp, suite.server.url, p.email, PASSWORD);
    await pp.goto(`${suite.server.url}/t/${p.slug}/clients`);
    const open = pp.locator(`[data-client="${c.slug}"]`);
    await open.waitFor();
    await open.click();
    await pp.waitForURL(`${suite.server.url}/t/${c.slug}`);
    await pp.getByText('Poradce a partneři s.r.o.', { exact: false }).first().waitFor();
    await expect.poll(() => pp.locator('.via-banner[role="note"]').textContent()).toContain('Klientská firma a.s.');
    await pp.getByRole('link', { name: 'Journal' }).click();
    await pp.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await provCtx.close();
  });
});

describe('screenshots of the main pages', () => {
  it('captures the demo firm’s books, settings and the provider console', async () => {
    const ctx = await suite.browser.context({ locale: 'en-GB' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInInBrowser(page, suite.server.url, 'owner@demo-firm.example', DEMO.password);
    // The demo users speak Czech; the README shows English (the Czech UI has its own screenshot).
    await page.evaluate(() =>
      fetch('/api/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ locale: 'en' }),
      }),
    );
    const base = `${suite.server.url}/t/${DEMO.firm}`;
    const shots: [string, string, (p: Page) => Promise<unknown>][] = [
      ['', 'dashboard', (p) => p.getByTestId('widget-cash').waitFor()],
      ['/accounting', 'accounting-journal', (p) => p.locator('tbody tr').first().waitFor()],
      ['/accounting/reports', 'accounting-reports', (p) => p.getByText('Net profit').first().waitFor()],
      [
        '/accounting/reports?report=cash-flow',
        'accounting-cash-flow',
        (p) => p.locator('.chart svg').first().waitFor(),
      ],
      ['/accounting/invoices', 'accounting-invoices', (p) => p.locator('tbody tr').first().waitFor()],
      ['/accounting/bank', 'accounting-bank', (p) => p.locator('.line-item').first().waitFor()],
      ['/accounting/accounts', 'accounting-accounts', (p) => p.locator('tbody tr').first().waitFor()],
      ['/settings/modules', 'settings-modules', (p) => p.locator('[data-module]').first().waitFor()],
      ['/settings/billing', 'settings-billing', (p) => p.getByTestId('billing-plan').waitFor()],
    ];
    for (const [path, name, ready] of shots) {
      await page.goto(`${base}${path}`);
      await ready(page);
      await settled(page);
      await screenshot(page, name);
    }
    // An invoice as a document, and a statement line being reconciled.
    await page.goto(`${base}/accounting/invoices`);
    await page.locator('tbody tr').first().click();
    await page.locator('.paper').waitFor();
    await settled(page);
    await screenshot(page, 'accounting-invoice');
    // The supplier's PDF attached to the document (multipart upload), listed with a download link.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'supplier.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% e2e\n'),
    });
    await page.locator('[data-attachment="supplier.pdf"] a[download]').waitFor();
    await page.goto(`${base}/accounting/bank`);
    await page.locator('.line-item').first().click();
    await page.locator('.recon-panel').waitFor();
    await settled(page);
    await screenshot(page, 'accounting-reconciliation');
    await ctx.close();

    const pctx = await suite.browser.context({ locale: 'en-GB' });
    const pp = await pctx.newPage();
    await signInInBrowser(pp, suite.server.url, 'owner@demo-provider.example', DEMO.password);
    await pp.evaluate(() =>
      fetch('/api/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ locale: 'en' }),
      }),
    );
    await pp.goto(`${suite.server.url}/t/${DEMO.provider}/clients`);
    await pp.locator(`[data-client="${DEMO.firm}"]`).waitFor();
    await settled(pp);
    await screenshot(pp, 'provider-console');
    await pctx.close();
    expect(errors).toEqual([]);
  });
});
