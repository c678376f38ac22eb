import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of the tree and the only directions an import may take (README, Architecture):
 * domain ← sql ← etl, server ← web; cli above all of them; bench above cli. Tests may import anything.
 * Two arrows cross from server/ to etl/, both named below: an upload running the ingest, and the
 * Topics page's example wording read from the classifier's own phrase files.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: ['domain'],
  sql: ['domain', 'sql'],
  etl: ['domain', 'sql', 'etl'],
  server: ['domain', 'sql', 'server'],
  // The browser takes the HTTP contract's types and schemas from server/api, nothing else of the server.
  web: ['domain', 'web', 'server/api'],
  cli: ['domain', 'sql', 'etl', 'server', 'cli'],
  bench: ['domain', 'sql', 'etl', 'server', 'cli', 'bench', 'tests/helpers'],
};
const ALLOWED_EXCEPTIONS: readonly [string, string][] = [
  // An upload is an ingest: the server hands the stored file to the same pipeline as the CLI.
  ['server/routes/uploads.ts', 'etl/'],
  ['server/upload/', 'etl/'],
  // «How people word it» shows the classifier's own phrases (never visitors' text): data of etl/classify.
  ['server/routes/topic-examples.ts', 'etl/classify/corpus/'],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFiles(rel));
    } else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Relative imports of a file, resolved to repository paths (static, dynamic and `export … from`). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] ?? '');
  return specs.map((s) => path.normalize(path.join(path.dirname(file), s)));
}

const LAYERS = Object.keys(MAY_IMPORT);
const layerOf = (file: string): string | undefined =>
  ['server/api', ...LAYERS].find((l) => file === l || file.startsWith(`${l}/`));
const files = LAYERS.filter((l) => fs.existsSync(path.join(ROOT, l))).flatMap(sourceFiles);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the tree reads as the data flows', () => {
  it('every import points down the layers', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const layer = LAYERS.find((l) => file.startsWith(`${l}/`));
      if (!layer) continue;
      for (const target of targets) {
        const allowed = MAY_IMPORT[layer] ?? [];
        if (allowed.some((l) => target.startsWith(`${l}/`))) continue;
        if (ALLOWED_EXCEPTIONS.some(([from, to]) => file.startsWith(from) && target.startsWith(to))) continue;
        if (!layerOf(target)) continue; // package files (package.json) and the like
        wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no import circles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('no circles between folders either (sql/compliance ⇄ sql/durations is a circle too)', () => {
    const folderEdges = new Map<string, Set<string>>();
    for (const [file, targets] of graph) {
      const from = path.dirname(file);
      for (const target of targets) {
        const to = path.dirname(target);
        // A folder may use its own sub-folders; only arrows between sibling or distant folders count.
        if (to === from || to.startsWith(`${from}/`) || from.startsWith(`${to}/`)) continue;
        if (!folderEdges.has(from)) folderEdges.set(from, new Set());
        folderEdges.get(from)?.add(to);
      }
    }
    const both: string[] = [];
    for (const [a, targets] of folderEdges) {
      for (const b of targets) if (a < b && folderEdges.get(b)?.has(a)) both.push(`${a} ⇄ ${b}`);
    }
    expect(both).toEqual([]);
  });

  it('sees the tree it checks', () => {
    // A rule over no files would pass on anything: make sure the walk found the layers.
    expect(files.length).toBeGreaterThan(150);
    expect([...graph.values()].flat().length).toBeGreaterThan(400);
  });
});
