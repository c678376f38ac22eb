import type { FileHandle } from 'node:fs/promises';

/** Up to `length` bytes of a file from `position` (fewer at its end). */
export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}
