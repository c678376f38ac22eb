import type { InspectionField, ReadResult, VisitField } from '../model.ts';
import { readCsv } from './read-csv.ts';
export async function readFile(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  return readCsv(path);
}
