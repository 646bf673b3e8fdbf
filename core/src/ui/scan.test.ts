import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScanDetector, createSerialQueue } from './scan.ts';

/** Feeds `text` then Enter, one key every `gap` ms from `start`; returns what Enter said. */
function feed(d: ReturnType<typeof createScanDetector>, text: string, gap: number, start = 1000) {
  let t = start;
  for (const ch of text) {
    d.key(ch, t);
    t += gap;
  }
  return d.key('Enter', t);
}

describe('scan detector', () => {
  it('takes a fast burst ended by Enter as a scan', () => {
    expect(feed(createScanDetector(), 'INV-2026-0001', 8)).toBe('INV-2026-0001');
  });

  it('does not take typing as a scan, nor a burst too short', () => {
    expect(feed(createScanDetector(), 'INV-1', 120)).toBeNull();
    expect(feed(createScanDetector(), 'AB', 5)).toBeNull();
  });

  it('keeps only the burst when a person typed something before the scan', () => {
    const d = createScanDetector();
    d.key('x', 0);
    d.key('y', 300);
    expect(feed(d, 'ABC123', 5, 2000)).toBe('ABC123');
  });

  it('ignores modifier keys inside a burst (Shift for capitals)', () => {
    const d = createScanDetector();
    let t = 0;
    for (const ch of 'AbC9') {
      d.key('Shift', t++);
      d.key(ch, t);
      t += 5;
    }
    expect(d.key('Enter', t)).toBe('AbC9');
  });

  it('a pause before Enter means a person pressed it', () => {
    const d = createScanDetector();
    let t = 0;
    for (const ch of 'ABCDEF') {
      t += 5;
      d.key(ch, t);
    }
    expect(d.key('Enter', t + 500)).toBeNull();
  });

  it('any code sent at scanner speed is read exactly, at human speed never (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ABCXYZ0123456789-./'), minLength: 3, maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 120, max: 600 }),
        (code, fast, slow) => {
          expect(feed(createScanDetector(), code, fast)).toBe(code);
          expect(feed(createScanDetector(), code, slow)).toBeNull();
        },
      ),
    );
  });
});

describe('serial queue (a scan field serving scans one at a time)', () => {
  it('starts each task after the previous settled, in order, each with its own outcome (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ value: fc.string(), fails: fc.boolean(), ticks: fc.nat(5) }), { maxLength: 12 }),
        async (tasks) => {
          const serve = createSerialQueue();
          let running = 0;
          const started: number[] = [];
          const outcomes = tasks.map((task, i) =>
            serve(async () => {
              expect(running).toBe(0);
              running++;
              started.push(i);
              for (let k = 0; k < task.ticks; k++) await Promise.resolve();
              running--;
              if (task.fails) throw new Error(`failed ${i}`);
              return task.value;
            }).then(
              (v) => ({ ok: true, v }),
              (e: Error) => ({ ok: false, v: e.message }),
            ),
          );
          const settled = await Promise.all(outcomes);
          expect(started).toEqual(tasks.map((_, i) => i));
          expect(settled).toEqual(
            tasks.map((t, i) => (t.fails ? { ok: false, v: `failed ${i}` } : { ok: true, v: t.value })),
          );
        },
      ),
    );
  });
});
