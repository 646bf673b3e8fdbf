import { type Config, createBureau, loadConfig } from '@bureau/core';
import { installedPlugins } from './plugins.ts';
import { serveWeb } from './static.ts';

/** Builds the server app: core + installed plugins + the built web app on the same origin. */
export async function createServer(config: Config = loadConfig(), options: { localToken?: string } = {}) {
  const bureau = await createBureau({ config, plugins: installedPlugins, ...options });
  serveWeb(bureau.app);
  return bureau;
}

export { serveWeb } from './static.ts';
export { installedPlugins };
