import type { InspectionField, ReadResult, VisitField } from '../model.ts';
import { readCsv } from './read-csv.ts';
import { readJsonl } from './read-jsonl.ts';
import { sniffFormat, type ContentFormat } from './sniff-format.ts';

type Reader = (path: string) => Promise<ReadResult<VisitField> | ReadResult<InspectionField>>;

/**
 * One reader per format, all with the same signature. The XLSX and Arrow readers are imported when
 * a file of theirs arrives: exceljs and apache-arrow add ~40 MB and ~0.8 s to a process that loads
 * only CSV exports, the usual case (issue 16's memory target).
 */
const READERS: Readonly<Record<ContentFormat, Reader>> = {
  csv: readCsv,
  jsonl: readJsonl,
  xlsx: async (path) => (await import('./read-xlsx.ts')).readXlsx(path),
  arrow: async (path) => (await import('./read-arrow.ts')).readArrow(path),
};

/**
 * Opens a visit or inspection file, picking the reader by content: format 'inspection' means the records
 * carry InspectionField keys. Throws RejectedFileError when the file is refused whole (empty, not a known
 * format, no arrival-time column); records stream lazily and can be read once.
 */
export async function readFile(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  return READERS[await sniffFormat(path)](path);
}
