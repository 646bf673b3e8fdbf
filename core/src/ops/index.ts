/**
 * Operations: backup, restore, the move to PostgreSQL, upgrades and maintenance mode. The apps'
 * commands (`pnpm backup`, `pnpm restore`, `pnpm move-to-postgres`) and tests import this entry;
 * plugins never do.
 */

export { DISTRIBUTED_BY, REFERENCE_TABLES, type TableDistribution, tableDistribution } from '../db/distribution.ts';
export { readArchive } from './archive.ts';
export { type BackupOptions, type BackupResult, BUREAU_VERSION, backupFileName, createBackup } from './backup.ts';
export { BACKUP_SCHEDULE, Backups, backupSchedule } from './backups.ts';
export { type InstallationState, installationState, type Query } from './catalogue.ts';
export {
  type BackupSummary,
  backupInstallation,
  hasEmbeddedDatabase,
  type MoveResult,
  moveToPostgres,
} from './commands.ts';
export { type DataDirLock, type DataDirLockInfo, dataDirHolder, lockDataDir } from './data-dir-lock.ts';
export { BackupError, NewerSchemaError, oneLine } from './errors.ts';
export { Maintenance, type MaintenanceState, maintenanceApp } from './maintenance.ts';
export { type Manifest, migrationLevel } from './manifest.ts';
export { redactUrl } from './pg-tools.ts';
export { checkCompatible, type RestoreOptions, type RestoreResult, restoreBackup, verifyAllChains } from './restore.ts';
