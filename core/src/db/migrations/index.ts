import type { Migrations } from '../migrator.ts';
import { tenancyAuth } from './0001_tenancy_auth.ts';

/** Core's migrations, in order. Keys sort lexicographically; never rename one that shipped. */
export const coreMigrations: Migrations = {
  '0001_tenancy_auth': tenancyAuth,
};
