import { RejectedFileError } from '../model.ts';
import { READ_LIMITS } from './read-limits.ts';

export interface TextLine {
  /** 1-based physical line number. */
  line: number;
  text: string;
}

/**
 * Splits decoded chunks into physical lines (LF or CRLF), numbering every line, blank ones included.
 * A line longer than maxChars rejects the file: it would otherwise be gathered whole in memory.
 */
export async function* textLines(chunks: AsyncIterable<string>, maxChars: number = READ_LIMITS.lineChars): AsyncGenerator<TextLine> {
  let rest = '';
  let line = 1;
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line: line++, text: text.slice(from, end) };
      from = nl + 1;
    }
    rest = text.slice(from);
    if (rest.length > maxChars) throw new RejectedFileError('line_too_long', { line, limit: maxChars });
  }
  if (rest !== '') yield { line, text: rest.replace(/\r$/, '') };
}
