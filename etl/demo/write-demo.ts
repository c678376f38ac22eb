import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileFormat } from '../../domain/visit-codes.ts';
import { groupIntoFiles, type FileGroup } from './file-group.ts';
import { DEFAULT_SEED, defaultEndDate, generateOfficeVisits, periodDays } from './generate-visits.ts';
import { OFFICE_PLANS, type OfficePlan, type QuarantinePlant } from './office-plan.ts';
import { DEMO_OFFICES, type DemoOffice } from './scenario.ts';
import { writeArrow } from './write-arrow.ts';
import { writeCsv } from './write-csv.ts';
import { inspectionsCsv } from './write-inspections.ts';
import { writeJsonl } from './write-jsonl.ts';
import { writeXlsx } from './write-xlsx.ts';

export interface WriteDemoOptions {
  outDir: string;
  days: number;
  /** Last day, 'YYYY-MM-DD' (Almaty); default yesterday in Asia/Almaty. */
  endDate?: string;
  seed?: number;
}

export interface DemoFile {
  path: string;
  format: FileFormat;
  encoding: 'utf8' | 'cp1251' | 'binary';
  office: DemoOffice | null;
  /** Good visit rows in the file (planted bad rows not counted). */
  visits: number;
  planted: QuarantinePlant | null;
}

export interface WriteDemoResult {
  files: string[];
  /** Good visit rows written, over all files. */
  visits: number;
  details: DemoFile[];
  endDate: string;
}

/** Source folders, as the files would arrive from the offices' systems. */
const FOLDER: Readonly<Record<OfficePlan['format'], string>> = { csv: 'e-queue', xlsx: 'journals', jsonl: 'tablet', arrow: 'regional-system' };

/** Writes the demo: every office's visit files in its own format, and inspections.csv. Same seed, same bytes. */
export async function writeDemo(opts: WriteDemoOptions): Promise<WriteDemoResult> {
  const endDate = opts.endDate ?? defaultEndDate();
  const seed = opts.seed ?? DEFAULT_SEED;
  const days = periodDays({ days: opts.days, endDate });
  const details: DemoFile[] = [];
  for (const office of DEMO_OFFICES) {
    const plan = OFFICE_PLANS[office];
    const folder = path.join(opts.outDir, FOLDER[plan.format]);
    await fs.mkdir(folder, { recursive: true });
    const visits = generateOfficeVisits(office, days, { days: opts.days, endDate, seed });
    for (const group of groupIntoFiles(office, plan, visits, days)) {
      const file = path.join(folder, plan.fileName(group.period));
      await fs.writeFile(file, await render(plan, group));
      details.push({
        path: file, format: plan.format, office, visits: group.visits.length, planted: group.plant,
        encoding: plan.format === 'csv' ? (plan.encoding === 'cp1251' ? 'cp1251' : 'utf8') : plan.format === 'jsonl' ? 'utf8' : 'binary',
      });
    }
  }
  const inspections = path.join(opts.outDir, 'inspections.csv');
  await fs.writeFile(inspections, inspectionsCsv(days, opts.days, seed));
  details.push({ path: inspections, format: 'inspection', encoding: 'utf8', office: null, visits: 0, planted: null });
  return { files: details.map((d) => d.path), visits: details.reduce((n, d) => n + d.visits, 0), details, endDate };
}

async function render(plan: OfficePlan, group: FileGroup): Promise<Uint8Array> {
  switch (plan.format) {
    case 'csv': return writeCsv(plan, group);
    case 'jsonl': return writeJsonl(plan, group);
    case 'arrow': return writeArrow(plan, group);
    case 'xlsx': return writeXlsx(plan, group);
  }
}
