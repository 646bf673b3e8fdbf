/**
 * Browser test harness: builds nothing itself (see `buildWeb`), starts the real server on a free port
 * with a fresh embedded database, and drives Debian's Chromium through playwright-core.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateDataDir, templatePostgres } from '@bureau/core';
import { installedPlugins } from '@bureau/server';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = join(repoRoot, 'test-artifacts/screenshots');
const CHROMIUM = '/usr/bin/chromium';

/** playwright-core, from this package or (until tests/package.json lists it) from @bureau/web. */
async function playwright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch {
    const req = createRequire(join(repoRoot, 'apps/web/package.json'));
    return req('playwright-core') as typeof import('playwright-core');
  }
}

export const chromiumAvailable = existsSync(CHROMIUM);

/** Newest modification time under `dir` (recursively), skipping node_modules and dist. */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  const st = statSync(dir);
  if (!st.isDirectory()) return st.mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(dir, entry.name)));
  }
  return newest;
}

/** Every source the web build reads: the shell, the UI kit and each plugin's UI. */
function webSources(): string[] {
  const plugins = join(repoRoot, 'plugins');
  return [
    join(repoRoot, 'apps/web/src'),
    join(repoRoot, 'apps/web/index.html'),
    join(repoRoot, 'apps/web/vite.config.ts'),
    join(repoRoot, 'apps/web/package.json'),
    join(repoRoot, 'core/src/ui'),
    join(repoRoot, 'core/src/ui.ts'),
    ...(existsSync(plugins) ? readdirSync(plugins).map((p) => join(plugins, p, 'src/ui')) : []),
  ];
}

const distIndex = join(repoRoot, 'apps/web/dist/index.html');
const isStale = () =>
  !existsSync(distIndex) || webSources().some((src) => newestMtime(src) > statSync(distIndex).mtimeMs);

/**
 * Builds the web app once per run, and only when dist is older than a source it is built from.
 * Test files run in parallel: a lock directory makes the others wait for the one that builds.
 */
export async function buildWeb() {
  if (process.env.BUREAU_E2E_SKIP_BUILD === '1' && existsSync(distIndex)) return;
  const lock = join(tmpdir(), `bureau-e2e-build-${Buffer.from(repoRoot).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else builds; a lock older than the deadline is a leftover of a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('waited 3 minutes for another web build');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (isStale()) execFileSync('pnpm', ['--filter', '@bureau/web', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The JavaScript files of one plugin's UI, from the Vite manifest: its entry chunk and every chunk only it loads. */
export function pluginChunks(pluginId: string): { entry: string; files: string[] } {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'apps/web/dist/.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; src?: string; imports?: string[]; dynamicImports?: string[] }
  >;
  const prefix = `plugins/${pluginId}/src/ui/`;
  const entryKey = Object.keys(manifest).find((k) => k.replace(/^(\.\.\/)+/, '').startsWith(`${prefix}index.ts`));
  if (!entryKey) throw new Error(`no UI entry of plugin ${pluginId} in the Vite manifest`);
  const files = Object.entries(manifest)
    .filter(([k]) => k.replace(/^(\.\.\/)+/, '').startsWith(prefix))
    .map(([, v]) => v.file)
    .filter((f) => f.endsWith('.js'));
  return { entry: (manifest[entryKey] as { file: string }).file, files };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * With DATABASE_URL set, the server gets a fresh database on that PostgreSQL server (dropped on
 * stop), like createTestBureau does; without it, embedded PGlite in a temporary data directory.
 */
async function freshPostgres(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { env: {}, drop: async () => {} };
  const { default: pg } = await import('pg');
  const name = `bureau_e2e_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const template = await templatePostgres(base, installedPlugins);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Starts apps/server (`node src/main.ts`) with PORT, HOST and a temporary BUREAU_DATA_DIR (or a fresh PostgreSQL database). */
export interface ServerOptions {
  /** Run background jobs (exports, mail, schedules) as in production; vitest's NODE_ENV=test switches them off. */
  backgroundJobs?: boolean;
}

/**
 * A test file's server and browser: started before its tests (after building the web app if stale),
 * closed after them. Call once at the top of the file: `const suite = e2eSuite()`, then `suite.server.url`.
 */
export function e2eSuite(
  env: Record<string, string> = {},
  options: ServerOptions = {},
): { readonly server: RunningServer; readonly browser: E2EBrowser } {
  const suite = {} as { server: RunningServer; browser: E2EBrowser };
  beforeAll(async () => {
    await buildWeb();
    suite.server = await startServer(env, options);
    suite.browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

export async function startServer(
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<RunningServer> {
  // Debugging aid: point the suite at a server you already run (e.g. `pnpm dev`).
  const external = process.env.BUREAU_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ''), dataDir: '', log: () => '', stop: async () => {} };
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bureau-e2e-'));
  const database = await freshPostgres();
  // The run's migrated data directory (core/src/test-templates.ts) instead of initdb and migrations.
  const template = process.env.DATABASE_URL || env.DATABASE_URL ? null : await templateDataDir(installedPlugins);
  if (template) cpSync(template, dataDir, { recursive: true });
  let output = '';
  const child: ChildProcess = spawn('pnpm', ['--filter', '@bureau/server', 'exec', 'node', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BUREAU_DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      BUREAU_SIGNUP_PER_HOUR: '1000000',
      BUREAU_OPERATOR_2FA: 'optional',
      ...(options.backgroundJobs ? { NODE_ENV: 'development' } : {}),
      ...database.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

export interface E2EBrowser {
  browser: Browser;
  /** A fresh, isolated context (own cookies), with a locale and viewport. */
  context: (opts?: { locale?: string; viewport?: { width: number; height: number } }) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<E2EBrowser> {
  const { chromium } = await playwright();
  // playwright's launch() gives Chromium a fresh temporary profile (user-data-dir) of its own each time.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    context: (opts = {}) =>
      browser.newContext({
        locale: opts.locale ?? 'en-GB',
        viewport: opts.viewport ?? { width: 1360, height: 860 },
        deviceScaleFactor: 1,
      }),
    close: async () => {
      await browser.close();
    },
  };
}

/** Saves a screenshot to test-artifacts/screenshots/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string, fullPage = false) {
  mkdirSync(screenshotDir, { recursive: true });
  // Let transitions and toasts settle so screenshots are stable.
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/** Records every JavaScript URL a context requests. */
export function watchScripts(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r: Request) => {
    if (r.resourceType() === 'script' || r.url().endsWith('.js')) urls.push(r.url());
  });
  return urls;
}

let seq = 0;
/** A unique e-mail and slug per call (tests share one server). */
export function unique(prefix: string) {
  seq += 1;
  const id = `${prefix}${Date.now().toString(36)}${seq}`;
  return {
    email: `${id}@example.cz`,
    slug: id
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '')
      .slice(0, 30),
  };
}

/** Signs up through the real sign-up page and waits for the dashboard. */
export async function signUpInBrowser(
  page: Page,
  baseUrl: string,
  opts: { name: string; email: string; password: string; firm: string; slug: string; kind?: 'company' | 'provider' },
) {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel(/Your name|Vaše jméno/).fill(opts.name);
  await page.getByLabel(/Work e-mail|Pracovní e-mail/).fill(opts.email);
  await page.getByLabel(/^Password|^Heslo/).fill(opts.password);
  await page.getByLabel(/Firm name|Název firmy/).fill(opts.firm);
  await page.getByLabel(/Workspace address|Adresa prostoru/).fill(opts.slug);
  if (opts.kind === 'provider') await page.getByLabel(/service provider|Poskytovatel služeb/).check();
  await page.getByRole('button', { name: /Create account|Založit účet/ }).click();
  await page.waitForURL(`${baseUrl}/t/${opts.slug}`);
}

/** A signed-in API caller for test set-up: the session cookie and a same-origin Origin header. */
export interface ApiUser {
  cookie: string;
  userId: string;
  tenant: { id: string; slug: string };
  call: <T = any>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
}

function caller(baseUrl: string, cookie: string): ApiUser['call'] {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        origin: baseUrl,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** Signs up through the API (POST /api/auth/signup) and returns a caller with its session. */
export async function signUpViaApi(
  baseUrl: string,
  opts: {
    email: string;
    password: string;
    name: string;
    firm: string;
    slug: string;
    kind?: 'company' | 'provider';
    locale?: 'en' | 'cs';
  },
): Promise<ApiUser> {
  const res = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({
      email: opts.email,
      password: opts.password,
      name: opts.name,
      locale: opts.locale ?? 'en',
      tenant: { name: opts.firm, slug: opts.slug, kind: opts.kind ?? 'company', country: 'CZ' },
    }),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; tenant: { id: string; slug: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, userId: body.user.id, tenant: body.tenant, call: caller(baseUrl, cookie) };
}

/** Signs in through the real login page and waits for the tenant it lands on. */
export async function signInInBrowser(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Password|^Heslo/).fill(password);
  await page.getByRole('button', { name: /Sign in|Přihlásit se/ }).click();
  await page.waitForURL(/\/t\//);
}

/** Windows virtual key codes of the keys in codes that are not a letter or digit (those are their own code). */
const VIRTUAL_KEY: Record<string, number> = { Enter: 13, '-': 189, '/': 191, '.': 190, ' ': 32 };

/**
 * Sends `code` and Enter to the focused field as a keyboard-wedge scanner does: each key stamped
 * `gapMs` after the previous one (CDP's event timestamp, which the page reads as `event.timeStamp`).
 * The page's scan detector then sees a burst however late a loaded machine delivers the keys;
 * `keyboard.type` with a small delay stamps them with the real time, and a pause of more than the
 * detector's gap cut the burst (a scan of `26000001` for `L26000001`).
 */
export async function scanKeys(page: Page, code: string, gapMs = 5) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const start = Date.now() / 1000;
    let i = 0;
    for (const key of [...code, 'Enter']) {
      const text = key === 'Enter' ? '\r' : key;
      const windowsVirtualKeyCode = VIRTUAL_KEY[key] ?? key.toUpperCase().charCodeAt(0);
      const timestamp = start + (i++ * gapMs) / 1000;
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'keyDown',
        key,
        text,
        unmodifiedText: text,
        windowsVirtualKeyCode,
        timestamp,
      });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, windowsVirtualKeyCode, timestamp });
    }
  } finally {
    await cdp.detach();
  }
}

/** Waits until no loading skeleton or busy region is left on the page. */
export async function settled(page: Page) {
  for (const selector of ['.state-loading', '[aria-busy="true"]']) {
    await page
      .locator(selector)
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => {});
  }
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page at rest: a toast fading in or a colour in transition (opacity, a new scheme) would read as too little contrast. */
const atRest = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );

const axeRun = async (page: Page): Promise<string[]> => {
  await atRest(page);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // Toasts leave on a timer: one that starts fading out while axe reads the page reads as low
    // contrast (seen in CI under load). Their colours are the kit's --text on --bg in both schemes.
    return axe.run(
      { exclude: [['.toast-list']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } },
    );
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

/**
 * axe-core's WCAG 2.1 A/AA violations on the page as it is now, as `rule: selectors` lines, in the
 * light and in the dark scheme (issue 20: every page, light and dark): the dark pass switches <html>'s
 * `data-theme` as the user menu does, then puts back what the page had.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  const theme = await page.evaluate(() => document.documentElement.dataset.theme ?? null);
  const scheme = (t: string | null) =>
    page.evaluate((t) => {
      if (t) document.documentElement.dataset.theme = t;
      else delete document.documentElement.dataset.theme;
    }, t);
  await scheme('light');
  const light = await axeRun(page);
  await scheme('dark');
  const dark = (await axeRun(page)).map((v) => `dark ${v}`);
  await scheme(theme);
  return [...light, ...dark];
}

/**
 * Opens a dropdown menu and chooses an item, then waits for `done`. The menu is let settle first (its opening
 * animation over, its box unmoved for two frames). Under heavy load a click on a freshly opened menu was seen to
 * press on the item and release on nothing (the release landed outside any element that takes the pointer), so
 * nothing was chosen; when `done` does not come, the menu is closed and the choice made again, up to 3 times.
 */
export async function chooseFromMenu(
  page: Page,
  trigger: Locator,
  item: Locator,
  done: (timeout: number) => Promise<unknown>,
) {
  for (let attempt = 1; ; attempt++) {
    await trigger.click();
    await item.waitFor();
    await page.evaluate(async () => {
      const menu = document.querySelector('[role="menu"]');
      if (!menu) return;
      await Promise.all(menu.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined)));
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      let last = '';
      for (let i = 0; i < 20; i++) {
        const r = menu.getBoundingClientRect();
        const now = `${r.x},${r.y},${r.width},${r.height}`;
        if (now === last) return;
        last = now;
        await frame();
        await frame();
      }
    });
    await item.click();
    const chosen = await done(attempt < 3 ? 8_000 : 15_000).then(
      () => true,
      (e) => {
        if (attempt >= 3) throw e;
        return false;
      },
    );
    if (chosen) return;
    await page.keyboard.press('Escape');
  }
}
