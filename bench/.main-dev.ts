import { serve } from '@hono/node-server';
import { createBureau, loadConfig } from '@bureau/core';
import accounting from '../plugins/accounting/src/server/index.ts';
const config = loadConfig();
const bureau = await createBureau({ config, plugins: [accounting as any] });
serve({ fetch: bureau.app.fetch, port: config.port, hostname: config.host });
process.on('SIGTERM', async () => { await bureau.close(); process.exit(0); });
