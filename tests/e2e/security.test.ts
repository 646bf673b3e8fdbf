/**
 * End-to-end: security in Chromium against the real server. The Content-Security-Policy blocks
 * nothing the web app or /api/docs needs (no violation reported on either), and two-step sign-in is
 * set up in Settings → Security and then asked for at sign-in (issue 11).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { totpFromBase32 } from '../../core/src/auth/totp.ts';
import { e2eSuite, screenshot, signUpInBrowser, unique } from './harness.ts';

const PASSWORD = 'correct-horse-battery';

const suite = e2eSuite();
let ctx: BrowserContext;
let page: Page;
const violations: string[] = [];
const owner = unique('sec');

function watchCsp(p: Page) {
  p.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  p.on('pageerror', (e) => violations.push(String(e)));
}

beforeAll(async () => {
  ctx = await suite.browser.context({ locale: 'en-GB' });
  page = await ctx.newPage();
  watchCsp(page);
}, 240_000);

describe('Content-Security-Policy in the browser', () => {
  it('the API docs page renders under the policy', async () => {
    const res = await page.goto(`${suite.server.url}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect
      .poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 30_000 })
      .toContain('Bureau API');
    await screenshot(page, 'api-docs');
    expect(violations).toEqual([]);
  });
});

describe('two-step sign-in', () => {
  let recovery: string[] = [];

  it('is set up in Settings → Security with the QR code, a first code and recovery codes', async () => {
    await signUpInBrowser(page, suite.server.url, {
      name: 'Eva Bezpečná',
      email: owner.email,
      password: PASSWORD,
      firm: 'Bezpečná s.r.o.',
      slug: owner.slug,
    });
    await page.goto(`${suite.server.url}/t/${owner.slug}/settings/security`);
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'QR code for the authenticator app' }).count()).toBe(1);
    await screenshot(page, 'settings-security-setup');
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    await page.getByLabel('Code from the app').fill(totpFromBase32(secret, Date.now()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    recovery = await page.getByTestId('recovery-codes').locator('li').allTextContents();
    await screenshot(page, 'settings-security-on');
    expect(violations).toEqual([]);
  });

  it('asks for a code after the password at sign-in', async () => {
    const other = await suite.browser.context({ locale: 'en-GB' });
    const p = await other.newPage();
    watchCsp(p);
    await p.goto(`${suite.server.url}/login`);
    await p.getByLabel(/^E-mail/).fill(owner.email);
    await p.getByLabel(/^Password/).fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => p.getByLabel('Code from your authenticator app').count()).toBe(1);
    expect(p.url()).toContain('/login');
    // The code used to turn it on is spent; a recovery code signs in once.
    await p.getByLabel('Code from your authenticator app').fill(recovery[0] as string);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(/\/t\//);
    await other.close();
    expect(violations).toEqual([]);
  });
});
