import type { Runtime } from '../runtime.ts';
import { Backups } from './backups.ts';
import { Maintenance } from './maintenance.ts';

/** What a running instance holds for operations: maintenance mode, its backups, the local token. */
export interface Operations {
  maintenance: Maintenance;
  backups: Backups;
  /** Bearer token of the operator routes for `pnpm backup` on this machine; null when none was issued. */
  localToken: string | null;
}

export function createOperations(runtime: Runtime, localToken: string | null): Operations {
  return { maintenance: new Maintenance(), backups: new Backups(runtime), localToken };
}
