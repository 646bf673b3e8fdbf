import { loadConfig, seedDemo } from '@bureau/core';
import { serve } from '@hono/node-server';
import { createServer } from './index.ts';

const config = loadConfig();
const bureau = await createServer(config);

// BUREAU_DEMO=1 on an empty database: seed the demo firm and provider and print their logins.
if (process.env.BUREAU_DEMO === '1') {
  const any = await bureau.runtime.db.selectFrom('core.tenants').select('id').limit(1).executeTakeFirst();
  if (!any) await seedDemo(bureau.runtime);
}

const server = serve({ fetch: bureau.app.fetch, port: config.port, hostname: config.host }, (info) => {
  const db = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite at ${config.dataDir}`;
  console.log(`Bureau listening on http://${info.address}:${info.port} (${db})`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  server.close();
  await bureau.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
