import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileIdentity } from './load/file-records.ts';

/** Files named by the operator: folders are walked (sorted, hidden entries skipped). */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const stat = fs.statSync(p); // a missing path throws ENOENT: a usage error for the CLI
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(p).filter((e) => !e.startsWith('.')).sort();
      out.push(...expandPaths(entries.map((e) => path.join(p, e))));
    } else if (stat.isFile()) {
      out.push(p);
    }
  }
  return out;
}

/** SHA-256 and size, streamed: "the same file" means the same bytes, whatever its name. */
export async function identifyFile(filePath: string): Promise<FileIdentity> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { path: filePath, sha256: hash.digest('hex'), bytes };
}
