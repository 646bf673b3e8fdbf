import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough, Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { isEncrypted, openEncrypted } from './encryption.ts';
import { BackupError } from './errors.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  isKnownMember,
  MANIFEST_MEMBER,
  MARKER_MEMBER,
  Manifest,
  type ManifestMember,
} from './manifest.ts';

/**
 * The archive: a gzipped tar whose first member is a short marker, then the database dump, then
 * every attachment file, and last manifest.json with the SHA-256 of every other member. Optionally
 * the whole gzip stream is encrypted (encryption.ts).
 */

function hashing(onDone: (sha256: string, size: number) => void): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      onDone(hash.digest('hex'), size);
      done();
    },
  });
}

export interface ArchiveWriter {
  /** Adds a member from a stream of exactly `size` bytes; resolves with its checksum entry. */
  add(name: string, size: number, source: Readable): Promise<ManifestMember>;
  addBuffer(name: string, data: Buffer): Promise<ManifestMember>;
  /** Writes the manifest last and waits until every byte is in the output file. */
  finish(manifest: Manifest): Promise<{ sha256: string; bytes: number }>;
  abort(err: Error): void;
}

export function writeArchive(output: Writable, encrypt: Transform | null): ArchiveWriter {
  const pack = tarPack();
  let archive = { sha256: '', bytes: 0 };
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream | Transform> = [
    pack as unknown as Readable,
    createGzip(),
  ];
  if (encrypt) stages.push(encrypt);
  stages.push(
    hashing((sha256, bytes) => {
      archive = { sha256, bytes };
    }),
  );
  stages.push(output);
  const written = pipeline(stages as unknown as [Readable, Writable]);
  written.catch(() => {});
  const members: ManifestMember[] = [];

  async function add(name: string, size: number, source: Readable): Promise<ManifestMember> {
    let member: ManifestMember | null = null;
    const entry = await new Promise<Writable>((resolve) => {
      const e = pack.entry({ name, size, mode: 0o600, mtime: new Date(0) }, () => {});
      resolve(e as unknown as Writable);
    });
    await pipeline(
      source,
      hashing((sha256, got) => {
        member = { name, size: got, sha256 };
      }),
      entry,
    );
    if (!member || (member as ManifestMember).size !== size) {
      throw new Error(`${name} changed while it was archived`);
    }
    members.push(member);
    return member;
  }

  return {
    add,
    addBuffer(name, data) {
      return add(name, data.length, PassThrough.from([data]) as unknown as Readable);
    },
    async finish(manifest) {
      const text = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
      await new Promise<void>((resolve, reject) =>
        pack.entry({ name: MANIFEST_MEMBER, size: text.length, mode: 0o600, mtime: new Date(0) }, text, (err) =>
          err ? reject(err) : resolve(),
        ),
      );
      pack.finalize();
      await written;
      return archive;
    },
    abort(err) {
      pack.destroy(err);
    },
  };
}

export interface OpenedArchive {
  manifest: Manifest;
  /** Directory holding every member, extracted and checked. */
  dir: string;
}

const MAX_MANIFEST = 64 * 1024 * 1024;

function describe(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}

/**
 * Reads a whole archive into `dir`, checking as it goes that it is a Bureau backup, and afterwards
 * that its manifest is there and lists exactly the members read, each with its size and SHA-256.
 * Touches nothing but `dir`; any defect is a BackupError with a one-line reason.
 */
export async function readArchive(path: string, dir: string, passphrase?: string): Promise<OpenedArchive> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new BackupError('not_found', `${path} is not a file`);

  const stages: Array<Readable | Transform> = [];
  if (await isEncrypted(path)) {
    const enc = await openEncrypted(path, passphrase);
    if (enc.end <= enc.start) throw new BackupError('damaged', 'the encrypted backup is truncated');
    stages.push(createReadStream(path, { start: enc.start, end: enc.end - 1 }), enc.decipher);
  } else {
    const fh = await open(path, 'r');
    const magic = Buffer.alloc(2);
    await fh.read(magic, 0, 2, 0).finally(() => fh.close());
    if (magic[0] !== 0x1f || magic[1] !== 0x8b) {
      throw new BackupError('not_a_backup', `${path} is not a Bureau backup`);
    }
    stages.push(createReadStream(path));
  }

  const seen: ManifestMember[] = [];
  const names = new Set<string>();
  let manifestText: string | null = null;
  let first = true;
  const extract = tarExtract();
  const consume = (async () => {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (first) {
        first = false;
        if (name !== MARKER_MEMBER) throw new BackupError('not_a_backup', `${path} is not a Bureau backup`);
      }
      if (type !== 'file' || !isKnownMember(name)) {
        throw new BackupError('not_a_backup', `the backup holds a member Bureau never writes: ${name}`);
      }
      if (names.has(name)) throw new BackupError('damaged', `the backup holds ${name} twice`);
      if (manifestText !== null) throw new BackupError('damaged', `the backup has members after its manifest`);
      names.add(name);
      if (name === MANIFEST_MEMBER) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of entry as AsyncIterable<Buffer>) {
          size += c.length;
          if (size > MAX_MANIFEST) throw new BackupError('damaged', 'the backup manifest is too large');
          chunks.push(c);
        }
        manifestText = Buffer.concat(chunks).toString('utf8');
        continue;
      }
      const target = join(dir, name);
      await mkdir(dirname(target), { recursive: true });
      let member: ManifestMember | null = null;
      // Read the tar member through its async iterator: node's pipeline did not see a tar-stream (streamx)
      // entry fail when the gzip under it was cut short, and waited for it forever.
      await pipeline(
        Readable.from(entry as AsyncIterable<Buffer>, { objectMode: false }),
        hashing((sha256, size) => {
          member = { name, size, sha256 };
        }),
        createWriteStream(target, { mode: 0o600 }),
      );
      seen.push(member as unknown as ManifestMember);
    }
  })();
  try {
    await Promise.all([pipeline([...stages, createGunzip(), extract] as unknown as [Readable, Writable]), consume]);
  } catch (err) {
    extract.destroy();
    await consume.catch(() => {});
    if (err instanceof BackupError) throw err;
    throw new BackupError('damaged', `the backup is truncated or damaged (${describe(err)})`, { cause: err });
  }

  if (first) throw new BackupError('not_a_backup', `${path} is not a Bureau backup`);
  if (manifestText === null) {
    throw new BackupError('incomplete', 'the backup is incomplete: it has no manifest (was it cut short?)');
  }
  let manifest: Manifest;
  try {
    const raw = JSON.parse(manifestText);
    if (raw?.format === BACKUP_FORMAT && Number(raw.formatVersion) > BACKUP_FORMAT_VERSION) {
      throw new BackupError(
        'newer_format',
        `the backup is of format ${raw.formatVersion}, this build reads up to format ${BACKUP_FORMAT_VERSION}`,
      );
    }
    manifest = Manifest.parse(raw);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('damaged', 'the backup manifest is not readable', { cause: err });
  }
  const listed = new Map(manifest.members.map((m) => [m.name, m]));
  for (const m of seen) {
    const want = listed.get(m.name);
    if (!want) throw new BackupError('damaged', `the backup holds ${m.name}, which its manifest does not list`);
    if (want.size !== m.size || want.sha256 !== m.sha256) {
      throw new BackupError('damaged', `the backup is damaged: ${m.name} does not match its checksum`);
    }
    listed.delete(m.name);
  }
  const missing = [...listed.keys()][0];
  if (missing) throw new BackupError('incomplete', `the backup is incomplete: ${missing} is missing`);
  if (!seen.some((m) => m.name === manifest.database.member)) {
    throw new BackupError('incomplete', `the backup is incomplete: ${manifest.database.member} is missing`);
  }
  return { manifest, dir };
}
