import { people } from './0001_people.ts';

/** hr's migrations, in order (run once for all tenants, at boot, into the `hr` schema). */
export const migrations = { '0001_people': people };
