import { RejectedFileError } from '../model.ts';
import { matchHeaders, noArrivalColumn, type HeaderMatch } from './match-headers.ts';
import { detectDelimiter, splitRecord } from './split-csv.ts';

/** Title lines an export may carry above its header ("Журнал приёма граждан, январь 2019"). */
const HEADER_SEARCH_LINES = 15;

export interface CsvHeader {
  match: HeaderMatch;
  delimiter: string;
  /** How many fields a full row has: the header up to its last named column. */
  fieldCount: number;
  /** Physical line number of the line after the header. */
  bodyLine: number;
}

/** True once the head holds enough complete non-blank lines to find the header in. */
export function headIsEnough(head: string): boolean {
  let lines = 0;
  for (let at = head.indexOf('\n'); at !== -1; at = head.indexOf('\n', at + 1)) lines++;
  return lines > HEADER_SEARCH_LINES * 4 || head.length > 1 << 20;
}

/**
 * Finds the header among the first non-blank lines of a text file: the first line that names an arrival
 * time (or, for an inspection log, inspected_at). Throws RejectedFileError naming the columns it saw.
 */
export function findCsvHeader(head: string, complete: boolean): CsvHeader {
  let from = 0;
  let lineNo = 1;
  let seen = 0;
  let firstFields: string[] | null = null;
  while (from < head.length && seen < HEADER_SEARCH_LINES) {
    const nl = head.indexOf('\n', from);
    if (nl === -1 && !complete) break;
    const end = nl === -1 ? head.length : nl;
    const line = head.slice(from, end).replace(/\r$/, '').replace(/^\uFEFF/, '');
    const next = nl === -1 ? head.length : nl + 1;
    if (line.trim() !== '') {
      seen++;
      const delimiter = detectDelimiter(line);
      const fields = splitRecord(line, delimiter) ?? line.split(delimiter);
      firstFields ??= fields;
      const match = matchHeaders(fields);
      if (match) {
        let fieldCount = fields.length;
        while (fieldCount > 1 && (fields[fieldCount - 1] ?? '').trim() === '') fieldCount--;
        return { match, delimiter, fieldCount, bodyLine: lineNo + 1 };
      }
    }
    from = next;
    lineNo++;
  }
  if (!firstFields) throw new RejectedFileError('blank_only');
  throw noArrivalColumn(firstFields);
}
