import { join } from 'node:path';
import { loadConfig } from '@bureau/core';
import { backupFileName, backupInstallation } from '@bureau/core/ops';
import { args, command, count, invocationPath, passphrase } from './cli.ts';

/** `pnpm backup [--out FILE] [--passphrase-file FILE]`: docs/operations.md. */
await command('backup', async () => {
  const { values } = args(
    { out: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    'pnpm backup [--out FILE] [--passphrase-file FILE]',
  );
  const config = loadConfig();
  const secret = await passphrase(values['passphrase-file']);
  const out = values.out
    ? invocationPath(values.out)
    : join(config.backup.dir, backupFileName(new Date(), !!(secret ?? config.backup.passphrase)));
  const r = await backupInstallation(config, { out, passphrase: secret ?? config.backup.passphrase });
  console.log(
    [
      `Backup written${r.throughServer ? ' by the running server' : ''}: ${r.path}`,
      `  ${r.bytes} bytes, SHA-256 ${r.sha256}`,
      `  ${count(r.tenants, 'tenant')}, ${count(r.files, 'attachment file')}, migration level ${r.migrationLevel.join(', ')}`,
    ].join('\n'),
  );
});
