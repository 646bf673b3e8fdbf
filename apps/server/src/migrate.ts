import { connect, loadConfig, migrateAll } from '@bureau/core';
import { installedPlugins } from './plugins.ts';

const config = loadConfig();
const database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir ?? undefined });
try {
  const applied = await migrateAll(database, installedPlugins);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
} finally {
  await database.close();
}
