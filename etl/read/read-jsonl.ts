import { RejectedFileError, type InspectionField, type RawRecord, type RawValue, type ReadResult, type VisitField } from '../model.ts';
import { readTextChunks } from './decode-text.ts';
import { fieldFor, noArrivalColumn, type HeaderKind } from './match-headers.ts';
import { capRaw } from './raw-text.ts';
import { textLines, type TextLine } from './text-lines.ts';

/** Lines looked at before the first record is handed out, to tell a visit log from an inspection log. */
const SNIFF_LINES = 200;

type JsonObject = Record<string, unknown>;
type Parsed = { ok: true; object: JsonObject } | { ok: false; why: string };

function parseLine(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message may quote the line itself (an IIN among it); say only where it broke.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    return { ok: false, why: at === undefined ? 'not valid JSON' : `not valid JSON (broken at character ${Number(at) + 1})` };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { ok: true, object: value as JsonObject };
  const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return { ok: false, why: `not a JSON object: found ${found}` };
}

/** Strings, numbers, booleans and null stay as they are; a nested object or array is kept as its JSON text. */
function toRawValue(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function kindOf(keys: ReadonlySet<string>): HeaderKind | null {
  const list = [...keys];
  if (list.some((k) => fieldFor('visit', k) === 'arrived_at')) return 'visit';
  if (list.some((k) => fieldFor('inspection', k) === 'inspected_at')) return 'inspection';
  return null;
}

async function* records<F extends string>(
  peeked: TextLine[], rest: AsyncIterator<TextLine>, mapKey: (key: string) => F | null, unknown: string[],
): AsyncGenerator<RawRecord<F>> {
  const known = new Map<string, F | null>();
  const seenUnknown = new Set(unknown);
  const toRecord = ({ line, text }: TextLine): RawRecord<F> | null => {
    if (text.trim() === '') return null;
    const raw = capRaw(text);
    const parsed = parseLine(text);
    if (!parsed.ok) return { line, sheet: null, raw, values: null, malformed: parsed.why };
    const values: Partial<Record<F, RawValue>> = {};
    for (const [key, value] of Object.entries(parsed.object)) {
      let field = known.get(key);
      if (field === undefined) known.set(key, (field = mapKey(key)));
      if (field === null) {
        if (!seenUnknown.has(key)) unknown.push(key), seenUnknown.add(key);
      } else if (!(field in values)) values[field] = toRawValue(value);
    }
    return { line, sheet: null, raw, values };
  };
  for (const line of peeked) {
    const record = toRecord(line);
    if (record) yield record;
  }
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const record = toRecord(next.value);
    if (record) yield record;
  }
}

/**
 * Reads JSON Lines (format C, or an inspection log): one object per line, keys canonical or any header
 * alias. A line that is not a JSON object becomes a malformed record; the rest go on.
 * unknownColumns lists the keys seen so far: complete once the records have been read.
 */
export async function readJsonl(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const lines = textLines(readTextChunks(path));
  const peeked: TextLine[] = [];
  const keys = new Set<string>();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    peeked.push(next.value);
    const parsed = next.value.text.trim() === '' ? null : parseLine(next.value.text);
    if (parsed?.ok) Object.keys(parsed.object).forEach((k) => keys.add(k));
    if (peeked.length >= SNIFF_LINES) break;
  }
  const kind = kindOf(keys);
  if (!kind) {
    if (keys.size === 0) throw new RejectedFileError(`no JSON object in the first ${SNIFF_LINES} lines`);
    throw noArrivalColumn([...keys], 'the JSON keys');
  }
  if (kind === 'visit') {
    const unknown = [...keys].filter((k) => !fieldFor('visit', k));
    return { format: 'jsonl', unknownColumns: unknown, records: records(peeked, lines, (k) => fieldFor('visit', k), unknown) };
  }
  const unknown = [...keys].filter((k) => !fieldFor('inspection', k));
  return { format: 'inspection', unknownColumns: unknown, records: records(peeked, lines, (k) => fieldFor('inspection', k), unknown) };
}
