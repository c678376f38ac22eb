import fs from 'node:fs';
import { inject } from 'vitest';

/** The run's migrated template (made by template-setup.ts, vitest's globalSetup), as suites see it. */
export type TemplateInfo =
  | {
    kind: 'pglite'; root: string; /** closed, migrated data directory */ dataDir: string; /** its dumpDataDir tarball */ tarball: string;
    /** dumpDataDir tarball of a database just made by initdb, before any migration */ emptyTarball: string;
  }
  | { kind: 'postgres'; /** database to CREATE DATABASE … TEMPLATE from */ database: string };

export const TEMPLATE_KEY = 'VITRINA_TEST_TEMPLATE';

declare module 'vitest' {
  export interface ProvidedContext {
    VITRINA_TEST_TEMPLATE: string;
  }
}

/** The template of this run, or undefined when the suite runs without the global setup. */
export function runTemplate(): TemplateInfo | undefined {
  let raw: string | undefined;
  try {
    raw = inject(TEMPLATE_KEY);
  } catch {
    raw = undefined; // not inside a vitest worker (a script importing the helpers)
  }
  return raw ? JSON.parse(raw) as TemplateInfo : undefined;
}

const tarballs = new Map<string, Blob>();

/** An embedded template's tarball, read once per worker. */
export function templateBlob(file: string): Blob {
  let blob = tarballs.get(file);
  if (!blob) {
    blob = new Blob([fs.readFileSync(file)]);
    tarballs.set(file, blob);
  }
  return blob;
}
