import { connect, loadConfig, migrateAll } from '@bureau/core';
import { oneLine } from '@bureau/core/ops';
import { holdDataDir } from './data-dir.ts';
import { installedPlugins } from './plugins.ts';

const config = loadConfig();
const lock = await holdDataDir('migrate', config);
const database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir ?? undefined });
try {
  const applied = await migrateAll(database, installedPlugins);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
} catch (err) {
  process.stderr.write(`migrate: ${oneLine(err)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
  await lock?.release();
}
