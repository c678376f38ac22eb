import type { InspectionField, ReadResult, VisitField } from '../model.ts';
import { readArrow } from './read-arrow.ts';
import { readCsv } from './read-csv.ts';
import { readJsonl } from './read-jsonl.ts';
import { readXlsx } from './read-xlsx.ts';
import { sniffFormat, type ContentFormat } from './sniff-format.ts';

type Reader = (path: string) => Promise<ReadResult<VisitField> | ReadResult<InspectionField>>;

/** One reader per format, all with the same signature. */
const READERS: Readonly<Record<ContentFormat, Reader>> = { csv: readCsv, xlsx: readXlsx, jsonl: readJsonl, arrow: readArrow };

/**
 * Opens a visit or inspection file, picking the reader by content: format 'inspection' means the records
 * carry InspectionField keys. Throws RejectedFileError when the file is refused whole (empty, not a known
 * format, no arrival-time column); records stream lazily and can be read once.
 */
export async function readFile(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  return READERS[await sniffFormat(path)](path);
}
