/**
 * End-to-end: the web shell against the real server in Chromium. Sign-up → dashboard, settings pages,
 * Czech translation persisted per user, an invitation accepted in a second browser context, an API token
 * shown once. Screenshots of the main pages go to test-artifacts/screenshots/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseFromMenu, e2eSuite, screenshot, signUpInBrowser, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();
let ctx: BrowserContext;
let page: Page;
const owner = unique('owner');

beforeAll(async () => {
  ctx = await suite.browser.context({ locale: 'en-GB' });
  page = await ctx.newPage();
}, 240_000);

describe('web shell', () => {
  it('signs up a firm and lands on its dashboard', async () => {
    await page.goto(`${suite.server.url}/signup`);
    await screenshot(page, 'signup');
    await signUpInBrowser(page, suite.server.url, {
      name: 'Jana Nováková',
      email: owner.email,
      password: PASSWORD,
      firm: 'Nováková a syn s.r.o.',
      slug: owner.slug,
    });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Jana/);
    await expect.poll(() => page.getByTestId('tenant-switcher').textContent()).toContain('Nováková a syn');
    await screenshot(page, 'dashboard-new-firm');
  });

  it('shows problem+json field errors next to the field', async () => {
    const other = await suite.browser.context();
    const p = await other.newPage();
    await p.goto(`${suite.server.url}/signup`);
    await p.getByLabel('Your name').fill('Petr');
    await p.getByLabel('Work e-mail').fill(unique('dup').email);
    await p.getByLabel(/^Password/).fill(PASSWORD);
    await p.getByLabel('Firm name').fill('Duplicate');
    await p.getByLabel('Workspace address').fill('x'); // the server's zod schema refuses it: a 400 with `tenant.slug`
    await p.getByRole('button', { name: 'Create account' }).click();
    const field = p.locator('.field', { has: p.getByLabel('Workspace address') });
    await expect.poll(() => field.locator('.field-error').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await other.close();
  });

  it('opens every settings page without errors', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const section of [
      'modules',
      'members',
      'providers',
      'roles',
      'tokens',
      'audit',
      'records',
      'events',
      'billing',
    ]) {
      await page.goto(`${suite.server.url}/t/${owner.slug}/settings/${section}`);
      await page.locator('.settings-body').waitFor();
      await page
        .locator('.state-loading')
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 })
        .catch(() => {});
      // modules and billing are captured with the demo firm's data in accounting.test.ts
      await screenshot(
        page,
        ['modules', 'billing'].includes(section) ? `settings-${section}-new-firm` : `settings-${section}`,
      );
    }
    expect(errors).toEqual([]);
  });

  it('creates an API token and shows it exactly once', async () => {
    await page.goto(`${suite.server.url}/t/${owner.slug}/settings/tokens`);
    await page.getByLabel('Name', { exact: true }).fill('Bank sync');
    await page.getByLabel(/See members and invitations/).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^bureau_/);
    await screenshot(page, 'tokens');
    await page.reload();
    await page.getByText('Bank sync').first().waitFor();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
  });

  it('switches to Czech, translated at once and remembered after a reload', async () => {
    await page.goto(`${suite.server.url}/t/${owner.slug}`);
    await chooseFromMenu(
      page,
      page.getByTestId('user-menu'),
      page.getByRole('menuitemradio', { name: 'Čeština' }),
      (timeout) => expect.poll(() => page.locator('html').getAttribute('lang'), { timeout }).toBe('cs'),
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.nav-item', { hasText: 'Přehled' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-cs');
    // Persisted on the user (PATCH /api/me), not only in this browser: a fresh context sees Czech too.
    const fresh = await suite.browser.context({ locale: 'en-GB' });
    const p3 = await fresh.newPage();
    await p3.goto(`${suite.server.url}/login`);
    await p3.getByLabel('E-mail').fill(owner.email);
    await p3.getByLabel('Password').fill(PASSWORD);
    await p3.getByRole('button', { name: 'Sign in' }).click();
    await p3.waitForURL(`${suite.server.url}/t/${owner.slug}`);
    await expect.poll(() => p3.getByRole('heading', { level: 1 }).textContent()).toMatch(/Dobr/);
    await p3.goto(`${suite.server.url}/t/${owner.slug}/settings/members`);
    await p3.getByRole('heading', { name: 'Čekající pozvánky' }).waitFor();
    await screenshot(p3, 'members-cs');
    await fresh.close();
  });

  it('switches to the dark scheme by hand, remembered on this device, and back to the device’s (cs)', async () => {
    await page.goto(`${suite.server.url}/t/${owner.slug}`);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(247, 247, 248)');
    await chooseFromMenu(
      page,
      page.getByTestId('user-menu'),
      page.getByRole('menuitemradio', { name: 'Tmavý' }),
      (timeout) => expect.poll(() => page.locator('html').getAttribute('data-theme'), { timeout }).toBe('dark'),
    );
    await page.keyboard.press('Escape');
    await expect.poll(background).toBe('rgb(17, 17, 19)');
    await screenshot(page, 'dashboard-dark-cs');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await background()).toBe('rgb(17, 17, 19)');
    await chooseFromMenu(
      page,
      page.getByTestId('user-menu'),
      page.getByRole('menuitemradio', { name: 'Podle zařízení' }),
      (timeout) => expect.poll(() => page.locator('html').getAttribute('data-theme'), { timeout }).toBe(null),
    );
    await page.keyboard.press('Escape');
    // The device's scheme again: a device set to dark shows dark without a choice being stored.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBe('rgb(17, 17, 19)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBe('rgb(247, 247, 248)');
    expect(await page.evaluate(() => localStorage.getItem('bureau.theme'))).toBe(null);
  });

  it('works at phone width with the sidebar as a drawer', async () => {
    const phone = await suite.browser.context({ locale: 'cs-CZ', viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    await p.goto(`${suite.server.url}/login`);
    await p.getByLabel('E-mail').fill(owner.email);
    await p.getByLabel('Heslo').fill(PASSWORD);
    await p.getByRole('button', { name: 'Přihlásit se' }).click();
    await p.waitForURL(`${suite.server.url}/t/${owner.slug}`);
    const menu = p.getByRole('button', { name: 'Otevřít nabídku' });
    await menu.waitFor();
    await screenshot(p, 'phone-dashboard');
    await menu.click();
    await p.getByRole('link', { name: 'Nastavení' }).click();
    await p.waitForURL(/\/settings\//);
    await screenshot(p, 'phone-settings');
    await phone.close();
  });
  it('invites a member who accepts in a second browser context', async () => {
    const invitee = unique('invitee');
    await page.goto(`${suite.server.url}/t/${owner.slug}/settings/members`);
    // The owner switched to Czech in an earlier test.
    await page.getByLabel('E-mail').fill(invitee.email);
    await page.getByRole('button', { name: 'Poslat pozvánku' }).click();
    const linkField = page.getByTestId('invite-link');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/invite\?token=/);
    await screenshot(page, 'members');

    const second = await suite.browser.context({ locale: 'en-GB' });
    const p2 = await second.newPage();
    await p2.goto(link.replace(/^https?:\/\/[^/]+/, suite.server.url));
    await p2.getByLabel('Your name').fill('Karel Dvořák');
    await p2.getByLabel(/^Password/).fill(PASSWORD);
    await screenshot(p2, 'accept-invitation');
    await p2.getByRole('button', { name: 'Create account and join' }).click();
    await p2.waitForURL(`${suite.server.url}/t/${owner.slug}`);
    await expect.poll(() => p2.getByTestId('tenant-switcher').textContent()).toContain('Nováková a syn');
    await second.close();

    await page.reload();
    await expect.poll(() => page.getByText('Karel Dvořák').count()).toBeGreaterThan(0);
  });

  it('a provider builds a team, invites a client, sees the history and withdraws', async () => {
    const provider = unique('prov');
    const pc = await suite.browser.context({ locale: 'en-GB' });
    const p = await pc.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await signUpInBrowser(p, suite.server.url, {
      name: 'Anna Účetní',
      email: provider.email,
      password: PASSWORD,
      firm: 'Účetní s.r.o.',
      slug: provider.slug,
      kind: 'provider',
    });
    await p.getByRole('link', { name: 'Teams & engagements' }).click();
    await p.waitForURL(`${suite.server.url}/t/${provider.slug}/engagements`);

    await p.getByLabel('New team').fill('Payroll');
    await p.getByRole('button', { name: 'Create team' }).click();
    const team = p.locator('[data-team="Payroll"]');
    await team.waitFor();
    await team.getByLabel('Add a colleague to Payroll').selectOption({ label: 'Anna Účetní' });
    await team.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => team.getByText(provider.email).count()).toBeGreaterThan(0);

    await p.getByLabel('Client’s e-mail, IČO or workspace address').fill(owner.slug);
    await p.locator('fieldset', { hasText: 'Modules' }).getByRole('checkbox').first().check();
    await p.getByRole('button', { name: 'Send invitation' }).click();
    await p.locator('[data-status="pending"]').first().waitFor();
    await p.locator(`[data-engagement="${owner.slug}"]`).click();
    await expect.poll(() => p.getByText('Invitation sent').count()).toBeGreaterThan(0);
    await screenshot(p, 'provider-engagements');

    await p.getByRole('button', { name: /^Withdraw the invitation to/ }).click();
    await p.getByRole('alertdialog').getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => p.locator('[data-status="pending"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await pc.close();
  });
});
