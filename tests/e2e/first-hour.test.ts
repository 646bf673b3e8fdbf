/**
 * Issue 20, items 1 and 8, in Czech: a provider names its client by e-mail (a wrong one is refused
 * plainly, in Czech, next to the field), ticks a module by its name, proposes without choosing a team;
 * the client sees the request on its dashboard and accepts; the provider then opens the client from
 * the switcher in one click and works in its books.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseFromMenu, e2eSuite, screenshot, signInInBrowser, signUpViaApi, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';
const suite = e2eSuite();

describe('the first engagement, in Czech', () => {
  it('proposal, acceptance and one click to open the client’s books', async () => {
    const p = unique('ucetni');
    const c = unique('firma');
    const provider = await signUpViaApi(suite.server.url, {
      email: p.email,
      password: PASSWORD,
      name: 'Anna Účetní',
      firm: 'Účetní Anna s.r.o.',
      slug: p.slug,
      kind: 'provider',
      locale: 'cs',
    });
    const client = await signUpViaApi(suite.server.url, {
      email: c.email,
      password: PASSWORD,
      name: 'Jan Novák',
      firm: 'Novák Stavby s.r.o.',
      slug: c.slug,
      locale: 'cs',
    });
    expect((await client.call('PUT', `/api/t/${c.slug}/modules/accounting`, { confirm: true })).status).toBe(200);
    expect(provider.tenant.slug).toBe(p.slug);

    const pc = await (suite.browser.browser as Browser).newContext({
      locale: 'cs-CZ',
      viewport: { width: 1280, height: 900 },
    });
    const pp = await pc.newPage();
    await signInInBrowser(pp, suite.server.url, p.email, PASSWORD);
    await pp.goto(`${suite.server.url}/t/${p.slug}/engagements`);
    const field = pp.getByLabel('E-mail, IČO nebo adresa prostoru klienta');
    await field.fill('nikdo@example.cz');
    await pp.locator('[data-picker="new-engagement"]').getByRole('checkbox', { name: 'Účetnictví' }).check();
    await pp.getByRole('button', { name: 'Odeslat pozvání' }).click();
    const fieldBox = pp.locator('.field', { has: field });
    await expect
      .poll(() => fieldBox.locator('.field-error').textContent(), { timeout: 15_000 })
      .toMatch(/^Žádná firma v Bureau nemá nikdo@example.cz/);
    await field.fill(c.email);
    await pp.getByRole('button', { name: 'Odeslat pozvání' }).click();
    await pp.locator('[data-status="pending"]').first().waitFor();
    await screenshot(pp, 'first-hour-proposal-cs');

    const cc = await (suite.browser.browser as Browser).newContext({
      locale: 'cs-CZ',
      viewport: { width: 1280, height: 900 },
    });
    const cp = await cc.newPage();
    await signInInBrowser(cp, suite.server.url, c.email, PASSWORD);
    await cp.goto(`${suite.server.url}/t/${c.slug}`);
    const request = cp.locator(`[data-request="${p.slug}"]`);
    await expect.poll(() => request.textContent(), { timeout: 15_000 }).toContain('Účetní Anna s.r.o. žádá o přístup');
    await screenshot(cp, 'first-hour-request-cs');
    await request.getByRole('link', { name: 'Posoudit' }).click();
    await cp.getByTestId('accept-engagement').click();
    await expect.poll(() => cp.getByTestId('accept-engagement').count(), { timeout: 15_000 }).toBe(0);

    // One click: the client is in the provider's switcher, and its books open.
    await pp.reload();
    await chooseFromMenu(pp, pp.getByTestId('tenant-switcher'), pp.locator(`[data-tenant="${c.slug}"]`), (timeout) =>
      pp.waitForURL(`${suite.server.url}/t/${c.slug}`, { timeout }),
    );
    await pp.waitForURL(`${suite.server.url}/t/${c.slug}`);
    await pp.locator('.sidebar').getByRole('link', { name: 'Účetní deník' }).click();
    await pp.waitForURL(`${suite.server.url}/t/${c.slug}/accounting`);
    await expect.poll(() => pp.locator('main h1').first().textContent(), { timeout: 15_000 }).toBeTruthy();
    expect(await pp.getByText('nemáte přístup').count()).toBe(0);
    await screenshot(pp, 'first-hour-client-books-cs');
    await pc.close();
    await cc.close();
  }, 240_000);
});
