/**
 * End-to-end: the maintenance page (issue 22). While a server upgrades its database at start it serves
 * `maintenanceApp` (the API answers 503 `maintenance`); the web app shows the maintenance page in the
 * reader's language, also 390 px wide, and comes back by itself once the server is ready.
 */
import type { AddressInfo } from 'node:net';
import { createTestBureau, type TestBureau } from '@bureau/core';
import { maintenanceApp } from '@bureau/core/ops';
import { installedPlugins, serveWeb } from '@bureau/server';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, type E2EBrowser, launchBrowser, screenshot } from './harness.ts';

let browser: E2EBrowser;
let bureau: TestBureau;
let server: ReturnType<typeof serve>;
let url = '';
/** What the server answers with: the maintenance app first, then the real one. */
let handler: (req: Request) => Response | Promise<Response>;

beforeAll(async () => {
  await buildWeb();
  const upgrading = maintenanceApp('upgrade', (a) => serveWeb(a));
  // The real Retry-After is 15 s; the test does not wait that long.
  handler = async (req) => {
    const res = await upgrading.fetch(req);
    if (res.status !== 503) return res;
    const headers = new Headers(res.headers);
    headers.set('retry-after', '1');
    return new Response(res.body, { status: 503, headers });
  };
  await new Promise<void>((resolve) => {
    server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      url = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  bureau = await createTestBureau({ plugins: installedPlugins });
  serveWeb(bureau.app as never);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await bureau?.close();
});

describe('maintenance page', () => {
  it('shows the maintenance page in Czech on a phone and in English, then returns by itself', async () => {
    const phone = await browser.context({ locale: 'cs-CZ', viewport: { width: 390, height: 844 } });
    const cs = await phone.newPage();
    await cs.goto(`${url}/`);
    await expect.poll(() => cs.getByRole('heading', { level: 1 }).textContent()).toBe('Probíhá údržba Bureau');
    await screenshot(cs, 'maintenance-cs-390');
    const scroll = await cs.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(390);

    const desk = await browser.context({ locale: 'en-GB' });
    const en = await desk.newPage();
    await en.goto(`${url}/login`);
    await expect.poll(() => en.getByRole('heading', { level: 1 }).textContent()).toBe('Bureau is under maintenance');
    await expect.poll(() => en.getByRole('status').textContent()).toMatch(/comes back by itself/);
    await screenshot(en, 'maintenance-en');

    // The upgrade is done: the same server now answers with the real app; the page reloads itself.
    handler = (req) => bureau.app.fetch(req);
    await en.waitForURL(/\/login/, { timeout: 30_000 });
    await expect
      .poll(() => en.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 })
      .not.toBe('Bureau is under maintenance');
    await expect.poll(() => en.getByLabel(/E-mail/i).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await phone.close();
    await desk.close();
  }, 180_000);
});
