import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Builds the web app when dist is missing or older than any UI source, so `pnpm start` always serves the current UI. */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const index = join(root, 'apps/web/dist/index.html');

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const sources = [join(root, 'apps/web/src'), join(root, 'apps/web/index.html'), join(root, 'core/src/ui')];
for (const plugin of existsSync(join(root, 'plugins')) ? readdirSync(join(root, 'plugins')) : []) {
  sources.push(join(root, 'plugins', plugin, 'src/ui'));
}
const built = existsSync(index) ? statSync(index).mtimeMs : 0;
const changed = Math.max(
  ...sources.map((s) => (existsSync(s) && statSync(s).isFile() ? statSync(s).mtimeMs : newest(s))),
);
if (!built || changed > built) {
  console.log('Building the web app…');
  execSync('pnpm --filter @bureau/web build', { cwd: root, stdio: 'inherit' });
}
