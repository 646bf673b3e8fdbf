import { fileTypeFromBuffer } from 'file-type';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The content type of a file, judged from its bytes only: file-type's magic-number detection, then
 * plain UTF-8 text (no NUL, valid UTF-8 in the first 64 KiB), else application/octet-stream.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  const head = bytes.subarray(0, 64 * 1024);
  if (head.length && !head.includes(0) && isUtf8(head, head.length < bytes.length)) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

function isUtf8(head: Uint8Array, truncated: boolean): boolean {
  // A truncated head may end inside a multi-byte character: allow cutting up to 3 bytes off.
  for (let cut = 0; cut <= (truncated ? 3 : 0); cut++) {
    try {
      utf8.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {}
  }
  return false;
}
