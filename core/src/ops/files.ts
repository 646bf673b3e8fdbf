import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Every attachment file under the file storage root, as storage keys `<tenant>/<record>` (the layout
 * of records/storage.ts). Half-written uploads (`*.tmp`) and anything else are not attachments.
 */
export async function storedFiles(root: string): Promise<string[]> {
  const keys: string[] = [];
  const tenants = await readdir(root, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  for (const t of tenants) {
    if (!t.isDirectory() || !UUID.test(t.name)) continue;
    for (const f of await readdir(join(root, t.name), { withFileTypes: true })) {
      if (f.isFile() && UUID.test(f.name)) keys.push(`${t.name}/${f.name}`);
    }
  }
  return keys.sort();
}

/** Whether a storage root holds no attachment (missing counts as empty). */
export async function storageIsEmpty(root: string): Promise<boolean> {
  return (await storedFiles(root)).length === 0;
}
