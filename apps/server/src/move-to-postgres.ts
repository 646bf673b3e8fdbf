import { loadConfig } from '@bureau/core';
import { moveToPostgres, redactUrl } from '@bureau/core/ops';
import { args, command, count, invocationPath } from './cli.ts';
import { installedPlugins } from './plugins.ts';

/** `pnpm move-to-postgres --to DATABASE_URL [--files-to DIR]`: docs/operations.md. */
await command('move-to-postgres', async () => {
  const { values } = args(
    { to: { type: 'string' }, 'files-to': { type: 'string' } },
    'pnpm move-to-postgres --to postgres://USER@HOST/DB [--files-to DIR]',
  );
  if (!values.to) throw new Error('--to postgres://… is required (an empty PostgreSQL database)');
  const config = loadConfig();
  const r = await moveToPostgres(config, {
    to: values.to,
    plugins: installedPlugins,
    filesTo: values['files-to'] ? invocationPath(values['files-to']) : undefined,
    log: (line) => console.log(line),
  });
  console.log(
    [
      '',
      `Moved to ${redactUrl(r.to)}: ${count(r.tenants, 'tenant')}, ${count(r.tables, 'table')} (${count(r.rows, 'row')}, every count equal to the embedded database), ${count(r.files, 'attachment file')}; the audit chains of ${count(r.chainsVerified, 'tenant')} verify.`,
      '',
      'Next: run Bureau on PostgreSQL with',
      `  DATABASE_URL=${redactUrl(r.to)}`,
      `  BUREAU_STORAGE_DIR=${r.storageDir}`,
      'and start it (pnpm start). Scheduled backups are off on PostgreSQL unless BUREAU_BACKUP_HOUR is set;',
      `see docs/operations.md. The embedded data in ${r.dataDir} is unchanged and no longer used: keep it until`,
      'you are satisfied, then archive it. Growing further (several servers, Citus): docs/scaling.md.',
    ].join('\n'),
  );
});
