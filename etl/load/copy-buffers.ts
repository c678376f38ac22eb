/**
 * COPY text of a batch written as UTF-8 straight into a byte buffer, and the buffers reused from batch
 * to batch. Holding a batch as thousands of line strings until it was sent made every line outlive a
 * young-generation collection: promoted, then collected by a full one, which let the heap of a
 * million-row load swell to ~200 MB and spent a fifth of its CPU in the collector. Written into a
 * buffer, a line dies at once, and the batches' memory is a few reused megabytes.
 */
export class CopyBuffer {
  private bytes: Buffer<ArrayBuffer>;
  private used = 0;

  constructor(initialBytes = 2 << 20) {
    this.bytes = Buffer.allocUnsafe(initialBytes);
  }

  /** Appends one COPY line (it ends in '\n'). */
  add(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = line.length * 3;
    if (this.used + room > this.bytes.length) this.grow(this.used + room);
    this.used += this.bytes.write(line, this.used, 'utf8');
  }

  get byteLength(): number {
    return this.used;
  }

  /** The text so far; valid until the buffer is cleared or written to again. */
  view(): Buffer<ArrayBuffer> {
    return this.bytes.subarray(0, this.used);
  }

  clear(): void {
    this.used = 0;
  }

  private grow(atLeast: number): void {
    const next = Buffer.allocUnsafe(Math.max(atLeast, this.bytes.length * 2));
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }
}

/**
 * The buffers of batches in flight: one being filled while the one before it is sent. A buffer goes
 * back when its batch has been written, so a load holds as many as it has batches in flight.
 */
export class CopyBufferPool {
  private readonly free: CopyBuffer[] = [];

  take(): CopyBuffer {
    const buffer = this.free.pop() ?? new CopyBuffer();
    buffer.clear();
    return buffer;
  }

  give(buffer: CopyBuffer): void {
    this.free.push(buffer);
  }
}
