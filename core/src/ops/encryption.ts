import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { BackupError } from './errors.ts';

/**
 * Passphrase encryption of a whole archive: scrypt (N=2^17, r=8, p=1) derives a 256-bit AES-GCM key
 * and a separate check key from the passphrase and a random salt. The file is
 *
 *   BUREAU-ENCRYPTED-BACKUP 1\n
 *   {"kdf":"scrypt","N":131072,"r":8,"p":1,"salt":…,"iv":…,"check":…}\n
 *   AES-256-GCM ciphertext of the gzipped tar, with both header lines as associated data
 *   the 16-byte GCM tag
 *
 * `check` (HMAC-SHA256 of a constant under the check key) tells a wrong passphrase apart from an
 * altered file before anything is decrypted; the tag proves the whole file is what was written.
 */
export const ENCRYPTED_MAGIC = 'BUREAU-ENCRYPTED-BACKUP 1\n';
const TAG_BYTES = 16;
const CHECK_LABEL = 'bureau-backup passphrase check';

interface Header {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  check: string;
}

function deriveKeys(passphrase: string, h: Pick<Header, 'N' | 'r' | 'p' | 'salt'>) {
  return new Promise<{ key: Buffer; check: Buffer }>((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(h.salt, 'base64'),
      64,
      { N: h.N, r: h.r, p: h.p, maxmem: 256 * 1024 * 1024 },
      (err, out) => {
        if (err) return reject(err);
        const check = createHmac('sha256', out.subarray(32)).update(CHECK_LABEL).digest();
        resolve({ key: out.subarray(0, 32), check });
      },
    );
  });
}

/** A transform that writes the header, the ciphertext of everything piped through it, then the tag. */
export async function encryptingStream(passphrase: string): Promise<Transform> {
  const params = { N: 2 ** 17, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const { key, check } = await deriveKeys(passphrase, params);
  const header: Header = {
    kdf: 'scrypt',
    ...params,
    iv: randomBytes(12).toString('base64'),
    check: check.toString('base64'),
  };
  const head = Buffer.from(`${ENCRYPTED_MAGIC}${JSON.stringify(header)}\n`);
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  cipher.setAAD(head);
  let started = false;
  return new Transform({
    transform(chunk, _enc, done) {
      if (!started) {
        started = true;
        this.push(head);
      }
      done(null, cipher.update(chunk));
    },
    flush(done) {
      if (!started) this.push(head);
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** Whether the file starts like an encrypted archive. */
export async function isEncrypted(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(ENCRYPTED_MAGIC.length);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return bytesRead === buf.length && buf.toString('latin1') === ENCRYPTED_MAGIC;
  } finally {
    await fh.close();
  }
}

export interface EncryptedFile {
  /** Where the ciphertext starts and ends (end exclusive, before the tag). */
  start: number;
  end: number;
  /** A transform that decrypts the ciphertext range and fails at the end unless the tag matches. */
  decipher: Transform;
}

/** Reads the header, checks the passphrase, and prepares the decryption of an encrypted archive. */
export async function openEncrypted(path: string, passphrase: string | undefined): Promise<EncryptedFile> {
  if (!passphrase) {
    throw new BackupError(
      'passphrase_required',
      'the backup is encrypted: give its passphrase (BUREAU_BACKUP_PASSPHRASE or --passphrase-file)',
    );
  }
  const fh = await open(path, 'r');
  let head: Buffer;
  let size: number;
  let tag: Buffer;
  try {
    size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(4096, size));
    await fh.read(buf, 0, buf.length, 0);
    const first = buf.indexOf(10);
    const second = first >= 0 ? buf.indexOf(10, first + 1) : -1;
    if (second < 0) throw new BackupError('damaged', 'the encrypted backup is damaged (its header is incomplete)');
    head = buf.subarray(0, second + 1);
    tag = Buffer.alloc(TAG_BYTES);
    if (size < head.length + TAG_BYTES) throw new BackupError('damaged', 'the encrypted backup is truncated');
    await fh.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await fh.close();
  }
  let header: Header;
  try {
    header = JSON.parse(head.subarray(ENCRYPTED_MAGIC.length).toString('utf8')) as Header;
  } catch {
    throw new BackupError('damaged', 'the encrypted backup is damaged (its header is not readable)');
  }
  if (header.kdf !== 'scrypt' || ![header.N, header.r, header.p].every(Number.isInteger) || header.N > 2 ** 20) {
    throw new BackupError('damaged', 'the encrypted backup is damaged (unknown key derivation)');
  }
  const { key, check } = await deriveKeys(passphrase, header);
  const expected = Buffer.from(header.check ?? '', 'base64');
  if (expected.length !== check.length || !timingSafeEqual(expected, check)) {
    throw new BackupError('wrong_passphrase', 'wrong passphrase for this backup');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(head);
  decipher.setAuthTag(tag);
  const transform = new Transform({
    transform(chunk, _enc, done) {
      done(null, decipher.update(chunk));
    },
    flush(done) {
      try {
        done(null, decipher.final());
      } catch {
        done(new BackupError('damaged', 'the encrypted backup was altered or is damaged (authentication failed)'));
      }
    },
  });
  return { start: head.length, end: size - TAG_BYTES, decipher: transform };
}
