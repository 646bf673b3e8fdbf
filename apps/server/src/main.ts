import { loadConfig, seedDemo } from '@bureau/core';
import { maintenanceApp, oneLine } from '@bureau/core/ops';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { holdDataDir } from './data-dir.ts';
import { createServer } from './index.ts';
import { serveWeb } from './static.ts';

const config = loadConfig();
// The embedded data directory is this process's alone (pnpm backup asks us through the lock's token).
const lock = await holdDataDir('server', config);

// Listen at once: while the database opens and migrates, the API answers 503 `maintenance` with
// Retry-After and the web app shows its maintenance page, instead of refused connections.
let app: Pick<Hono, 'fetch'> = maintenanceApp('upgrade', (a) => serveWeb(a));
const server = serve({ fetch: (req, env) => app.fetch(req, env), port: config.port, hostname: config.host }, (info) => {
  const db = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite at ${config.dataDir}`;
  console.log(`Bureau listening on http://${info.address}:${info.port} (${db})`);
});

let bureau: Awaited<ReturnType<typeof createServer>>;
try {
  bureau = await createServer(config, lock?.info.token ? { localToken: lock.info.token } : {});
} catch (err) {
  // E.g. "this database is at migration core/0061_x, this build knows up to core/0059_y".
  process.stderr.write(`Bureau did not start: ${oneLine(err)}\n`);
  server.close();
  await lock?.release();
  process.exit(1);
}

// BUREAU_DEMO=1 on an empty database: seed the demo firm and provider and print their logins.
if (process.env.BUREAU_DEMO === '1') {
  const any = await bureau.runtime.db.selectFrom('core.tenants').select('id').limit(1).executeTakeFirst();
  if (!any) await seedDemo(bureau.runtime);
}
app = bureau.app;
const local = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
await lock?.update({ url: `http://${local.includes(':') ? `[${local}]` : local}:${config.port}` });

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  server.close();
  await bureau.close();
  await lock?.release();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
