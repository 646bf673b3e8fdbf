/**
 * Bidirectional controls (U+061C, U+200E–F, U+202A–E, U+2066–9): in a file name they make
 * `invoice‮fdp.exe` read as `invoiceexe.pdf` (issue 11, item 11), so stored names never keep them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * The last path segment of an uploaded name without control, bidi or quote characters, at most 200
 * long; `.` and `..` are no names (an archive entry `files/x/..` would climb out of its folder).
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const kept = [...base].filter((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x20 && !(code >= 0x7f && code <= 0x9f) && ch !== '"' && !BIDI_CONTROLS.test(ch);
  });
  const cleaned = [...kept.join('').trim()].slice(0, 200).join('');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}
