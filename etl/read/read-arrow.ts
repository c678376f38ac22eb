import { open } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch, type Vector } from 'apache-arrow';
import { RejectedFileError, type InspectionField, type RawRecord, type RawValue, type ReadResult, type VisitField } from '../model.ts';
import { cellReader } from './arrow-values.ts';
import { matchHeaders, noArrivalColumn } from './match-headers.ts';
import { capRaw } from './raw-text.ts';

type Reader = AsyncIterable<RecordBatch> & { schema: { fields: { name: string; type: import('apache-arrow').DataType }[] } };

async function* records<F extends string>(
  reader: Reader, columns: readonly (F | null)[], close: () => Promise<void>,
): AsyncGenerator<RawRecord<F>> {
  const fields = reader.schema.fields;
  const readers = fields.map((f) => cellReader(f.type));
  let line = 0;
  try {
    for await (const batch of reader) {
      const vectors = fields.map((_f, col) => batch.getChildAt(col));
      for (let row = 0; row < batch.numRows; row++) {
        line++;
        const values: Partial<Record<F, RawValue>> = {};
        const all: Record<string, RawValue> = {};
        columns.forEach((field, col) => {
          const vector = vectors[col] as Vector | null | undefined;
          const value = vector ? (readers[col]?.(vector, row) ?? null) : null;
          all[fields[col]?.name ?? String(col)] = value;
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
 * work), typed timestamps turned into wall-clock or instant text as the contract says.
 */
export async function readArrow(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const handle = await open(path, 'r');
  const close = () => handle.close().catch(() => undefined);
  let reader: Reader;
  try {
    const opened = await RecordBatchReader.from(handle);
    reader = (await opened.open()) as unknown as Reader;
    if (!reader.schema) throw new Error('no schema message');
  } catch (error) {
    await close();
    throw new RejectedFileError(`not a readable Arrow IPC file or stream: ${(error as Error).message}`);
  }
  const names = reader.schema.fields.map((f) => f.name);
  const match = matchHeaders(names);
  if (!match) {
    await close();
    throw noArrivalColumn(names, 'the Arrow schema');
  }
  if (match.kind === 'visit') {
    return { format: 'arrow', unknownColumns: match.unknownColumns, records: records(reader, match.columns, close) };
  }
  return { format: 'inspection', unknownColumns: match.unknownColumns, records: records(reader, match.columns, close) };
}
