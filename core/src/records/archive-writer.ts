import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';

export interface Member {
  path: string;
  size: number;
  sha256: string;
  rows?: number;
}

/** Counts and hashes what passes through. */
const tap = () => {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
};

/**
 * A gzipped tar written to `path` as it is built, with the checksum of every member it holds: at most
 * one member's chunk is in memory at a time (tar-stream holds an entry's write until the gzip and the
 * file have read it), so an archive of any size takes the memory of its largest buffer, not its own.
 */
export function archiveFileWriter(path: string, mtime: Date) {
  const pack = tarPack();
  const whole = tap();
  const written = pipeline(pack, createGzip(), whole.stream, createWriteStream(path));
  // A failed write rejects `written`; entries waiting on the pack then fail with it, not hang.
  written.catch((err) => pack.destroy(err));
  const members: Member[] = [];
  const bufferEntry = (name: string, data: Buffer) =>
    new Promise<void>((resolve, reject) =>
      pack.entry({ name, size: data.length, mode: 0o644, mtime }, data, (err) => (err ? reject(err) : resolve())),
    );
  return {
    members,
    async add(name: string, data: Buffer, rows?: number) {
      await bufferEntry(name, data);
      const sha256 = createHash('sha256').update(data).digest('hex');
      members.push({ path: name, size: data.length, sha256, ...(rows === undefined ? {} : { rows }) });
    },
    /** A member copied from a file on disk (its size and checksum known beforehand). */
    async addFile(name: string, file: string, sha256: string, rows?: number) {
      const { size } = await stat(file);
      const sink = pack.entry({ name, size, mode: 0o644, mtime });
      await pipeline(createReadStream(file), sink);
      members.push({ path: name, size, sha256, ...(rows === undefined ? {} : { rows }) });
    },
    /** The manifest lists every other member with its checksum; it cannot list itself. */
    async finish(manifest: unknown): Promise<{ size: number; sha256: string }> {
      await bufferEntry('manifest.json', Buffer.from(JSON.stringify(manifest, null, 1)));
      pack.finalize();
      await written;
      return whole.result();
    },
    /** Stops writing after a failure; the caller removes the partial file. */
    abort(err: Error) {
      pack.destroy(err);
    },
  };
}

/** A file written in pieces, hashed as it goes (a table's JSON or CSV page by page). */
export async function hashedFile(path: string) {
  const handle = await open(path, 'w');
  const hash = createHash('sha256');
  return {
    path,
    async write(text: string) {
      const data = Buffer.from(text);
      hash.update(data);
      await handle.write(data);
    },
    async close(): Promise<string> {
      await handle.close();
      return hash.digest('hex');
    },
    async remove() {
      await handle.close().catch(() => {});
      await rm(path, { force: true });
    },
  };
}
