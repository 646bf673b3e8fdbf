import { loadConfig } from '@bureau/core';
import { migrationLevel, redactUrl, restoreBackup } from '@bureau/core/ops';
import { args, command, count, invocationPath, passphrase } from './cli.ts';
import { installedPlugins } from './plugins.ts';

/** `pnpm restore FILE [--force] [--check] [--passphrase-file FILE]`: docs/operations.md. */
await command('restore', async () => {
  const { values, positionals } = args(
    { force: { type: 'boolean' }, check: { type: 'boolean' }, 'passphrase-file': { type: 'string' } },
    'pnpm restore FILE [--force] [--check] [--passphrase-file FILE]',
    1,
  );
  const config = loadConfig();
  const archive = invocationPath(positionals[0] as string);
  const target = config.databaseUrl ? redactUrl(config.databaseUrl) : `the data directory ${config.dataDir}`;
  const r = await restoreBackup({
    archive,
    passphrase: (await passphrase(values['passphrase-file'])) ?? config.backup.passphrase,
    target: { databaseUrl: config.databaseUrl, dataDir: config.dataDir, storageDir: config.storageDir },
    plugins: installedPlugins,
    force: !!values.force,
    checkOnly: !!values.check,
    log: (line) => console.log(line),
  });
  if (values.check) {
    console.log(`The backup can be restored into ${target} (nothing was changed).`);
    return;
  }
  console.log(
    [
      `Restored into ${target}: ${count(r.manifest.tenants, 'tenant')}, ${count(r.files, 'attachment file')}; every table's row count matches the manifest.`,
      `  backup level ${migrationLevel(r.manifest.migrations).join(', ')}; ${r.migrated.length ? `migrated forward: ${r.migrated.join(', ')}` : 'no migration was needed'}`,
      ...r.keptAside.map((p) => `  the replaced data was kept in ${p}: delete it when you are satisfied`),
    ].join('\n'),
  );
});
