/**
 * PostgreSQL COPY text format: tab-separated, \N for null, and backslash escapes for the characters
 * that would otherwise end a field or a line. Text from offices can hold any of them.
 */
export function copyText(value: string): string {
  // Fast path: most values need no escaping.
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyNullableText(value: string | null): string {
  return value === null ? '\\N' : copyText(value);
}

export function copyTime(value: Date | null): string {
  return value === null ? '\\N' : value.toISOString();
}

export function copyBool(value: boolean | null): string {
  return value === null ? '\\N' : value ? 't' : 'f';
}

/** Groups lines into chunks of about `size` characters: fewer, larger writes to the COPY stream. */
export async function* chunkLines(lines: AsyncIterable<string>, size = 1 << 20): AsyncGenerator<string> {
  let buf = '';
  for await (const line of lines) {
    buf += line;
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf.length > 0) yield buf;
}
