/** A row's raw text is kept for quarantine; a runaway line must not bloat the database. */
export const RAW_TEXT_LIMIT = 2048;

/**
 * The raw text, capped, as a string of its own. A line is a slice of a decoded chunk and V8 keeps the
 * whole chunk alive while the slice lives; a few quarantined rows spread over a big file would pin all of
 * it. Concatenating then slicing makes V8 flatten into a fresh copy.
 */
export function capRaw(text: string): string {
  const capped = text.length > RAW_TEXT_LIMIT ? `${text.slice(0, RAW_TEXT_LIMIT)}…` : text;
  return ` ${capped}`.slice(1);
}
