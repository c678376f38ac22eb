import { RejectedFileError } from '../model.ts';
import { READ_LIMITS } from './read-limits.ts';

/**
 * A quote-aware CSV splitter over decoded string chunks (RFC 4180: quoted delimiters, doubled quotes,
 * newlines inside quotes; CRLF or LF). Hand-written because it is the hot loop of the ingest: a line
 * without a quote is split with String#split, which is several times faster than a general parser.
 */

export interface SplitRow {
  /** 1-based physical line where the record starts. */
  line: number;
  /** The record as written, lines joined with \n. */
  text: string;
  /** The fields, or null when a quote was opened and never closed. */
  fields: string[] | null;
}

const QUOTE = 34;
/** A quoted field longer than this (or one never closed before the end) is taken as a stray quote. */
const MAX_RECORD_LINES = 500;
const MAX_RECORD_CHARS = 1 << 20;

/** Splits one record; null when it ends inside a quoted field (the record goes on on the next line). */
export function splitRecord(text: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) {
      const end = text.indexOf(delimiter, i);
      if (end === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, end));
      i = end + 1;
      continue;
    }
    let value = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q === -1) return null;
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      value += text.slice(from, q);
      i = q + 1;
      break;
    }
    // Anything between the closing quote and the delimiter is kept as written (lenient, like Excel).
    const end = text.indexOf(delimiter, i);
    if (end === -1) {
      fields.push(value + text.slice(i));
      return fields;
    }
    fields.push(value + text.slice(i, end));
    i = end + 1;
  }
}

/**
 * The fields of a line without quotes: what line.split(delimiter) gives, from an indexOf loop that
 * V8 compiles in place (String#split calls into the runtime for every line; ~25 % slower on the
 * ingest benchmark's million lines).
 */
export function splitPlain(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let from = 0;
  for (;;) {
    const end = line.indexOf(delimiter, from);
    if (end === -1) {
      fields.push(line.slice(from));
      return fields;
    }
    fields.push(line.slice(from, end));
    from = end + delimiter.length;
  }
}

/** The delimiter of a header line: the most frequent of ; TAB , outside quotes (ties in that order). */
export function detectDelimiter(line: string): string {
  const counts = new Map<string, number>([[';', 0], ['\t', 0], [',', 0]]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ';';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

/** Feeds chunks in, takes whole records out; blank lines outside quotes are skipped (but counted). */
export class CsvSplitter {
  private rest = '';
  private pending: string[] = [];
  private pendingChars = 0;
  private pendingLine = 0;

  /** Lines before firstLine (title lines, the header) are passed over unread. */
  constructor(
    private readonly delimiter: string,
    private readonly firstLine = 1,
    private readonly maxLineChars: number = READ_LIMITS.lineChars,
  ) {}

  private nextLine = 1;

  push(chunk: string, out: SplitRow[]): void {
    const text = this.rest + chunk;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl === -1) break;
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.takeLine(text.slice(from, end), this.nextLine++, out);
      from = nl + 1;
    }
    this.rest = text.slice(from);
    // A line without an end would be gathered whole (a 200 MB file of one line): refused instead.
    if (this.rest.length > this.maxLineChars) throw new RejectedFileError('line_too_long', { line: this.nextLine, limit: this.maxLineChars });
  }

  end(out: SplitRow[]): void {
    if (this.rest !== '') {
      const last = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
      this.rest = '';
      this.takeLine(last, this.nextLine++, out);
    }
    while (this.pending.length) this.giveUpPending(out);
  }

  private takeLine(line: string, lineNo: number, out: SplitRow[]): void {
    if (lineNo < this.firstLine) return;
    if (this.pending.length) {
      this.pending.push(line);
      this.pendingChars += line.length;
      const text = this.pending.join('\n');
      const fields = splitRecord(text, this.delimiter);
      if (fields) {
        out.push({ line: this.pendingLine, text, fields });
        this.pending = [];
      } else if (this.pending.length > MAX_RECORD_LINES || this.pendingChars > MAX_RECORD_CHARS) {
        this.giveUpPending(out);
      }
      return;
    }
    if (line.indexOf('"') === -1) {
      if (line.trim() !== '') out.push({ line: lineNo, text: line, fields: splitPlain(line, this.delimiter) });
      return;
    }
    const fields = splitRecord(line, this.delimiter);
    if (fields) out.push({ line: lineNo, text: line, fields });
    else {
      this.pending = [line];
      this.pendingChars = line.length;
      this.pendingLine = lineNo;
    }
  }

  /** A quote that never closes: its first line is one bad record, the lines after it are read again. */
  private giveUpPending(out: SplitRow[]): void {
    const [first = '', ...later] = this.pending;
    const firstLine = this.pendingLine;
    this.pending = [];
    out.push({ line: firstLine, text: first, fields: null });
    later.forEach((line, k) => this.takeLine(line, firstLine + 1 + k, out));
  }
}
