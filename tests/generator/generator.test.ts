/**
 * `pnpm new:plugin` end to end, in a throwaway copy of the apps' installation files: the generated
 * plugin is registered in both apps, passes lint and typecheck (server and UI against the kit) and
 * its own tests (which load it into a test bureau, migrate, and serve its list, create, detail and
 * workflow routes) on this run's database.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGenerated, generatePlugin } from '../../scripts/new-plugin.ts';
import { installationGaps } from './installed.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ID = 'gentest';
const bin = (name: string) => join(REPO, 'node_modules/.bin', name);
let root: string;

/** Runs a tool and returns its output; a failure shows the tool's own output. */
function run(file: string, args: string[], cwd = root) {
  try {
    return execFileSync(file, args, {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')}\n${err.stdout ?? ''}\n${err.stderr ?? err.message}`);
  }
}

const link = (target: string, at: string) => {
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(realpathSync(target), at);
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bureau-new-plugin-'));
  for (const f of [
    'tsconfig.base.json',
    'core/package.json',
    'apps/server/package.json',
    'apps/server/src/plugins.ts',
    'apps/web/package.json',
    'apps/web/src/installed-plugins.ts',
  ]) {
    cpSync(join(REPO, f), join(root, f), { recursive: true });
  }
  mkdirSync(join(root, 'plugins'));
  const biome = JSON.parse(readFileSync(join(REPO, 'biome.json'), 'utf8'));
  writeFileSync(join(root, 'biome.json'), JSON.stringify({ ...biome, vcs: { enabled: false } }));
  // The root's tools, as installed.
  link(join(REPO, 'node_modules'), join(root, 'node_modules'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('pnpm new:plugin', () => {
  it('writes the standard plugin folder and installs it in both apps', () => {
    const written = generatePlugin({ id: ID, root }).map((p) => p.slice(join(root, 'plugins', ID).length + 1));
    formatGenerated(root, ID);
    // What `pnpm install` links for the new package.
    const modules = join(root, 'plugins', ID, 'node_modules');
    link(join(REPO, 'core'), join(modules, '@bureau/core'));
    for (const dep of ['kysely', 'zod']) link(join(REPO, 'core/node_modules', dep), join(modules, dep));
    for (const f of [
      'package.json',
      'README.md',
      'src/contract.ts',
      'src/server/index.ts',
      'src/server/migrations/0001_init.ts',
      'src/server/routes.ts',
      'src/ui/index.ts',
      'src/ui/pages/list.tsx',
      'test/items.test.ts',
    ]) {
      expect(written).toContain(f);
    }
    expect(installationGaps(root)).toEqual([]);
    expect(() => generatePlugin({ id: ID, root })).toThrow(/exists already/);
    expect(() => generatePlugin({ id: 'Bad-Id', root })).toThrow(/not a plugin id/);
    expect(() => generatePlugin({ id: 'core', root })).toThrow(/reserved/);
  });

  it('passes lint and typecheck as generated, server and UI', () => {
    run(bin('biome'), ['check', `plugins/${ID}`, 'apps/server/src/plugins.ts', 'apps/web/src/installed-plugins.ts']);
    // One program for the server, its tests and the UI, with apps/web's options (the kit, the app's
    // Solid and Kobalte): `pnpm typecheck` splits it in two, which would check core twice here.
    const web = JSON.parse(readFileSync(join(REPO, 'apps/web/tsconfig.json'), 'utf8'));
    const paths = Object.fromEntries(
      Object.entries(web.compilerOptions.paths as Record<string, string[]>).map(([k, v]) => [
        k,
        v.map((p) => join(REPO, 'apps/web', p)),
      ]),
    );
    writeFileSync(
      join(root, 'env.d.ts'),
      `/// <reference path="${join(REPO, 'apps/web/node_modules/vite/client.d.ts')}" />\n`,
    );
    writeFileSync(
      join(root, 'tsconfig.check.json'),
      JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: { ...web.compilerOptions, types: ['node'], paths },
        include: ['env.d.ts', `plugins/${ID}/src`, `plugins/${ID}/test`],
      }),
    );
    run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.check.json']);
  }, 300_000);

  it("passes its own tests: loads, migrates, serves its routes (this run's database)", () => {
    writeFileSync(
      join(root, 'vitest.config.mjs'),
      `export default { cacheDir: ${JSON.stringify(join(root, '.vite'))}, test: { testTimeout: 60000, hookTimeout: 120000 } };\n`,
    );
    const out = run(bin('vitest'), ['run', `plugins/${ID}`, '--reporter', 'verbose']);
    expect(out).toMatch(/Tests\s+5 passed/);
    expect(out).toContain('creates items and lists them with search, status filter and CSV export');
  }, 300_000);
});
