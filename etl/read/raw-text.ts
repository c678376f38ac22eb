/** A row's raw text is kept for quarantine; a runaway line must not bloat the database. */
export const RAW_TEXT_LIMIT = 2048;

export function capRaw(text: string): string {
  return text.length > RAW_TEXT_LIMIT ? `${text.slice(0, RAW_TEXT_LIMIT)}…` : text;
}
