import { open } from 'node:fs/promises';
import { RecordBatchReader, type AsyncRecordBatchFileReader, type AsyncRecordBatchStreamReader } from 'apache-arrow';
import { RejectedFileError, type InspectionField, type RawRecord, type RawValue, type ReadResult, type VisitField } from '../model.ts';
import { cellReader } from './arrow-values.ts';
import { matchHeaders, noArrivalColumn } from './match-headers.ts';
import { capRaw } from './raw-text.ts';

type BatchReader = AsyncRecordBatchFileReader | AsyncRecordBatchStreamReader;

/** Opens the file or stream and reads its schema; the caller closes the handle when done. */
async function openArrow(path: string): Promise<{ reader: BatchReader; close: () => Promise<void> }> {
  const handle = await open(path, 'r');
  const close = () => handle.close().catch(() => undefined);
  try {
    const reader = await (await RecordBatchReader.from(handle)).open();
    if (!reader.schema) throw new Error('no schema message');
    return { reader, close };
  } catch (error) {
    await close();
    throw new RejectedFileError(`not a readable Arrow IPC file or stream: ${(error as Error).message}`);
  }
}

async function* streamRecords<F extends string>(path: string, columns: readonly (F | null)[]): AsyncGenerator<RawRecord<F>> {
  const { reader, close } = await openArrow(path);
  try {
    const fields = reader.schema.fields;
    const readers = fields.map((f) => cellReader(f.type));
    let line = 0;
    for await (const batch of reader) {
      const vectors = fields.map((_f, col) => batch.getChildAt(col));
      for (let row = 0; row < batch.numRows; row++) {
        line++;
        const values: Partial<Record<F, RawValue>> = {};
        const all: Record<string, RawValue> = {};
        fields.forEach((f, col) => {
          const vector = vectors[col];
          const value = vector ? (readers[col]?.(vector, row) ?? null) : null;
          all[f.name] = value;
          const field = columns[col];
          if (field) values[field] = value;
        });
        yield { line, sheet: null, raw: capRaw(JSON.stringify(all)), values };
      }
    }
  } finally {
    await close();
  }
}

/**
 * Reads an Arrow IPC file or stream (format D) batch by batch: canonical column names (aliases also
 * work), typed timestamps turned into wall-clock or instant text as the contract says. No file is held
 * open between readArrow and the iteration: each iteration of `records` opens the file afresh.
 */
export async function readArrow(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const { reader, close } = await openArrow(path);
  const names = reader.schema.fields.map((f) => f.name);
  await close();
  const match = matchHeaders(names);
  if (!match) throw noArrivalColumn(names, 'the Arrow schema');
  if (match.kind === 'visit') {
    const columns = match.columns;
    return { format: 'arrow', unknownColumns: match.unknownColumns, records: { [Symbol.asyncIterator]: () => streamRecords(path, columns) } };
  }
  const columns = match.columns;
  return { format: 'inspection', unknownColumns: match.unknownColumns, records: { [Symbol.asyncIterator]: () => streamRecords(path, columns) } };
}
