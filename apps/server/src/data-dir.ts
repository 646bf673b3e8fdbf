import { type Config, loadConfig } from '@bureau/core';
import { type DataDirLock, type DataDirLockInfo, lockDataDir, oneLine } from '@bureau/core/ops';

/**
 * Takes the embedded data directory for this process (PGlite allows only one), or exits with one
 * line naming who has it. Nothing to take on PostgreSQL.
 */
export async function holdDataDir(
  purpose: DataDirLockInfo['purpose'],
  config: Config = loadConfig(),
): Promise<DataDirLock | null> {
  if (config.databaseUrl || !config.dataDir) return null;
  try {
    return await lockDataDir(config.dataDir, purpose);
  } catch (err) {
    process.stderr.write(`${purpose}: ${oneLine(err)}\n`);
    process.exit(1);
  }
}
