/** A clock that reads `start` now and runs on in real time: for a server whose day a test sets. */
export function clockFrom(start: number): () => number {
  const offset = start - Date.now();
  return () => Date.now() + offset;
}
