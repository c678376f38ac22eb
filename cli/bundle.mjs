// The CLI's build: the TypeScript sources bundled by esbuild into plain JavaScript, made on first use
// and again whenever a source file changes, so there is still no build step to remember. Running
// from the build rather than through tsx's loader saves each process its loader thread (~30 MB of
// the peak of an ingest) and the per-module transform on start-up.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The modules a process starts from: the CLI and each of its commands (loaded one at a time, by
 * name), the ingest's parse worker and the uploads' read-check child.
 */
function entryPoints(root) {
  const commands = fs.readdirSync(path.join(root, 'cli', 'commands')).filter((f) => f.endsWith('.ts')).sort()
    .map((f) => path.join('cli', 'commands', f));
  return ['cli/main.ts', ...commands, 'etl/load/visit-worker.ts', 'server/upload/read-check-child.ts'];
}

/**
 * Source files keep their own location: `import.meta.url` in each is its source file's URL, so what
 * a module reads beside itself (migrations, the registry, the classifier's model) is found as before.
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/**
 * Packages bundled into the build rather than imported from node_modules at run time: both are ESM
 * spread over hundreds of files, and resolving and linking those cost every process ~100 ms of its
 * start (kysely and zod 131–174 ms imported as they are, 33–40 ms bundled). Every other package
 * stays external, as installed.
 */
const INLINED_PACKAGES = new Set(['kysely', 'zod']);

const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return INLINED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A build is current when it was made from the same entries and no input has changed since. */
function isCurrent(root, build, entries) {
  if (!build || JSON.stringify(build.entries) !== JSON.stringify(entries)) return false;
  if (!fs.existsSync(path.join(build.dir, 'cli', 'main.js'))) return false;
  for (const [file, stamp] of Object.entries(build.inputs)) {
    let st;
    try {
      st = fs.statSync(path.join(root, file));
    } catch {
      return false;
    }
    if (st.mtimeMs !== stamp[0] || st.size !== stamp[1]) return false;
  }
  return true;
}

/**
 * The folder of a current build of `root`'s CLI under outDir (default node_modules/.cache), made
 * now if there is none. Each build goes to a folder of its own, and `current.json` is switched to
 * it by a rename, so processes starting at once never read a half-written build.
 */
export async function ensureBundle({ root = ROOT, outDir = path.join(root, 'node_modules', '.cache', 'vitrina-cli') } = {}) {
  const entries = entryPoints(root);
  const pointer = path.join(outDir, 'current.json');
  const current = readJson(pointer);
  if (isCurrent(root, current, entries)) return current.dir;

  const esbuild = await import('esbuild');
  const dir = path.join(outDir, `build-${Date.now()}-${crypto.randomBytes(4).toString('hex')}`);
  const result = await esbuild.build({
    absWorkingDir: root, entryPoints: entries, outdir: dir, outbase: '.', bundle: true, splitting: true, format: 'esm',
    platform: 'node', target: 'node20', sourcemap: true, metafile: true, logLevel: 'silent',
    plugins: [externalPackages, sourceUrls], define: { VITRINA_BUNDLE_DIR: JSON.stringify(dir) },
    chunkNames: 'chunks/[name]-[hash]',
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const st = fs.statSync(path.join(root, file));
    inputs[file] = [st.mtimeMs, st.size];
  }
  const build = { dir, entries, inputs };
  const tmp = `${pointer}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, JSON.stringify(build));
  fs.renameSync(tmp, pointer);
  removeOldBuilds(outDir, dir);
  return dir;
}

/** Builds a day old are gone; younger ones may still be in use by a running process (its worker, its next command). */
function removeOldBuilds(outDir, keep) {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(outDir)) {
    const dir = path.join(outDir, name);
    if (!name.startsWith('build-') || dir === keep) continue;
    try {
      if (fs.statSync(dir).mtimeMs < dayAgo) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}
