import { loadConfig, seedDemo } from '@bureau/core';
import { createServer } from './index.ts';

/** `pnpm demo`: a demo firm with every installed module enabled and filled, and a provider serving it. */
const bureau = await createServer(loadConfig());
try {
  await seedDemo(bureau.runtime);
} finally {
  await bureau.close();
}
