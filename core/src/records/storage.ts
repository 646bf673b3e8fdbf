import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Runtime } from '../runtime.ts';

/**
 * Where attachment bytes live. Keys are `<tenant id>/<record id>` (uuids only); metadata stays in
 * core.records. A driver for object storage implements the same three calls.
 */
export interface RecordStorage {
  put(key: string, data: Uint8Array): Promise<void>;
  /** The bytes, or null when the key is unknown. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the bytes; unknown keys are fine. */
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** The default driver: one file per attachment under `root/<tenant>/<id>`, written atomically. */
export function fileStorage(root: string): RecordStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    const p = join(base, ...key.split('/'));
    if (!p.startsWith(base + sep)) throw new Error('storage key escapes the storage root');
    return p;
  };
  return {
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, data, { flag: 'wx' });
      await rename(tmp, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

const drivers = new WeakMap<Runtime, RecordStorage>();

/** Replaces a running instance's storage driver (e.g. object storage); call it at start-up. */
export function setRecordStorage(runtime: Runtime, storage: RecordStorage): void {
  drivers.set(runtime, storage);
}

/** The instance's storage: the one set with setRecordStorage, else files under config.storageDir. */
export function recordStorage(runtime: Runtime): RecordStorage {
  let s = drivers.get(runtime);
  if (!s) {
    s = fileStorage(runtime.config.storageDir);
    drivers.set(runtime, s);
  }
  return s;
}
