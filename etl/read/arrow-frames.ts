import { open, type FileHandle } from 'node:fs/promises';
import { Message } from 'apache-arrow';
import { ByteBuffer } from 'flatbuffers';
import { RejectedFileError } from '../model.ts';
import { readAt } from './read-at.ts';
import { READ_LIMITS } from './read-limits.ts';

const CONTINUATION = 0xffffffff;
const FILE_MAGIC = 'ARROW1';

interface Decoded { bodyLength: number; isBatch: boolean; isDictionary: boolean; rows: number; buffersEnd: number }

/**
 * Runs arrow's flatbuffer decoding with every vector length checked: a bit-flipped length (a schema of
 * two billion fields) makes arrow's decoder loop and allocate until the process dies. A vector must lie
 * inside the buffer, and the loops over vectors, which ask for the length at each step, may take no more
 * steps in all than the metadata has bytes (every element takes at least one).
 */
function withBoundedVectors<T>(capacity: number, decodeIt: () => T): T {
  const proto = ByteBuffer.prototype;
  const original = proto.__vector_len;
  let steps = capacity + 64;
  proto.__vector_len = function boundedVectorLength(this: ByteBuffer, offset: number): number {
    const length = original.call(this, offset);
    const start = offset + this.readInt32(offset) + 4;
    if (length < 0 || start + length > this.capacity() || --steps < 0) throw new RangeError('flatbuffer vector out of bounds');
    return length;
  };
  try {
    return decodeIt();
  } finally {
    proto.__vector_len = original;
  }
}

/** A message's header as arrow itself decodes it; anything it cannot decode is a damaged block. */
function decode(meta: Buffer): Decoded | null {
  return withBoundedVectors(meta.length, () => decodeUnbounded(meta));
}

function decodeUnbounded(meta: Buffer): Decoded | null {
  try {
    const message = Message.decode(meta);
    const bodyLength = message.bodyLength;
    if (message.isSchema()) {
      message.header();
      return { bodyLength, isBatch: false, isDictionary: false, rows: 0, buffersEnd: 0 };
    }
    const header = message.isRecordBatch() ? message.header() : message.isDictionaryBatch() ? message.header().data : null;
    if (!header) return null;
    const buffersEnd = header.buffers.reduce((end, b) => Math.max(end, Number(b.offset) + Number(b.length)), 0);
    return { bodyLength, isBatch: message.isRecordBatch(), isDictionary: message.isDictionaryBatch(), rows: Number(header.length), buffersEnd };
  } catch {
    return null;
  }
}

export interface ArrowFrames {
  /** Record batches in the file. */
  batches: number;
}

/**
 * Walks the IPC messages of an Arrow file or stream by their length prefixes, reading only their
 * metadata, before arrow's own reader sees them: a stream cut short, a length prefix bit-flipped to 2 GB
 * or a batch claiming more data than the file holds is refused with the block it happens in, instead of
 * arrow allocating what the prefix says or failing in its own words.
 */
export async function checkArrowFrames(path: string, limits = READ_LIMITS): Promise<ArrowFrames> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const isFile = (await readAt(handle, 0, 6)).toString('latin1') === FILE_MAGIC;
    if (isFile && (size < 14 || (await readAt(handle, size - 6, 6)).toString('latin1') !== FILE_MAGIC)) {
      // The file format ends with its footer and the magic again: without them the file was cut short.
      await walk(handle, size, 8, false, limits);
      throw new RejectedFileError('arrow_truncated', { block: null, blocks: null });
    }
    return await walk(handle, size, isFile ? 8 : 0, !isFile, limits);
  } finally {
    await handle.close();
  }
}

/** Blocks are numbered as a person counts record batches: the first batch is block 1. */
async function walk(handle: FileHandle, size: number, start: number, endAtEof: boolean, limits: typeof READ_LIMITS): Promise<ArrowFrames> {
  let pos = start;
  let batches = 0;
  let first = true;
  for (;; first = false) {
    const block = batches + 1;
    const where = { block, blocks: null };
    const cut = () => new RejectedFileError(first ? 'arrow_unreadable' : 'arrow_truncated', where);
    // A stream may end without its end-of-stream marker (a writer that was not closed): that is its end.
    if (endAtEof && pos === size && !first) return { batches };
    const prefix = await readAt(handle, pos, 8);
    if (prefix.length < 4) throw cut();
    let metaLength = prefix.readUInt32LE(0);
    let metaAt = pos + 4;
    if (metaLength === CONTINUATION) {
      if (prefix.length < 8) throw cut();
      metaLength = prefix.readUInt32LE(4);
      metaAt = pos + 8;
    }
    if (metaLength === 0) {
      if (first) throw cut();
      return { batches };
    }
    if (metaLength > limits.arrowMetadataBytes) {
      // Before the schema is read, the file is not recognisably Arrow at all.
      if (first) throw new RejectedFileError('arrow_unreadable');
      throw new RejectedFileError('arrow_metadata_too_large', { block, bytes: metaLength, limit: limits.arrowMetadataBytes });
    }
    if (metaAt + metaLength > size) throw cut();
    const decoded = decode(await readAt(handle, metaAt, metaLength));
    if (!decoded) throw new RejectedFileError(first ? 'arrow_unreadable' : 'arrow_damaged', { block });
    if (decoded.bodyLength > limits.arrowBatchBytes) {
      throw new RejectedFileError('arrow_batch_too_large', { block, bytes: decoded.bodyLength, limit: limits.arrowBatchBytes });
    }
    const bodyAt = metaAt + metaLength;
    if (bodyAt + decoded.bodyLength > size) throw cut();
    if (decoded.buffersEnd > decoded.bodyLength || decoded.rows < 0 || decoded.rows > limits.arrowBatchRows) {
      throw new RejectedFileError('arrow_damaged', { block });
    }
    if (decoded.isBatch) batches++;
    pos = bodyAt + decoded.bodyLength;
  }
}
