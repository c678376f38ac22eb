/**
 * A batch's COPY data written straight into a byte buffer, and the buffers reused from batch to
 * batch. Holding a batch as thousands of line strings until it was sent made every line outlive a
 * young-generation collection: promoted, then collected by a full one, which let the heap of a
 * million-row load swell to ~200 MB and spent a fifth of its CPU in the collector. Written into a
 * buffer, a row dies at once, and the batches' memory is a few reused megabytes.
 *
 * The format is PostgreSQL's binary COPY (`beginBinary`, the field writers, `endBinary`): the server
 * reads timestamps, dates and numbers as they are stored instead of parsing their text (~11 % of a
 * COPY into visits), and Node formats no timestamp.
 */
export class CopyBuffer {
  private bytes: Buffer<ArrayBuffer>;
  private used = 0;
  private readonly fields = new Map<string, Buffer>();
  private lastDate = '';
  private lastDays = 0;

  constructor(initialBytes = 2 << 20) {
    this.bytes = Buffer.allocUnsafe(initialBytes);
  }

  /** The binary format's signature, flags and header extension (PostgreSQL docs, COPY, "Binary Format"). */
  beginBinary(): void {
    this.ensure(BINARY_HEADER.length);
    this.used += BINARY_HEADER.copy(this.bytes, this.used);
  }

  /** The file trailer: a field count of -1. */
  endBinary(): void {
    this.int16(-1);
  }

  /** A tuple's field count. */
  row(fields: number): void {
    this.int16(fields);
  }

  nul(): void {
    this.int32(-1);
  }

  text(value: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.ensure(4 + value.length * 3);
    const at = this.used;
    const b = this.bytes;
    // Keys, hashes and dates are ASCII: stored a byte a character here, cheaper than a call into
    // the encoder for a few dozen characters; the encoder takes any text that is not.
    const n = value.length;
    let i = 0;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      b[at + 4 + i] = c;
    }
    const length = i === n ? n : b.write(value, at + 4, 'utf8');
    b[at] = length >>> 24;
    b[at + 1] = length >>> 16;
    b[at + 2] = length >>> 8;
    b[at + 3] = length;
    this.used = at + 4 + length;
  }

  textOrNull(value: string | null): void {
    if (value === null) this.nul();
    else this.text(value);
  }

  /**
   * A text field that repeats from row to row (an office code, a category, an outcome): its length and
   * UTF-8 bytes are encoded once and copied after that. Up to 4,096 values are kept, then forgotten.
   */
  repeatedText(value: string): void {
    let field = this.fields.get(value);
    if (field === undefined) {
      const bytes = Buffer.from(value, 'utf8');
      field = Buffer.allocUnsafe(4 + bytes.length);
      field.writeInt32BE(bytes.length, 0);
      bytes.copy(field, 4);
      if (this.fields.size >= 4096) this.fields.clear();
      this.fields.set(value, field);
    }
    const n = field.length;
    this.ensure(n);
    const b = this.bytes;
    const at = this.used;
    // A short field is copied byte by byte: TypedArray#set costs more than that for a few bytes.
    if (n <= 32) for (let i = 0; i < n; i++) b[at + i] = field[i]!;
    else b.set(field, at);
    this.used = at + n;
  }

  repeatedTextOrNull(value: string | null): void {
    if (value === null) this.nul();
    else this.repeatedText(value);
  }

  bool(value: boolean | null): void {
    if (value === null) return this.nul();
    this.int32(1);
    this.ensure(1);
    this.bytes[this.used++] = value ? 1 : 0;
  }

  int2(value: number): void {
    this.int32(2);
    this.int16(value);
  }

  int4(value: number): void {
    this.int32(4);
    this.int32(value);
  }

  /** An int8 from a safe integer. */
  int8(value: number): void {
    this.int32(8);
    this.int64(value);
  }

  float4(value: number): void {
    this.int32(4);
    this.ensure(4);
    this.used = this.bytes.writeFloatBE(value, this.used);
  }

  /** A timestamptz from epoch ms: microseconds since 2000-01-01 UTC. */
  timestamp(ms: number | null): void {
    if (ms === null) return this.nul();
    this.int32(8);
    this.int64((ms - PG_EPOCH_MS) * 1000);
  }

  /** A date from 'YYYY-MM-DD': days since 2000-01-01. */
  date(value: string): void {
    // A batch's rows share a few days: each is read once in a row.
    if (value !== this.lastDate) {
      const year = Number(value.slice(0, 4));
      // Date.UTC reads years 0–99 as 1900–1999; a visit's day is 2018 or later anyway (contract §5).
      const ms = Date.UTC(year, Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)));
      if (!Number.isFinite(ms) || year < 1000 || value.length !== 10) throw new RangeError(`copy: a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
      this.lastDate = value;
      this.lastDays = (ms - PG_EPOCH_MS) / DAY_MS;
    }
    this.int4(this.lastDays);
  }

  /** Bytes it holds before it must grow. */
  get capacity(): number {
    return this.bytes.length;
  }

  /** The data so far; valid until the buffer is cleared or written to again. */
  view(): Buffer<ArrayBuffer> {
    return this.bytes.subarray(0, this.used);
  }

  clear(): void {
    this.used = 0;
  }

  // Byte stores rather than Buffer#writeInt32BE and its kin: their argument checks cost more than the store.
  private int16(value: number): void {
    this.ensure(2);
    const b = this.bytes;
    const at = this.used;
    b[at] = value >> 8;
    b[at + 1] = value;
    this.used = at + 2;
  }

  private int32(value: number): void {
    this.ensure(4);
    const b = this.bytes;
    const at = this.used;
    b[at] = value >>> 24;
    b[at + 1] = value >>> 16;
    b[at + 2] = value >>> 8;
    b[at + 3] = value;
    this.used = at + 4;
  }

  /** Big-endian two's complement of a safe integer, as two 32-bit halves (no BigInt on the hot path). */
  private int64(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`copy: an int8 must be a safe integer, got ${value}`);
    const high = Math.floor(value / 2 ** 32);
    this.int32(high);
    this.int32(value - high * 2 ** 32);
  }

  private ensure(room: number): void {
    if (this.used + room <= this.bytes.length) return;
    // By half again, not double: a batch's buffer ends up at most a third larger than its data.
    const next = Buffer.allocUnsafe(Math.max(this.used + room, Math.ceil(this.bytes.length * 1.5)));
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);

/**
 * The buffers of batches in flight: one being filled while those before it are sent. A buffer goes
 * back when its batch has been written, so a load holds as many as it has batches in flight.
 */
export class CopyBufferPool {
  private readonly free: CopyBuffer[] = [];
  /** The largest buffer given back: a new one starts that large instead of growing through copies. */
  private largest = 0;

  take(): CopyBuffer {
    const buffer = this.free.pop() ?? new CopyBuffer(this.largest || undefined);
    buffer.clear();
    return buffer;
  }

  give(buffer: CopyBuffer): void {
    this.largest = Math.max(this.largest, buffer.capacity);
    this.free.push(buffer);
  }
}
