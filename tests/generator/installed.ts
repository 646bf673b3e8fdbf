import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What keeps a folder under plugins/ from being a department of both apps: it must be imported in
 * apps/server/src/plugins.ts, lazily loaded in apps/web/src/installed-plugins.ts and a workspace
 * dependency of both apps. Returns one sentence per gap (none when all is installed).
 */
export function installationGaps(root: string): string[] {
  const read = (p: string) => readFileSync(join(root, p), 'utf8');
  const deps = (p: string) => (JSON.parse(read(p)) as { dependencies?: Record<string, string> }).dependencies ?? {};
  const server = read('apps/server/src/plugins.ts');
  const web = read('apps/web/src/installed-plugins.ts');
  const serverDeps = deps('apps/server/package.json');
  const webDeps = deps('apps/web/package.json');
  const gaps: string[] = [];
  for (const dir of readdirSync(join(root, 'plugins'))) {
    const pkgPath = join(root, 'plugins', dir, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const { name } = JSON.parse(readFileSync(pkgPath, 'utf8')) as { name: string };
    if (!server.includes(`from '${name}';`)) gaps.push(`plugins/${dir}: not imported in apps/server/src/plugins.ts`);
    if (!web.includes(`import('${name}/ui')`))
      gaps.push(`plugins/${dir}: no UI loader in apps/web/src/installed-plugins.ts`);
    if (serverDeps[name] !== 'workspace:*') gaps.push(`plugins/${dir}: not a dependency of apps/server/package.json`);
    if (webDeps[name] !== 'workspace:*') gaps.push(`plugins/${dir}: not a dependency of apps/web/package.json`);
  }
  return gaps;
}
