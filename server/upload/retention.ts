import fs from 'node:fs/promises';
import path from 'node:path';

/** Written into an upload's folder once its ingest has answered: a folder without it was cut off. */
export const INGESTED_MARK = '.ingested';
const DAY_MS = 86_400_000;
/** An upload still without its mark after this long was killed (a server restart, a dropped connection). */
const PARTIAL_AFTER_MS = 3_600_000;

export const DEFAULT_KEEP_DAYS = 90;

export function uploadsRoot(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/** Removes an upload's folder and everything in it (a refused or broken upload). */
export async function removeUpload(dir: string | undefined): Promise<void> {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
}

/**
 * After the ingest: rejected files are deleted at once (they hold nothing anyone may audit, and may be
 * hostile); the rest stay for the audit period, marked as complete. An upload left empty is removed.
 */
export async function settleUpload(dir: string, rejectedFiles: readonly string[]): Promise<void> {
  await Promise.all(rejectedFiles.map((f) => fs.rm(f, { force: true })));
  const left = await fs.readdir(dir).catch(() => []);
  if (left.length === 0) await removeUpload(dir);
  else await fs.writeFile(path.join(dir, INGESTED_MARK), new Date().toISOString());
}

export interface PruneResult {
  removed: number;
  bytes: number;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(p) : (await fs.stat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/**
 * Deletes uploads kept longer than keepDays, uploads that never finished (no mark after an hour) and
 * empty folders. Returns how many folders went and the bytes they held.
 */
export async function pruneUploads(dataDir: string, { keepDays = DEFAULT_KEEP_DAYS, now = new Date() } = {}): Promise<PruneResult> {
  const root = uploadsRoot(dataDir);
  const result: PruneResult = { removed: 0, bytes: 0 };
  for (const entry of await fs.readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    const [stat, marked, files] = await Promise.all([
      fs.stat(dir), fs.stat(path.join(dir, INGESTED_MARK)).then(() => true, () => false), fs.readdir(dir),
    ]);
    const age = now.getTime() - stat.mtime.getTime();
    const expired = age > keepDays * DAY_MS;
    const partial = !marked && age > PARTIAL_AFTER_MS;
    if (!expired && !partial && files.length > 0) continue;
    result.bytes += await folderBytes(dir);
    await removeUpload(dir);
    result.removed++;
  }
  return result;
}
