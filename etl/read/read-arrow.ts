import { open } from 'node:fs/promises';
import { DataType, RecordBatchReader, type AsyncRecordBatchFileReader, type AsyncRecordBatchStreamReader } from 'apache-arrow';
import {
  RejectedFileError, type InspectionField, type RawRecord, type RawValue, type ReadRepairs, type ReadResult, type VisitField,
} from '../model.ts';
import { checkArrowFrames } from './arrow-frames.ts';
import { cellReader } from './arrow-values.ts';
import { matchHeaders, noArrivalColumn } from './match-headers.ts';
import { capRaw } from './raw-text.ts';
import { stripNuls } from './strip-nul.ts';

type BatchReader = AsyncRecordBatchFileReader | AsyncRecordBatchStreamReader;

/** Opens the file or stream and reads its schema; the caller closes the handle when done. */
async function openArrow(path: string): Promise<{ reader: BatchReader; close: () => Promise<void> }> {
  const handle = await open(path, 'r');
  const close = () => handle.close().catch(() => undefined);
  try {
    const reader = await (await RecordBatchReader.from(handle)).open();
    if (!reader.schema) throw new Error('no schema message');
    return { reader, close };
  } catch {
    await close();
    throw new RejectedFileError('arrow_unreadable');
  }
}

/** A damaged schema can decode a field's name as null. */
const fieldName = (field: { name: string | null }, repairs: ReadRepairs): string => stripNuls(String(field.name ?? ''), repairs);

/** Why a cell cannot be read, in words (arrow's own are "… is not safe to convert to a number"). */
function unreadableCell(type: DataType): string {
  return DataType.isTimestamp(type) || DataType.isDate(type) || DataType.isTime(type)
    ? 'a time outside any calendar (the value is damaged)' : 'a value that cannot be read (the value is damaged)';
}

async function* streamRecords<F extends string>(path: string, columns: readonly (F | null)[], repairs: ReadRepairs): AsyncGenerator<RawRecord<F>> {
  repairs.nulsRemoved = 0;
  const { reader, close } = await openArrow(path);
  try {
    const fields = reader.schema.fields;
    const names = fields.map((f) => fieldName(f, repairs));
    const readers = fields.map((f) => cellReader(f.type));
    const batches = reader[Symbol.asyncIterator]();
    let line = 0;
    for (let block = 1; ; block++) {
      let next: IteratorResult<Awaited<ReturnType<typeof batches.next>>['value']>;
      try {
        next = await batches.next();
      } catch {
        // The framing was checked before; what arrow still cannot decode is damage inside the block.
        throw new RejectedFileError('arrow_damaged', { block });
      }
      if (next.done) break;
      const batch = next.value;
      const vectors = fields.map((_f, col) => batch.getChildAt(col));
      for (let row = 0; row < batch.numRows; row++) {
        line++;
        const values: Partial<Record<F, RawValue>> = {};
        const all: Record<string, RawValue> = {};
        let damaged: string | null = null;
        fields.forEach((f, col) => {
          const vector = vectors[col];
          let value: RawValue = null;
          try {
            value = vector ? (readers[col]?.(vector, row) ?? null) : null;
          } catch {
            damaged ??= `column "${names[col]}": ${unreadableCell(f.type)}`;
          }
          if (typeof value === 'string') value = stripNuls(value, repairs);
          all[names[col] ?? ''] = value;
          const field = columns[col];
          if (field) values[field] = value;
        });
        const raw = capRaw(JSON.stringify(all));
        yield damaged ? { line, sheet: null, raw, values: null, malformed: damaged } : { line, sheet: null, raw, values };
      }
    }
  } finally {
    await close();
  }
}

/**
 * Reads an Arrow IPC file or stream (format D) batch by batch: canonical column names (aliases also
 * work), typed timestamps turned into wall-clock or instant text as the contract says. The framing of
 * every block is checked first, so a file cut short is refused before any of it is read. No file is
 * held open between readArrow and the iteration: each iteration of `records` opens the file afresh.
 */
export async function readArrow(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  await checkArrowFrames(path);
  const { reader, close } = await openArrow(path);
  const repairs: ReadRepairs = { nulsRemoved: 0 };
  const names = reader.schema.fields.map((f) => fieldName(f, { nulsRemoved: 0 }));
  // A damaged schema may decode to a type arrow cannot read: found now, not on the first row.
  try {
    reader.schema.fields.forEach((f) => cellReader(f.type));
  } catch {
    await close();
    throw new RejectedFileError('arrow_unreadable');
  }
  await close();
  const match = matchHeaders(names);
  if (!match) throw noArrivalColumn(names, 'arrow_schema');
  if (match.kind === 'visit') {
    const columns = match.columns;
    return { format: 'arrow', unknownColumns: match.unknownColumns, repairs, records: { [Symbol.asyncIterator]: () => streamRecords(path, columns, repairs) } };
  }
  const columns = match.columns;
  return { format: 'inspection', unknownColumns: match.unknownColumns, repairs, records: { [Symbol.asyncIterator]: () => streamRecords(path, columns, repairs) } };
}
