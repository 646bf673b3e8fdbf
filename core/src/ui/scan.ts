/**
 * Telling a keyboard-wedge barcode scanner from a person: a scanner "types" the whole code in a
 * burst (a few milliseconds a character) and ends it with Enter; people type far slower and pause.
 * The detector watches keystrokes with their timestamps and says, at Enter, whether the characters
 * since the last pause came as a burst.
 */
export interface ScanOptions {
  /** Shortest code taken as a scan (default 3). */
  minLength?: number;
  /** Longest gap between two characters of one scan, in ms (default 50; scanners send one every 1–20 ms). */
  maxGap?: number;
}

export interface ScanDetector {
  /** Feeds one keystroke; returns the scanned code when this Enter ends a burst, else null. */
  key(key: string, at: number): string | null;
  reset(): void;
}

export function createScanDetector(options: ScanOptions = {}): ScanDetector {
  const minLength = options.minLength ?? 3;
  const maxGap = options.maxGap ?? 50;
  let buffer = '';
  let last = Number.NEGATIVE_INFINITY;
  return {
    key(key, at) {
      const gap = at - last;
      last = at;
      if (key === 'Enter') {
        const code = buffer;
        buffer = '';
        return code.length >= minLength && gap <= maxGap ? code : null;
      }
      if (key.length !== 1) return null; // Shift, Tab, arrows…: not part of a code
      buffer = gap <= maxGap ? buffer + key : key;
      return null;
    },
    reset() {
      buffer = '';
      last = Number.NEGATIVE_INFINITY;
    },
  };
}

/**
 * Runs tasks one after another: each call waits for every earlier task to settle (resolve or
 * throw) before it starts, and answers with its own task's outcome. A scan field uses it so a
 * burst of scans reaches the server in order, one request at a time.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => T | Promise<T>): Promise<Awaited<T>> => {
    const run = tail.then(task) as Promise<Awaited<T>>;
    tail = run.catch(() => undefined);
    return run;
  };
}
