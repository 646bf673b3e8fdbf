/**
 * Bundle budget report: reads Vite's manifest from dist/, measures the shell's initial JavaScript
 * (the entry chunk and everything it imports statically, plus the larger shell dictionary, which the
 * first page waits for) and each plugin's chunks, gzipped, writes
 * dist/bundle-report.json and prints a table. Budget: initial JS ≤ 100 KB gzipped (reported, not asserted).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const BUDGET_KB = 100;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

const sizeCache = new Map<string, { bytes: number; gzip: number }>();
function size(file: string) {
  let s = sizeCache.get(file);
  if (!s) {
    const buf = readFileSync(join(dist, file));
    s = { bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    sizeCache.set(file, s);
  }
  return s;
}

/** Every JS file a chunk loads before it runs: itself and its static imports, transitively. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imp of manifest[key]?.imports ?? []) staticClosure(imp, seen);
  return seen;
}

const sum = (files: string[]) =>
  files.reduce(
    (a, f) => {
      const s = size(f);
      return { bytes: a.bytes + s.bytes, gzip: a.gzip + s.gzip };
    },
    { bytes: 0, gzip: 0 },
  );

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error('No entry in the Vite manifest');
// The first page waits for the messages of the language it shows (src/i18n/load.ts): the larger
// dictionary counts as initial.
const dictionaryKeys = Object.keys(manifest).filter((k) => /src\/i18n\/(en|cs)\.ts$/.test(k));
const largestDictionary = dictionaryKeys
  .map((k) => ({ k, gzip: size(manifest[k]?.file as string).gzip }))
  .sort((a, b) => b.gzip - a.gzip)[0]?.k;
const initialKeys = staticClosure(entryKey);
if (largestDictionary) staticClosure(largestDictionary, initialKeys);
const initialFiles = [...initialKeys].map((k) => manifest[k]?.file as string);
const initialCss = [...new Set([...initialKeys].flatMap((k) => manifest[k]?.css ?? []))];
const initial = sum(initialFiles);

// Plugin UI entries: dynamic entries whose source is plugins/<id>/src/ui/index.ts(x).
const plugins: Record<string, { entry: string; files: string[]; bytes: number; gzip: number }> = {};
for (const [key, chunk] of Object.entries(manifest)) {
  const m = /(?:^|\/)plugins\/([^/]+)\/src\/ui\/index\.tsx?$/.exec(chunk.src ?? key);
  if (!m || !chunk.isDynamicEntry) continue;
  const own = [...staticClosure(key)].filter((k) => !initialKeys.has(k)).map((k) => manifest[k]?.file as string);
  plugins[m[1] as string] = { entry: chunk.file, files: own, ...sum(own) };
}

const allJs = [
  ...new Set(
    Object.values(manifest)
      .map((c) => c.file)
      .filter((f) => f.endsWith('.js')),
  ),
];
const report = {
  generatedAt: new Date().toISOString(),
  budget: { initialJsGzipKb: BUDGET_KB },
  initialJs: {
    files: initialFiles,
    bytes: initial.bytes,
    gzip: initial.gzip,
    gzipKb: Math.round((initial.gzip / 1024) * 10) / 10,
    withinBudget: initial.gzip <= BUDGET_KB * 1024,
  },
  initialCss: { files: initialCss, ...sum(initialCss) },
  plugins,
  chunks: allJs.map((f) => ({ file: f, ...size(f) })).sort((a, b) => b.gzip - a.gzip),
  totalJs: sum(allJs),
};
writeFileSync(join(dist, 'bundle-report.json'), `${JSON.stringify(report, null, 2)}\n`);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('\nBureau web bundle (gzipped)');
console.log(
  `  initial JS  ${kb(initial.gzip).padStart(9)}  (${initialFiles.length} files, budget ${BUDGET_KB} KB) ${report.initialJs.withinBudget ? 'OK' : 'OVER BUDGET'}`,
);
console.log(`  initial CSS ${kb(report.initialCss.gzip).padStart(9)}`);
for (const [id, p] of Object.entries(plugins))
  console.log(`  plugin ${id.padEnd(12)} ${kb(p.gzip).padStart(9)}  (${p.files.length} chunks)`);
console.log(`  all JS      ${kb(report.totalJs.gzip).padStart(9)}  (${allJs.length} chunks)`);
console.log('  → dist/bundle-report.json\n');
