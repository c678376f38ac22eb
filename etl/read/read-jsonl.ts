import { RejectedFileError, type InspectionField, type RawRecord, type RawValue, type ReadRepairs, type ReadResult, type VisitField } from '../model.ts';
import { readTextChunks } from './decode-text.ts';
import { fieldFor, noArrivalColumn, type HeaderKind } from './match-headers.ts';
import { capRaw } from './raw-text.ts';
import { stripNuls } from './strip-nul.ts';
import { textLines } from './text-lines.ts';

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

/**
 * Strings, numbers, booleans and null stay as they are; a nested object or array is kept as its JSON text.
 * A NUL written as \u0000 is taken out like a raw one.
 */
function toRawValue(value: unknown, repairs: ReadRepairs): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return stripNuls(value, repairs);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return stripNuls(JSON.stringify(value).replace(/\\u0000/g, '\0'), repairs);
}

function kindOf(keys: ReadonlySet<string>): HeaderKind | null {
  const list = [...keys];
  if (list.some((k) => fieldFor('visit', k) === 'arrived_at')) return 'visit';
  if (list.some((k) => fieldFor('inspection', k) === 'inspected_at')) return 'inspection';
  return null;
}

async function* streamRecords<F extends string>(
  path: string, mapKey: (key: string) => F | null, unknown: string[], repairs: ReadRepairs,
): AsyncGenerator<RawRecord<F>> {
  repairs.nulsRemoved = 0;
  const known = new Map<string, F | null>();
  const seenUnknown = new Set(unknown);
  for await (const { line, text } of textLines(readTextChunks(path, repairs))) {
    if (text.trim() === '') continue;
    const raw = capRaw(text);
    const parsed = parseLine(text);
    if (!parsed.ok) {
      yield { line, sheet: null, raw, values: null, malformed: parsed.why };
      continue;
    }
    const values: Partial<Record<F, RawValue>> = {};
    for (const [written, value] of Object.entries(parsed.object)) {
      const key = stripNuls(written, repairs);
      let field = known.get(key);
      if (field === undefined) known.set(key, (field = mapKey(key)));
      if (field !== null) {
        if (!(field in values)) values[field] = toRawValue(value, repairs);
      } else if (!seenUnknown.has(key)) {
        seenUnknown.add(key);
        unknown.push(key);
      }
    }
    yield { line, sheet: null, raw, values };
  }
}

/** Keys of the objects among the first lines, which tell a visit log from an inspection log. */
async function sniffKeys(path: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let seen = 0;
  for await (const { text } of textLines(readTextChunks(path))) {
    if (++seen > SNIFF_LINES) break;
    const parsed = text.trim() === '' ? null : parseLine(text);
    if (parsed?.ok) Object.keys(parsed.object).forEach((k) => keys.add(k.replace(/\0/g, '')));
  }
  return keys;
}

/**
 * Reads JSON Lines (format C, or an inspection log): one object per line, keys canonical or any header
 * alias. A line that is not a JSON object becomes a malformed record; the rest go on. unknownColumns
 * lists the keys seen so far: complete once the records have been read. Each iteration reads the file afresh.
 */
export async function readJsonl(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const keys = await sniffKeys(path);
  const kind = kindOf(keys);
  if (!kind) {
    if (keys.size === 0) throw new RejectedFileError('no_json_object', { lines: SNIFF_LINES });
    throw noArrivalColumn([...keys], 'json_keys');
  }
  const repairs: ReadRepairs = { nulsRemoved: 0 };
  if (kind === 'visit') {
    const unknown = [...keys].filter((k) => !fieldFor('visit', k));
    const records = { [Symbol.asyncIterator]: () => streamRecords(path, (k) => fieldFor('visit', k), unknown, repairs) };
    return { format: 'jsonl', unknownColumns: unknown, records, repairs };
  }
  const unknown = [...keys].filter((k) => !fieldFor('inspection', k));
  const records = { [Symbol.asyncIterator]: () => streamRecords(path, (k) => fieldFor('inspection', k), unknown, repairs) };
  return { format: 'inspection', unknownColumns: unknown, records, repairs };
}
