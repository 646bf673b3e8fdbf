import { loadConfig, seedDemo } from '@bureau/core';
import { holdDataDir } from './data-dir.ts';
import { createServer } from './index.ts';

/** `pnpm demo`: a demo firm with every installed module enabled and filled, and a provider serving it. */
const config = loadConfig();
const lock = await holdDataDir('migrate', config);
const bureau = await createServer(config);
try {
  await seedDemo(bureau.runtime);
} finally {
  await bureau.close();
  await lock?.release();
}
