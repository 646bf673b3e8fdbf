import { z } from 'zod';

/**
 * The manifest at the end of every backup archive. Format 1; a later Bureau keeps reading it (the
 * upgrade fixture in tests/ops holds a format-1 archive).
 */
export const BACKUP_FORMAT = 'bureau-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Member names inside the archive. */
export const MARKER_MEMBER = 'bureau-backup.txt';
export const MANIFEST_MEMBER = 'manifest.json';
/** pg_dump custom format of a PostgreSQL installation. */
export const PG_DUMP_MEMBER = 'database.dump';
/** Plain SQL (pg_dump --inserts) of an embedded installation. */
export const SQL_DUMP_MEMBER = 'database.sql';
export const FILES_PREFIX = 'files/';

export const MARKER_TEXT =
  'Bureau backup (format 1): the database, every attachment file and manifest.json with the SHA-256 of each member.\n' +
  'Restore it with `pnpm restore FILE`; see docs/operations.md.\n';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** An attachment's member name: files/<tenant id>/<record id>, as in the file storage. */
export const FILE_MEMBER = new RegExp(`^files/${UUID}/${UUID}$`);

export function isKnownMember(name: string): boolean {
  return (
    name === MARKER_MEMBER ||
    name === MANIFEST_MEMBER ||
    name === PG_DUMP_MEMBER ||
    name === SQL_DUMP_MEMBER ||
    FILE_MEMBER.test(name)
  );
}

const Member = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  /** Version of the Bureau build that made the archive. */
  bureauVersion: z.string(),
  createdAt: z.string(),
  database: z.object({
    /** Where the data came from: `pglite` (embedded) or `postgres`. */
    kind: z.enum(['pglite', 'postgres']),
    serverVersion: z.string(),
    /** The member holding the dump: database.dump (pg_dump -Fc) or database.sql (plain SQL). */
    member: z.enum([PG_DUMP_MEMBER, SQL_DUMP_MEMBER]),
  }),
  schemas: z.array(z.string()),
  /** Applied migrations per package (core, plugin ids): the migration level of the archive. */
  migrations: z.record(z.string(), z.array(z.string())),
  /** Row count of every table, `schema.table` → rows, in the snapshot the dump was taken from. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  /** Tenants present, for the operator's eye. */
  tenants: z.number().int().nonnegative(),
  files: z.object({ count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  /** Every member except the manifest itself. */
  members: z.array(Member),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestMember = z.infer<typeof Member>;

/** The last applied migration of each package, e.g. `core/0008_billing_catalogue`. */
export function migrationLevel(migrations: Record<string, string[]>): string[] {
  return Object.entries(migrations)
    .filter(([, names]) => names.length)
    .map(([owner, names]) => `${owner}/${[...names].sort().at(-1)}`)
    .sort();
}
