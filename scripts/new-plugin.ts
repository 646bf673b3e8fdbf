/**
 * `pnpm new:plugin <id> [--resource <name>] [--no-install]` creates plugins/<id> from
 * scripts/plugin-template (contract, migration, one resource with list/create/detail routes and
 * pages on the UI kit, a workflow, a schedule, cs/en messages, tests, README), installs it in both
 * apps (apps/server/src/plugins.ts, apps/web/src/installed-plugins.ts and their package.json) and
 * runs `pnpm install`. The result passes typecheck, lint, depcheck and its own tests as it is.
 *
 * `--root <dir>` generates into another checkout (the generator's own test uses a temporary copy).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESERVED_PLUGIN_IDS } from '../core/src/plugins/registry.ts';

const TEMPLATE = fileURLToPath(new URL('./plugin-template/', import.meta.url));

export interface GenerateOptions {
  id: string;
  resource?: string;
  root: string;
}

const pascal = (s: string) => s.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const plural = (s: string) =>
  /[^aeiou]y$/.test(s) ? `${s.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(s) ? `${s}es` : `${s}s`;

function fail(message: string): never {
  throw new Error(message);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function versionOf(root: string, pkgJson: string, dep: string): string {
  const pkg = JSON.parse(readFileSync(join(root, pkgJson), 'utf8')) as Record<string, Record<string, string>>;
  return pkg.dependencies?.[dep] ?? pkg.devDependencies?.[dep] ?? fail(`${pkgJson} has no ${dep}`);
}

function addDependency(root: string, pkgJson: string, name: string) {
  const path = join(root, pkgJson);
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { dependencies: Record<string, string> };
  pkg.dependencies[name] = 'workspace:*';
  pkg.dependencies = Object.fromEntries(Object.entries(pkg.dependencies).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** Adds the import and the list entry to apps/server/src/plugins.ts. */
function installInServer(root: string, id: string, name: string) {
  const path = join(root, 'apps/server/src/plugins.ts');
  let s = readFileSync(path, 'utf8');
  const imports = [...s.matchAll(/^import [^\n]+ from '@bureau\/plugin-[^']+';\n/gm)];
  const last = imports[imports.length - 1] ?? fail('apps/server/src/plugins.ts imports no plugin to add after');
  const at = (last.index ?? 0) + last[0].length;
  s = `${s.slice(0, at)}import ${name} from '@bureau/plugin-${id}';\n${s.slice(at)}`;
  const list =
    /(export const installedPlugins[^=]*=\s*\[)([^\]]*)\]/.exec(s) ??
    fail('no installedPlugins list in apps/server/src/plugins.ts');
  const items = list[2]
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean) as string[];
  s = s.replace(list[0], `${list[1]}${[...items, name].join(', ')}]`);
  writeFileSync(path, s);
}

/** Adds the lazy UI loader to apps/web/src/installed-plugins.ts. */
function installInWeb(root: string, id: string) {
  const path = join(root, 'apps/web/src/installed-plugins.ts');
  const s = readFileSync(path, 'utf8');
  const m = /(export const installedPlugins: Record<string, PluginUiLoader> = \{\n)([\s\S]*?)(\n\};)/.exec(s);
  if (!m) fail('no installedPlugins object in apps/web/src/installed-plugins.ts');
  const key = /^[a-z][a-z0-9]*$/.test(id) ? id : `'${id}'`;
  writeFileSync(path, s.replace(m[0], `${m[1]}${m[2]}\n  ${key}: () => import('@bureau/plugin-${id}/ui'),${m[3]}`));
}

/** Writes plugins/<id> and installs it in both apps; returns the files written. */
export function generatePlugin(options: GenerateOptions): string[] {
  const { id, root } = options;
  if (!/^[a-z][a-z0-9]{1,39}$/.test(id)) {
    fail(`"${id}" is not a plugin id: 2–40 lowercase letters and digits, starting with a letter`);
  }
  if (RESERVED_PLUGIN_IDS.has(id) || id.startsWith('pg')) fail(`"${id}" is reserved by core`);
  const target = join(root, 'plugins', id);
  if (existsSync(target)) fail(`plugins/${id} exists already`);
  const item = options.resource ?? 'item';
  if (!/^[a-z][a-z0-9]{1,30}$/.test(item)) fail(`"${item}" is not a resource name: lowercase letters and digits`);
  const items = plural(item);
  const tokens: [string, string][] = [
    ['__kysely__', versionOf(root, 'core/package.json', 'kysely')],
    ['__zod__', versionOf(root, 'core/package.json', 'zod')],
    ['__solid__', versionOf(root, 'apps/web/package.json', 'solid-js')],
    ['__router__', versionOf(root, 'apps/web/package.json', '@solidjs/router')],
    ['__ITEM__', item.toUpperCase()],
    ['__Items__', pascal(items)],
    ['__Item__', pascal(item)],
    ['__items__', items],
    ['__item__', item],
    ['__Id__', pascal(id)],
    ['__id__', id],
  ];
  const fill = (text: string) => tokens.reduce((acc, [k, v]) => acc.split(k).join(v), text);
  const written: string[] = [];
  for (const src of files(TEMPLATE)) {
    const rel = fill(relative(TEMPLATE, src).replace(/\.tmpl$/, ''));
    const dest = join(target, rel);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, fill(readFileSync(src, 'utf8')));
    written.push(dest);
  }
  const name = `${id}Plugin`;
  installInServer(root, id, name);
  installInWeb(root, id);
  addDependency(root, 'apps/server/package.json', `@bureau/plugin-${id}`);
  addDependency(root, 'apps/web/package.json', `@bureau/plugin-${id}`);
  return written;
}

/** Formats what was written and edited, so lint passes whatever the template's line lengths. */
export function formatGenerated(root: string, id: string) {
  execFileSync(
    fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url)),
    ['check', '--write', `plugins/${id}`, 'apps/server/src/plugins.ts', 'apps/web/src/installed-plugins.ts'],
    { cwd: root, stdio: 'pipe' },
  );
}

function main(argv: string[]) {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const install = !args.includes('--no-install');
  if (!install) args.splice(args.indexOf('--no-install'), 1);
  const resource = flag('--resource');
  const root = flag('--root') ?? fileURLToPath(new URL('..', import.meta.url));
  const id = args[0];
  if (!id || args.length > 1) {
    console.error('usage: pnpm new:plugin <id> [--resource <name>] [--no-install]');
    process.exit(2);
  }
  try {
    generatePlugin({ id, root, ...(resource ? { resource } : {}) });
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  formatGenerated(root, id);
  if (install) {
    // Under `pnpm new:plugin`, npm_execpath is the pnpm that runs us.
    const pnpm = process.env.npm_execpath;
    if (pnpm) execFileSync(process.execPath, [pnpm, 'install', '--prefer-offline'], { cwd: root, stdio: 'inherit' });
    else execFileSync('pnpm', ['install', '--prefer-offline'], { cwd: root, stdio: 'inherit' });
  }
  console.log(`\nplugins/${id} is ready and installed in both apps. Next:
  pnpm vitest run plugins/${id}      its tests
  pnpm typecheck && pnpm lint && pnpm depcheck
  then make plugins/${id}/src your department's own (README.md there lists every file).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
